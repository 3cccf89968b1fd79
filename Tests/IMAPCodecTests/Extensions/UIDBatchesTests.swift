import XCTest

@testable import IMAPCodec

final class UIDBatchesTests: XCTestCase {
    func testCommand() throws {
        XCTAssertEqual(
            try assertCommandRoundTrip("A142 UIDBATCHES 2000\r\n"),
            .uidBatches(UIDBatchesCommand(batchSize: 2000))
        )
        XCTAssertEqual(
            try assertCommandRoundTrip("A143 UIDBATCHES 1000 10:20\r\n"),
            .uidBatches(UIDBatchesCommand(batchSize: 1000, batches: 10...20))
        )
        try assertCommandRoundTrip("A1 uidbatches 500 1:1\r\n", canonical: "A1 UIDBATCHES 500 1:1\r\n")
        // A descending batch range: strict rejects it, lenient reads it in order.
        assertCommandRejected("A1 UIDBATCHES 500 20:10\r\n", rule: "message-batches")
        try assertCommandRoundTrip(
            "A1 UIDBATCHES 500 20:10\r\n",
            lenient: true,
            canonical: "A1 UIDBATCHES 500 10:20\r\n"
        )
        assertCommandRejected("A1 UIDBATCHES\r\n", rule: "message-batches")
        assertCommandRejected("A1 UIDBATCHES 0\r\n", rule: "message-batches")
        assertCommandRejected("A1 UIDBATCHES 500 10\r\n", rule: "message-batches")
        assertCommandRejected("A1 UIDBATCHES abc\r\n", rule: "message-batches")
        assertCommandRejected("A1 UIDBATCHES 500 0:3\r\n", rule: "message-batches")
        assertCommandRefused(.uidBatches(UIDBatchesCommand(batchSize: 0)), rule: "nz-number")
        assertCommandRefused(.uidBatches(UIDBatchesCommand(batchSize: 5, batches: 0...3)), rule: "nz-number")
    }

    func testResponse() throws {
        // RFC 10022's example.
        // The tag is an astring (RFC 9051 tag-string), written as an atom when it is one.
        let r = try assertResponseRoundTrip(
            "* UIDBATCHES (TAG \"A143\") 215295:99696,99695:20351,20350:7830,7829:1\r\n",
            canonical: "* UIDBATCHES (TAG A143) 215295:99696,99695:20351,20350:7830,7829:1\r\n"
        )
        XCTAssertEqual(
            r,
            .untagged(
                .uidBatches(
                    UIDBatchesResponse(
                        tag: "A143",
                        batches: [99696...215295, 20351...99695, 7830...20350, 1...7829]
                    )
                )
            )
        )
        try assertResponseRoundTrip("* UIDBATCHES (TAG A143)\r\n")
        try assertResponseRoundTrip("* UIDBATCHES (TAG \"A 1\") 99695\r\n")
        try assertResponseRoundTrip("* UIDBATCHES (TAG A1 MAILBOX Drafts UIDVALIDITY 4889695) 99695\r\n")
        // A range low to high reads as the same UIDs, written high to low.
        try assertResponseRoundTrip("* UIDBATCHES (TAG A1) 1:5\r\n", canonical: "* UIDBATCHES (TAG A1) 5:1\r\n")
        try assertResponseRoundTrip(
            "* UIDBATCHES  (TAG \"A1\")  5:1 \r\n",
            lenient: true,
            canonical: "* UIDBATCHES (TAG A1) 5:1\r\n"
        )
        assertResponseRejected("* UIDBATCHES (TAG \"A1\") 5:1 \r\n", rule: "CRLF")
        assertResponseRejected("* UIDBATCHES (MAILBOX INBOX) 5:1\r\n", rule: "uidbatches-response")
        assertResponseRejected("* UIDBATCHES 5:1\r\n", rule: "search-correlator")
        assertResponseRejected("* UIDBATCHES (TAG \"A1\") 5:0\r\n", rule: "uid-range")
        assertResponseRejected("* UIDBATCHES (TAG \"A1\") 5,\r\n", rule: "uid-range")
        assertResponseRefused(
            .untagged(.uidBatches(UIDBatchesResponse(tag: "A1", batches: [0...4]))),
            rule: "nz-number"
        )
        // An unknown keyword may not pose as the response.
        assertResponseRefused(.untagged(.other(keyword: Atom("UIDBATCHES")!, rest: "")), rule: "response-data")
    }

    func testSearchKeys() throws {
        let kind = try assertCommandRoundTrip("A1 UID SEARCH UIDAFTER 100 UIDBEFORE 200\r\n")
        guard case .search(let program, uid: true) = kind else { return XCTFail("\(String(describing: kind))") }
        XCTAssertEqual(program.keys.array, [.uidAfter(100), .uidBefore(200)])
        try assertCommandRoundTrip("A1 SEARCH NOT UIDAFTER 4294967295\r\n")
        assertCommandRejected("A1 SEARCH UIDAFTER 0\r\n", rule: "search-key")
        assertCommandRejected("A1 SEARCH UIDBEFORE\r\n", rule: "search-key")
        assertCommandRefused(.search(SearchProgram(keys: NonEmptyArray(.uidAfter(0)))), rule: "nz-number")
    }

    func testCapability() {
        XCTAssertEqual(Capability("uidbatches"), .uidBatches)
        XCTAssertEqual(Capability("uidbatches")?.rawValue, "UIDBATCHES")
    }
}
