import Foundation
import XCTest

@testable import IMAPCodec

final class SearchResponseTests: XCTestCase {
    typealias Rule<T> = (inout ParserState) throws(IMAPDecodingError) -> T

    let searchRule: Rule<SearchResponse> = { (s: inout ParserState) throws(IMAPDecodingError) in try s.searchResponse()
    }
    let sortRule: Rule<SearchResponse> = { (s: inout ParserState) throws(IMAPDecodingError) in try s.sortResponse() }
    let esearchRule: Rule<ESearchResponse> = { (s: inout ParserState) throws(IMAPDecodingError) in
        try s.esearchResponse()
    }
    let threadRule: Rule<[MessageThread]> = { (s: inout ParserState) throws(IMAPDecodingError) in try s.threadResponse()
    }
    let sortArgsRule: Rule<SortArguments> = { (s: inout ParserState) throws(IMAPDecodingError) in try s.sortArguments()
    }
    let threadArgsRule: Rule<ThreadArguments> = { (s: inout ParserState) throws(IMAPDecodingError) in
        try s.threadArguments()
    }

    // MARK: SEARCH

    func testSearchResponse() throws {
        XCTAssertEqual(try parse(" 2 84 882", searchRule), SearchResponse(numbers: [2, 84, 882]))
        XCTAssertEqual(try parse("", searchRule), SearchResponse(numbers: []))
        XCTAssertEqual(
            try parse(" 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)", searchRule),
            SearchResponse(numbers: [2, 5, 6, 7, 11, 12, 18, 19, 20, 23], modSequence: 917162500)
        )
        XCTAssertEqual(try parse(" 4294967295", searchRule).numbers, [4294967295])
        // Stops before CRLF.
        var state = ParserState(Array(" 1 2\r\n".utf8))
        XCTAssertEqual(try state.searchResponse().numbers, [1, 2])
        XCTAssertEqual(state.index, 4)
        var empty = ParserState(Array("\r\n".utf8))
        XCTAssertEqual(try empty.searchResponse().numbers, [])
        XCTAssertEqual(empty.index, 0)
        // Lenient: trailing and extra spaces; 0 and a MODSEQ without numbers name nothing and
        // are skipped, so the value is one a conforming response carries.
        XCTAssertEqual(try parse(" 1  2 ", lenient: true, searchRule).numbers, [1, 2])
        XCTAssertEqual(try parse(" ", lenient: true, searchRule).numbers, [])
        XCTAssertEqual(try parse(" 0 3", lenient: true, searchRule).numbers, [3])
        XCTAssertEqual(try parse(" 5 0", lenient: true, sortRule).numbers, [5])
        XCTAssertEqual(try parse(" 0", lenient: true, searchRule), SearchResponse(numbers: []))
        XCTAssertEqual(try parse(" (MODSEQ 5)", lenient: true, searchRule), SearchResponse(numbers: []))
        XCTAssertEqual(try parse(" 0 (MODSEQ 5)", lenient: true, searchRule), SearchResponse(numbers: []))
        XCTAssertEqual(
            try parse(" 7 (MODSEQ 5)", lenient: true, searchRule),
            SearchResponse(numbers: [7], modSequence: 5)
        )
    }

    func testSearchResponseRejections() {
        assertRejects(" 0", rule: "nz-number", kind: .numberOutOfRange, searchRule)
        assertRejects(" 4294967296", rule: "nz-number", kind: .numberOutOfRange, searchRule)
        assertRejects(" 1 x", rule: "mailbox-data", searchRule)
        assertRejects(" ", rule: "mailbox-data", searchRule)
        assertRejects(" 1  2", rule: "mailbox-data", searchRule)
        assertRejects(" (MODSEQ 5)", rule: "mailbox-data", searchRule)
        assertRejects(" 1 (MODSEQ)", rule: "search-sort-mod-seq", searchRule)
        assertRejects(" 1 (MODSEQ 5", rule: "search-sort-mod-seq", searchRule)
        assertRejects(" 1 (FOO 5)", rule: "search-sort-mod-seq", searchRule)
        assertRejects(" 1 x", rule: "sort-data", sortRule)
    }

