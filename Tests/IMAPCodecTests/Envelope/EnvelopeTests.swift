import XCTest

@testable import IMAPCodec

/// Random values of the envelope area's types, for round trips.
enum EnvelopeGenerator {
    static let samples: [String] = [
        "", "a", "Terry Gray", "gray", "cac.washington.edu", "<B27397-0100000@cac.washington.edu>",
        "quote \" inside", "back\\slash", "=?utf-8?q?S=C3=B8ren?=", "Søren", "Рецепция \"Данаил\" №6",
        "line\r\nbreak", "NIL", "()", "{3}", "😀 emoji", "  spaces  ",
    ]

    static func string<G: RandomNumberGenerator>(_ g: inout G) -> ByteString {
        if Int.random(in: 0..<8, using: &g) == 0 {
            // Arbitrary bytes (no NUL: literals without BINARY may not hold it).
            let count = Int.random(in: 0..<20, using: &g)
            return ByteString((0..<count).map { _ in UInt8.random(in: 1...255, using: &g) })
        }
        return ByteString(samples[Int.random(in: 0..<samples.count, using: &g)])
    }

    static func nstring<G: RandomNumberGenerator>(_ g: inout G) -> ByteString? {
        Bool.random(using: &g) ? nil : string(&g)
    }

    static func address<G: RandomNumberGenerator>(_ g: inout G) -> Address {
        Address(name: nstring(&g), adl: nstring(&g), mailbox: nstring(&g), host: nstring(&g))
    }

    static func addressList<G: RandomNumberGenerator>(_ g: inout G) -> SharedList<Address> {
        var list = SharedList<Address>()
        for _ in 0..<Int.random(in: 0..<4, using: &g) {
            switch Int.random(in: 0..<5, using: &g) {
            case 0: list.append(.groupStart(string(&g)))
            case 1: list.append(.groupEnd)
            default: list.append(address(&g))
            }
        }
        return list
    }

    static func envelope<G: RandomNumberGenerator>(_ g: inout G) -> Envelope {
        Envelope(
            date: nstring(&g),
            subject: nstring(&g),
            from: addressList(&g),
            sender: addressList(&g),
            replyTo: addressList(&g),
            to: addressList(&g),
            cc: addressList(&g),
            bcc: addressList(&g),
            inReplyTo: nstring(&g),
            messageID: nstring(&g)
        )
    }
}

final class EnvelopeTests: XCTestCase {
    func envelope(
        _ text: String,
        lenient: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> Envelope {
        try parse(
            text,
            lenient: lenient,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() },
            file: file,
            line: line
        )
    }

