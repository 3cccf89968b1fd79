import XCTest

@testable import IMAPCodec

final class MultiSearchTests: XCTestCase {
    func testRFCExamples() throws {
        // RFC 7377 section 3.
        let kind = try assertCommandRoundTrip(
            "tag1 ESEARCH IN (mailboxes \"folder1\" subtree \"folder2\") unseen\r\n",
            canonical: "tag1 ESEARCH IN (mailboxes folder1 subtree folder2) UNSEEN\r\n"
        )
        XCTAssertEqual(
            kind,
            .esearch(
                ESearchCommand(
                    source: SearchSource(filters: [
                        .mailboxes([MailboxName("folder1")]), .subtree([MailboxName("folder2")]),
                    ]),
                    program: SearchProgram(keys: NonEmptyArray(.unseen))
                )
            )
        )
        try assertCommandRoundTrip(
            "tag2 ESEARCH IN (mailboxes \"folder1\" subtree-one \"folder2\") unseen\r\n",
            canonical: "tag2 ESEARCH IN (mailboxes folder1 subtree-one folder2) UNSEEN\r\n"
        )
        // Section 2: the UID form, no source.
        XCTAssertEqual(
            try assertCommandRoundTrip("tag1 UID ESEARCH FROM frobozz 1:100\r\n"),
            .esearch(
                ESearchCommand(
                    program: SearchProgram(keys: NonEmptyArray(.from("frobozz"), .sequenceSet(SequenceSet(1...100))))
                ),
                uid: true
            )
        )
        let responses = [
            "* ESEARCH (TAG \"tag1\" MAILBOX \"folder1\" UIDVALIDITY 1) UID ALL 4001,4003,4005,4007,4009\r\n",
            "* ESEARCH (TAG \"tag1\" MAILBOX \"folder2/banana\" UIDVALIDITY 503) UID ALL 3002,4004\r\n",
        ]
        for response in responses {
            let r = try ResponseDecoder.decode(Array(response.utf8), options: .init(lenient: false))
            guard case .untagged(.esearch(let e)) = r else { return XCTFail("\(r)") }
            XCTAssertNotNil(e.mailbox)
            XCTAssertNotNil(e.uidValidity)
        }
    }

    func testSourceOptions() throws {
        try assertCommandRoundTrip(
            "A1 ESEARCH IN (selected inboxes personal subscribed mailboxes (a b \"c d\")) RETURN (MIN COUNT) CHARSET UTF-8 ALL\r\n"
        )
        assertCommandRejected("A1 ESEARCH IN (subtree (INBOX) X-SCOPE) ALL\r\n", rule: "filter-mailboxes")
    }

    func testScopeOptions() throws {
        try assertCommandRoundTrip("A1 ESEARCH IN (personal (X-DEPTH 2 X-FLAG)) ALL\r\n")
        try assertCommandRoundTrip(
            "A1 ESEARCH IN ( personal  (X-FLAG ) ) ALL\r\n",
            lenient: true,
            canonical: "A1 ESEARCH IN (personal (X-FLAG)) ALL\r\n"
        )
    }

    func testRejects() {
        assertCommandRejected("A1 ESEARCH IN () ALL\r\n", rule: "filter-mailboxes")
        assertCommandRejected("A1 ESEARCH IN (subtree) ALL\r\n", rule: "one-or-more-mailbox")
        assertCommandRejected("A1 ESEARCH IN (subtree ()) ALL\r\n", rule: "astring")
        assertCommandRejected("A1 ESEARCH IN (personal ()) ALL\r\n", rule: "scope-option")
        assertCommandRejected("A1 ESEARCH IN (personal) \r\n", rule: "search-key")
        assertCommandRejected("A1 ESEARCH IN (everything) ALL\r\n", rule: "filter-mailboxes")
        assertCommandRefused(
            .esearch(
                ESearchCommand(source: SearchSource(filters: []), program: SearchProgram(keys: NonEmptyArray(.all)))
            ),
            rule: "source-mbox"
        )
        assertCommandRefused(
            .esearch(
                ESearchCommand(
                    source: SearchSource(filters: [.subtree([])]),
                    program: SearchProgram(keys: NonEmptyArray(.all))
                )
            ),
            rule: "one-or-more-mailbox"
        )
    }

    func testCapability() {
        XCTAssertEqual(Capability("multisearch"), .multiSearch)
    }
}
