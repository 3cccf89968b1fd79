import XCTest

@testable import IMAPCodec

final class URLAuthTests: XCTestCase {
    let rump = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred"
    let full =
        "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred:internal:91354a473744909de610943775f92038"

    func testRFCExamples() throws {
        // RFC 4467 section 7. The URLs are astrings, written as atoms when they are atoms.
        XCTAssertEqual(
            try assertCommandRoundTrip(
                "a001 GENURLAUTH \"\(rump)\" INTERNAL\r\n",
                canonical: "a001 GENURLAUTH \(rump) INTERNAL\r\n"
            ),
            .genURLAuth([URLAuthRequest(urlRump: ByteString(rump), mechanism: Atom("INTERNAL")!)])
        )
        XCTAssertEqual(
            try assertResponseRoundTrip("* GENURLAUTH \"\(full)\"\r\n", canonical: "* GENURLAUTH \(full)\r\n"),
            .untagged(.genURLAuth([ByteString(full)]))
        )
        XCTAssertEqual(
            try assertCommandRoundTrip("a002 URLFETCH \"\(full)\"\r\n", canonical: "a002 URLFETCH \(full)\r\n"),
            .urlFetch([ByteString(full)])
        )
        XCTAssertEqual(
            try assertResponseRoundTrip(
                "* URLFETCH \"\(full)\" {28}\r\nSi vis pacem, para bellum.\r\n\r\n",
                canonical: "* URLFETCH \(full) {28}\r\nSi vis pacem, para bellum.\r\n\r\n"
            ),
            .untagged(.urlFetch([URLFetchData(url: ByteString(full), data: "Si vis pacem, para bellum.\r\n")]))
        )
        XCTAssertEqual(
            try assertResponseRoundTrip(
                "* URLFETCH \"\(full)\" NIL \"\(full)\" \"hi\"\r\n",
                canonical: "* URLFETCH \(full) NIL \(full) \"hi\"\r\n"
            ),
            .untagged(
                .urlFetch([
                    URLFetchData(url: ByteString(full), data: nil), URLFetchData(url: ByteString(full), data: "hi"),
                ])
            )
        )
    }

    func testResetKey() throws {
        XCTAssertEqual(try assertCommandRoundTrip("c RESETKEY\r\n"), .resetKey(mailbox: nil, mechanisms: []))
        XCTAssertEqual(try assertCommandRoundTrip("d RESETKEY INBOX\r\n"), .resetKey(mailbox: .inbox, mechanisms: []))
        XCTAssertEqual(
            try assertCommandRoundTrip("e RESETKEY Drafts INTERNAL X-1.2\r\n"),
            .resetKey(mailbox: "Drafts", mechanisms: [Atom("INTERNAL")!, Atom("X-1.2")!])
        )
        assertCommandRejected("e RESETKEY Drafts X_1\r\n", rule: "mechanism")
        try assertCommandRoundTrip("e RESETKEY  Drafts  X \r\n", lenient: true, canonical: "e RESETKEY Drafts X\r\n")
        assertCommandRefused(.resetKey(mailbox: nil, mechanisms: [Atom("INTERNAL")!]), rule: "resetkey")
        assertCommandRefused(.resetKey(mailbox: "a", mechanisms: [Atom("X_1")!]), rule: "mechanism")
    }

    func testRejectedAndRefused() {
        assertCommandRejected("a GENURLAUTH\r\n", rule: "genurlauth")
        assertCommandRejected("a GENURLAUTH \"\(rump)\"\r\n", rule: "genurlauth")
        assertCommandRejected("a URLFETCH\r\n", rule: "urlfetch")
        assertCommandRejected("a URLFETCH (\"\(full)\" BINARY)\r\n", rule: "urlfetch")
        assertResponseRejected("* GENURLAUTH\r\n", rule: "genurlauth-data")
        assertResponseRejected("* URLFETCH \"\(full)\"\r\n", rule: "urlfetch-data")
        assertResponseRejected("* URLFETCH \"\(full)\" (BODY \"x\")\r\n", rule: "urlfetch-data")
        assertCommandRefused(.genURLAuth([]), rule: "genurlauth")
        assertCommandRefused(.urlFetch([]), rule: "urlfetch")
        assertResponseRefused(.untagged(.genURLAuth([])), rule: "genurlauth-data")
        assertResponseRefused(.untagged(.urlFetch([])), rule: "urlfetch-data")
    }
}
