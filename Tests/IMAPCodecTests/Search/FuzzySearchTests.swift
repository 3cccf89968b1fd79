import XCTest

@testable import IMAPCodec

/// SEARCH=FUZZY (RFC 6203): the FUZZY key, RELEVANCY as a return option, ESEARCH data and
/// sort key; the RFC's examples decode strictly and leniently and are written back as sent.
final class FuzzySearchTests: XCTestCase {
    private func command(_ text: String, lenient: Bool) throws -> CommandKind? {
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: lenient))
        decoder.append(Array(text.utf8))
        while let event = try decoder.next() {
            if case .message(.command(let command)) = event { return command.kind }
        }
        return nil
    }

    private func checkCommand(
        _ text: String,
        _ expected: CommandKind,
        file: StaticString = #filePath,
        line: UInt = #line
    )
        throws
    {
        for lenient in [false, true] {
            XCTAssertEqual(try command(text, lenient: lenient), expected, file: file, line: line)
        }
        let tag = Tag(String(text.prefix { $0 != " " }))!
        let chunks = try CommandEncoder().encode(Command(tag: tag, expected))
        XCTAssertEqual(String(decoding: chunks.flatMap(\.bytes), as: UTF8.self), text, file: file, line: line)
    }

    private func response(_ text: String, lenient: Bool) -> (values: [Response], errors: [IMAPDecodingError]) {
        decodeAll(responses: Array(text.utf8), options: ResponseDecoder.Options(lenient: lenient))
    }

    func testRFCExamples() throws {
        // RFC 6203 section 3
        try checkCommand(
            "A1 SEARCH FUZZY (SUBJECT \"IMAP break\")\r\n",
            .search(SearchProgram(keys: NonEmptyArray(.fuzzy(.and(NonEmptyArray(.subject("IMAP break")))))))
        )
        try checkCommand(
            "A2 SEARCH FUZZY SUBJECT work FROM user@example.com\r\n",
            .search(SearchProgram(keys: NonEmptyArray(.fuzzy(.subject("work")), .from("user@example.com"))))
        )
        try checkCommand(
            "A3 SEARCH SUBJECT xyz FUZZY ANSWERED\r\n",
            .search(SearchProgram(keys: NonEmptyArray(.subject("xyz"), .fuzzy(.answered))))
        )
        // RFC 6203 section 4
        try checkCommand(
            "B1 SEARCH RETURN (RELEVANCY ALL) FUZZY TEXT Helo\r\n",
            .search(SearchProgram(returnOptions: [.relevancy, .all], keys: NonEmptyArray(.fuzzy(.text("Helo")))))
        )
        // RFC 6203 section 6
        try checkCommand(
            "C1 SORT (RELEVANCY) UTF-8 FUZZY SUBJECT Helo\r\n",
            .sort(
                SortArguments(
                    criteria: NonEmptyArray(SortCriterion(.relevancy)),
                    charset: "UTF-8",
                    keys: NonEmptyArray(.fuzzy(.subject("Helo")))
                )
            )
        )
        // The section 4 and 6 examples as the RFC writes them ("Helo" quoted, written back as
        // an atom; the TAG string likewise).
        for lenient in [false, true] {
            try assertCommandRoundTrip(
                "B1 SEARCH RETURN (RELEVANCY ALL) FUZZY TEXT \"Helo\"\r\n",
                lenient: lenient,
                canonical: "B1 SEARCH RETURN (RELEVANCY ALL) FUZZY TEXT Helo\r\n"
            )
            try assertCommandRoundTrip(
                "C1 SORT (RELEVANCY) UTF-8 FUZZY SUBJECT \"Helo\"\r\n",
                lenient: lenient,
                canonical: "C1 SORT (RELEVANCY) UTF-8 FUZZY SUBJECT Helo\r\n"
            )
            try assertCommandRoundTrip(
                "C2 SORT RETURN (RELEVANCY ALL) (RELEVANCY) UTF-8 FUZZY TEXT \"Helo\"\r\n",
                lenient: lenient,
                canonical: "C2 SORT RETURN (RELEVANCY ALL) (RELEVANCY) UTF-8 FUZZY TEXT Helo\r\n"
            )
            try assertResponseRoundTrip(
                "* ESEARCH (TAG \"C2\") ALL 5,10,1 RELEVANCY (99 42 4)\r\n",
                lenient: lenient,
                canonical: "* ESEARCH (TAG C2) ALL 5,10,1 RELEVANCY (99 42 4)\r\n"
            )
            try assertCommandRoundTrip(
                "C3 SORT RETURN (PARTIAL 1:10) (RELEVANCY) UTF-8 FUZZY TEXT \"World\"\r\n",
                lenient: lenient,
                canonical: "C3 SORT RETURN (PARTIAL 1:10) (RELEVANCY) UTF-8 FUZZY TEXT World\r\n"
            )
            try assertResponseRoundTrip(
                "* ESEARCH (TAG \"C3\") PARTIAL (1:10 42,9,34,13,15,4,2,7,23,82)\r\n",
                lenient: lenient,
                canonical: "* ESEARCH (TAG C3) PARTIAL (1:10 42,9,34,13,15,4,2,7,23,82)\r\n"
            )
            try assertCommandRoundTrip(
                "A4 SEARCH FUZZY (FROM Dave SINCE 21-Jan-2009 BEFORE 24-Jan-2009)\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip("A5 SEARCH FUZZY (LARGER 900000 SMALLER 1100000)\r\n", lenient: lenient)
        }
        let text = "* ESEARCH (TAG \"B1\") ALL 1,5,10 RELEVANCY (4 99 42)\r\n"
        for lenient in [false, true] {
            let (values, errors) = response(text, lenient: lenient)
            XCTAssertEqual(errors.count, 0)
            guard case .untagged(.esearch(let esearch))? = values.first else { return XCTFail("\(values)") }
            XCTAssertEqual(esearch.tag, "B1")
            XCTAssertEqual(esearch.data.last, .relevancy([4, 99, 42]))
            // The tag is an astring, written bare.
            XCTAssertEqual(
                String(decoding: try ResponseEncoder().encode(values[0]), as: UTF8.self),
                "* ESEARCH (TAG B1) ALL 1,5,10 RELEVANCY (4 99 42)\r\n"
            )
        }
        XCTAssertEqual(SortKey("relevancy"), .relevancy)
    }

    func testScores() throws {
        // An empty list is a score-list.
        XCTAssertEqual(response("* ESEARCH RELEVANCY ()\r\n", lenient: false).errors.count, 0)
        for bad in ["0", "101", "0001", "x"] {
            let (_, errors) = response("* ESEARCH RELEVANCY (\(bad))\r\n", lenient: false)
            XCTAssertEqual(errors.first?.rule, "score", bad)
        }
        // Lenient reads a 0; the encoder refuses it (and anything above 100).
        let (values, errors) = response("* ESEARCH RELEVANCY ( 0  7 )\r\n", lenient: true)
        XCTAssertEqual(errors.count, 0)
        guard case .untagged(.esearch(let esearch))? = values.first else { return XCTFail("\(values)") }
        XCTAssertEqual(esearch.data, [.relevancy([0, 7])])
        for scores: [UInt8] in [[0], [5, 101], [255]] {
            var refused = ESearchResponse()
            refused.data = [.relevancy(scores)]
            XCTAssertThrowsError(try ResponseEncoder().encode(.untagged(.esearch(refused)))) { error in
                XCTAssertEqual((error as? IMAPValueError)?.rule, "score")
            }
        }
    }

    func testKnownNamesAreNotOther() {
        let option = CommandKind.search(
            SearchProgram(returnOptions: [.other(name: "RELEVANCY", value: nil)], keys: NonEmptyArray(.all))
        )
        XCTAssertThrowsError(try CommandEncoder().encode(Command(tag: Tag("A")!, option)))
        var esearch = ESearchResponse()
        esearch.data = [.other(name: "relevancy", value: .list([.astring("4")]))]
        XCTAssertThrowsError(try ResponseEncoder().encode(.untagged(.esearch(esearch))))
    }

    func testNestingBounded() {
        let deep = "A SEARCH " + String(repeating: "FUZZY ", count: 10_000) + "ALL\r\n"
        var decoder = CommandDecoder()
        decoder.append(Array(deep.utf8))
        XCTAssertThrowsError(try decoder.next()) { error in
            XCTAssertEqual((error as? IMAPDecodingError)?.kind, .nestingTooDeep)
        }
    }
}
