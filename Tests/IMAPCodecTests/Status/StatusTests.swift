import XCTest

@testable import IMAPCodec

private func status(_ s: inout ParserState) throws(IMAPDecodingError) -> StatusResponse { try s.statusResponse() }
private func statusArgs(_ s: inout ParserState) throws(IMAPDecodingError) -> StatusCommand { try s.statusArguments() }

final class StatusTests: XCTestCase {
    func testDovecotLines() throws {
        var r = try parse(
            #""Emoji &2D3c7A-" (MESSAGES 10 RECENT 10 UIDNEXT 11 UIDVALIDITY 1795707815 UNSEEN 4 HIGHESTMODSEQ 11 SIZE 41329)"#,
            status
        )
        XCTAssertEqual(r.mailbox.name, "Emoji 📬")
        XCTAssertEqual(
            r.values,
            [
                .messages(10), .recent(10), .uidNext(11), .uidValidity(1795707815), .unseen(4), .highestModSeq(11),
                .size(41329),
            ]
        )
        r = try parse(#"Entw&APw-rfe (MESSAGES 38 RECENT 0 UIDNEXT 41 UIDVALIDITY 1795707809 UNSEEN 13)"#, status)
        XCTAssertEqual(r.mailbox, MailboxName("Entwürfe"))
        r = try parse(#"Archive (MESSAGES 0 UNSEEN 0)"#, status)
        XCTAssertEqual(r.values, [.messages(0), .unseen(0)])
    }

    /// Attribute names in any case decode to the typed values (the exact-spelling intern
    /// table misses them; the case-insensitive comparison finds them).
    func testAttributeNamesIgnoreCase() throws {
        let r = try parse(
            #"INBOX (messages 10 Recent 1 uidnext 11 UidValidity 7 unseen 4 size 9 highestmodseq 3 appendlimit 5)"#,
            status
        )
        XCTAssertEqual(
            r.values,
            [
                .messages(10), .recent(1), .uidNext(11), .uidValidity(7), .unseen(4), .size(9), .highestModSeq(3),
                .appendLimit(5),
            ]
        )
    }

    func testExtensions() throws {
        let r = try parse(
            #"INBOX (APPENDLIMIT NIL MAILBOXID (F2212ea87-6097-4256-9d51-71338625) DELETED 2 X-FOO 5 DELETED-STORAGE 1:3)"#,
            status
        )
        XCTAssertEqual(
            r.values,
            [
                .appendLimit(nil), .mailboxID("F2212ea87-6097-4256-9d51-71338625"), .deleted(2),
                .other(StatusAttribute("X-FOO")!, .number(5)),
                .other(.deletedStorage, .sequenceSet(SequenceSet(1...3))),
            ]
        )
        XCTAssertEqual(try parse("blurdybloop (APPENDLIMIT 257890)", status).values, [.appendLimit(257890)])
        XCTAssertEqual(try parse("x ()", status).values, [])
    }

    /// quirk-51: an unquoted mailbox name holding a space.
    func testQuirk51() throws {
        let line = "My files (UIDNEXT 24369)"
        let r = try parse(line, lenient: true, status)
        XCTAssertEqual(r.mailbox.bytes, "My files")
        XCTAssertEqual(r.values, [.uidNext(24369)])
        XCTAssertEqual(try parse("My old files (UIDNEXT 1)", lenient: true, status).mailbox.bytes, "My old files")
        assertRejects(line, rule: "mailbox-data", status)
    }

    func testLenientNumbers() throws {
        let r = try parse("INBOX (MESSAGES -1 UIDNEXT 0 SIZE -5)", lenient: true, status)
        XCTAssertEqual(r.values, [.messages(0), .uidNext(0), .size(0)])
        assertRejects("INBOX (UIDNEXT 0)", rule: "status-att-val", kind: .numberOutOfRange, status)
        assertRejects("INBOX (MESSAGES -1)", rule: "status-att-val", status)
        assertRejects("INBOX (MESSAGES 4294967296)", rule: "status-att-val", kind: .numberOutOfRange, status)
        assertRejects("INBOX (MAILBOXID (a.b))", rule: "status-att-val", status)
        assertRejects("INBOX (MESSAGES 1", rule: "status-att-list", status)
        assertRejects("INBOX MESSAGES 1", rule: "mailbox-data", status)
        XCTAssertEqual(
            try parse("INBOX ( MESSAGES 1  UNSEEN 2 )", lenient: true, status).values,
            [.messages(1), .unseen(2)]
        )
    }

    func testCommand() throws {
        let c = try parse(#""Empty" (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)"#, statusArgs)
        XCTAssertEqual(c.mailbox, MailboxName(bytes: "Empty"))
        XCTAssertEqual(
            c.attributes.array,
            [.messages, .recent, .uidNext, .uidValidity, .unseen, .highestModSeq, .size]
        )
        XCTAssertEqual(
            try parse("INBOX (messages x-new)", statusArgs).attributes.array,
            [.messages, StatusAttribute("X-NEW")!]
        )
        assertRejects("INBOX ()", rule: "status-att", statusArgs)
        // Lenient decoding refuses it too: the value cannot hold an empty list.
        XCTAssertThrowsError(try parse("INBOX ()", lenient: true, statusArgs))
        assertRejects("INBOX", rule: "status", statusArgs)
        XCTAssertEqual(
            written { $0.writeStatusArguments(c) },
            "Empty (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)"
        )
        XCTAssertEqual(StatusAttribute("uidnext"), .uidNext)
        XCTAssertNil(StatusAttribute("a b"))
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 3501)
        for _ in 0..<500 {
            let r = g.statusResponse()
            assertRoundTrip(r, write: { $0.writeStatusResponse(r) }, parse: status)
            let c = g.statusCommand()
            assertRoundTrip(c, write: { $0.writeStatusArguments(c) }, parse: statusArgs)
        }
    }
}
