import XCTest

@testable import IMAPCodec

final class FetchCommandTests: XCTestCase {
    private let atts = { (s: inout ParserState) throws(IMAPDecodingError) -> FetchAttributes in try s.fetchAttributes()
    }
    private let mods = { (s: inout ParserState) throws(IMAPDecodingError) -> [FetchModifier] in try s.fetchModifiers() }

    private func fetch(
        _ text: String,
        lenient: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> FetchAttributes {
        try parse(text, lenient: lenient, atts, file: file, line: line)
    }

    func testMacros() throws {
        XCTAssertEqual(try fetch("ALL"), .all)
        XCTAssertEqual(try fetch("fast"), .fast)
        XCTAssertEqual(try fetch("FULL"), .full)
        XCTAssertEqual(FetchAttributes.full.attributes, [.flags, .internalDate, .rfc822Size, .envelope, .body])
        XCTAssertEqual(FetchAttributes.all.attributes.count, 4)
        XCTAssertEqual(FetchAttributes.fast.attributes.count, 3)
    }

    func testRFC9051Examples() throws {
        // 6.4.5
        XCTAssertEqual(try fetch("FLAGS"), .list([.flags]))
        XCTAssertEqual(try fetch("(FLAGS INTERNALDATE RFC822.SIZE)"), .list([.flags, .internalDate, .rfc822Size]))
        XCTAssertEqual(
            try fetch("(FLAGS BODY[HEADER.FIELDS (DATE FROM)])"),
            .list([
                .flags, .bodySection(SectionSpec(kind: .headerFields(["DATE", "FROM"])), partial: nil, peek: false),
            ])
        )
        XCTAssertEqual(try fetch("BODY[]"), .list([.bodySection(.complete, partial: nil, peek: false)]))
        XCTAssertEqual(
            try fetch("BODY.PEEK[TEXT]<0.2048>"),
            .list([.bodySection(.text, partial: Partial(offset: 0, length: 2048), peek: true)])
        )
    }

    func testDovecotCorpusCommands() throws {
        // The argument after the sequence set, from fullsync.c2s and mbsync-initial.c2s.
        XCTAssertEqual(
            try fetch("(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE MODSEQ)"),
            .list([.uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure, .modSeq])
        )
        XCTAssertEqual(
            try fetch("(BODY.PEEK[2] BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT]<0.512> BODY.PEEK[2.MIME] BODY.PEEK[2.1])"),
            .list([
                .bodySection(SectionSpec(part: [2]), partial: nil, peek: true),
                .bodySection(SectionSpec(part: [2], kind: .header), partial: nil, peek: true),
                .bodySection(SectionSpec(part: [2], kind: .text), partial: Partial(offset: 0, length: 512), peek: true),
                .bodySection(SectionSpec(part: [2], kind: .mime), partial: nil, peek: true),
                .bodySection(SectionSpec(part: [2, 1]), partial: nil, peek: true),
            ])
        )
        XCTAssertEqual(try fetch("(BODY.PEEK[])"), .list([.bodySection(.complete, partial: nil, peek: true)]))
        XCTAssertEqual(try fetch("(UID FLAGS)"), .list([.uid, .flags]))
        XCTAssertEqual(try fetch("RFC822.HEADER"), .list([.rfc822Header]))
        XCTAssertEqual(try fetch("(RFC822)"), .list([.rfc822]))
        XCTAssertEqual(try fetch("(SAVEDATE)"), .list([.saveDate]))
        XCTAssertEqual(try fetch("(PREVIEW)"), .list([.preview(lazy: false)]))
        XCTAssertEqual(try fetch("(BODY)"), .list([.body]))
        XCTAssertEqual(
            try fetch("(BINARY.PEEK[1]<0.100> BINARY.SIZE[1])"),
            .list([.binary(part: [1], partial: Partial(offset: 0, length: 100), peek: true), .binarySize(part: [1])])
        )
        XCTAssertEqual(
            try fetch("(BODY.PEEK[HEADER.FIELDS.NOT (Received X-Long-Header Content-Type)] RFC822.SIZE)"),
            .list([
                .bodySection(
                    SectionSpec(kind: .headerFieldsNot(["Received", "X-Long-Header", "Content-Type"])),
                    partial: nil,
                    peek: true
                ), .rfc822Size,
            ])
        )
        // Unknown item with parameters (Dovecot's SNIPPET), kept.
        let snippet = try fetch("(SNIPPET (FUZZY) UID)")
        XCTAssertEqual(snippet, .list([.other(name: "SNIPPET", parameters: "(FUZZY)"), .uid]))
        XCTAssertEqual(writtenString { $0.writeFetchAttributes(snippet) }, "(SNIPPET (FUZZY) UID)")
    }

    func testExtensions() throws {
        XCTAssertEqual(
            try fetch("(EMAILID THREADID X-GM-MSGID X-GM-THRID X-GM-LABELS BINARY[] RFC822.TEXT)"),
            .list([
                .emailID, .threadID, .gmailMessageID, .gmailThreadID, .gmailLabels,
                .binary(part: [], partial: nil, peek: false), .rfc822Text,
            ])
        )
        XCTAssertEqual(try fetch("(PREVIEW (LAZY) UID)"), .list([.preview(lazy: true), .uid]))
        XCTAssertEqual(try fetch("PREVIEW (LAZY)"), .list([.preview(lazy: true)]))
        XCTAssertEqual(try fetch("(PREVIEW (FUTURE LAZY))", lenient: true), .list([.preview(lazy: true)]))
    }

    func testFetchRejections() {
        assertRejects("()", rule: "fetch", atts)
        assertRejects("(FLAGS", rule: "fetch", atts)
        assertRejects("(FLAGS  UID)", rule: "fetch-att", atts)
        assertRejects("BODY.PEEK", rule: "section", atts)
        assertRejects("BODY[HEADER.FIELDS ()]", rule: "header-list", atts)
        assertRejects("BODY[]<0.0>", rule: "partial", kind: .numberOutOfRange, atts)
        assertRejects("BODY[]<0>", rule: "partial", atts)
        assertRejects("BINARY[1.MIME]", rule: "section-binary", atts)
        assertRejects("(\"FLAGS\")", rule: "fetch-att", atts)
        assertRejects("(PREVIEW (FUZZY))", rule: "preview-mod", atts)
        assertRejects("BINARY.PEEK[1]<18446744073709551616.1>", rule: "partial", kind: .numberOutOfRange, atts)
    }

    func testFetchLenient() throws {
        XCTAssertEqual(try fetch("( FLAGS  UID )", lenient: true), .list([.flags, .uid]))
        XCTAssertEqual(try fetch("()", lenient: true), .list([]))
    }

    // MARK: - Modifiers

    func testFetchModifiers() throws {
        // fullsync.c2s: UID FETCH 1:* (FLAGS) (CHANGEDSINCE 2005 VANISHED)
        XCTAssertEqual(try parse(" (CHANGEDSINCE 2005 VANISHED)", mods), [.changedSince(2005), .vanished])
        XCTAssertEqual(try parse(" (CHANGEDSINCE 2005)", mods), [.changedSince(2005)])
        // RFC 9394
        XCTAssertEqual(try parse(" (PARTIAL -1:-30)", mods), [.partial(first: 1, last: 30, fromEnd: true)])
        XCTAssertEqual(try parse(" (PARTIAL 500:400)", mods), [.partial(first: 500, last: 400, fromEnd: false)])
        // Unknown: kept with a value when one follows.
        XCTAssertEqual(
            try parse(" (X-ONE 1:5 X-TWO X-THREE (a (b) \"c\"))", mods),
            [
                .other(name: "X-ONE", value: "1:5"), .other(name: "X-TWO", value: nil),
                .other(name: "X-THREE", value: "(a (b) \"c\")"),
            ]
        )
        // Absent
        XCTAssertEqual(try parse("", mods), [])
        var state = ParserState(Array(" X".utf8))
        XCTAssertEqual(try state.fetchModifiers(), [])
        XCTAssertEqual(state.index, 0)
    }

    func testFetchModifierRejections() {
        assertRejects(" ()", rule: "fetch-modifiers", mods)
        assertRejects(" (CHANGEDSINCE 0)", rule: "mod-sequence-value", kind: .numberOutOfRange, mods)
        assertRejects(" (CHANGEDSINCE 9223372036854775808)", rule: "mod-sequence-value", kind: .numberOutOfRange, mods)
        assertRejects(" (CHANGEDSINCE x)", rule: "mod-sequence-value", mods)
        assertRejects(" (PARTIAL 0:5)", rule: "partial-range", kind: .numberOutOfRange, mods)
        assertRejects(" (PARTIAL -1:5)", rule: "partial-range-last", mods)
        assertRejects(" (VANISHED ", rule: "fetch-modifier", mods)
        assertRejects(" (VANISHED )", rule: "fetch-modifiers", mods)
        assertRejects(" (1X)", rule: "tagged-ext-label", mods)
    }

    func testFetchModifiersLenient() throws {
        XCTAssertEqual(try parse("  ( CHANGEDSINCE 0  VANISHED )", lenient: true, mods), [.changedSince(0), .vanished])
        XCTAssertEqual(
            try parse(" (CHANGEDSINCE 18446744073709551615)", lenient: true, mods),
            [.changedSince(.max)]
        )
    }

    func testWriters() {
        XCTAssertEqual(writtenString { $0.writeFetchAttributes(.fast) }, "FAST")
        XCTAssertEqual(
            writtenString {
                $0.writeFetchAttributes(
                    .list([
                        .bodySection(
                            SectionSpec(part: [1], kind: .mime),
                            partial: Partial(offset: 1, length: 2),
                            peek: true
                        ),
                        .binary(part: [2], partial: nil, peek: false), .preview(lazy: true),
                    ])
                )
            },
            "(BODY.PEEK[1.MIME]<1.2> BINARY[2] PREVIEW (LAZY))"
        )
        XCTAssertEqual(
            writtenString {
                $0.writeFetchModifiers([.changedSince(5), .vanished, .partial(first: 1, last: 9, fromEnd: true)])
            },
            " (CHANGEDSINCE 5 VANISHED PARTIAL -1:-9)"
        )
        XCTAssertEqual(writtenString { $0.writeFetchModifiers([]) }, "")
    }
}

final class StoreTests: XCTestCase {
    private let store = { (s: inout ParserState) throws(IMAPDecodingError) -> StoreFlags in try s.storeAttFlags() }
    private let mods = { (s: inout ParserState) throws(IMAPDecodingError) -> [StoreModifier] in try s.storeModifiers() }