    /// Numbers are read eight digits at a time where eight bytes remain, byte by byte
    /// near the end: every length from 1 to 11 digits, at every position relative to the
    /// end of the frame, followed by every kind of byte that can end them, gives what a
    /// digit-by-digit reading gives (the value, or the out-of-range error at the number).
    func testNumbersOfEveryLengthAndPosition() throws {
        let samples: [String] = [
            "1", "9", "10", "99", "100", "999", "1000", "9999", "10000", "99999", "100000", "999999",
            "1000000", "9999999", "10000000", "99999999", "12345678", "87654321", "100000000",
            "999999999", "123456789", "1000000000", "4294967295", "4294967296", "9999999999",
            "10000000000", "00000001", "0000000042", "0",
        ]
        let endings = ["", "\r\n", " (MODSEQ 7)", " 3", "x", "/", ":", "\u{7F}", "\u{B0}"]
        for sample in samples {
            for padding in 0..<10 {
                for ending in endings {
                    let prefix = String(repeating: " 5", count: padding)
                    let text = prefix + " " + sample + ending
                    var state = ParserState(Array(text.utf8), options: ParseOptions(lenient: true))
                    let expectedValue = UInt64(sample)!
                    do {
                        let response = try state.searchResponse()
                        XCTAssertLessThanOrEqual(expectedValue, UInt64(UInt32.max), text)
                        var expected = [UInt32](repeating: 5, count: padding)
                        if expectedValue > 0 { expected.append(UInt32(expectedValue)) }
                        if ending == " 3" { expected.append(3) }
                        XCTAssertEqual(response.numbers, expected, text.debugDescription)
                        let consumed = text.utf8.count - (ending == "\r\n" || ending.count == 1 ? ending.utf8.count : 0)
                        XCTAssertEqual(state.index, consumed, text.debugDescription)
                    } catch {
                        XCTAssertGreaterThan(expectedValue, UInt64(UInt32.max), "\(text.debugDescription): \(error)")
                        XCTAssertEqual(error.kind, .numberOutOfRange, text.debugDescription)
                        XCTAssertEqual(error.offset, prefix.utf8.count + 1, text.debugDescription)
                    }
                }
            }
        }
    }

