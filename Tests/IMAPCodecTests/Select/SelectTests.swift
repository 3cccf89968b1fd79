import XCTest

@testable import IMAPCodec

private func select(_ s: inout ParserState) throws(IMAPDecodingError) -> SelectCommand { try s.selectArguments() }
private func create(_ s: inout ParserState) throws(IMAPDecodingError) -> CreateCommand { try s.createArguments() }

final class SelectTests: XCTestCase {
    func testCorpus() throws {
        XCTAssertEqual(try parse("INBOX", select), SelectCommand(mailbox: .inbox))
        XCTAssertEqual(try parse(#""Entw&APw-rfe""#, select).mailbox, MailboxName("Entwürfe"))
        XCTAssertEqual(try parse("INBOX (CONDSTORE)", select).parameters, [.condStore])
        XCTAssertEqual(
            try parse("INBOX (QRESYNC (1795707802 2005 1:1500))", select).parameters,
            [.qresync(QResyncParameter(uidValidity: 1795707802, modSequence: 2005, knownUIDs: SequenceSet(1...1500)))]
        )
        XCTAssertEqual(
            try parse("INBOX (QRESYNC (1 1))", select).parameters,
            [.qresync(QResyncParameter(uidValidity: 1, modSequence: 1))]
        )
        let e = try parse("INBOX (QRESYNC (1795707802 2005 1:1500 (1,11,21 1,11,21)))", select)
        guard case .qresync(let q) = e.parameters.first else { return XCTFail() }
        XCTAssertEqual(q.sequenceMatch?.knownSequenceSet.description, "1,11,21")
        XCTAssertEqual(q.sequenceMatch?.knownUIDSet.description, "1,11,21")
        XCTAssertEqual(try parse(#""T&AOs-mp &APw-n&AO8-c&APY-d&AOk- &IKw-""#, create).mailbox.name, "Tëmp ünïcödé €")
    }

    func testRFCExamples() throws {
        // RFC 7162 3.2.5.2
        let r = try parse("INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))", select)
        XCTAssertEqual(
            r.parameters,
            [
                .qresync(
                    QResyncParameter(
                        uidValidity: 67890007,
                        modSequence: 90060115194045000,
                        knownUIDs: SequenceSet([.range(.number(41), .number(211)), .range(.number(214), .number(541))])
                    )
                )
            ]
        )
        let m = try parse(
            "INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))",
            select
        )
        guard case .qresync(let q) = m.parameters.first else { return XCTFail() }
        XCTAssertEqual(q.sequenceMatch?.knownUIDSet.elements.count, 13)
        // QRESYNC with seq-match-data but no known-uids
        let n = try parse("INBOX (QRESYNC (1 2 (1:2 5:6)))", select)
        guard case .qresync(let q2) = n.parameters.first else { return XCTFail() }
        XCTAssertNil(q2.knownUIDs)
        XCTAssertNotNil(q2.sequenceMatch)
        // unknown parameters kept
        XCTAssertEqual(
            try parse("INBOX (X-FOO X-BAR 5 X-BAZ (a (b)))", select).parameters,
            [
                .other(name: "X-FOO", value: nil), .other(name: "X-BAR", value: .number(5)),
                .other(name: "X-BAZ", value: .list([.astring("a"), .list([.astring("b")])])),
            ]
        )
        // RFC 6154 5.2
        XCTAssertEqual(
            try parse(#"MySpecialArchive (USE (\Archive))"#, create),
            CreateCommand(mailbox: MailboxName(bytes: "MySpecialArchive"), parameters: [.use([.archive])])
        )
        XCTAssertEqual(
            try parse(#"x (USE () X-Y 1:*)"#, create).parameters,
            [.use([]), .other(name: "X-Y", value: .sequenceSet(SequenceSet([.range(.number(1), .last)])!))]
        )
        XCTAssertEqual(try parse("Foo", create).parameters, [])
    }

    func testRejects() {
        assertRejects("INBOX ()", rule: "select-param", select)
        assertRejects("INBOX (QRESYNC (0 1))", rule: "uidvalidity", kind: .numberOutOfRange, select)
        assertRejects("INBOX (QRESYNC (1 0))", rule: "mod-sequence-value", kind: .numberOutOfRange, select)
        assertRejects("INBOX (QRESYNC (1 2 1:*))", rule: "seq-number", select)
        assertRejects("INBOX (QRESYNC 1 2)", rule: "select-param", select)
        assertRejects("INBOX (QRESYNC (1 2 (1:2)))", rule: "seq-match-data", select)
        assertRejects("INBOX (CONDSTORE", rule: "select-params", select)
        assertRejects("INBOX (1FOO)", rule: "select-param", select)
        assertRejects(#"x (USE (Archive))"#, rule: "use-attr", create)
        assertRejects(#"x (USE \Archive)"#, rule: "create-param", create)
        XCTAssertEqual(try parse("INBOX ( CONDSTORE  )", lenient: true, select).parameters, [.condStore])
        XCTAssertEqual(try parse("INBOX ()", lenient: true, select).parameters, [])
    }

    func testWriter() {
        let c = SelectCommand(
            mailbox: MailboxName("Entwürfe"),
            parameters: [
                .condStore,
                .qresync(
                    QResyncParameter(
                        uidValidity: 3,
                        modSequence: 9,
                        knownUIDs: SequenceSet(1...5),
                        sequenceMatch: SequenceMatchData(knownSequenceSet: SequenceSet(2), knownUIDSet: SequenceSet(4))
                    )
                ),
            ]
        )
        XCTAssertEqual(written { $0.writeSelectArguments(c) }, "Entw&APw-rfe (CONDSTORE QRESYNC (3 9 1:5 (2 4)))")
        XCTAssertEqual(
            written {
                $0.writeCreateArguments(
                    CreateCommand(mailbox: MailboxName(bytes: "a b"), parameters: [.use([.sent, .junk])])
                )
            },
            #""a b" (USE (\Sent \Junk))"#
        )
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 7162)
        for _ in 0..<500 {
            let s = g.selectCommand()
            assertRoundTrip(s, write: { $0.writeSelectArguments(s) }, parse: select)
            let c = g.createCommand()
            assertRoundTrip(c, write: { $0.writeCreateArguments(c) }, parse: create)
        }
    }

    func testTaggedExtensionRoundTrip() {
        var g = MailboxDataGen(seed: 4466)
        for _ in 0..<500 {
            let v = g.taggedValue()
            assertRoundTrip(
                v,
                write: { $0.writeTaggedExtVal(v) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.taggedExtVal() }
            )
        }
    }

    func testNestingBounded() {
        let deep = String(repeating: "(", count: 500) + String(repeating: ")", count: 500)
        assertRejects("INBOX (X-A \(deep))", kind: .nestingTooDeep, select)
    }
}
