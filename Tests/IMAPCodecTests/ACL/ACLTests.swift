import XCTest

@testable import IMAPCodec

private func acl(_ s: inout ParserState) throws(IMAPDecodingError) -> ACLResponse { try s.aclData() }
private func listrights(_ s: inout ParserState) throws(IMAPDecodingError) -> ListRightsResponse {
    try s.listrightsData()
}
private func myrights(_ s: inout ParserState) throws(IMAPDecodingError) -> MyRightsResponse { try s.myrightsData() }
private func setacl(_ s: inout ParserState) throws(IMAPDecodingError) -> SetACLCommand { try s.setaclArguments() }
private func aclIdentifier(_ s: inout ParserState) throws(IMAPDecodingError) -> ACLIdentifierCommand {
    try s.aclIdentifierArguments()
}

final class ACLTests: XCTestCase {
    func testDovecot() throws {
        XCTAssertEqual(
            try parse("Lists/dev bob lrs alice lrwstipekxacd", acl),
            ACLResponse(
                mailbox: MailboxName(bytes: "Lists/dev"),
                entries: [
                    ACLEntry(identifier: "bob", rights: "lrs"), ACLEntry(identifier: "alice", rights: "lrwstipekxacd"),
                ]
            )
        )
        XCTAssertEqual(
            try parse(#"INBOX alice "" l r w s t p i e k x a c d"#, listrights),
            ListRightsResponse(
                mailbox: .inbox,
                identifier: "alice",
                required: "",
                optional: ["l", "r", "w", "s", "t", "p", "i", "e", "k", "x", "a", "c", "d"]
            )
        )
        XCTAssertEqual(
            try parse("INBOX lrwstipekxacd", myrights),
            MyRightsResponse(mailbox: .inbox, rights: "lrwstipekxacd")
        )
        XCTAssertEqual(
            try parse(#""Lists/dev" bob lrs"#, setacl),
            SetACLCommand(mailbox: MailboxName(bytes: "Lists/dev"), identifier: "bob", modRights: "lrs")
        )
        XCTAssertEqual(
            try parse(#""Lists/dev" bob"#, aclIdentifier),
            ACLIdentifierCommand(mailbox: MailboxName(bytes: "Lists/dev"), identifier: "bob")
        )
        XCTAssertEqual(
            try parse("INBOX") { (s: inout ParserState) throws(IMAPDecodingError) in try s.getaclArguments() },
            .inbox
        )
    }

    func testRFCExamples() throws {
        // RFC 4314 3.
        XCTAssertEqual(try parse("INBOX Fred rwipslxetad Chris lrswi", acl).entries.count, 2)
        XCTAssertEqual(try parse("INBOX", acl).entries, [])
        XCTAssertEqual(try parse("INBOX -Fred +rwipslxetad", setacl).modRights, "+rwipslxetad")
        XCTAssertEqual(try parse(#"~/Mailbox Fred "" l r w s t p i e k x a c d"#, listrights).optional.count, 13)
        XCTAssertEqual(try parse("INBOX smith la r swicdkxte", listrights).optional, ["r", "swicdkxte"])
        XCTAssertEqual(try parse("INBOX rwiptsldaex", myrights).rights, "rwiptsldaex")
    }

    func testRejects() {
        assertRejects("INBOX Fred", rule: "acl-data", acl)
        assertRejects("INBOX Fred ", rule: "astring", acl)
        assertRejects("INBOX Fred", rule: "listrights-data", listrights)
        assertRejects("INBOX", rule: "myrights-data", myrights)
        assertRejects("INBOX Fred", rule: "setacl", setacl)
        assertRejects("INBOX", rule: "deleteacl", aclIdentifier)
        XCTAssertEqual(try parseLine("INBOX Fred rw ", acl).entries.count, 1)
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 4314)
        for _ in 0..<400 {
            let a = g.aclResponse()
            assertRoundTrip(a, write: { $0.writeACLData(a) }, parse: acl)
            let l = g.listRightsResponse()
            assertRoundTrip(l, write: { $0.writeListrightsData(l) }, parse: listrights)
            let m = g.myRightsResponse()
            assertRoundTrip(m, write: { $0.writeMyrightsData(m) }, parse: myrights)
            let s = g.setACLCommand()
            assertRoundTrip(s, write: { $0.writeSetaclArguments(s) }, parse: setacl)
            let d = g.aclIdentifierCommand()
            assertRoundTrip(d, write: { $0.writeACLIdentifierArguments(d) }, parse: aclIdentifier)
            let mb = g.mailbox()
            assertRoundTrip(
                mb,
                write: { $0.writeGetaclArguments(mb) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.getaclArguments() }
            )
        }
    }
}