    func testStoreAttFlags() throws {
        // RFC 9051 6.4.6
        XCTAssertEqual(try parse("+FLAGS (\\Deleted)", store), .flags(.add, [.deleted]))
        // Corpus (fullsync.c2s, fetchmail.c2s, mbsync-twoway.c2s)
        XCTAssertEqual(try parse("+FLAGS.SILENT (Old)", store), .flags(.add, [Flag("Old")!], silent: true))
        XCTAssertEqual(
            try parse("-FLAGS ($label1 $label2)", store),
            .flags(.remove, [Flag("$label1")!, Flag("$label2")!])
        )
        XCTAssertEqual(try parse("FLAGS (\\Seen $label1)", store), .flags(.replace, [.seen, Flag("$label1")!]))
        XCTAssertEqual(
            try parse("+FLAGS.SILENT (Important $MDNSent)", store),
            .flags(.add, [Flag("Important")!, .mdnSent], silent: true)
        )
        XCTAssertEqual(try parse("FLAGS ()", store), .flags(.replace, []))
        // Bare flags
        XCTAssertEqual(try parse("flags \\Seen \\Deleted", store), .flags(.replace, [.seen, .deleted]))
        var state = ParserState(Array("+FLAGS \\Seen\r\n".utf8))
        XCTAssertEqual(try state.storeAttFlags(), .flags(.add, [.seen]))
        XCTAssertEqual(state.index, 12)
        // Gmail
        XCTAssertEqual(
            try parse("+X-GM-LABELS (\\Inbox \"Muy Importante\" Work)", store),
            StoreFlags(operation: .add, target: .gmailLabels(["\\Inbox", "Muy Importante", "Work"]))
        )
        XCTAssertEqual(
            try parse("X-GM-LABELS.SILENT foo bar", store),
            StoreFlags(operation: .replace, silent: true, target: .gmailLabels(["foo", "bar"]))
        )
    }

