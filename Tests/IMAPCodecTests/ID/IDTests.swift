import XCTest

@testable import IMAPCodec

private func id(_ s: inout ParserState) throws(IMAPDecodingError) -> [IDField]? { try s.idParamsList() }

final class IDTests: XCTestCase {
    func testCorpus() throws {
        XCTAssertEqual(try parse(#"("name" "Dovecot")"#, id), [IDField(key: "name", value: "Dovecot")])
        XCTAssertEqual(try parse("NIL", id), nil)
        let c = try parse(
            #"("name" "corpus-fullsync" "version" "1.0" "os" "Linux" "vendor" "imapcorp" "support-url" "mailto:nobody@example.com")"#,
            id
        )
        XCTAssertEqual(c?.count, 5)
        XCTAssertEqual(c?.last, IDField(key: "support-url", value: "mailto:nobody@example.com"))
    }

    func testRFCExamples() throws {
        // RFC 2971 3.3
        let r = try parse(
            #"("name" "Cyrus" "version" "1.5" "os" "sunos" "os-version" "5.5" "support-url" "mailto:cyrus-bugs+@andrew.cmu.edu")"#,
            id
        )
        XCTAssertEqual(r?[3], IDField(key: "os-version", value: "5.5"))
        XCTAssertEqual(try parse(#"("name" NIL)"#, id), [IDField(key: "name", value: nil)])
        XCTAssertEqual(try parse("()", id), [])
    }

    func testLenientAndRejects() throws {
        XCTAssertEqual(
            try parse(#"(name "x"  version NIL )"#, lenient: true, id),
            [IDField(key: "name", value: "x"), IDField(key: "version", value: nil)]
        )
        assertRejects(#"(name "x")"#, rule: "id-params-list", id)
        assertRejects(#"("name")"#, rule: "id-params-list", id)
        assertRejects(#""name""#, rule: "id-params-list", id)
        assertRejects(#"("name" "x""#, rule: "id-params-list", id)
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 2971)
        for _ in 0..<400 {
            let fields = g.idFields()
            assertRoundTrip(fields, write: { $0.writeIDParamsList(fields) }, parse: id)
        }
    }
}
