import XCTest

@testable import IMAPCodec

private func quota(_ s: inout ParserState) throws(IMAPDecodingError) -> QuotaResponse { try s.quotaResponse() }
private func quotaroot(_ s: inout ParserState) throws(IMAPDecodingError) -> QuotaRootResponse {
    try s.quotarootResponse()
}
private func setquota(_ s: inout ParserState) throws(IMAPDecodingError) -> SetQuotaCommand { try s.setquotaArguments() }

final class QuotaTests: XCTestCase {
    func testDovecot() throws {
        let q = try parse(#""User quota" (STORAGE 56848 2097152 MESSAGE 2466 100000)"#, quota)
        XCTAssertEqual(
            q,
            QuotaResponse(
                root: "User quota",
                resources: [
                    QuotaResource(name: .storage, usage: 56848, limit: 2097152),
                    QuotaResource(name: .message, usage: 2466, limit: 100000),
                ]
            )
        )
        let r = try parse(#"Archive/2024 "User quota""#, quotaroot)
        XCTAssertEqual(r, QuotaRootResponse(mailbox: MailboxName(bytes: "Archive/2024"), roots: ["User quota"]))
        XCTAssertEqual(try parse("INBOX", quotaroot).roots, [])
        XCTAssertEqual(
            try parse(#""User quota""#) { (s: inout ParserState) throws(IMAPDecodingError) in try s.getquotaArguments()
            },
            "User quota"
        )
        XCTAssertEqual(
            try parse(#""Archive/2024""#) { (s: inout ParserState) throws(IMAPDecodingError) in
                try s.getquotarootArguments()
            },
            MailboxName(bytes: "Archive/2024")
        )
    }

    func testRFCExamples() throws {
        // RFC 9208
        XCTAssertEqual(
            try parse(#""!partition/sda4" (STORAGE 104 10923847)"#, quota).resources,
            [QuotaResource(name: .storage, usage: 104, limit: 10923847)]
        )
        XCTAssertEqual(try parse(#"comp.mail.mime """#, lenient: true, quotaroot).roots, [""])
        let s = try parse(#""" (STORAGE 512)"#, setquota)
        XCTAssertEqual(s, SetQuotaCommand(root: "", limits: [QuotaLimit(name: .storage, limit: 512)]))
        XCTAssertEqual(try parse(#""" ()"#, setquota).limits, [])
        XCTAssertEqual(
            try parse(#"x (mailbox 1 2 X-OTHER 2 3)"#, quota).resources.map(\.name),
            [.mailbox, QuotaResourceName("X-OTHER")!]
        )
    }

    /// quirk-33: two spaces between usage and limit.
    func testQuirk33() throws {
        let line = ##""#user/alice" (STORAGE 54 111 MESSAGE 42  1000)"##
        let q = try parse(line, lenient: true, quota)
        XCTAssertEqual(q.resources.last, QuotaResource(name: .message, usage: 42, limit: 1000))
        XCTAssertEqual(q.root, "#user/alice")
        assertRejects(line, rule: "resource-limit", quota)
    }

    func testRejects() {
        assertRejects(#"x ()"#, rule: "resource-name", quota)
        assertRejects(#"x (STORAGE 1)"#, rule: "quota-resource", quota)
        assertRejects(#"x STORAGE 1 2"#, rule: "quota-list", quota)
        assertRejects(#"x (STORAGE -1 2)"#, rule: "resource-usage", quota)
        assertRejects(#"x (STORAGE 1 2"#, rule: "quota-list", quota)
        assertRejects(#"x (STORAGE)"#, rule: "setquota-resource", setquota)
        XCTAssertEqual(try parse(#"x (STORAGE -1 2)"#, lenient: true, quota).resources.first?.usage, 0)
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 9208)
        for _ in 0..<400 {
            let q = g.quotaResponse()
            assertRoundTrip(q, write: { $0.writeQuotaResponse(q) }, parse: quota)
            let r = g.quotaRootResponse()
            assertRoundTrip(r, write: { $0.writeQuotarootResponse(r) }, parse: quotaroot)
            let s = g.setQuotaCommand()
            assertRoundTrip(s, write: { $0.writeSetquotaArguments(s) }, parse: setquota)
            let root = g.bytes()
            assertRoundTrip(
                root,
                write: { $0.writeGetquotaArguments(root) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.getquotaArguments() }
            )
            let mbox = g.mailbox()
            assertRoundTrip(
                mbox,
                write: { $0.writeGetquotarootArguments(mbox) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.getquotarootArguments() }
            )
        }
    }
}
