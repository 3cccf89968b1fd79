import XCTest

@testable import IMAPCodec

final class SearchKeyTests: XCTestCase {
    func key(
        _ text: String,
        lenient: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> SearchKey {
        try parse(
            text,
            lenient: lenient,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() },
            file: file,
            line: line
        )
    }

    func program(
        _ text: String,
        lenient: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> SearchProgram {
        try parse(
            text,
            lenient: lenient,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() },
            file: file,
            line: line
        )
    }

    func date(_ y: Int, _ m: Int, _ d: Int) -> IMAPDate {
        guard let date = IMAPDate(year: y, month: m, day: d) else {
            XCTFail("bad date")
            return IMAPDate(year: 2000, month: 1, day: 1)!
        }
        return date
    }

    // MARK: every key

    func testFlagKeys() throws {
        let cases: [(String, SearchKey)] = [
            ("ALL", .all), ("ANSWERED", .answered), ("DELETED", .deleted), ("DRAFT", .draft),
            ("FLAGGED", .flagged), ("SEEN", .seen), ("NEW", .new), ("OLD", .old), ("RECENT", .recent),
            ("UNANSWERED", .unanswered), ("UNDELETED", .undeleted), ("UNDRAFT", .undraft),
            ("UNFLAGGED", .unflagged), ("UNSEEN", .unseen), ("SAVEDATESUPPORTED", .savedDateSupported),
            ("all", .all), ("UnSeen", .unseen),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try key(text), expected, text)
        }
    }

    func testStringKeys() throws {
        XCTAssertEqual(try key("BCC \"hidden\""), .bcc("hidden"))
        XCTAssertEqual(try key("BODY protocol"), .body("protocol"))
        XCTAssertEqual(try key("CC \"example.dk\""), .cc("example.dk"))
        XCTAssertEqual(try key("FROM {5}\r\nalice"), .from("alice"))
        XCTAssertEqual(try key("SUBJECT \"a \\\"b\\\"\""), .subject("a \"b\""))
        XCTAssertEqual(try key("TEXT \"\""), .text(""))
        XCTAssertEqual(try key("TO x@y"), .to("x@y"))
        XCTAssertEqual(try key("HEADER List-Id \"dev\""), .header(field: "List-Id", value: "dev"))
        XCTAssertEqual(try key("HEADER \"X-Spam\" \"\""), .header(field: "X-Spam", value: ""))
        XCTAssertEqual(try key("X-GM-RAW \"has:attachment in:unread\""), .gmailRaw("has:attachment in:unread"))
        XCTAssertEqual(try key("X-GM-LABELS \"\\\\Important\""), .gmailLabels("\\Important"))
        XCTAssertEqual(try key("SUBJECT \"Réunion\""), .subject(ByteString("Réunion")))
    }

    func testDateKeys() throws {
        let d = date(2024, 3, 5)
        XCTAssertEqual(try key("BEFORE 5-Mar-2024"), .before(d))
        XCTAssertEqual(try key("ON \"5-Mar-2024\""), .on(d))
        XCTAssertEqual(try key("SINCE 05-mar-2024"), .since(d))
        XCTAssertEqual(try key("SENTBEFORE 5-Mar-2024"), .sentBefore(d))
        XCTAssertEqual(try key("SENTON 5-Mar-2024"), .sentOn(d))
        XCTAssertEqual(try key("SENTSINCE 5-Mar-2024"), .sentSince(d))
        XCTAssertEqual(try key("SAVEDBEFORE 5-Mar-2024"), .savedBefore(d))
        XCTAssertEqual(try key("SAVEDON 5-Mar-2024"), .savedOn(d))
        XCTAssertEqual(try key("SAVEDSINCE 5-Mar-2024"), .savedSince(d))
    }

    func testNumberKeys() throws {
        XCTAssertEqual(try key("LARGER 100000"), .larger(100000))
        XCTAssertEqual(try key("SMALLER 9223372036854775807"), .smaller(Int64.max))
        XCTAssertEqual(try key("OLDER 31536000"), .older(31536000))
        XCTAssertEqual(try key("YOUNGER 86400"), .younger(86400))
        XCTAssertEqual(try key("X-GM-MSGID 1278455344230334865"), .gmailMessageID(1278455344230334865))
        XCTAssertEqual(try key("X-GM-THRID 1266894439832287888"), .gmailThreadID(1266894439832287888))
    }

    func testKeywordKeys() throws {
        XCTAssertEqual(try key("KEYWORD Work"), .keyword(Flag("Work")!))
        XCTAssertEqual(try key("UNKEYWORD $Junk"), .unkeyword(.junk))
        // Lenient: a system flag where a keyword belongs.
        XCTAssertEqual(try key("KEYWORD \\Seen", lenient: true), .keyword(.seen))
        assertRejects(
            "KEYWORD \\Seen",
            rule: "flag-keyword",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() }
        )
    }

    func testSequenceSetKeys() throws {
        XCTAssertEqual(try key("1:50"), .sequenceSet(SequenceSet(1...50)))
        XCTAssertEqual(try key("$"), .sequenceSet(.lastCommand))
        XCTAssertEqual(try key("*"), .sequenceSet(SequenceSet([.single(.last)])!))
        XCTAssertEqual(try key("UID 1:100"), .uid(SequenceSet(1...100)))
        XCTAssertEqual(try key("UID $"), .uid(.lastCommand))
        XCTAssertEqual(try key("2,4:*"), .sequenceSet(SequenceSet([.single(.number(2)), .range(.number(4), .last)])!))
    }

    func testModSeqKeys() throws {
        XCTAssertEqual(try key("MODSEQ 1"), .modSequence(entry: nil, value: 1))
        XCTAssertEqual(try key("MODSEQ 0"), .modSequence(entry: nil, value: 0))
        let k = try key("MODSEQ \"/flags/\\\\Seen\" all 2")
        XCTAssertEqual(k, .modSequence(entry: ModSequenceEntry(flag: .seen, type: .all), value: 2))
        if case .modSequence(let entry?, _) = k {
            XCTAssertEqual(entry.flag, .seen)
            XCTAssertEqual(entry.name, ByteString("/flags/\\Seen"))
        } else {
            XCTFail("no entry")
        }
        // RFC 7162 example
        XCTAssertEqual(
            try key("MODSEQ \"/flags/\\\\draft\" all 620162338"),
            .modSequence(entry: ModSequenceEntry(name: "/flags/\\draft", type: .all), value: 620162338)
        )
        XCTAssertEqual(
            try key("MODSEQ \"/flags/$mdnsent\" priv 5"),
            .modSequence(entry: ModSequenceEntry(name: "/flags/$mdnsent", type: .priv), value: 5)
        )
        XCTAssertEqual(
            try key("MODSEQ \"/flags/x\" SHARED 5"),
            .modSequence(entry: ModSequenceEntry(name: "/flags/x", type: .shared), value: 5)
        )
        assertRejects(
            "MODSEQ \"/flags/x\" mine 5",
            rule: "entry-type-req",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() }
        )
        assertRejects(
            "MODSEQ \"/other/x\" all 5",
            rule: "entry-flag-name",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() }
        )
        XCTAssertEqual(
            try key("MODSEQ \"/other/x\" all 5", lenient: true),
            .modSequence(entry: ModSequenceEntry(decoded: "/other/x", type: .all), value: 5)
        )
    }

    func testObjectIDKeys() throws {
        XCTAssertEqual(try key("EMAILID M6d99ac3275bb4e"), .emailID("M6d99ac3275bb4e"))
        XCTAssertEqual(try key("THREADID T64b478a75b7ea9"), .threadID("T64b478a75b7ea9"))
        assertRejects(
            "EMAILID \"M1\"",
            rule: "objectid",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() }
        )
        XCTAssertEqual(try key("EMAILID \"M1\"", lenient: true), .emailID("M1"))
        assertRejects(
            "EMAILID " + String(repeating: "a", count: 256),
            rule: "objectid",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchKey() }
        )
    }

    func testCompoundKeys() throws {
        XCTAssertEqual(try key("NOT SEEN"), .not(.seen))
        XCTAssertEqual(try key("OR FROM alice FROM bob"), .or(.from("alice"), .from("bob")))
        XCTAssertEqual(try key("(SEEN FLAGGED)"), .and(NonEmptyArray(.seen, .flagged)))
        XCTAssertEqual(
            try key("(OR (FROM \"juergen\" SUBJECT \"report\") (NOT SEEN))"),
            .and(
                NonEmptyArray(
                    .or(.and(NonEmptyArray(.from("juergen"), .subject("report"))), .and(NonEmptyArray(.not(.seen))))
                )
            )
        )
        XCTAssertEqual(
            try key("OR OR KEYWORD Work KEYWORD Important KEYWORD ToDo"),
            .or(.or(.keyword(Flag("Work")!), .keyword(Flag("Important")!)), .keyword(Flag("ToDo")!))
        )
        XCTAssertEqual(try key("( SEEN  FLAGGED )", lenient: true), .and(NonEmptyArray(.seen, .flagged)))
    }

    // MARK: rejections

    func testRejections() {
        func rejects(_ text: String, _ rule: String, kind: IMAPDecodingError.Kind? = nil, line: UInt = #line) {
            assertRejects(
                text,
                rule: rule,
                kind: kind,
                { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() },
                line: line
            )
        }
        rejects("FOOBAR", "search-key")
        rejects("SINCE 32-Foo-2024", "date-month")
        rejects("SINCE 1-Foo-2024", "date-month")
        rejects("SINCE 31-Feb-2024", "date-text", kind: .numberOutOfRange)
        rejects("LARGER", "search-key")
        rejects("LARGER -5", "search-key")
        rejects("LARGER 9223372036854775808", "search-key", kind: .numberOutOfRange)
        rejects("OLDER 0", "search-key", kind: .numberOutOfRange)
        rejects("UID 0", "seq-number", kind: .numberOutOfRange)
        rejects("NOT", "search-key")
        rejects("OR SEEN", "search-key")
        rejects("()", "search-key")
        rejects("(SEEN", "search-key")
        rejects("SEEN ", "search-key")
        rejects("SEEN  FLAGGED", "search-key")
        rejects("", "search-key")
        rejects("CHARSET", "search-program")
        rejects("CHARSET \"UTF-8 SEEN", "quoted")
        rejects("RETURN MIN SEEN", "search-return-opts")
        rejects("RETURN (MIN SEEN", "search-return-opts")
        rejects("RETURN (PARTIAL 1:*) SEEN", "partial-range-first")
        rejects("RETURN (PARTIAL -1:5) SEEN", "partial-range-last")
        rejects("RETURN (MIN)SEEN", "search")
        rejects("HEADER Subject", "search-key")
        rejects("SUBJECT", "search-key")
        rejects("SUBJECT {5}\r\nabc", "literal", kind: .truncated)
    }

    func testLenientAcceptsExtraSpaces() throws {
        let p = try program("SEEN  FLAGGED ", lenient: true)
        XCTAssertEqual(p.keys.array, [.seen, .flagged])
    }

    // MARK: nesting

    func testDeepParenthesesRejected() {
        let text = String(repeating: "(", count: 100_000) + "ALL" + String(repeating: ")", count: 100_000)
        assertRejects(
            text,
            rule: "search-key",
            kind: .nestingTooDeep,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() }
        )
    }

    func testDeepNotRejected() {
        let text = String(repeating: "NOT ", count: 100_000) + "ALL"
        assertRejects(
            text,
            rule: "search-key",
            kind: .nestingTooDeep,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() }
        )
        let or = String(repeating: "OR ALL ", count: 100_000) + "ALL"
        assertRejects(
            or,
            rule: "search-key",
            kind: .nestingTooDeep,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() }
        )
    }

    func testNestingWithinLimitAccepted() throws {
        let text = String(repeating: "(", count: 99) + "ALL" + String(repeating: ")", count: 99)
        var expected = SearchKey.all
        for _ in 0..<99 { expected = .and(NonEmptyArray(expected)) }
        XCTAssertEqual(try program(text).keys.array, [expected])
        let nots = try program(String(repeating: "NOT ", count: 100) + "ALL")
        XCTAssertEqual(nots.keys.count, 1)
        // Depth is released after each sibling: many shallow groups are fine.
        let siblings = try program(Array(repeating: "(NOT SEEN)", count: 500).joined(separator: " "))
        XCTAssertEqual(siblings.keys.count, 500)
    }

    // MARK: programs

    func testProgramParts() throws {
        let p = try program("RETURN (MIN MAX COUNT ALL) CHARSET UTF-8 UNSEEN")
        XCTAssertEqual(p.returnOptions, [.min, .max, .count, .all])
        XCTAssertEqual(p.charset, "UTF-8")
        XCTAssertEqual(p.keys.array, [.unseen])
        XCTAssertEqual(try program("RETURN () FLAGGED").returnOptions, [])
        XCTAssertNil(try program("FLAGGED").returnOptions)
        XCTAssertEqual(try program("CHARSET \"ISO-8859-1\" ALL").charset, "ISO-8859-1")
        XCTAssertEqual(try program("RETURN (SAVE) KEYWORD Important").returnOptions, [.save])
        XCTAssertEqual(try program("RETURN (UPDATE COUNT CONTEXT) FLAGGED").returnOptions, [.update, .count, .context])
        XCTAssertEqual(
            try program("RETURN (PARTIAL -1:-100) UNDELETED").returnOptions,
            [.partial(.last(from: 1, to: 100))]
        )
        XCTAssertEqual(
            try program("RETURN (PARTIAL 23500:24000) UNDELETED").returnOptions,
            [.partial(.first(from: 23500, to: 24000))]
        )
        XCTAssertEqual(
            try program("RETURN (X-FOO 5 X-BAR (a b) X-BAZ MIN) ALL").returnOptions,
            [
                .other(name: "X-FOO", value: .number(5)),
                .other(name: "X-BAR", value: .list([.astring("a"), .astring("b")])),
                .other(name: "X-BAZ", value: nil), .min,
            ]
        )
    }

    /// RFC 9051 / RFC 3501 examples (section 6.4.4) and extension RFC examples.
    func testRFCExamples() throws {
        XCTAssertEqual(
            try program("FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"").keys.array,
            [.flagged, .since(date(1994, 2, 1)), .not(.from("Smith"))]
        )
        XCTAssertEqual(try program("TEXT \"string not in mailbox\"").keys.array, [.text("string not in mailbox")])
        XCTAssertEqual(try program("CHARSET UTF-8 TEXT {12}\r\nмолоко").keys.array, [.text(ByteString("молоко"))])
        XCTAssertEqual(
            try program("RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"").returnOptions,
            [.min, .count]
        )
        XCTAssertEqual(try program("RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"").returnOptions, [.save])
        XCTAssertEqual(try program("UNDELETED UNKEYWORD $Seen YOUNGER 3600").keys.last, .younger(3600))
        XCTAssertEqual(try program("MODSEQ \"/flags/\\\\draft\" all 20010320162338").keys.count, 1)
        XCTAssertEqual(
            try program("OR ($ 1:5) (FLAGGED $)").keys.array,
            [
                .or(
                    .and(NonEmptyArray(.sequenceSet(.lastCommand), .sequenceSet(SequenceSet(1...5)))),
                    .and(NonEmptyArray(.flagged, .sequenceSet(.lastCommand)))
                )
            ]
        )
    }

    // MARK: corpus

    /// The arguments after `SEARCH ` of every SEARCH command of the scripted Dovecot
    /// session (fullsync.c2s) that Dovecot accepted.
    static let corpusAccepted: [String] = [
        "(OR (FROM \"juergen\" SUBJECT \"report\") (NOT SEEN)) LARGER 5000",
        "1:50 UNSEEN",
        "ALL",
        "ANSWERED DELETED",
        "BCC \"hidden\"",
        "BEFORE 1-Jan-2020",
        "BODY \"protocol\"",
        "CHARSET UTF-8 SUBJECT \"Réunion\"",
        "CHARSET X-UNKNOWN-CHARSET SUBJECT foo",
        "DRAFT",
        "FROM \"alice\"",
        "HEADER List-Id \"dev\"",
        "HEADER Message-ID \"example\"",
        "KEYWORD Work",
        "LARGER 100000",
        "MODSEQ \"/flags/\\\\Seen\" all 2 UNSEEN",
        "MODSEQ 1",
        "NEW",
        "NOT SEEN",
        "OLD",
        "OLDER 31536000 SMALLER 3000",
        "ON 5-Mar-2024",
        "OR FROM \"alice\" FROM \"bob\"",
        "OR OR KEYWORD Work KEYWORD Important KEYWORD ToDo",
        "RECENT",
        "RETURN () FLAGGED",
        "RETURN (ALL) SINCE 1-Jan-2025",
        "RETURN (COUNT) ALL",
        "RETURN (MAX COUNT) MODSEQ 1",
        "RETURN (MIN MAX COUNT ALL) UNSEEN",
        "RETURN (MIN MAX COUNT) ALL",
        "RETURN (MIN) LARGER 50000",
        "RETURN (SAVE MIN) LARGER 200000",
        "RETURN (SAVE) KEYWORD Important",
        "RETURN (UPDATE COUNT) FLAGGED",
        "SEEN NOT ANSWERED NOT FLAGGED",
        "SENTSINCE 1-Jun-2023 SENTBEFORE 1-Jul-2023",
        "SINCE 1-Jan-2024",
        "SMALLER 2000",
        "SUBJECT \"report\"",
        "TO \"example.jp\" CC \"example.dk\"",
        "UID 1:100",
        "UNKEYWORD $Junk",
        "UNSEEN",
        "UNSEEN FLAGGED",
        "YOUNGER 86400",
        // A0147 and A0148: UTF-8 literals.
        "CHARSET UTF-8 SUBJECT {7}\r\nGrüße",
        "CHARSET UTF-8 FROM {7+}\r\nMüller TEXT {6+}\r\n日本",
    ]

    func testCorpusCommands() throws {
        for text in Self.corpusAccepted {
            for lenient in [false, true] {
                let p = try program(text, lenient: lenient)
                // Written back with LITERAL+, it parses to the same value.
                let out = written(options: EncodingOptions(literalMode: .nonSynchronizing)) { $0.writeSearchProgram(p) }
                XCTAssertEqual(try program(out), p, "\(text) -> \(out)")
            }
        }
        let grusse = try program("CHARSET UTF-8 SUBJECT {7}\r\nGrüße")
        XCTAssertEqual(grusse.keys.array, [.subject(ByteString("Grüße"))])
        let mueller = try program("CHARSET UTF-8 FROM {7+}\r\nMüller TEXT {6+}\r\n日本")
        XCTAssertEqual(mueller.keys.array, [.from(ByteString("Müller")), .text(ByteString("日本"))])
        XCTAssertEqual(try program("1:50 UNSEEN").keys.array, [.sequenceSet(SequenceSet(1...50)), .unseen])
        XCTAssertEqual(try program("RETURN (MIN MAX COUNT ALL) UNSEEN").returnOptions, [.min, .max, .count, .all])
        // Dovecot answered BAD to these two; so does the parser.
        assertRejects(
            "FOOBAR",
            rule: "search-key",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() }
        )
        assertRejects(
            "SINCE 32-Foo-2024",
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchProgram() }
        )
    }

    // MARK: writer

    func testWriterStringForms() {
        let ascii = written(options: EncodingOptions(literalMode: .synchronizing)) {
            $0.writeSearchProgram(
                SearchProgram(charset: "UTF-8", keys: NonEmptyArray(.subject("hello world"), .from("bob")))
            )
        }
        XCTAssertEqual(ascii, "CHARSET UTF-8 SUBJECT \"hello world\" FROM bob")
        var writer = IMAPWriter(options: EncodingOptions(literalMode: .synchronizing))
        writer.writeSearchProgram(SearchProgram(charset: "UTF-8", keys: NonEmptyArray(.subject(ByteString("Grüße")))))
        let chunks = writer.finish()
        XCTAssertEqual(chunks.count, 2)
        XCTAssertEqual(chunks.first?.waitForContinuation, true)
        XCTAssertEqual(String(decoding: chunks[0].bytes, as: UTF8.self), "CHARSET UTF-8 SUBJECT {7}\r\n")
        let utf8 = written(options: EncodingOptions(literalMode: .synchronizing, utf8Accept: true)) {
            $0.writeSearchKey(.subject(ByteString("Grüße")))
        }
        XCTAssertEqual(utf8, "SUBJECT \"Grüße\"")
        XCTAssertEqual(
            written { $0.writeSearchKey(.modSequence(entry: ModSequenceEntry(flag: .seen, type: .all), value: 2)) },
            "MODSEQ \"/flags/\\\\Seen\" all 2"
        )
        // No empty key list: the grammar has none (`ALL` would decode as `[.all]`), and
        // neither the keys nor `.and` can be built empty.
        XCTAssertNil(NonEmptyArray<SearchKey>([]))
        XCTAssertEqual(written { $0.writeSearchKey(.before(self.date(2024, 1, 1))) }, "BEFORE 1-Jan-2024")
        XCTAssertEqual(written { $0.writeCharset("weird charset") }, "\"weird charset\"")
    }

    // MARK: round trip

    func testSeededRoundTripOfPrograms() throws {
        var rng = SeededGenerator(seed: 0x5EA2C4)
        for i in 0..<600 {
            let p = SearchValueGenerator.program(&rng)
            let mode: LiteralMode = i % 2 == 0 ? .nonSynchronizing : .response
            let out = written(options: EncodingOptions(literalMode: mode, utf8Accept: i % 3 == 0)) {
                $0.writeSearchProgram(p)
            }
            let back = try program(out)
            XCTAssertEqual(back, p, out)
            if back != p { break }
        }
    }
}
