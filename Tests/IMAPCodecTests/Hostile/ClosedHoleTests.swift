import IMAPCodec
import XCTest

/// The holes the values property found (Docs/Fuzzing.md, "values") that the encoders now
/// close: each value is refused with an ``IMAPValueError`` naming the field and the ABNF
/// rule it breaks, where it used to be written as a frame that does not read back as it.
/// The values just inside each rule are still written, and lenient decoding still reads
/// what real servers send.
final class ClosedHoleTests: XCTestCase {
    /// `A1`.
    let tag: Tag = {
        var tags = TagGenerator()
        return tags.next()
    }()

    /// The error `response` is refused with, or a failure when it is written.
    func refusal(_ response: Response, file: StaticString = #filePath, line: UInt = #line) -> IMAPValueError? {
        do throws(IMAPValueError) {
            let bytes = try ResponseEncoder().encode(response)
            XCTFail("\(response) is written as \(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// The error `kind` is refused with (in a command), or a failure when it is written.
    func refusal(_ kind: CommandKind, file: StaticString = #filePath, line: UInt = #line) -> IMAPValueError? {
        do throws(IMAPValueError) {
            let chunks = try CommandEncoder().encode(.command(Command(tag: tag, kind)))
            let bytes = chunks.flatMap(\.bytes)
            XCTFail("\(kind) is written as \(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func assertRefused(
        _ response: Response,
        field: String,
        rule: String,
        kind: IMAPValueError.Kind = .malformed,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        guard let error = refusal(response, file: file, line: line) else { return }
        XCTAssertEqual(error.field, field, "\(response)", file: file, line: line)
        XCTAssertEqual(error.rule, rule, "\(response)", file: file, line: line)
        XCTAssertEqual(error.kind, kind, "\(response)", file: file, line: line)
    }

    func assertRefused(
        _ command: CommandKind,
        field: String,
        rule: String,
        kind: IMAPValueError.Kind = .malformed,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        guard let error = refusal(command, file: file, line: line) else { return }
        XCTAssertEqual(error.field, field, "\(command)", file: file, line: line)
        XCTAssertEqual(error.rule, rule, "\(command)", file: file, line: line)
        XCTAssertEqual(error.kind, kind, "\(command)", file: file, line: line)
    }

    /// `response` is written as `wire` (CRLF added).
    func assertWritten(_ response: Response, _ wire: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(
            (try? ResponseEncoder().encode(response)).map { String(decoding: $0, as: UTF8.self) },
            wire + "\r\n",
            file: file,
            line: line
        )
    }

    /// `kind` is written as `wire` (after the tag; CRLF added).
    func assertWritten(_ kind: CommandKind, _ wire: String, file: StaticString = #filePath, line: UInt = #line) {
        let chunks = try? CommandEncoder().encode(.command(Command(tag: tag, kind)))
        XCTAssertEqual(
            chunks.map { String(decoding: $0.flatMap(\.bytes), as: UTF8.self) },
            "A1 " + wire + "\r\n",
            file: file,
            line: line
        )
    }

    /// What the default (lenient) decoder reads from `wire`.
    func leniently(_ wire: String) throws -> Response? {
        var decoder = ResponseDecoder()
        decoder.append(Array((wire + "\r\n").utf8))
        return try decoder.next()
    }

    // MARK: - zeroNumber

    /// nz-number: UIDNEXT, UIDVALIDITY and UNSEEN codes, APPENDUID/COPYUID, STATUS UIDNEXT
    /// and UIDVALIDITY, EXPUNGE, FETCH (number and UID), THREAD, QRESYNC, section parts and
    /// FETCH PARTIAL; lenient decoding still reads the zeros real servers send.
    func testZeroWhereTheGrammarHasNZNumberIsRefused() throws {
        assertRefused(.ok(tag, code: .uidNext(0), "x"), field: "UIDNEXT", rule: "nz-number")
        assertRefused(.ok(tag, code: .uidValidity(0), "x"), field: "UIDVALIDITY", rule: "nz-number")
        assertRefused(.untagged(.ok, code: .unseen(0), "x"), field: "UNSEEN", rule: "nz-number")
        assertRefused(
            .ok(tag, code: .appendUID(uidValidity: 0, uids: SequenceSet(1)), "x"),
            field: "APPENDUID uidvalidity",
            rule: "nz-number"
        )
        assertRefused(
            .ok(tag, code: .copyUID(uidValidity: 0, source: SequenceSet(1), destination: SequenceSet(2)), "x"),
            field: "COPYUID uidvalidity",
            rule: "nz-number"
        )
        assertRefused(
            .untagged(.status(StatusResponse(mailbox: "A", values: [.uidNext(0)]))),
            field: "STATUS UIDNEXT",
            rule: "nz-number"
        )
        assertRefused(
            .untagged(.status(StatusResponse(mailbox: "A", values: [.messages(1), .uidValidity(0)]))),
            field: "STATUS UIDVALIDITY",
            rule: "nz-number"
        )
        assertRefused(.untagged(.expunge(0)), field: "EXPUNGE message number", rule: "nz-number")
        assertRefused(.untagged(.fetch(0, [.uid(1)])), field: "FETCH message number", rule: "nz-number")
        assertRefused(.untagged(.fetch(1, [.uid(0)])), field: "FETCH UID", rule: "nz-number")
        assertRefused(
            .untagged(.fetch(1, [.binarySize(part: [1, 0], size: 1)])),
            field: "section part",
            rule: "nz-number"
        )
        // THREAD wrote 0 as 1.
        assertRefused(.untagged(.thread([MessageThread(messages: [0])])), field: "THREAD number", rule: "nz-number")
        assertRefused(
            .select(
                SelectCommand(mailbox: "A", parameters: [.qresync(QResyncParameter(uidValidity: 0, modSequence: 1))])
            ),
            field: "QRESYNC uidvalidity",
            rule: "nz-number"
        )
        assertRefused(
            .fetch(SequenceSet(1), .list([.flags]), modifiers: [.partial(first: 0, last: 5, fromEnd: false)]),
            field: "FETCH PARTIAL range",
            rule: "nz-number"
        )
        assertRefused(
            .replace(.number(0), "A", AppendMessage(data: .literal("x"))),
            field: "sequence number",
            rule: "nz-number"
        )
        // Where the grammar has number, 0 is still written.
        assertWritten(.untagged(.status(StatusResponse(mailbox: "A", values: [.unseen(0)]))), "* STATUS A (UNSEEN 0)")
        assertWritten(.untagged(.exists(0)), "* 0 EXISTS")
        // Lenient decoding reads the zeros servers send.
        XCTAssertEqual(try leniently("* OK [UIDNEXT 0] x"), .untagged(.ok, code: .uidNext(0), "x"))
        XCTAssertEqual(try leniently("* OK [UIDVALIDITY 0] x"), .untagged(.ok, code: .uidValidity(0), "x"))
        XCTAssertEqual(
            try leniently("* STATUS A (UIDNEXT 0)"),
            .untagged(.status(StatusResponse(mailbox: "A", values: [.uidNext(0)])))
        )
        XCTAssertEqual(try leniently("* 0 EXPUNGE"), .untagged(.expunge(0)))
    }

    // MARK: - modSequenceRange

    /// mod-sequence-value is 1 to 2^63-1, mod-sequence-valzer 0 to 2^63-1 (RFC 7162).
    func testModSequencesOutsideTheirRuleAreRefused() throws {
        let tooLarge = UInt64(Int64.max) + 1
        assertRefused(.ok(tag, code: .highestModSeq(0), "x"), field: "HIGHESTMODSEQ", rule: "mod-sequence-value")
        assertRefused(
            .ok(tag, code: .highestModSeq(UInt64.max), "x"),
            field: "HIGHESTMODSEQ",
            rule: "mod-sequence-value"
        )
        assertRefused(
            .untagged(.fetch(1, [.modSeq(0)])),
            field: "FETCH MODSEQ",
            rule: "permsg-modsequence"
        )
        assertRefused(
            .untagged(.search(SearchResponse(numbers: [1], modSequence: tooLarge))),
            field: "SEARCH MODSEQ",
            rule: "mod-sequence-value"
        )
        assertRefused(
            .untagged(.esearch(ESearchResponse(data: [.modSequence(0)]))),
            field: "ESEARCH MODSEQ",
            rule: "mod-sequence-value"
        )
        assertRefused(
            .untagged(.status(StatusResponse(mailbox: "A", values: [.highestModSeq(tooLarge)]))),
            field: "STATUS HIGHESTMODSEQ",
            rule: "mod-sequence-valzer"
        )
        assertRefused(
            .fetch(SequenceSet(1), .list([.flags]), modifiers: [.changedSince(0)]),
            field: "CHANGEDSINCE",
            rule: "mod-sequence-value"
        )
        assertRefused(
            .store(
                SequenceSet(1),
                modifiers: [.unchangedSince(tooLarge)],
                StoreFlags(operation: .add, target: .flags([.seen]))
            ),
            field: "UNCHANGEDSINCE",
            rule: "mod-sequence-valzer"
        )
        assertRefused(
            .search(SearchProgram(keys: NonEmptyArray(.modSequence(entry: nil, value: tooLarge)))),
            field: "SEARCH MODSEQ",
            rule: "mod-sequence-valzer"
        )
        assertRefused(
            .select(
                SelectCommand(mailbox: "A", parameters: [.qresync(QResyncParameter(uidValidity: 1, modSequence: 0))])
            ),
            field: "QRESYNC mod-sequence",
            rule: "mod-sequence-value"
        )
        // The ends of each rule are written.
        assertWritten(
            .ok(tag, code: .highestModSeq(UInt64(Int64.max)), "x"),
            "A1 OK [HIGHESTMODSEQ 9223372036854775807] x"
        )
        assertWritten(
            .untagged(.status(StatusResponse(mailbox: "A", values: [.highestModSeq(0)]))),
            "* STATUS A (HIGHESTMODSEQ 0)"
        )
        assertWritten(
            .store(
                SequenceSet(1),
                modifiers: [.unchangedSince(0)],
                StoreFlags(operation: .add, target: .flags([.seen]))
            ),
            "STORE 1 (UNCHANGEDSINCE 0) +FLAGS (\\Seen)"
        )
        assertWritten(
            .search(SearchProgram(keys: NonEmptyArray(.modSequence(entry: nil, value: 0)))),
            "SEARCH MODSEQ 0"
        )
        // Lenient decoding reads HIGHESTMODSEQ 0 (Purelymail) and 2^64-1 (Dovecot echoes it).
        XCTAssertEqual(try leniently("* OK [HIGHESTMODSEQ 0] x"), .untagged(.ok, code: .highestModSeq(0), "x"))
        XCTAssertEqual(
            try leniently("* 1 FETCH (MODSEQ (18446744073709551615))"),
            .untagged(.fetch(1, [.modSeq(UInt64.max)]))
        )
    }

    // MARK: - modSequenceWithoutNumbers

    /// `SEARCH [1*(SP nz-number) SP search-sort-mod-seq]`: a MODSEQ needs numbers (it was dropped).
    func testModSequenceWithoutNumbersIsRefused() {
        assertRefused(
            .untagged(.search(SearchResponse(numbers: [], modSequence: 5))),
            field: "SEARCH MODSEQ",
            rule: "search-sort-mod-seq"
        )
        assertRefused(
            .untagged(.sort(SearchResponse(numbers: [], modSequence: 5))),
            field: "SEARCH MODSEQ",
            rule: "search-sort-mod-seq"
        )
        assertWritten(.untagged(.search(SearchResponse(numbers: []))), "* SEARCH")
        assertWritten(.untagged(.sort(SearchResponse(numbers: [3, 1], modSequence: 5))), "* SORT 3 1 (MODSEQ 5)")
    }

    // MARK: - threadShape

    /// `thread-list = "(" (thread-members / thread-nested) ")"`, `thread-nested = 2*thread-list`.
    func testThreadsTheGrammarCannotHoldAreRefused() {
        assertRefused(
            .untagged(.thread([MessageThread(messages: [])])),
            field: "THREAD list",
            rule: "thread-list",
            kind: .empty
        )
        assertRefused(
            .untagged(.thread([MessageThread(messages: [], branches: [MessageThread(messages: [1])])])),
            field: "THREAD list",
            rule: "thread-list",
            kind: .empty
        )
        assertRefused(
            .untagged(.thread([MessageThread(messages: [1], branches: [MessageThread(messages: [2])])])),
            field: "THREAD list",
            rule: "thread-nested"
        )
        assertWritten(
            .untagged(
                .thread([
                    MessageThread(
                        messages: [],
                        branches: [MessageThread(messages: [1]), MessageThread(messages: [2])]
                    ),
                    MessageThread(
                        messages: [3],
                        branches: [MessageThread(messages: [4]), MessageThread(messages: [5])]
                    ),
                ])
            ),
            "* THREAD ((1)(2))(3 (4)(5))"
        )
    }

    // MARK: - lastWhereNumbersOnly

    /// `*` and `$` where the rule takes numbers only: uid-set (APPENDUID, COPYUID), known-uids
    /// (VANISHED, QRESYNC), known-sequence-set and known-uid-set; `$` after ESEARCH ALL.
    func testStarAndDollarWhereTheGrammarHasNumbersAreRefused() throws {
        let star = try XCTUnwrap(SequenceSet([.range(.number(3), .last)]))
        assertRefused(.untagged(.vanished(earlier: false, uids: .all)), field: "VANISHED", rule: "known-uids")
        assertRefused(.untagged(.vanished(earlier: true, uids: .lastCommand)), field: "VANISHED", rule: "known-uids")
        assertRefused(
            .ok(tag, code: .appendUID(uidValidity: 1, uids: star), "x"),
            field: "APPENDUID uids",
            rule: "uid-set"
        )
        assertRefused(
            .ok(tag, code: .copyUID(uidValidity: 1, source: SequenceSet(1), destination: .lastCommand), "x"),
            field: "COPYUID destination",
            rule: "uid-set"
        )
        assertRefused(
            .untagged(.esearch(ESearchResponse(data: [.all(.lastCommand)]))),
            field: "ESEARCH ALL",
            rule: "search-return-data"
        )
        assertRefused(
            .select(
                SelectCommand(
                    mailbox: "A",
                    parameters: [.qresync(QResyncParameter(uidValidity: 1, modSequence: 1, knownUIDs: .all))]
                )
            ),
            field: "QRESYNC known UIDs",
            rule: "known-uids"
        )
        assertRefused(
            .select(
                SelectCommand(
                    mailbox: "A",
                    parameters: [
                        .qresync(
                            QResyncParameter(
                                uidValidity: 1,
                                modSequence: 1,
                                sequenceMatch: SequenceMatchData(knownSequenceSet: star, knownUIDSet: SequenceSet(1))
                            )
                        )
                    ]
                )
            ),
            field: "QRESYNC known sequence set",
            rule: "known-sequence-set"
        )
        // RFC 9394's partial-results and RFC 5267's ADDTO and REMOVEFROM take RFC 3501's
        // sequence-set: `*` but no `$` (which strict decoding rejects there).
        let update = SearchContextUpdate(position: 1, set: .lastCommand)
        assertRefused(
            .untagged(.esearch(ESearchResponse(data: [.addTo(NonEmptyArray(update))]))),
            field: "ESEARCH context update",
            rule: "ret-data-addto"
        )
        assertRefused(
            .untagged(.esearch(ESearchResponse(data: [.removeFrom(NonEmptyArray(update))]))),
            field: "ESEARCH context update",
            rule: "ret-data-removefrom"
        )
        assertRefused(
            .untagged(.esearch(ESearchResponse(data: [.partial(.first(from: 1, to: 3), .lastCommand)]))),
            field: "ESEARCH PARTIAL",
            rule: "partial-results"
        )
        assertWritten(
            .untagged(
                .esearch(ESearchResponse(data: [.addTo(NonEmptyArray(SearchContextUpdate(position: 1, set: star)))]))
            ),
            "* ESEARCH ADDTO (1 3:*)"
        )
        // sequence-set takes `*` in ESEARCH ALL and MODIFIED.
        assertWritten(.untagged(.esearch(ESearchResponse(data: [.all(star)]))), "* ESEARCH ALL 3:*")
        assertWritten(.ok(tag, code: .modified(star), "x"), "A1 OK [MODIFIED 3:*] x")
        assertWritten(.untagged(.vanished(earlier: true, uids: SequenceSet(1...5))), "* VANISHED (EARLIER) 1:5")
    }

    // MARK: - binarySizeRange

    /// `"BINARY.SIZE" section-binary SP number`: a 32-bit number.
    func testBinarySizeAbove32BitsIsRefused() {
        assertRefused(
            .untagged(.fetch(1, [.binarySize(part: [], size: 1 << 40)])),
            field: "BINARY.SIZE",
            rule: "number"
        )
        assertRefused(.untagged(.fetch(1, [.binarySize(part: [1], size: -1)])), field: "BINARY.SIZE", rule: "number")
        assertWritten(
            .untagged(.fetch(1, [.binarySize(part: [1], size: Int64(UInt32.max))])),
            "* 1 FETCH (BINARY.SIZE[1] 4294967295)"
        )
    }

    // MARK: - messageWithoutBody, textWithoutLines

    func singlePart(_ part: BodyStructure.SinglePart) -> Response {
        .untagged(.fetch(1, [.body(.singlePart(part))]))
    }

    /// `body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines`.
    func testMessagePartWithoutBodyIsRefused() {
        let message = BodyStructure.Message(envelope: Envelope(), body: nil, lines: 1)
        assertRefused(
            singlePart(BodyStructure.SinglePart(mediaType: "MESSAGE", mediaSubtype: "RFC822", kind: .message(message))),
            field: "MESSAGE part body",
            rule: "body-type-msg",
            kind: .empty
        )
    }

    /// The media type picks body-type-text and body-type-msg when read: the kind must agree.
    func testPartKindThatDisagreesWithTheMediaTypeIsRefused() {
        assertRefused(
            singlePart(BodyStructure.SinglePart(mediaType: "TEXT", mediaSubtype: "PLAIN")),
            field: "body part kind",
            rule: "body-type-text",
            kind: .ambiguous
        )
        assertRefused(
            singlePart(BodyStructure.SinglePart(mediaType: "message", mediaSubtype: "rfc822")),
            field: "body part kind",
            rule: "body-type-msg",
            kind: .ambiguous
        )
        assertRefused(
            singlePart(BodyStructure.SinglePart(mediaType: "IMAGE", mediaSubtype: "PNG", kind: .text(lines: 3))),
            field: "body part kind",
            rule: "media-text",
            kind: .ambiguous
        )
        let inner = BodyStructure.singlePart(BodyStructure.SinglePart(mediaType: "APPLICATION", mediaSubtype: "X"))
        assertRefused(
            singlePart(
                BodyStructure.SinglePart(
                    mediaType: "MESSAGE",
                    mediaSubtype: "PARTIAL",
                    kind: .message(BodyStructure.Message(envelope: Envelope(), body: inner, lines: 1))
                )
            ),
            field: "body part kind",
            rule: "media-message",
            kind: .ambiguous
        )
        assertWritten(
            singlePart(BodyStructure.SinglePart(mediaType: "text", mediaSubtype: "plain", kind: .text(lines: 2))),
            "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7BIT\" 0 2))"
        )
    }

    // MARK: - objectIDSearchKey, keywordWithBackslash

    /// `"EMAILID" SP objectid / "THREADID" SP objectid` (RFC 8474).
    func testSearchObjectIDsThatAreNotObjectIDsAreRefused() {
        assertRefused(
            .search(SearchProgram(keys: NonEmptyArray(.emailID("a b")))),
            field: "SEARCH EMAILID",
            rule: "objectid",
            kind: .forbiddenByte
        )
        assertRefused(
            .search(SearchProgram(keys: NonEmptyArray(.threadID("")))),
            field: "SEARCH THREADID",
            rule: "objectid",
            kind: .empty
        )
        assertWritten(
            .search(SearchProgram(keys: NonEmptyArray(.threadID("T64b478a75b7ea9")))),
            "SEARCH THREADID T64b478a75b7ea9"
        )
    }

    /// `"KEYWORD" SP flag-keyword`: an atom, so no system flag.
    func testKeywordWithBackslashIsRefused() {
        assertRefused(
            .search(SearchProgram(keys: NonEmptyArray(.keyword(.deleted)))),
            field: "SEARCH KEYWORD",
            rule: "flag-keyword",
            kind: .forbiddenByte
        )
        assertRefused(
            .search(SearchProgram(keys: NonEmptyArray(.unkeyword(.seen)))),
            field: "SEARCH UNKEYWORD",
            rule: "flag-keyword",
            kind: .forbiddenByte
        )
        assertWritten(.search(SearchProgram(keys: NonEmptyArray(.keyword(.junk)))), "SEARCH KEYWORD $Junk")
    }

    // MARK: - mimeWithoutPart

    /// `section-spec = section-msgtext / (section-part ["." section-text])`: MIME needs a part.
    func testMIMEWithoutPartIsRefused() {
        assertRefused(
            .fetch(SequenceSet(1), .list([.bodySection(SectionSpec(kind: .mime))])),
            field: "section MIME",
            rule: "section-spec",
            kind: .empty
        )
        assertRefused(
            .untagged(.fetch(1, [.bodySection(SectionSpec(kind: .mime), origin: nil, data: "x")])),
            field: "section MIME",
            rule: "section-spec",
            kind: .empty
        )
        assertWritten(
            .fetch(SequenceSet(1), .list([.bodySection(SectionSpec(part: [2], kind: .mime))])),
            "FETCH 1 (BODY[2.MIME])"
        )
    }
}