    /// Random lines of random numbers, each checked against its own digits.
    func testRandomNumberLines() throws {
        var rng = SeededGenerator(seed: 0x5EA2C4)
        for _ in 0..<300 {
            var numbers: [UInt32] = []
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let digits = Int.random(in: 1...10, using: &rng)
                let bound = digits == 10 ? UInt64(UInt32.max) : UInt64(pow(10.0, Double(digits))) - 1
                let low = digits == 1 ? 1 : UInt64(pow(10.0, Double(digits - 1)))
                let value = UInt32(UInt64.random(in: low...bound, using: &rng))
                numbers.append(value)
                text += " \(value)"
            }
            XCTAssertEqual(try parse(text, searchRule).numbers, numbers, text)
            var state = ParserState(Array((text + "\r\n").utf8))
            XCTAssertEqual(try state.searchResponse().numbers, numbers, text)
        }
    }

    func testTwoMillionNumbers() throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_000_000)
        for n in 1...2_000_000 {
            bytes.append(ASCII.space)
            bytes.append(contentsOf: String(n).utf8)
        }
        bytes.append(contentsOf: " (MODSEQ 12345)\r\n".utf8)
        var state = ParserState(bytes)
        let response = try state.searchResponse()
        XCTAssertEqual(response.numbers.count, 2_000_000)
        XCTAssertEqual(response.numbers.first, 1)
        XCTAssertEqual(response.numbers.last, 2_000_000)
        XCTAssertEqual(response.modSequence, 12345)
        XCTAssertEqual(state.index, bytes.count - 2)
    }

    /// `* SEARCH` and `* SORT` lines of the Dovecot sessions.
    func testCorpusSearchAndSortResponses() throws {
        let lines = [
            " 38 209 224 268 302 304 336 372 514 554 568 677 732 794 875 1026 1096 1134 1234 1260 1335 1453 1482",
            " 963",
            "",
            " 225 1021 1159",
        ]
        for line in lines {
            let r = try parse(line, searchRule)
            XCTAssertEqual(r.numbers.count, line.split(separator: " ").count)
            XCTAssertEqual(written { $0.writeSearchResponse(r) }, line)
        }
        let sort = try parse(" 444 567 654 788 831 845 1074 1094 1190 739 1271 359", sortRule)
        XCTAssertEqual(sort.numbers, [444, 567, 654, 788, 831, 845, 1074, 1094, 1190, 739, 1271, 359])
        XCTAssertEqual(written { $0.writeSortResponse(sort) }, " 444 567 654 788 831 845 1074 1094 1190 739 1271 359")
    }

    // MARK: ESEARCH

    func testESearchResponse() throws {
        // Dovecot (fullsync.s2c)
        XCTAssertEqual(
            try parse(" (TAG \"A0156\") UID COUNT 1500", esearchRule),
            ESearchResponse(tag: "A0156", uid: true, data: [.count(1500)])
        )
        let minMax = try parse(" (TAG \"A0155\") MIN 5 MAX 1499 ALL 5:6,12:13,16", esearchRule)
        XCTAssertEqual(minMax.min, 5)
        XCTAssertEqual(minMax.max, 1499)
        XCTAssertEqual(
            minMax.all,
            SequenceSet([.range(.number(5), .number(6)), .range(.number(12), .number(13)), .single(.number(16))])
        )
        XCTAssertFalse(minMax.uid)
        let modseq = try parse(" (TAG \"A0160\") MAX 1500 COUNT 1500 MODSEQ 2001", esearchRule)
        XCTAssertEqual(modseq.modSequence, 2001)
        XCTAssertEqual(modseq.count, 1500)
        XCTAssertEqual(try parse(" (TAG \"A0176\") UID ALL 1489,1229,1262,1264", esearchRule).all?.elements.count, 4)
        // RFC 4731 / 9051 examples
        XCTAssertEqual(try parse("", esearchRule), ESearchResponse())
        XCTAssertEqual(try parse(" (TAG \"A282\") MIN 2 COUNT 3", esearchRule).data, [.min(2), .count(3)])
        XCTAssertEqual(try parse(" (TAG \"A283\") ALL 2,10:11", esearchRule).data.count, 1)
        XCTAssertEqual(try parse(" (TAG \"A285\") UID MIN 7 MAX 3800", esearchRule).uid, true)
        XCTAssertEqual(try parse(" (TAG \"A286\") COUNT 15", esearchRule).count, 15)
        XCTAssertEqual(try parse(" UID COUNT 17 ALL 4:18,21,28", esearchRule).tag, nil)
        XCTAssertEqual(try parse(" (TAG \"a567\") UID COUNT 0", esearchRule).count, 0)
        // RFC 9394 examples
        XCTAssertEqual(
            try parse(" (TAG \"A04\") UID PARTIAL (24000:24500 NIL)", esearchRule).data,
            [.partial(.first(from: 24000, to: 24500), nil)]
        )
        XCTAssertEqual(
            try parse(" (TAG \"A01\") UID PARTIAL (-1:-100 200:250,252:300)", esearchRule).data,
            [
                .partial(
                    .last(from: 1, to: 100),
                    SequenceSet([.range(.number(200), .number(250)), .range(.number(252), .number(300))])
                )
            ]
        )
        // RFC 5267 examples
        XCTAssertEqual(
            try parse(" (TAG \"B01\") UID ADDTO (0 32768:32769)", esearchRule).data,
            [.addTo(NonEmptyArray(SearchContextUpdate(position: 0, set: SequenceSet(32768...32769))))]
        )
        XCTAssertEqual(
            try parse(" (TAG \"C01\") UID REMOVEFROM (0 32768) ADDTO (1 2733 1 2731:2732)", esearchRule).data,
            [
                .removeFrom(NonEmptyArray(SearchContextUpdate(position: 0, set: SequenceSet(32768)))),
                .addTo(
                    NonEmptyArray(
                        SearchContextUpdate(position: 1, set: SequenceSet(2733)),
                        SearchContextUpdate(position: 1, set: SequenceSet(2731...2732))
                    )
                ),
            ]
        )
        // RFC 7377 (MULTISEARCH)
        let multi = try parse(" (TAG \"tag1\" MAILBOX \"folder2/banana\" UIDVALIDITY 503) UID ALL 3:15,27", esearchRule)
        XCTAssertEqual(multi.tag, "tag1")
        XCTAssertEqual(multi.mailbox, MailboxName("folder2/banana"))
        XCTAssertEqual(multi.uidValidity, 503)
        XCTAssertEqual(
            written { $0.writeESearchResponse(multi) },
            " (TAG tag1 MAILBOX folder2/banana UIDVALIDITY 503) UID ALL 3:15,27"
        )
        // Unknown data is kept.
        XCTAssertEqual(
            try parse(" X-FOO 7 X-BAR (a (b)) X-BAZ 1:5", esearchRule).data,
            [
                .other(name: "X-FOO", value: .number(7)),
                .other(name: "X-BAR", value: .list([.astring("a"), .list([.astring("b")])])),
                .other(name: "X-BAZ", value: .sequenceSet(SequenceSet(1...5))),
            ]
        )
        // Lenient spaces.
        XCTAssertEqual(
            try parse("  ( TAG A1 )  UID  COUNT 2 ", lenient: true, esearchRule),
            ESearchResponse(tag: "A1", uid: true, data: [.count(2)])
        )
    }

    func testESearchRejections() {
        assertRejects(" (TAG A1", rule: "search-correlator", esearchRule)
        assertRejects(" (TAGS A1)", rule: "search-correlator", esearchRule)
        assertRejects(" (TAG A1 UIDVALIDITY 0)", rule: "search-correlator", kind: .numberOutOfRange, esearchRule)
        assertRejects(" MIN 0", rule: "search-return-data", kind: .numberOutOfRange, esearchRule)
        assertRejects(" MIN", rule: "search-return-data", esearchRule)
        assertRejects(" ALL $", rule: "search-return-data", esearchRule)
        assertRejects(" COUNT x", rule: "search-return-data", esearchRule)
        assertRejects(" PARTIAL (1:5)", rule: "ret-data-partial", esearchRule)
        assertRejects(" ADDTO ()", rule: "context-position", esearchRule)
        assertRejects(" X-FOO", rule: "search-ret-data-ext", esearchRule)
        assertRejects(" 5", rule: "search-return-data", esearchRule)
        assertRejects(" COUNT 1 ", rule: "search-return-data", esearchRule)
    }

    /// Strict-mode holes (issue 17, item 3): `$` names the client's saved result (RFC 5182) and
    /// belongs to commands; ESEARCH return data takes RFC 3501's sequence-set, without it.
    func testESearchRejectsLastCommandMarkerStrictly() throws {
        assertRejects(" (TAG \"A1\") PARTIAL (1:3 $)", rule: "partial-results", esearchRule)
        assertRejects(" PARTIAL (-1:-5 1:3,$)", rule: "partial-results", esearchRule)
        assertRejects(" ADDTO (0 $)", rule: "ret-data-addto", esearchRule)
        assertRejects(" REMOVEFROM (1 5 2 $)", rule: "ret-data-removefrom", esearchRule)
        assertRejects(" ALL 1,$", rule: "search-return-data", esearchRule)
        // Lenient keeps it, as for ALL: the value holds it and the encoder writes it back.
        XCTAssertEqual(
            try parse(" (TAG \"A1\") PARTIAL (1:3 $)", lenient: true, esearchRule).data,
            [.partial(.first(from: 1, to: 3), .lastCommand)]
        )
        XCTAssertEqual(
            try parse(" ADDTO (0 $)", lenient: true, esearchRule).data,
            [.addTo(NonEmptyArray(SearchContextUpdate(position: 0, set: .lastCommand)))]
        )
    }

    /// RFC 7377: "Each correlator MUST appear exactly once"; a second TAG overwrote the first.
    func testESearchRejectsRepeatedCorrelators() {
        for lenient in [false, true] {
            assertRejects(" (TAG \"A1\" TAG \"A2\") COUNT 1", lenient: lenient, rule: "search-correlator", esearchRule)
            assertRejects(
                " (MAILBOX a UIDVALIDITY 1 MAILBOX b)",
                lenient: lenient,
                rule: "search-correlator",
                esearchRule
            )
            assertRejects(
                " (UIDVALIDITY 1 TAG x UIDVALIDITY 2)",
                lenient: lenient,
                rule: "search-correlator",
                esearchRule
            )
        }
    }

    // MARK: SORT and THREAD commands

    func testSortArguments() throws {
        let a = try parse("(REVERSE DATE) UTF-8 UNSEEN", sortArgsRule)
        XCTAssertEqual(
            a,
            SortArguments(
                criteria: NonEmptyArray(SortCriterion(.date, reverse: true)),
                charset: "UTF-8",
                keys: NonEmptyArray(.unseen)
            )
        )
        XCTAssertEqual(
            try parse("(SUBJECT FROM) UTF-8 ALL", sortArgsRule).criteria.array,
            [SortCriterion(.subject), SortCriterion(.from)]
        )
        XCTAssertEqual(
            try parse("(REVERSE CC TO) UTF-8 SINCE 1-Jan-2024", sortArgsRule).criteria.array,
            [SortCriterion(.cc, reverse: true), SortCriterion(.to)]
        )
        XCTAssertEqual(
            try parse("(DISPLAYFROM DISPLAYTO) UTF-8 ALL", sortArgsRule).criteria.array,
            [SortCriterion(.displayFrom), SortCriterion(.displayTo)]
        )
        XCTAssertEqual(try parse("(SIZE) US-ASCII LARGER 10000", sortArgsRule).charset, "US-ASCII")
        let esort = try parse("RETURN (MIN MAX COUNT) (DATE) UTF-8 ALL", sortArgsRule)
        XCTAssertEqual(esort.returnOptions, [.min, .max, .count])
        XCTAssertEqual(
            try parse("RETURN (ALL) (REVERSE ARRIVAL) UTF-8 FLAGGED", sortArgsRule).criteria.array,
            [SortCriterion(.arrival, reverse: true)]
        )
        // Unknown keys are kept (Dovecot refuses BOGUS at its level, not the grammar's).
        XCTAssertEqual(try parse("(BOGUS) UTF-8 ALL", sortArgsRule).criteria.array, [SortCriterion(SortKey("bogus")!)])
        // RFC 5256 examples
        XCTAssertEqual(try parse("(DATE) UTF-8 SUBJECT {3}\r\nabc", sortArgsRule).keys.array, [.subject("abc")])
        XCTAssertEqual(try parse("(SUBJECT) UTF-8 SINCE 1-Feb-1994", sortArgsRule).keys.count, 1)
        XCTAssertEqual(try parse("(REVERSE DATE) UTF-8 SEEN SINCE 1-Feb-1994", sortArgsRule).keys.count, 2)
        XCTAssertEqual(SortKey("date"), SortKey.date)
        // REVERSE is the modifier: a key spelled so would be written `(REVERSE)`, which
        // reads as no key at all.
        XCTAssertNil(SortKey("REVERSE"))
        XCTAssertNil(SortKey("reverse"))
        XCTAssertThrowsError(try SortKey(validating: "Reverse")) { error in
            XCTAssertEqual((error as? IMAPValueError)?.rule, "sort-criterion")
        }
        XCTAssertNotNil(SortKey("REVERSED"))
    }

    func testSortRejections() {
        assertRejects("REVERSE DATE UTF-8 ALL", rule: "sort-criteria", sortArgsRule)
        assertRejects("() UTF-8 ALL", rule: "sort-key", sortArgsRule)
        // The charset is missing: "ALL" is read as the charset.
        assertRejects("(DATE) ALL", rule: "search-criteria", sortArgsRule)
        assertRejects("(DATE)UTF-8 ALL", rule: "sort", sortArgsRule)
        assertRejects("(REVERSE) UTF-8 ALL", rule: "sort-criterion", sortArgsRule)
        // sort-criterion = ["REVERSE" SP] sort-key: REVERSE is never a key (issue 17, item 3).
        for lenient in [false, true] {
            assertRejects("(REVERSE REVERSE SUBJECT) UTF-8 ALL", lenient: lenient, rule: "sort-key", sortArgsRule)
            assertRejects("(DATE reverse REVERSE) UTF-8 ALL", lenient: lenient, rule: "sort-key", sortArgsRule)
        }
        assertRejects("(DATE) UTF-8 BOGUS", rule: "search-key", sortArgsRule)
    }

    func testThreadArguments() throws {
        XCTAssertEqual(
            try parse("REFERENCES UTF-8 ALL", threadArgsRule),
            ThreadArguments(algorithm: .references, charset: "UTF-8", keys: NonEmptyArray(.all))
        )
        XCTAssertEqual(try parse("ORDEREDSUBJECT UTF-8 SINCE 1-Jan-2023", threadArgsRule).algorithm, .orderedSubject)
        XCTAssertEqual(try parse("REFS UTF-8 ALL", threadArgsRule).algorithm, .refs)
        XCTAssertEqual(try parse("X-NEW \"UTF-8\" SEEN UNDELETED", threadArgsRule).algorithm, ThreadAlgorithm("x-new"))
        XCTAssertEqual(try parse("orderedsubject UTF-8 SUBJECT \"a b\"", threadArgsRule).keys.array, [.subject("a b")])
        assertRejects("(REFERENCES) UTF-8 ALL", rule: "thread-alg", threadArgsRule)
        assertRejects("REFERENCES UTF-8", rule: "search-criteria", threadArgsRule)
        assertRejects("REFERENCES", rule: "thread", threadArgsRule)
    }

    // MARK: THREAD response

    func testThreadResponse() throws {
        // RFC 5256
        let t1 = try parse(" (2)(3 6 (4 23)(44 7 96))", threadRule)
        XCTAssertEqual(
            t1,
            [
                MessageThread(messages: [2]),
                MessageThread(
                    messages: [3, 6],
                    branches: [MessageThread(messages: [4, 23]), MessageThread(messages: [44, 7, 96])]
                ),
            ]
        )
        XCTAssertEqual(
            try parse(" ((3)(5))", threadRule),
            [MessageThread(messages: [], branches: [MessageThread(messages: [3]), MessageThread(messages: [5])])]
        )
        XCTAssertEqual(try parse(" (166)(167)(168)(169)(172)((170)(179))", threadRule).count, 6)
        XCTAssertEqual(try parse("", threadRule), [])
        // Dovecot
        let dovecot = " ((1101)(665)(649)(752)(572)(270)(55)(116)(899 958 1002)(877))((436 540)(422 811))"
        let t = try parse(dovecot, threadRule)
        XCTAssertEqual(t.count, 2)
        XCTAssertEqual(t[0].branches.count, 10)
        XCTAssertEqual(t[0].branches[8].messages, [899, 958, 1002])
        XCTAssertEqual(written { $0.writeThreadResponse(t) }, dovecot)
        // Lenient: a single nested list, spaces between lists, trailing space.
        XCTAssertEqual(
            try parse(" (1 (2)) (3) ", lenient: true, threadRule),
            [MessageThread(messages: [1], branches: [MessageThread(messages: [2])]), MessageThread(messages: [3])]
        )
    }

    func testThreadRejections() {
        assertRejects(" ()", rule: "thread-members", threadRule)
        assertRejects(" (1 (2))", rule: "thread-nested", threadRule)
        assertRejects(" ((1))", rule: "thread-nested", threadRule)
        assertRejects(" (0)", rule: "thread-members", kind: .numberOutOfRange, threadRule)
        assertRejects(" (1 2", rule: "thread-members", threadRule)
        assertRejects(" (1)x", threadRule)
        assertRejects(" ((1)(2)x)", rule: "thread-nested", threadRule)
        let deep = " " + String(repeating: "((1)", count: 100_000) + "(2)" + String(repeating: ")", count: 100_000)
        assertRejects(deep, rule: "thread-list", kind: .nestingTooDeep, threadRule)
        let deeper = " " + String(repeating: "(", count: 100_000)
        assertRejects(deeper, rule: "thread-list", kind: .nestingTooDeep, threadRule)
    }

    // MARK: seeded round trips

    func testSeededRoundTrips() throws {
        var rng = SeededGenerator(seed: 0x7E5EA4C)
        for _ in 0..<300 {
            let r = SearchValueGenerator.searchResponse(&rng)
            XCTAssertEqual(try parse(written { $0.writeSearchResponse(r) }, searchRule), r)
            XCTAssertEqual(try parse(written { $0.writeSortResponse(r) }, sortRule), r)

            let e = SearchValueGenerator.esearchResponse(&rng)
            let eText = written { $0.writeESearchResponse(e) }
            XCTAssertEqual(try parse(eText, esearchRule), e, eText)

            let t = SearchValueGenerator.threads(&rng)
            let tText = written { $0.writeThreadResponse(t) }
            XCTAssertEqual(try parse(tText, threadRule), t, tText)

            let s = SearchValueGenerator.sortArguments(&rng)
            let sText = written(options: EncodingOptions(literalMode: .nonSynchronizing)) { $0.writeSortArguments(s) }
            XCTAssertEqual(try parse(sText, sortArgsRule), s, sText)

            let a = SearchValueGenerator.threadArguments(&rng)
            let aText = written(options: EncodingOptions(literalMode: .nonSynchronizing)) { $0.writeThreadArguments(a) }
            XCTAssertEqual(try parse(aText, threadArgsRule), a, aText)
        }
    }
}
