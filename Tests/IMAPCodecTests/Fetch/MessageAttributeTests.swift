import XCTest

@testable import IMAPCodec

final class MessageAttributeTests: XCTestCase {
    private let msgAtt = { (s: inout ParserState) throws(IMAPDecodingError) -> [MessageAttribute] in try s.msgAtt() }

    private func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ zone: Int) -> IMAPDateTime? {
        IMAPDate(year: y, month: m, day: d).flatMap {
            IMAPDateTime(date: $0, hour: h, minute: mi, second: s, zoneMinutes: zone)
        }
    }

    // MARK: - RFC 9051 examples

    func testRFC9051FetchExamples() throws {
        // 6.4.5 / 7.5.2
        XCTAssertEqual(try parseMsgAtt("(FLAGS (\\Seen \\Deleted))"), [.flags([.seen, .deleted])])
        XCTAssertEqual(
            try parseMsgAtt("(FLAGS (\\Deleted \\Seen \\Flagged) UID 4827313)"),
            [.flags([.deleted, .seen, .flagged]), .uid(4827313)]
        )
        XCTAssertEqual(try parseMsgAtt("(FLAGS (\\Seen) RFC822.SIZE 44827)"), [.flags([.seen]), .rfc822Size(44827)])
        let internalDate = try XCTUnwrap(date(1996, 7, 17, 2, 44, 25, -420))
        XCTAssertEqual(
            try parseMsgAtt("(INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")"),
            [.internalDate(internalDate)]
        )
        XCTAssertEqual(
            try parseMsgAtt("(BODY[HEADER] {12}\r\nSubject: x\r\n)"),
            [.bodySection(.header, origin: nil, data: "Subject: x\r\n")]
        )
        XCTAssertEqual(
            try parseMsgAtt("(BODY[]<0> \"abc\")"),
            [.bodySection(.complete, origin: 0, data: "abc")]
        )
        XCTAssertEqual(try parseMsgAtt("(BODY[1] NIL)"), [.bodySection(SectionSpec(part: [1]), origin: nil, data: nil)])
    }

    // MARK: - Real Dovecot responses (fullsync.s2c, mbsync-initial.s2c)

    func testDovecotFullsync() throws {
        let line =
            "(UID 1 FLAGS (\\Seen \\Recent) INTERNALDATE \"08-Oct-2024 13:36:11 +0000\" RFC822.SIZE 2317 MODSEQ (2001) ENVELOPE (\"Tue, 08 Oct 2024 15:29:46 +0200\" \"Your order has shipped\" ((\"GitHub\" NIL \"notifications\" \"github.example\")) ((\"GitHub\" NIL \"notifications\" \"github.example\")) ((\"Very Long Display Name That Goes On And On For Quite A While Indeed\" NIL \"longname\" \"example.net\")) ((\"=?utf-8?q?S=C3=B8ren_Kierkegaard?=\" NIL \"soren\" \"example.dk\")) NIL NIL NIL \"<356a192b7913b04c.1@github.example>\") BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1888 37 NIL NIL NIL NIL))"
        let items = try parseMsgAtt(line)
        XCTAssertEqual(items.count, 7)
        XCTAssertEqual(items[0], .uid(1))
        XCTAssertEqual(items[1], .flags([.seen, .recent]))
        XCTAssertEqual(items[2], .internalDate(try XCTUnwrap(date(2024, 10, 8, 13, 36, 11, 0))))
        XCTAssertEqual(items[3], .rfc822Size(2317))
        XCTAssertEqual(items[4], .modSeq(2001))
        guard case .envelope = items[5], case .bodyStructure = items[6] else {
            return XCTFail("expected ENVELOPE and BODYSTRUCTURE, got \(items)")
        }
        XCTAssertEqual(writtenString { $0.writeMsgAtt(items) }, line)

        XCTAssertEqual(
            try parseMsgAtt("(UID 12 BODY[HEADER.FIELDS (FROM SUBJECT)] {6}\r\nab\r\n\r\n)"),
            [
                .uid(12),
                .bodySection(SectionSpec(kind: .headerFields(["FROM", "SUBJECT"])), origin: nil, data: "ab\r\n\r\n"),
            ]
        )
        XCTAssertEqual(
            try parseMsgAtt(
                "(UID 1 RFC822.SIZE 2317 BODY[HEADER.FIELDS.NOT (RECEIVED X-LONG-HEADER CONTENT-TYPE)] {2}\r\n\r\n)"
            ),
            [
                .uid(1), .rfc822Size(2317),
                .bodySection(
                    SectionSpec(kind: .headerFieldsNot(["RECEIVED", "X-LONG-HEADER", "CONTENT-TYPE"])),
                    origin: nil,
                    data: "\r\n"
                ),
            ]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 3 BODY[TEXT]<0> {4}\r\nabcd)"),
            [.uid(3), .bodySection(.text, origin: 0, data: "abcd")]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 35 BODY[2.MIME] {3}\r\nx\r\n)"),
            [.uid(35), .bodySection(SectionSpec(part: [2], kind: .mime), origin: nil, data: "x\r\n")]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 40 FLAGS () MODSEQ (2013))"),
            [.uid(40), .flags([]), .modSeq(2013)]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 31 FLAGS (\\Seen Important $MDNSent) MODSEQ (2010))"),
            [.uid(31), .flags([.seen, Flag("Important")!, .mdnSent]), .modSeq(2010)]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 1 SAVEDATE \"05-Nov-2025 15:43:21 +0000\")"),
            [.uid(1), .saveDate(try XCTUnwrap(date(2025, 11, 5, 15, 43, 21, 0)))]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 3 BINARY[2] ~{4}\r\n\u{0}\u{1}\u{2}\u{3} BINARY.SIZE[2] 80004)"),
            [
                .uid(3), .binary(part: [2], origin: nil, data: ByteString([0, 1, 2, 3])),
                .binarySize(part: [2], size: 80004),
            ]
        )
        XCTAssertEqual(
            try parseMsgAtt("(UID 1 BINARY[1]<0> {3}\r\nabc)"),
            [.uid(1), .binary(part: [1], origin: 0, data: "abc")]
        )
    }

    func testDovecotMbsync() throws {
        XCTAssertEqual(try parseMsgAtt("(UID 7 FLAGS (\\Seen))"), [.uid(7), .flags([.seen])])
        XCTAssertEqual(
            try parseMsgAtt("(UID 1 BODY[] {11}\r\nFrom: a\r\n\r\n)"),
            [.uid(1), .bodySection(.complete, origin: nil, data: "From: a\r\n\r\n")]
        )
    }

    // MARK: - Extensions

    func testExtensions() throws {
        XCTAssertEqual(try parseMsgAtt("(EMAILID (M6d99ac3275bb4e))"), [.emailID("M6d99ac3275bb4e")])
        XCTAssertEqual(try parseMsgAtt("(THREADID (T64b478a75b7ea9))"), [.threadID("T64b478a75b7ea9")])
        XCTAssertEqual(try parseMsgAtt("(THREADID NIL)"), [.threadID(nil)])
        XCTAssertEqual(try parseMsgAtt("(SAVEDATE NIL)"), [.saveDate(nil)])
        XCTAssertEqual(try parseMsgAtt("(PREVIEW \"Hi there\")"), [.preview("Hi there")])
        XCTAssertEqual(try parseMsgAtt("(PREVIEW NIL)"), [.preview(nil)])
        XCTAssertEqual(try parseMsgAtt("(MODSEQ (9223372036854775807))"), [.modSeq(9_223_372_036_854_775_807)])
        XCTAssertEqual(
            try parseMsgAtt("(X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888)"),
            [.gmailMessageID(1_278_455_344_230_334_865), .gmailThreadID(1_266_894_439_832_287_888)]
        )
        XCTAssertEqual(
            try parseMsgAtt("(X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\"))"),
            [.gmailLabels(["\\Inbox", "\\Sent", "Important", "Muy Importante"])]
        )
        XCTAssertEqual(try parseMsgAtt("(X-GM-LABELS ())"), [.gmailLabels([])])
        XCTAssertEqual(try parseMsgAtt("(RFC822 {3}\r\nabc)"), [.rfc822("abc")])
        XCTAssertEqual(
            try parseMsgAtt("(RFC822.HEADER \"h\" RFC822.TEXT NIL)"),
            [.rfc822Header("h"), .rfc822Text(nil)]
        )
        guard case .body? = try parseMsgAtt("(BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1))").first else {
            return XCTFail("BODY")
        }
    }

    func testUnknownItemsKept() throws {
        let text = "(UID 1 X-UNKNOWN (a \"b)\" (c {1}\r\nx)) X-FOO[1 (A B)]<0> \"q\" X-BARE 12:14 X-EMPTY)"
        let items = try parseMsgAtt(text)
        XCTAssertEqual(
            items,
            [
                .uid(1),
                .other(name: "X-UNKNOWN", value: "(a \"b)\" (c {1}\r\nx))"),
                .other(name: "X-FOO[1 (A B)]<0>", value: "\"q\""),
                .other(name: "X-BARE", value: "12:14"),
                .other(name: "X-EMPTY", value: nil),
            ]
        )
        XCTAssertEqual(writtenString { $0.writeMsgAtt(items) }, text)
    }

    // MARK: - Quirks (lenient)

    func testQuirk25ItemWithoutValue() throws {
        // Yandex: " BODY[2] )"
        let text = "(UID 3016 BODY[2.MIME] {4}\r\nab\r\n BODY[2] )"
        XCTAssertEqual(
            try parseMsgAtt(text, lenient: true),
            [
                .uid(3016),
                .bodySection(SectionSpec(part: [2], kind: .mime), origin: nil, data: "ab\r\n"),
                .bodySection(SectionSpec(part: [2]), origin: nil, data: nil),
            ]
        )
        XCTAssertEqual(
            try parseMsgAtt("(BODY[2])", lenient: true),
            [.bodySection(SectionSpec(part: [2]), origin: nil, data: nil)]
        )
        assertRejects(text, rule: "nstring", msgAtt)
    }

    func testQuirk37DoubleSpace() throws {
        let text = "(FLAGS (\\Seen)  INTERNALDATE \"25-Jul-2023 13:55:25 -0400\" UID 1)"
        XCTAssertEqual(try parseMsgAtt(text, lenient: true).count, 3)
        assertRejects(text, rule: "msg-att", msgAtt)
    }

    func testQuirk45EmptyLiteral() throws {
        let text =
            "(UID 11153 MODSEQ (366744470000000) FLAGS (\\Seen) INTERNALDATE \"30-Jan-2018 22:39:15 +0000\" BODY[HEADER.FIELDS (References)] {0}\r\n)"
        let items = try parseMsgAtt(text, lenient: true)
        XCTAssertEqual(
            items.last,
            .bodySection(SectionSpec(kind: .headerFields(["References"])), origin: nil, data: "")
        )
        XCTAssertEqual(items[1], .modSeq(366_744_470_000_000))
    }

    func testQuirk23GmailLabelsWithNil() throws {
        let text = "(X-GM-LABELS (atom-label \\flag-label \"quoted-label\" NIL))"
        XCTAssertEqual(
            try parseMsgAtt(text, lenient: true),
            [.gmailLabels(["atom-label", "\\flag-label", "quoted-label"])]
        )
        assertRejects(text, rule: "x-gm-labels", msgAtt)
    }

    func testLenientZeroAndNegativeValues() throws {
        XCTAssertEqual(try parseMsgAtt("(MODSEQ (0))", lenient: true), [.modSeq(0)])
        assertRejects("(MODSEQ (0))", rule: "permsg-modsequence", kind: .numberOutOfRange, msgAtt)
        XCTAssertEqual(try parseMsgAtt("(UID 0)", lenient: true), [.uid(0)])
        assertRejects("(UID 0)", rule: "uniqueid", kind: .numberOutOfRange, msgAtt)
        XCTAssertEqual(try parseMsgAtt("(RFC822.SIZE -1)", lenient: true), [.rfc822Size(0)])
        assertRejects("(RFC822.SIZE -1)", rule: "number64", msgAtt)
        // Dovecot prints a negative decoded size as its 64-bit two's complement.
        XCTAssertEqual(
            try parseMsgAtt("(BINARY.SIZE[2] 18446744073709527136)", lenient: true),
            [.binarySize(part: [2], size: 0)]
        )
        assertRejects("(BINARY.SIZE[2] 18446744073709527136)", rule: "number", kind: .numberOutOfRange, msgAtt)
        XCTAssertEqual(try parseMsgAtt("()", lenient: true), [])
        XCTAssertEqual(try parseMsgAtt("( UID 1 )", lenient: true), [.uid(1)])
    }

    // MARK: - Strict rejections and ranges

    func testStrictRejections() {
        assertRejects("()", rule: "msg-att", msgAtt)
        assertRejects("UID 1", rule: "msg-att", msgAtt)
        assertRejects("(UID 1", rule: "msg-att", msgAtt)
        assertRejects("(UID)", rule: "msg-att-static", msgAtt)
        assertRejects("(UID x)", rule: "uniqueid", msgAtt)
        assertRejects("(UID 4294967296)", rule: "uniqueid", kind: .numberOutOfRange, msgAtt)
        assertRejects("(RFC822.SIZE 9223372036854775808)", rule: "number64", kind: .numberOutOfRange, msgAtt)
        assertRejects("(BODY[]<4294967296> NIL)", rule: "msg-att-static", kind: .numberOutOfRange, msgAtt)
        assertRejects("(BINARY.SIZE[1] 4294967296)", rule: "number", kind: .numberOutOfRange, msgAtt)
        assertRejects("(MODSEQ 5)", rule: "fetch-mod-resp", msgAtt)
        assertRejects("(MODSEQ (9223372036854775808))", rule: "permsg-modsequence", kind: .numberOutOfRange, msgAtt)
        assertRejects("(EMAILID M1)", rule: "fetch-emailid-resp", msgAtt)
        assertRejects("(EMAILID (M.1))", rule: "fetch-emailid-resp", msgAtt)
        assertRejects("(EMAILID ())", rule: "objectid", msgAtt)
        assertRejects("(THREADID T1)", rule: "fetch-threadid-resp", msgAtt)
        assertRejects("(FLAGS \\Seen)", rule: "flag-list", msgAtt)
        assertRejects("(INTERNALDATE \"17-Jul-1996\")", rule: "date-time", msgAtt)
        assertRejects("(BODY[1] \"a\"\"b\")", msgAtt)
        assertRejects("(BINARY[1.TEXT] NIL)", rule: "section-binary", msgAtt)
        assertRejects("(BODY[HEADER] {5}\r\nab)", rule: "literal", kind: .truncated, msgAtt)
        assertRejects("(X-GM-MSGID 9223372036854775808)", rule: "x-gm-msgid", kind: .numberOutOfRange, msgAtt)
        assertRejects("(BODY[] \"a\"", rule: "msg-att", msgAtt)
        assertRejects("(\"x\" 1)", rule: "msg-att", msgAtt)
        assertRejects("(BODY \"x\")", rule: "body", msgAtt)
    }

    func testNestingLimit() {
        let deep = "(X-DEEP " + String(repeating: "(", count: 200) + String(repeating: ")", count: 200) + ")"
        assertRejects(deep, kind: .nestingTooDeep, msgAtt)
    }

    func testWriterForms() {
        XCTAssertEqual(
            writtenString { $0.writeMsgAtt([.binary(part: [1], origin: 5, data: ByteString([0x61, 0, 0x62]))]) },
            "(BINARY[1]<5> ~{3}\r\na\u{0}b)"
        )
        XCTAssertEqual(
            writtenString { $0.writeMsgAtt([.gmailLabels(["\\Inbox", "NIL", "two words", ""])]) },
            "(X-GM-LABELS (\\Inbox \"NIL\" \"two words\" \"\"))"
        )
        XCTAssertEqual(
            writtenString { $0.writeMsgAtt([.threadID(nil), .saveDate(nil), .modSeq(7), .emailID("E1")]) },
            "(THREADID NIL SAVEDATE NIL MODSEQ (7) EMAILID (E1))"
        )
    }
}