    func testStoreRejections() {
        assertRejects("XFLAGS (\\Seen)", rule: "store-att-flags", store)  // fullsync.c2s A0332
        assertRejects("*FLAGS (\\Seen)", rule: "store-att-flags", store)
        assertRejects("+FLAGS", rule: "store-att-flags", store)
        assertRejects("+FLAGS (\\*)", rule: "store-att-flags", store)
        assertRejects("+FLAGS.LOUD (\\Seen)", rule: "store-att-flags", store)
        assertRejects("+FLAGS (\\Seen", rule: "flag-list", store)
        assertRejects("+FLAGS \\Seen ", rule: "flag", store)
    }

    func testStoreLenient() throws {
        XCTAssertEqual(try parse("+FLAGS  (\\Seen  \\Deleted)", lenient: true, store), .flags(.add, [.seen, .deleted]))
        XCTAssertEqual(try parse("FLAGS NIL", lenient: true, store), .flags(.replace, []))
        // Strict: NIL is an ordinary keyword (an atom) there, though `Flag("NIL")` refuses to
        // build one (lenient readers drop it).
        XCTAssertEqual(try parse("FLAGS NIL", store), .flags(.replace, [Flag(uncheckedRawValue: "NIL")]))
        XCTAssertNil(Flag("NIL"))
        XCTAssertNil(Flag("nil"))
        // Lenient: NIL is no flag wherever it stands in the bare form, as in the list form
        // (fuzzing found "+FLAGS.SILENT 8 ID NIL" decoding to three flags, re-encoded as
        // "(8 ID NIL)", decoding to two).
        for text in [
            "+FLAGS.SILENT 8 ID NIL", "+FLAGS.SILENT (8 ID NIL)", "+FLAGS.SILENT NIL 8 ID", "+FLAGS.SILENT 8 NIL ID",
        ] {
            XCTAssertEqual(
                try parse(text, lenient: true, store),
                .flags(.add, [Flag("8")!, Flag("ID")!], silent: true),
                text
            )
        }
        XCTAssertEqual(try parse("FLAGS NILS \\Seen", lenient: true, store), .flags(.replace, [Flag("NILS")!, .seen]))
        XCTAssertEqual(try parse("FLAGS 8 NIL", store), .flags(.replace, [Flag("8")!, Flag(uncheckedRawValue: "NIL")]))
    }

