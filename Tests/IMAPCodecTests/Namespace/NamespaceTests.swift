import XCTest

@testable import IMAPCodec

private func ns(_ s: inout ParserState) throws(IMAPDecodingError) -> NamespaceResponse { try s.namespaceResponse() }

final class NamespaceTests: XCTestCase {
    func testDovecot() throws {
        let r = try parse(#"(("" "/")) NIL NIL"#, ns)
        XCTAssertEqual(
            r,
            NamespaceResponse(
                personal: [NamespaceDescription(prefix: "", delimiter: "/")],
                otherUsers: [],
                shared: []
            )
        )
        XCTAssertEqual(written { $0.writeNamespaceResponse(r) }, #"(("" "/")) NIL NIL"#)
    }

    func testRFCExamples() throws {
        // RFC 2342 5.
        var r = try parse(
            ##"(("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/")("#ftp/" "/")("#news." "."))"##,
            ns
        )
        XCTAssertEqual(r.otherUsers, [NamespaceDescription(prefix: "~", delimiter: "/")])
        XCTAssertEqual(r.shared.map(\.prefix), ["#shared/", "#public/", "#ftp/", "#news."])
        r = try parse(#"(("INBOX." ".")) NIL  NIL"#, lenient: true, ns)
        XCTAssertEqual(r.personal.first?.prefix, "INBOX.")
        // RFC 9051 with a namespace extension
        r = try parse(##"(("" "/")("#mh/" "/" "X-PARAM" ("FLAG1" "FLAG2"))) NIL NIL"##, ns)
        XCTAssertEqual(
            r.personal[1].extensions,
            [NamespaceExtension(name: "X-PARAM", values: NonEmptyArray("FLAG1", "FLAG2"))]
        )
        r = try parse(#"(("" NIL)) NIL NIL"#, ns)
        XCTAssertNil(r.personal[0].delimiter)
    }

    func testRejects() {
        assertRejects(#"() NIL NIL"#, rule: "namespace-descr", ns)
        assertRejects(#"(("" "/")) NIL"#, rule: "namespace-response", ns)
        assertRejects(#"((INBOX "/")) NIL NIL"#, rule: "namespace-descr", ns)
        assertRejects(#"(("" "/" "X" ())) NIL NIL"#, rule: "namespace-response-extension", ns)
        XCTAssertEqual(try parse(#"() NIL ((INBOX "."))"#, lenient: true, ns).shared.first?.prefix, "INBOX")
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 2342)
        for _ in 0..<400 {
            let r = g.namespaceResponse()
            assertRoundTrip(r, write: { $0.writeNamespaceResponse(r) }, parse: ns)
        }
    }
}