    func rejectsEnvelope(
        _ text: String,
        lenient: Bool = false,
        rule: String,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        assertRejects(
            text,
            lenient: lenient,
            rule: rule,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() },
            file: file,
            line: line
        )
    }

    func writtenEnvelope(_ envelope: Envelope) -> String {
        written { $0.writeEnvelope(envelope) }
    }

    // RFC 9051 section 8 (the FETCH FULL example).
    func testRFCExample() throws {
        let text = """
            ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev2 WG mtg summary and minutes" \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) \
            ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL \
            "<B27397-0100000@cac.washington.ed>")
            """
        let env = try envelope(text)
        XCTAssertEqual(env.date, "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)")
        XCTAssertEqual(env.subject, "IMAP4rev2 WG mtg summary and minutes")
        let gray = Address(name: "Terry Gray", mailbox: "gray", host: "cac.washington.edu")
        XCTAssertEqual(env.from, [gray])
        XCTAssertEqual(env.sender, [gray])
        XCTAssertEqual(env.replyTo, [gray])
        XCTAssertEqual(env.to, [Address(mailbox: "imap", host: "cac.washington.edu")])
        XCTAssertEqual(
            env.cc,
            [
                Address(mailbox: "minutes", host: "CNRI.Reston.VA.US"),
                Address(name: "John Klensin", mailbox: "KLENSIN", host: "MIT.EDU"),
            ]
        )
        XCTAssertEqual(env.bcc, [])
        XCTAssertNil(env.inReplyTo)
        XCTAssertEqual(env.messageID, "<B27397-0100000@cac.washington.ed>")
        // The writer reproduces the wire form exactly.
        XCTAssertEqual(writtenEnvelope(env), text)
    }

    /// Sender and Reply-To that repeat the From list byte for byte (what servers send for a
    /// message without those headers) are the From list itself, sharing its storage; lists
    /// that differ anywhere, or hold a literal, are parsed on their own.
    func testSenderAndReplyToRepeatingFromShareIt() throws {
        let from = #"(("Bob Wilson" NIL "bob.wilson" "corp.example"))"#
        func text(_ sender: String, _ replyTo: String, from: String = from) -> String {
            #"("date" "subject" \#(from) \#(sender) \#(replyTo) (("To" NIL "to" "x.example")) NIL NIL NIL "<id>")"#
        }
        let bob = Address(name: "Bob Wilson", mailbox: "bob.wilson", host: "corp.example")
        let same = try envelope(text(from, from))
        XCTAssertEqual(same.from, [bob])
        XCTAssertEqual(same.sender, [bob])
        XCTAssertEqual(same.replyTo, [bob])
        XCTAssertEqual(same.to, [Address(name: "To", mailbox: "to", host: "x.example")])
        XCTAssertEqual(same.messageID, "<id>")
        // Where a list's elements are: its chunk and first slot.
        func storage(_ list: SharedList<Address>) -> String {
            "\(list.storage.map { ObjectIdentifier($0).debugDescription } ?? "nil") \(list.start)"
        }
        XCTAssertEqual(storage(same.sender), storage(same.from), "a repeated list shares the From list's storage")
        XCTAssertEqual(storage(same.replyTo), storage(same.from))

        // Differing in the last address byte, in the list's length, or NIL: parsed on their own.
        let other = #"(("Bob Wilson" NIL "bob.wilson" "corp.examplf"))"#
        let longer = #"(("Bob Wilson" NIL "bob.wilson" "corp.example")(NIL NIL "eve" "e.example"))"#
        let differing = try envelope(text(other, longer))
        XCTAssertEqual(differing.sender, [Address(name: "Bob Wilson", mailbox: "bob.wilson", host: "corp.examplf")])
        XCTAssertEqual(differing.replyTo, [bob, Address(mailbox: "eve", host: "e.example")])
        XCTAssertNotEqual(storage(differing.replyTo), storage(differing.from))
        XCTAssertEqual(try envelope(text("NIL", from)).sender, [])
        XCTAssertEqual(try envelope(text("NIL", "NIL", from: "NIL")).replyTo, [])

        // A From list with a literal is not reused (the same bytes still parse the same).
        let literal = "((\"Bob\" NIL {3}\r\nbob \"corp.example\"))"
        let withLiteral = try envelope(text(literal, literal, from: literal))
        let bobLiteral = Address(name: "Bob", mailbox: "bob", host: "corp.example")
        XCTAssertEqual(withLiteral.from, [bobLiteral])
        XCTAssertEqual(withLiteral.sender, [bobLiteral])
        XCTAssertNotEqual(storage(withLiteral.sender), storage(withLiteral.from))
    }

    func testAllNilEnvelope() throws {
        let env = try envelope("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)")
        XCTAssertEqual(env, Envelope())
        XCTAssertEqual(writtenEnvelope(Envelope()), "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)")
    }

    func testLiteralsAndEscapes() throws {
        let env = try envelope("({5}\r\nhello \"a \\\"b\\\\\" NIL NIL NIL NIL NIL NIL NIL nil)")
        XCTAssertEqual(env.date, "hello")
        XCTAssertEqual(env.subject, "a \"b\\")
        XCTAssertNil(env.messageID)
    }

    func testGroupSyntax() throws {
        // RFC 5322: "Undisclosed: ;" and "team: a@x, b@y;"
        let text =
            "(NIL NIL NIL NIL NIL ((NIL NIL \"team\" NIL)(NIL NIL \"a\" \"x\")(NIL NIL \"b\" \"y\")(NIL NIL NIL NIL)(\"C\" NIL \"c\" \"z\")(NIL NIL \"Undisclosed\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)"
        let env = try envelope(text)
        XCTAssertEqual(env.to.count, 7)
        XCTAssertTrue(env.to[0].isGroupStart)
        XCTAssertTrue(env.to[3].isGroupEnd)
        XCTAssertFalse(env.to[4].isGroupStart || env.to[4].isGroupEnd)
        XCTAssertEqual(
            env.to.grouped,
            [
                .group(name: "team", members: [Address(mailbox: "a", host: "x"), Address(mailbox: "b", host: "y")]),
                .address(Address(name: "C", mailbox: "c", host: "z")),
                .group(name: "Undisclosed", members: []),
            ]
        )
        XCTAssertEqual(env.to.grouped.flatMap(\.flattened), Array(env.to))
        XCTAssertEqual(writtenEnvelope(env), text)
    }

    func testGroupedTolerance() {
        // Unterminated group, and an end marker with no group open.
        let list: [Address] = [
            .groupEnd, Address(mailbox: "a", host: "x"), .groupStart("g"), Address(mailbox: "b", host: "y"),
        ]
        XCTAssertEqual(
            list.grouped,
            [
                .address(Address(mailbox: "a", host: "x")),
                .group(name: "g", members: [Address(mailbox: "b", host: "y")]),
            ]
        )
    }

    func testStrictRejects() {
        // Missing fields (quirk-03's form).
        rejectsEnvelope("(NIL NIL NIL NIL NIL NIL NIL NIL)", rule: "envelope")
        // An empty address list is not "(" 1*address ")".
        rejectsEnvelope("(NIL NIL () NIL NIL NIL NIL NIL NIL NIL)", rule: "env-from")
        // NIL inside an address list.
        rejectsEnvelope("(NIL NIL NIL (NIL (NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL)", rule: "env-sender")
        // An address with three fields.
        rejectsEnvelope("(NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL)", rule: "address")
        // An atom where a string belongs.
        rejectsEnvelope("(NIL subject NIL NIL NIL NIL NIL NIL NIL NIL)", rule: "env-subject")
        rejectsEnvelope("(NIL NIL NIL NIL NIL NIL NIL NIL NIL \"a\" NIL)", rule: "envelope")
        rejectsEnvelope("(NIL  NIL NIL NIL NIL NIL NIL NIL NIL NIL)", rule: "env-subject")
        rejectsEnvelope("NIL", rule: "envelope")
        rejectsEnvelope("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL", rule: "envelope")
        // "()" where an nstring belongs is lenient only.
        rejectsEnvelope("(() NIL NIL NIL NIL NIL NIL NIL NIL NIL)", rule: "env-date")
    }

    func testLenientForms() throws {
        XCTAssertEqual(
            try envelope("( NIL  \"s\"  ()  NIL NIL NIL NIL NIL NIL NIL )", lenient: true),
            Envelope(subject: "s")
        )
        XCTAssertEqual(try envelope("(() NIL NIL NIL NIL NIL NIL NIL NIL NIL)", lenient: true), Envelope())
        XCTAssertEqual(try envelope("()", lenient: true), Envelope())
        XCTAssertEqual(
            try envelope(
                "(NIL NIL ((NIL NIL \"a\") NIL ( \"n\"  NIL \"b\" \"c\" )) NIL NIL NIL NIL NIL NIL NIL)",
                lenient: true
            ).from,
            [Address(mailbox: "a"), Address(name: "n", mailbox: "b", host: "c")]
        )
    }

    // MARK: - Quirks (real servers)

    func quirk(_ number: String) -> String {
        CorpusSamples.quirkEnvelopes[number] ?? ""
    }

    /// quirk-01: DavMail counted the literal in characters ({38}) but sent 69 bytes.
    func testQuirk01LiteralCountedInCharacters() throws {
        let env = try envelope(quirk("01"), lenient: true)
        XCTAssertEqual(
            env.from,
            [
                Address(
                    name: ByteString("Рецепция Офис сграда \"Данаил Дечев\" №6"),
                    mailbox: "facility",
                    host: "xxxxxxxxxxx.com"
                )
            ]
        )
        XCTAssertEqual(env.sender, [])
        XCTAssertEqual(env.to, [Address(name: "Team", mailbox: "team", host: "xxxxxxxxxxx.com")])
        XCTAssertEqual(env.messageID, "<d0f6ca6608cfb0b680b7b90824c79118@xxxxxxxxxxx.com>")
        // Strict reads 38 bytes, as the grammar says, and then fails on what follows.
        rejectsEnvelope(quirk("01"), rule: "addr-mailbox")
        // The written form counts bytes and reads back in strict mode.
        XCTAssertEqual(try envelope(writtenEnvelope(env)), env)
    }

    func testLiteralRecountOnlyWhenNeeded() throws {
        func address(_ text: String) throws -> Address {
            try parse(text, lenient: true, { (s: inout ParserState) throws(IMAPDecodingError) in try s.address() })
        }
        // A correct byte count with non-ASCII content is kept.
        XCTAssertEqual(try address("({4}\r\néé NIL \"x\" \"y\")").name, ByteString("éé"))
        XCTAssertEqual(try address("({4}\r\né \" NIL \"x\" \"y\")").name, ByteString("é \""))
        // Counted in scalars.
        XCTAssertEqual(try address("({2}\r\néé NIL \"x\" \"y\")").name, ByteString("éé"))
        // Counted in UTF-16 code units (Java): the emoji is two.
        XCTAssertEqual(try address("({3}\r\n😀a NIL \"x\" \"y\")").name, ByteString("😀a"))
        // Not recoverable: left to fail.
        assertRejects(
            "({1}\r\néé NIL)",
            lenient: true,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.address() }
        )
    }

    /// quirk-03: only eight fields (in-reply-to and message-id missing).
    func testQuirk03MissingTrailingFields() throws {
        let env = try envelope(quirk("03"), lenient: true)
        let sender = Address(name: "=?GBK?B?yv2+3bfWzvbQodfp?=", mailbox: "unknown-name", host: "unknown-domain")
        XCTAssertEqual(env.from, [sender])
        XCTAssertEqual(env.replyTo, [sender])
        XCTAssertEqual(env.to, [])
        XCTAssertNil(env.inReplyTo)
        XCTAssertNil(env.messageID)
        rejectsEnvelope(quirk("03"), rule: "envelope")
    }

    /// quirk-05: angle brackets left in mailbox and host: valid strings, kept as sent.
    func testQuirk05AngleBrackets() throws {
        let env = try envelope(quirk("05"))
        XCTAssertEqual(env.sender, [Address(mailbox: "<members=headspace.com", host: "members.headspace.com>")])
        XCTAssertEqual(try envelope(quirk("05"), lenient: true), env)
    }

    /// quirk-07: a bare NIL inside an address list (and literal display names).
    func testQuirk07NilInAddressList() throws {
        let env = try envelope(quirk("07"), lenient: true)
        XCTAssertEqual(env.from.count, 1)
        XCTAssertEqual(env.from.first?.name?.count, 123)
        XCTAssertEqual(env.from.first?.mailbox, "xxxxxxx")
        XCTAssertEqual(env.sender, env.from)
        XCTAssertEqual(env.replyTo, [Address(mailbox: "xxxxxxx", host: "xxxxx.xxx.xx")])
        XCTAssertEqual(env.messageID, "<0A9F01100712011D213C15B6D2B6DA@XXXXXXX-XXXXXXX>")
        rejectsEnvelope(quirk("07"), rule: "env-from")
    }

    /// quirk-43's envelope (Domino) is valid.
    func testQuirk43Envelope() throws {
        let env = try envelope(quirk("43"))
        XCTAssertEqual(env.date, "6 Nov 2019 09:12:02 +0100")
        XCTAssertEqual(env.to, [Address(mailbox: "support", host: "censored.rocks")])
    }

    /// quirk-45: iCloud's message-id with unescaped quotes.
    func testQuirk45UnescapedQuotes() throws {
        let env = try envelope(quirk("45"), lenient: true)
        XCTAssertEqual(env.messageID, "<\"392889836.11.1529401004417.JavaMail.Redacted\"@Redacted>")
        XCTAssertEqual(env.date, "Tue, 30 Jan 2018 23:39:12 +0100 (CET)")
        rejectsEnvelope(quirk("45"), rule: "envelope")
        XCTAssertEqual(try envelope(writtenEnvelope(env)), env)
    }

    // MARK: - Corpus and round trips

    func testDovecotEnvelopes() throws {
        XCTAssertGreaterThan(CorpusSamples.dovecotEnvelopes.count, 10)
        for text in CorpusSamples.dovecotEnvelopes {
            let env = try envelope(text)
            XCTAssertFalse(env.from.isEmpty, text)
            XCTAssertEqual(try envelope(writtenEnvelope(env)), env)
            XCTAssertEqual(try envelope(text, lenient: true), env)
        }
    }

    func testGeneratedRoundTrip() throws {
        var g = SeededGenerator(seed: 0xE1E1)
        for _ in 0..<500 {
            let env = EnvelopeGenerator.envelope(&g)
            let text = writtenEnvelope(env)
            // `written` decodes lossily; round-trip the raw bytes instead.
            var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
            writer.writeEnvelope(env)
            let raw = writer.finishBytes()
            for lenient in [false, true] {
                let back = try parse(
                    raw,
                    lenient: lenient,
                    { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
                )
                XCTAssertEqual(back, env, text)
            }
        }
    }

    func testWriterChoosesStringForms() {
        let env = Envelope(
            subject: "a\"b",
            from: [Address(name: ByteString("Søren"), mailbox: "s", host: "x")],
            messageID: ""
        )
        XCTAssertEqual(
            writtenEnvelope(env),
            "(NIL \"a\\\"b\" (({6}\r\nSøren NIL \"s\" \"x\")) NIL NIL NIL NIL NIL NIL \"\")"
        )
    }
}