    func testStoreModifiers() throws {
        XCTAssertEqual(try parse(" (UNCHANGEDSINCE 12345)", mods), [.unchangedSince(12345)])
        XCTAssertEqual(try parse(" (UNCHANGEDSINCE 0)", mods), [.unchangedSince(0)])
        XCTAssertEqual(
            try parse(" (UNCHANGEDSINCE 1 X-FOO (1 2))", mods),
            [.unchangedSince(1), .other(name: "X-FOO", value: "(1 2)")]
        )
        XCTAssertEqual(try parse("", mods), [])
        // fullsync.c2s A0193: Dovecot accepted 2^64-1.
        assertRejects(
            " (UNCHANGEDSINCE 18446744073709551615)",
            rule: "mod-sequence-valzer",
            kind: .numberOutOfRange,
            mods
        )
        XCTAssertEqual(
            try parse(" (UNCHANGEDSINCE 18446744073709551615)", lenient: true, mods),
            [.unchangedSince(.max)]
        )
        assertRejects(
            " (UNCHANGEDSINCE 18446744073709551616)",
            lenient: true,
            rule: "mod-sequence-valzer",
            kind: .numberOutOfRange,
            mods
        )
        assertRejects(" ()", rule: "store-modifiers", mods)
        assertRejects(" (UNCHANGEDSINCE)", rule: "store-modifier", mods)
    }

    func testWriters() {
        XCTAssertEqual(
            writtenString { $0.writeStoreAttFlags(.flags(.remove, [.seen, .flagged], silent: true)) },
            "-FLAGS.SILENT (\\Seen \\Flagged)"
        )
        XCTAssertEqual(writtenString { $0.writeStoreAttFlags(.flags(.replace, [])) }, "FLAGS ()")
        XCTAssertEqual(
            writtenString {
                $0.writeStoreAttFlags(StoreFlags(operation: .add, target: .gmailLabels(["\\Inbox", "a b"])))
            },
            "+X-GM-LABELS (\\Inbox \"a b\")"
        )
        XCTAssertEqual(writtenString { $0.writeStoreModifiers([.unchangedSince(0)]) }, " (UNCHANGEDSINCE 0)")
        XCTAssertEqual(writtenString { $0.writeStoreModifiers([]) }, "")
    }
}
