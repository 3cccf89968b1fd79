import XCTest

@testable import IMAPCodec

final class FiltersTests: XCTestCase {
    func testFilterKey() throws {
        // RFC 5466 section 3.1.
        let kind = try assertCommandRoundTrip("a SEARCH FILTER on-the-road SINCE 1-Feb-1994\r\n")
        guard case .search(let program, uid: false) = kind else { return XCTFail("\(String(describing: kind))") }
        XCTAssertEqual(program.keys.first, .filter(Atom("on-the-road")!))
        try assertCommandRoundTrip("a UID SEARCH OR FILTER a NOT FILTER Work.Urgent\r\n")
        assertCommandRejected("a SEARCH FILTER a/b\r\n", rule: "filter-name")
        assertCommandRejected("a SEARCH FILTER a/b\r\n", lenient: true, rule: "filter-name")
        assertCommandRejected("a SEARCH FILTER \"x\"\r\n", rule: "filter-name")
        assertCommandRejected("a SEARCH FILTER\r\n", rule: "search-key")
        assertCommandRefused(.search(SearchProgram(keys: NonEmptyArray(.filter(Atom("a/b")!)))), rule: "filter-name")
        // RFC 5466 section 4: resp-text-code =/ "UNDEFINED-FILTER" SP filter-name, kept as a
        // generic response code.
        try assertResponseRoundTrip("a NO [UNDEFINED-FILTER on-the-road] No such filter\r\n")
        try assertResponseRoundTrip("a NO [UNDEFINED-FILTER on-the-road] No such filter\r\n", lenient: true)
        // The section 3 SETMETADATA example (the filter value is plain METADATA).
        try assertCommandRoundTrip(
            "a007 SETMETADATA \"\" (\"/private/filters/values/on-the-road\""
                + " \"OR SMALLER 5000 FROM \\\"boss@example.com\\\"\")\r\n",
            canonical: "a007 SETMETADATA \"\" (/private/filters/values/on-the-road"
                + " \"OR SMALLER 5000 FROM \\\"boss@example.com\\\"\")\r\n"
        )
        XCTAssertEqual(Capability("filters"), .filters)
    }
}
