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
        XCTAssertEqual(Capability("filters"), .filters)
    }
}
