import XCTest

@testable import IMAPCodec

final class SectionSpecTests: XCTestCase {
    private func section(_ text: String, lenient: Bool = false) throws -> SectionSpec {
        try parse(text, lenient: lenient) { (s: inout ParserState) throws(IMAPDecodingError) in try s.section() }
    }

    func testSectionForms() throws {
        XCTAssertEqual(try section("[]"), SectionSpec())
        XCTAssertEqual(try section("[HEADER]"), .header)
        XCTAssertEqual(try section("[header]"), .header)
        XCTAssertEqual(try section("[TEXT]"), .text)
        XCTAssertEqual(try section("[1]"), SectionSpec(part: [1]))
        XCTAssertEqual(try section("[1.2.3]"), SectionSpec(part: [1, 2, 3]))
        XCTAssertEqual(try section("[2.MIME]"), SectionSpec(part: [2], kind: .mime))
        XCTAssertEqual(try section("[1.2.MIME]"), SectionSpec(part: [1, 2], kind: .mime))
        XCTAssertEqual(try section("[2.HEADER]"), SectionSpec(part: [2], kind: .header))
        XCTAssertEqual(try section("[2.TEXT]"), SectionSpec(part: [2], kind: .text))
        // RFC 9051 6.4.5 examples
        XCTAssertEqual(
            try section("[HEADER.FIELDS (DATE FROM)]"),
            SectionSpec(kind: .headerFields(["DATE", "FROM"]))
        )
        XCTAssertEqual(
            try section("[4.2.HEADER.FIELDS.NOT (Received \"X-Long Header\")]"),
            SectionSpec(part: [4, 2], kind: .headerFieldsNot(["Received", "X-Long Header"]))
        )
        // Corpus (fullsync.c2s)
        XCTAssertEqual(
            try section("[HEADER.FIELDS (From To Subject Date Message-ID)]"),
            SectionSpec(kind: .headerFields(["From", "To", "Subject", "Date", "Message-ID"]))
        )
    }

    func testHeaderFieldNameLiteral() throws {
        XCTAssertEqual(try section("[HEADER.FIELDS ({4}\r\nDATE)]"), SectionSpec(kind: .headerFields(["DATE"])))
    }

    func testSectionRejections() {
        let rule = { (s: inout ParserState) throws(IMAPDecodingError) -> SectionSpec in try s.section() }
        assertRejects("[HEADER.FIELDS ()]", rule: "header-list", rule)
        assertRejects("[MIME]", rule: "section-spec", rule)
        assertRejects("[0]", rule: "section-part", kind: .numberOutOfRange, rule)
        assertRejects("[1.0]", rule: "section-part", kind: .numberOutOfRange, rule)
        assertRejects("[4294967296]", rule: "section-part", kind: .numberOutOfRange, rule)
        assertRejects("[BOGUS]", rule: "section-msgtext", rule)
        assertRejects("[1.BOGUS]", rule: "section-msgtext", rule)
        assertRejects("[HEADER.FIELDS]", rule: "section-msgtext", rule)
        assertRejects("[1.]", rule: "section-msgtext", rule)
        assertRejects("[1", rule: "section", rule)
        assertRejects("HEADER]", rule: "section", rule)
        assertRejects("[HEADER.FIELDS (A", rule: "header-list", rule)
    }

    func testSectionLenient() throws {
        XCTAssertEqual(try section("[HEADER.FIELDS ()]", lenient: true), SectionSpec(kind: .headerFields([])))
        XCTAssertEqual(
            try section("[HEADER.FIELDS  ( A  B )]", lenient: true),
            SectionSpec(kind: .headerFields(["A", "B"]))
        )
        XCTAssertEqual(try section("[0]", lenient: true), SectionSpec(part: [0]))
    }

    func testSectionBinary() throws {
        let rule = { (s: inout ParserState) throws(IMAPDecodingError) -> [UInt32] in try s.sectionBinary() }
        XCTAssertEqual(try parse("[]", rule), [])
        XCTAssertEqual(try parse("[1.2]", rule), [1, 2])
        assertRejects("[1.TEXT]", rule: "section-binary", rule)
        assertRejects("[HEADER]", rule: "section-part", rule)
    }

    func testPartial() throws {
        let rule = { (s: inout ParserState) throws(IMAPDecodingError) -> Partial in try s.partial() }
        XCTAssertEqual(try parse("<0.2048>", rule), Partial(offset: 0, length: 2048))
        XCTAssertEqual(try parse("<9223372036854775807.1>", rule), Partial(offset: .max, length: 1))
        assertRejects("<0.0>", rule: "partial", kind: .numberOutOfRange, rule)
        assertRejects("<9223372036854775808.1>", rule: "partial", kind: .numberOutOfRange, rule)
        assertRejects("<0>", rule: "partial", rule)
        assertRejects("<0.1", rule: "partial", rule)
        XCTAssertEqual(try parse("<5.0>", lenient: true, rule), Partial(offset: 5, length: 0))
    }

    func testWriter() {
        XCTAssertEqual(SectionSpec().description, "[]")
        XCTAssertEqual(SectionSpec(part: [1, 2], kind: .mime).description, "[1.2.MIME]")
        XCTAssertEqual(
            SectionSpec(part: [3], kind: .headerFieldsNot(["Received", "X Y", ""])).description,
            "[3.HEADER.FIELDS.NOT (Received \"X Y\" \"\")]"
        )
        XCTAssertEqual(writtenString { $0.writePartial(Partial(offset: 10, length: 20)) }, "<10.20>")
        XCTAssertEqual(writtenString { $0.writeSectionBinary([]) }, "[]")
    }
}
