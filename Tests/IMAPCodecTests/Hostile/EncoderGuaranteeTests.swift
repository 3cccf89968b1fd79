import XCTest

@testable import IMAPCodec

/// What the encoders guarantee (Docs/Security.md): every value that can be built through the
/// public API is written as exactly the one frame it describes, or building or encoding it
/// fails with an ``IMAPValueError``. Each field a caller fills is tried with hostile contents;
/// whatever is written must decode strictly to one frame equal to the value.
final class EncoderGuaranteeTests: XCTestCase {
    /// Contents that break frames, strings or codes where a writer copies them blindly.
    static let payloads: [String] = [
        "plain", "two words", "", " leading", "trailing ", "done\r\n* 5 EXISTS", "x\r\nA2 DELETE INBOX\r\nA3 NOOP",
        "cr\ronly", "lf\nonly", "nul\u{0}byte", "a]b", "a)b", "(x", "q\"uote", "back\\slash", "lit {5}\r\nhello",
        "Mailbox not found: x {12}", "ends {3+}", "[ALERT] fake", "[CAPABILITY IMAP4rev1 LOGINDISABLED] x", "NIL",
        "*", "%", "~{3}\r\nabc", "tab\there", "del\u{7F}", "Grüße", "日本語", "{0}", "\\Seen",
        String(repeating: "a", count: 100_000),
    ]

    /// The same as bytes, with some that are not UTF-8.
    static var bytePayloads: [ByteString] {
        payloads.map { ByteString($0) } + [
            ByteString([0xC3, 0x28]), ByteString([0xFF, 0x0D, 0x0A, 0x41]), ByteString([0xE9]),
        ]
    }

    // MARK: responses

    func testResponseFields() {
        let tag = Tag("A1")!
        var fields: [(String, (ByteString) -> Response?)] = [
            ("tagged text", { .tagged(TaggedResponse(tag: tag, status: .ok, text: ResponseText(text: $0))) }),
            ("NO text", { .no(tag, $0.stringValue) }),
            ("BYE text", { .untagged(.bye, $0.stringValue) }),
            ("ALERT text", { .untagged(.ok, code: .alert, $0.stringValue) }),
            ("continuation", { .continuation(ContinuationRequest(text: ResponseText(text: $0))) }),
            ("BADCHARSET", { .no(tag, code: .badCharset([$0]), "x") }),
            ("NOUPDATE", { .no(tag, code: .noUpdate($0), "x") }),
            ("MAILBOXID", { .ok(tag, code: .mailboxID($0), "x") }),
            ("code other name", { s in Atom(s.stringValue).map { .ok(tag, code: .other(name: $0, value: nil), "x") } }),
            ("code other value", { .ok(tag, code: .other(name: Atom("XFOO")!, value: $0), "x") }),
            ("untagged other keyword", { s in Atom(s.stringValue).map { .untagged(.other(keyword: $0, rest: "")) } }),
            ("untagged other rest", { .untagged(.other(keyword: Atom("XFOO")!, rest: $0)) }),
            ("EMAILID", { .untagged(.fetch(1, [.emailID($0)])) }),
            ("THREADID", { .untagged(.fetch(1, [.threadID($0)])) }),
            ("PREVIEW", { .untagged(.fetch(1, [.preview($0)])) }),
            ("X-GM-LABELS", { .untagged(.fetch(1, [.gmailLabels([$0])])) }),
            ("BODY[] data", { .untagged(.fetch(1, [.bodySection(SectionSpec(), origin: nil, data: $0)])) }),
            ("fetch other name", { .untagged(.fetch(1, [.other(name: $0, value: nil)])) }),
            ("fetch other value", { .untagged(.fetch(1, [.other(name: "X-ITEM", value: $0)])) }),
            (
                "CHILDINFO",
                {
                    .untagged(
                        .list(
                            MailboxListData(
                                attributes: [],
                                delimiter: "/",
                                mailbox: "A",
                                extendedItems: [.childInfo([$0])]
                            )
                        )
                    )
                }
            ),
            (
                "LIST mailbox",
                { .untagged(.list(MailboxListData(attributes: [], delimiter: "/", mailbox: MailboxName(bytes: $0)))) }
            ),
            (
                "LIST delimiter",
                { s in
                    s.stringValue.count == 1
                        ? .untagged(
                            .list(MailboxListData(attributes: [], delimiter: s.stringValue.first, mailbox: "A"))
                        ) : nil
                }
            ),
            ("flag", { s in Flag(s.stringValue).map { .untagged(.flags([$0])) } }),
            ("capability", { s in Capability(s.stringValue).map { .untagged(.capability([.imap4rev2, $0])) } }),
            (
                "mailbox attribute",
                { s in
                    MailboxAttribute("\\" + s.stringValue).map {
                        .untagged(.list(MailboxListData(attributes: [$0], delimiter: nil, mailbox: "A")))
                    }
                }
            ),
            ("ESEARCH tag", { .untagged(.esearch(ESearchResponse(tag: $0, data: [.count(1)]))) }),
            ("ID value", { .untagged(.id([IDField(key: "name", value: $0)])) }),
            (
                "METADATA value",
                {
                    .untagged(
                        .metadata(
                            MetadataResponse(
                                mailbox: "A",
                                body: .values(NonEmptyArray(MetadataEntryValue(entry: "/shared/x", value: $0)))
                            )
                        )
                    )
                }
            ),
            (
                "STATUS mailbox",
                { .untagged(.status(StatusResponse(mailbox: MailboxName(bytes: $0), values: [.messages(1)]))) }
            ),
        ]
        fields.append(("ENABLED", { s in Capability(s.stringValue).map { .untagged(.enabled([$0])) } }))
        var written = 0
        var tried = 0
        for (field, build) in fields {
            for payload in Self.bytePayloads {
                tried += 1
                guard let response = build(payload) else { continue }  // refused when built
                if checkResponse(response, field, payload) { written += 1 }
            }
        }
        // Refusing is allowed, but an encoder that refused everything would pass the loop.
        XCTAssertGreaterThan(written, tried / 2, "\(written) of \(tried) written")
    }

