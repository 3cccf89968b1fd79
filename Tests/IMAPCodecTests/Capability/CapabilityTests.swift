import XCTest

@testable import IMAPCodec

final class CapabilityTests: XCTestCase {
    func testDovecotCapabilityLine() throws {
        let caps = try parse(
            " IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES LITERAL+ NOTIFY METADATA SPECIAL-USE COMPRESS=DEFLATE QUOTA ACL RIGHTS=texk"
        ) { (s: inout ParserState) throws(IMAPDecodingError) in try s.capabilityData() }
        XCTAssertEqual(caps.count, 17)
        XCTAssertEqual(caps.first, .imap4rev1)
        XCTAssertTrue(caps.contains(.literalPlus))
        XCTAssertTrue(caps.contains(.idle))
        XCTAssertEqual(caps.last?.value(for: "rights"), "texk")
    }

    func testCaseInsensitiveAndAuth() throws {
        XCTAssertEqual(Capability("imap4REV2"), .imap4rev2)
        XCTAssertEqual(Capability("imap4REV2")?.hashValue, Capability.imap4rev2.hashValue)
        XCTAssertNotEqual(Capability("IMAP4rev1"), .imap4rev2)
        XCTAssertEqual(Capability.authPlain.authMechanism, "PLAIN")
        XCTAssertEqual(Capability("auth=xoauth2")?.authMechanism, "xoauth2")
        XCTAssertNil(Capability.idle.authMechanism)
        XCTAssertEqual(Capability.auth("XOAUTH2"), .authXOAuth2)
        XCTAssertNil(Capability("two words"))
        XCTAssertNil(Capability(""))
        XCTAssertEqual(Capability("LITERAL-"), .literalMinus)
        XCTAssertEqual(Capability("utf8=accept"), .utf8Accept)
    }

    func testEmptyAndInsideResponseCode() throws {
        let empty = try parse("") { (s: inout ParserState) throws(IMAPDecodingError) in try s.capabilityData() }
        XCTAssertEqual(empty, [])
        // `[CAPABILITY IMAP4rev1 IDLE]`: stops before the bracket.
        var state = ParserState(Array(" IMAP4rev1 AUTH=PLAIN]".utf8), options: ParseOptions(lenient: false))
        XCTAssertEqual(try state.capabilityData(), [.imap4rev1, .authPlain])
        XCTAssertEqual(state.peek(), ASCII.closeBracket)
    }

    func testDuplicatesKept() throws {
        let caps = try parse(" IDLE idle IDLE") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.capabilityData()
        }
        XCTAssertEqual(caps.count, 3)
        XCTAssertEqual(caps.map(\.rawValue), ["IDLE", "IDLE", "IDLE"])  // a well-known name's spelling
    }

    /// quirk-29 (Tencent exmail): a trailing SP before CRLF.
    func testQuirk29TrailingSpace() throws {
        let line = " IMAP4 IMAP4rev1 XLIST MOVE IDLE XAPPLEPUSHSERVICE NAMESPACE CHILDREN ID UIDPLUS \r\n"
        var state = ParserState(Array(line.utf8), options: ParseOptions(lenient: true))
        let caps = try state.capabilityData()
        XCTAssertEqual(caps.count, 10)
        XCTAssertEqual(caps.last, .uidPlus)
        try state.crlf()
        XCTAssertTrue(state.isAtEnd)
        assertRejects(line, lenient: false, rule: "capability") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.capabilityData()
        }
    }

    func testEnable() throws {
        let args = try parse("CONDSTORE QRESYNC") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.enableArguments()
        }
        XCTAssertEqual(args, NonEmptyArray(.condStore, .qresync))
        let data = try parse(" CONDSTORE") { (s: inout ParserState) throws(IMAPDecodingError) in try s.enableData() }
        XCTAssertEqual(data, [.condStore])
        let none = try parse("") { (s: inout ParserState) throws(IMAPDecodingError) in try s.enableData() }
        XCTAssertEqual(none, [])
        assertRejects("", rule: "capability") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.enableArguments()
        }
        assertRejects("(CONDSTORE)", rule: "capability") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.enableArguments()
        }
        XCTAssertEqual(written { $0.writeEnableArguments(NonEmptyArray(.condStore, .qresync)) }, "CONDSTORE QRESYNC")
        XCTAssertEqual(written { $0.writeEnableData([.utf8Accept]) }, " UTF8=ACCEPT")
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 29)
        for _ in 0..<400 {
            let caps = g.capabilities()
            assertRoundTrip(
                caps,
                write: { $0.writeCapabilityData(caps) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.capabilityData() }
            )
            let enable = g.enableCapabilities()
            assertRoundTrip(
                enable,
                write: { $0.writeEnableArguments(enable) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.enableArguments() }
            )
        }
    }
}