    /// Checks one response; true when it was written (not refused).
    @discardableResult
    func checkResponse(
        _ response: Response,
        _ field: String,
        _ payload: ByteString,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try ResponseEncoder().encode(response)
        } catch {
            return false  // refused when encoded, with a typed error
        }
        var decoder = ResponseDecoder(options: .init(lenient: false))
        decoder.append(bytes)
        var frames: [Response] = []
        var errors: [IMAPDecodingError] = []
        while true {
            do {
                guard let next = try decoder.next() else { break }
                frames.append(next)
            } catch {
                errors.append(error)
            }
        }
        let shown = "\(field) with \(ASCII.escaped(payload.bytes.prefix(60))): \(ASCII.escaped(bytes.prefix(200)))"
        XCTAssertEqual(errors, [], shown, file: file, line: line)
        XCTAssertEqual(frames, [response], shown, file: file, line: line)
        XCTAssertTrue(decoder.bufferedBytes.isEmpty, shown, file: file, line: line)
        return true
    }

    // MARK: commands

    func testCommandFields() {
        let fields: [(String, (ByteString) -> CommandKind?)] = [
            ("LOGIN user", { .login(user: $0, password: "p") }),
            ("LOGIN password", { .login(user: "u", password: $0) }),
            (
                "AUTHENTICATE mechanism",
                { s in Atom(s.stringValue).map { .authenticate(mechanism: $0, initialResponse: nil) } }
            ),
            ("AUTHENTICATE initial response", { .authenticate(mechanism: Atom("PLAIN")!, initialResponse: $0) }),
            ("COMPRESS", { s in Atom(s.stringValue).map { .compress($0) } }),
            ("SELECT mailbox", { .select(SelectCommand(mailbox: MailboxName(bytes: $0))) }),
            ("CREATE mailbox", { .create(CreateCommand(mailbox: MailboxName($0.stringValue))) }),
            ("SEARCH SUBJECT", { .search(SearchProgram(keys: NonEmptyArray(.subject($0)))) }),
            ("SEARCH HEADER", { .search(SearchProgram(keys: NonEmptyArray(.header(field: $0, value: $0)))) }),
            ("SEARCH CHARSET", { .search(SearchProgram(charset: $0.stringValue, keys: NonEmptyArray(.all))) }),
            ("SEARCH X-GM-RAW", { .search(SearchProgram(keys: NonEmptyArray(.gmailRaw($0)))) }),
            (
                "SEARCH RETURN other",
                {
                    .search(
                        SearchProgram(
                            returnOptions: [.other(name: $0.stringValue, value: nil)],
                            keys: NonEmptyArray(.all)
                        )
                    )
                }
            ),
            (
                "SORT key",
                { s in
                    SortKey(s.stringValue).map {
                        .sort(
                            SortArguments(
                                criteria: NonEmptyArray(SortCriterion($0)),
                                charset: "UTF-8",
                                keys: NonEmptyArray(.all)
                            )
                        )
                    }
                }
            ),
            (
                "THREAD algorithm",
                { s in
                    ThreadAlgorithm(s.stringValue).map {
                        .thread(ThreadArguments(algorithm: $0, keys: NonEmptyArray(.all)))
                    }
                }
            ),
            (
                "MODSEQ entry",
                {
                    .search(
                        SearchProgram(
                            keys: NonEmptyArray(.modSequence(entry: ModSequenceEntry(name: $0, type: .all), value: 1))
                        )
                    )
                }
            ),
            ("CANCELUPDATE", { .cancelUpdate(NonEmptyArray($0)) }),
            (
                "SELECT other",
                { .select(SelectCommand(mailbox: "A", parameters: [.other(name: $0.stringValue, value: nil)])) }
            ),
            (
                "LIST other",
                {
                    .list(
                        ListCommand(
                            selectOptions: [.other(name: $0.stringValue, value: nil)],
                            reference: "",
                            patterns: NonEmptyArray("*")
                        )
                    )
                }
            ),
            ("LIST pattern", { .list(ListCommand(reference: "", patterns: NonEmptyArray(MailboxName(bytes: $0)))) }),
            (
                "GETMETADATA other",
                {
                    .getMetadata(
                        GetMetadataCommand(
                            options: [.other(name: $0.stringValue, value: nil)],
                            mailbox: "A",
                            entries: NonEmptyArray("/x")
                        )
                    )
                }
            ),
            ("GETMETADATA entry", { .getMetadata(GetMetadataCommand(mailbox: "A", entries: NonEmptyArray($0))) }),
            (
                "SETMETADATA value",
                {
                    .setMetadata(
                        SetMetadataCommand(
                            mailbox: "A",
                            values: NonEmptyArray(MetadataEntryValue(entry: "/shared/x", value: $0))
                        )
                    )
                }
            ),
            ("FETCH other name", { .fetch(SequenceSet(1), .list([.other(name: $0, parameters: nil)])) }),
            ("FETCH other parameters", { .fetch(SequenceSet(1), .list([.other(name: "X-ITEM", parameters: $0)])) }),
            (
                "FETCH modifier other",
                { .fetch(SequenceSet(1), .list([.uid]), modifiers: [.other(name: $0, value: nil)]) }
            ),
            (
                "STORE modifier other",
                {
                    .store(
                        SequenceSet(1),
                        modifiers: [.other(name: "X-MOD", value: $0)],
                        StoreFlags(operation: .add, target: .flags([.seen]))
                    )
                }
            ),
            (
                "HEADER.FIELDS",
                { .fetch(SequenceSet(1), .list([.bodySection(SectionSpec(kind: .headerFields([$0])), peek: true)])) }
            ),
            ("ID value", { .id([IDField(key: "name", value: $0)]) }),
            ("SETACL identifier", { .setACL(SetACLCommand(mailbox: "A", identifier: $0, modRights: "lr")) }),
            ("GETQUOTA root", { .getQuota($0) }),
            ("ENABLE", { s in Capability(s.stringValue).map { .enable(NonEmptyArray($0)) } }),
            (
                "APPEND message",
                { .append(AppendCommand(mailbox: "A", messages: NonEmptyArray(AppendMessage(data: .literal($0))))) }
            ),
        ]
        let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
        var written = 0
        var tried = 0
        defer { XCTAssertGreaterThan(written, tried / 2, "\(written) of \(tried) written") }
        for (field, build) in fields {
            for payload in Self.bytePayloads {
                tried += 1
                guard let kind = build(payload) else { continue }  // refused when built
                let command = ClientMessage.command(Command(tag: Tag("A1")!, kind))
                let bytes: [UInt8]
                do {
                    bytes = try encoder.encode(command).flatMap(\.bytes)
                } catch {
                    continue  // refused when encoded
                }
                written += 1
                var decoder = CommandDecoder(options: .init(lenient: false))
                decoder.append(bytes)
                var frames: [ClientMessage] = []
                var errors: [IMAPDecodingError] = []
                while true {
                    do {
                        guard let event = try decoder.next() else { break }
                        if case .message(let message) = event { frames.append(message) }
                    } catch {
                        errors.append(error)
                    }
                }
                let shown =
                    "\(field) with \(ASCII.escaped(payload.bytes.prefix(60))): \(ASCII.escaped(bytes.prefix(200)))"
                XCTAssertEqual(errors, [], shown)
                XCTAssertEqual(frames, [command], shown)
            }
        }
    }

    // MARK: the cases the issue names

    func testResponseTextIsMadeSafe() throws {
        let tag = Tag("A1")!
        let forged = Response.tagged(
            TaggedResponse(tag: tag, status: .ok, text: ResponseText(text: "done\r\n* 5 EXISTS"))
        )
        XCTAssertEqual(try ResponseEncoder().encode(forged), Array("A1 OK done  * 5 EXISTS\r\n".utf8))
        XCTAssertEqual(
            try ResponseEncoder().encode(.no(tag, "Mailbox not found: x {12}")),
            Array("A1 NO Mailbox not found: x {12 \r\n".utf8)
        )
        XCTAssertEqual(try ResponseEncoder().encode(.no(tag, "[ALERT] fake")), Array("A1 NO ALERT] fake\r\n".utf8))
        XCTAssertEqual(
            try ResponseEncoder().encode(.no(tag, code: .alert, "[x] real")),
            Array("A1 NO [ALERT] [x] real\r\n".utf8)
        )
        XCTAssertEqual(ResponseText(text: ByteString([0x41, 0xFF])).text, ByteString("A\u{FFFD}"))
        // Text that needs nothing is kept as it is, with no copy.
        let kept = ByteString(String(repeating: "fine text ", count: 10))
        XCTAssertEqual(ResponseText(text: kept).text, kept)
        // Setting the code to nil re-applies the rule.
        var text = ResponseText(code: .alert, text: "[x]")
        text.code = nil
        XCTAssertEqual(text.text, "x]")
        // The validating initializer refuses instead, naming the byte.
        XCTAssertThrowsError(try ResponseText(validating: "a\nb")) { error in
            XCTAssertEqual((error as? IMAPValueError)?.kind, .forbiddenByte)
            XCTAssertEqual((error as? IMAPValueError)?.offset, 1)
        }
        XCTAssertThrowsError(try ResponseText(validating: "x {3}"))
        XCTAssertNoThrow(try ResponseText(code: .alert, validating: "[x]"))
    }

    func testAtomsAndNamesAreValidated() {
        XCTAssertNil(Atom("DEFLATE\r\nA2 LOGOUT"))
        XCTAssertNil(Atom("PLAIN X"))
        XCTAssertNil(Atom(""))
        XCTAssertNil(SortKey("x\r\nA2 DELETE INBOX\r\nA3 NOOP"))
        XCTAssertNil(ThreadAlgorithm("REFS)"))
        XCTAssertNil(Flag("NIL"))
        XCTAssertNil(MailboxAttribute("NoBackslash"))
        XCTAssertThrowsError(try Capability(validating: "IMAP4rev1 LOGINDISABLED")) { error in
            XCTAssertEqual((error as? IMAPValueError)?.offset, 9)
        }
        XCTAssertNil(Atom(String(repeating: "A", count: Atom.maximumLength + 1)))
        XCTAssertNotNil(Atom(String(repeating: "A", count: Atom.maximumLength)))
        // An atom that only a lenient decoder could make is refused by the encoder all the same.
        XCTAssertThrowsError(
            try CommandEncoder().encode(Command(tag: Tag("A1")!, .compress(Atom(unchecked: "DEFLATE\r\nA2 LOGOUT"))))
        )
        XCTAssertNil(ModSequenceEntry(name: "x\r\n", type: .all))
        XCTAssertNil(ModSequenceEntry(name: "/flags/NIL", type: .all))
        XCTAssertEqual(ModSequenceEntry(name: "/flags/\\Seen", type: .all)?.flag, .seen)
    }

    func testEncodersRefuseWhatTheGrammarForbids() {
        let tag = Tag("A1")!
        let commands = CommandEncoder()
        func refused(_ kind: CommandKind, _ expected: IMAPValueError.Kind) {
            XCTAssertThrowsError(try commands.encode(Command(tag: tag, kind)), "\(kind)") { error in
                XCTAssertEqual((error as? IMAPValueError)?.kind, expected, "\(kind)")
            }
        }
        refused(.login(user: "a\u{0}b", password: "p"), .forbiddenByte)
        XCTAssertThrowsError(try commands.encode(Command(tag: tag, .login(user: "u", password: "p\u{0}")))) { error in
            XCTAssertEqual((error as? IMAPValueError)?.field, "LOGIN password")
            XCTAssertEqual((error as? IMAPValueError)?.rule, "literal")
            XCTAssertEqual((error as? IMAPValueError)?.offset, 1)
        }
        refused(.fetch(SequenceSet(1), .list([.bodySection(SectionSpec(kind: .headerFields([])))])), .empty)
        refused(
            .append(AppendCommand(mailbox: "A", messages: NonEmptyArray(AppendMessage(data: .binary("x"))))),
            .forbiddenByte
        )
        refused(.authenticate(mechanism: Atom("PLAIN")!, initialResponse: "not base64!"), .forbiddenByte)
        refused(
            .fetch(SequenceSet(1), .list([.bodySection(.text, partial: Partial(offset: 0, length: 0))])),
            .malformed
        )
        refused(.search(SearchProgram(keys: NonEmptyArray(.larger(-1)))), .malformed)
        refused(.search(SearchProgram(keys: NonEmptyArray(.older(0)))), .malformed)
        XCTAssertThrowsError(try commands.encode(.authenticationResponse("dGVzdA==\r\nA2 LOGOUT")))
        // With BINARY announced, a NUL goes out in a literal8 where the grammar has one.
        let binary = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing, binary: true))
        XCTAssertEqual(
            try binary.encode(
                Command(
                    tag: tag,
                    .append(AppendCommand(mailbox: "A", messages: NonEmptyArray(AppendMessage(data: .binary("\u{0}")))))
                )
            )
            .flatMap(\.bytes),
            Array("A1 APPEND A ~{1+}\r\n\u{0}\r\n".utf8)
        )
        refused(.login(user: "a\u{0}b", password: "p"), .forbiddenByte)

        let responses = ResponseEncoder()
        func refused(_ response: Response, _ expected: IMAPValueError.Kind) {
            var buffer: [UInt8] = [1, 2, 3]
            XCTAssertThrowsError(try responses.encode(response, into: &buffer), "\(response)") { error in
                XCTAssertEqual((error as? IMAPValueError)?.kind, expected, "\(response)")
            }
            XCTAssertEqual(buffer, [1, 2, 3], "a refused response leaves the buffer as it was")
        }
        refused(.ok(tag, code: .other(name: Atom("ALERT")!, value: nil), "x"), .ambiguous)
        refused(.ok(tag, code: .other(name: Atom("X")!, value: "a]b"), "x"), .forbiddenByte)
        refused(.untagged(.other(keyword: Atom("SEARCH")!, rest: " x")), .ambiguous)
        refused(.untagged(.other(keyword: Atom("5")!, rest: " EXISTS")), .ambiguous)
        refused(.untagged(.other(keyword: Atom("X")!, rest: " a\r\n* 1 EXISTS")), .forbiddenByte)
        refused(.untagged(.list(MailboxListData(attributes: [], delimiter: "\n", mailbox: "A"))), .forbiddenByte)
        refused(.untagged(.fetch(1, [.bodySection(SectionSpec(), origin: nil, data: "a\u{0}")])), .forbiddenByte)
        refused(.ok(tag, code: .mailboxID(ByteString(String(repeating: "a", count: 256))), "x"), .tooLong)
        // Numbers are written as they are or refused: a zero where the grammar has nz-number
        // was written as 1, a negative number as 0.
        refused(.untagged(.search(SearchResponse(numbers: [0]))), .malformed)
        refused(.untagged(.fetch(1, [.rfc822Size(-1)])), .malformed)
        refused(
            .untagged(.quota(QuotaResponse(root: "", resources: [QuotaResource(name: .storage, usage: -1, limit: 5)]))),
            .malformed
        )
    }

    /// An atom-safe string too long for one readable line goes out as a literal.
    func testLongAtomSafeStringsAreLiterals() throws {
        let long = ByteString(String(repeating: "a", count: 70_000))
        let bytes = try CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
            .encode(Command(tag: Tag("A1")!, .login(user: long, password: "p"))).flatMap(\.bytes)
        XCTAssertTrue(bytes.starts(with: Array("A1 LOGIN {70000+}\r\n".utf8)))
    }
}

/// The word-at-a-time NUL search agrees with a byte-by-byte one at every position.
final class FirstZeroTests: XCTestCase {
    func testFindsTheFirstNULAtEveryPosition() {
        for count in 0...80 {
            let plain = [UInt8](repeating: 0x80, count: count)
            XCTAssertNil(plain.withUnsafeBytes(WordBytes.firstZero), "\(count)")
            for position in 0..<count {
                var bytes = [UInt8](repeating: 0x01, count: count)
                bytes[position] = 0
                if position + 3 < count { bytes[position + 3] = 0 }
                XCTAssertEqual(bytes.withUnsafeBytes(WordBytes.firstZero), position, "\(position) of \(count)")
            }
        }
    }
}
