import XCTest

@testable import IMAPCodec

/// ANNOTATE-EXPERIMENT-1 (RFC 5257): FETCH and STORE ANNOTATION and the ANNOTATION data item,
/// decoded strictly and leniently and written back as sent.
final class AnnotateTests: XCTestCase {
    private func checkCommand(
        _ text: String,
        _ expected: CommandKind,
        file: StaticString = #filePath,
        line: UInt = #line
    )
        throws
    {
        for lenient in [false, true] {
            let (values, errors) = decodeAll(
                commands: Array(text.utf8),
                options: CommandDecoder.Options(lenient: lenient)
            )
            XCTAssertEqual(errors.count, 0, "\(errors)", file: file, line: line)
            XCTAssertEqual(values, [.command(Command(tag: Tag("a")!, expected))], file: file, line: line)
        }
        let chunks = try CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
            .encode(Command(tag: Tag("a")!, expected))
        XCTAssertEqual(String(decoding: chunks.flatMap(\.bytes), as: UTF8.self), text, file: file, line: line)
    }

    private func checkResponse(
        _ text: String,
        _ expected: [MessageAttribute],
        file: StaticString = #filePath,
        line: UInt = #line
    )
        throws
    {
        for lenient in [false, true] {
            let (values, errors) = decodeAll(
                responses: Array(text.utf8),
                options: ResponseDecoder.Options(lenient: lenient)
            )
            XCTAssertEqual(errors.count, 0, "\(errors)", file: file, line: line)
            XCTAssertEqual(values, [.untagged(.fetch(1, expected))], file: file, line: line)
        }
        let bytes = try ResponseEncoder().encode(.untagged(.fetch(1, expected)))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), text, file: file, line: line)
    }

    private func fetch(_ item: AnnotationFetch) -> CommandKind {
        .fetch(SequenceSet(1), .list([.annotation(item)]))
    }

    func testFetch() throws {
        try checkCommand(
            "a FETCH 1 (ANNOTATION (/comment value))\r\n",
            fetch(AnnotationFetch(entries: ["/comment"], attributes: ["value"]))
        )
        try checkCommand(
            "a FETCH 1 (ANNOTATION (/comment (value.priv value.shared)))\r\n",
            fetch(AnnotationFetch(entries: ["/comment"], attributes: ["value.priv", "value.shared"]))
        )
        try checkCommand(
            "a FETCH 1 (ANNOTATION ((/comment /altsubject) value.priv))\r\n",
            fetch(AnnotationFetch(entries: ["/comment", "/altsubject"], attributes: ["value.priv"]))
        )
        try checkCommand(
            "a FETCH 1 (ANNOTATION (/* (value.priv value.shared)))\r\n",
            fetch(AnnotationFetch(entries: ["/*"], attributes: ["value.priv", "value.shared"]))
        )
        try checkCommand(
            "a FETCH 1 (FLAGS ANNOTATION (/% value) UID)\r\n",
            .fetch(
                SequenceSet(1),
                .list([.flags, .annotation(AnnotationFetch(entries: ["/%"], attributes: ["value"])), .uid])
            )
        )
        // One entry in parentheses is the same value; it is written bare.
        let (values, _) = decodeAll(commands: Array("a FETCH 1 (ANNOTATION ((/comment) (value)))\r\n".utf8))
        XCTAssertEqual(
            values,
            [.command(Command(tag: Tag("a")!, fetch(AnnotationFetch(entries: ["/comment"], attributes: ["value"]))))]
        )
        // Empty lists are refused both ways.
        XCTAssertEqual(decodeAll(commands: Array("a FETCH 1 (ANNOTATION (() value))\r\n".utf8)).errors.count, 1)
        XCTAssertThrowsError(
            try CommandEncoder().encode(
                Command(tag: Tag("a")!, fetch(AnnotationFetch(entries: [], attributes: ["value"])))
            )
        )
        XCTAssertThrowsError(
            try CommandEncoder().encode(
                Command(tag: Tag("a")!, fetch(AnnotationFetch(entries: ["/c"], attributes: [])))
            )
        )
    }

    func testStore() throws {
        try checkCommand(
            "a STORE 1 ANNOTATION (/comment (value.priv \"My new comment\"))\r\n",
            .store(
                SequenceSet(1),
                StoreFlags(
                    operation: .replace,
                    target: .annotations([
                        AnnotationEntry(
                            entry: "/comment",
                            values: [AnnotationAttributeValue(attribute: "value.priv", value: "My new comment")]
                        )
                    ])
                )
            )
        )
        try checkCommand(
            "a UID STORE 1 ANNOTATION (/comment (value.priv NIL value.shared NIL) /altsubject (value.priv {4+}\r\na\r\nb))\r\n",
            .store(
                SequenceSet(1),
                StoreFlags(
                    operation: .replace,
                    target: .annotations([
                        AnnotationEntry(
                            entry: "/comment",
                            values: [
                                AnnotationAttributeValue(attribute: "value.priv", value: nil),
                                AnnotationAttributeValue(attribute: "value.shared", value: nil),
                            ]
                        ),
                        AnnotationEntry(
                            entry: "/altsubject",
                            values: [AnnotationAttributeValue(attribute: "value.priv", value: "a\r\nb")]
                        ),
                    ])
                ),
                uid: true
            )
        )
        // No +/-, no .SILENT, no empty lists.
        for flags in [
            StoreFlags(
                operation: .add,
                target: .annotations([AnnotationEntry(entry: "/c", values: [.init(attribute: "value", value: nil)])])
            ),
            StoreFlags(
                operation: .replace,
                silent: true,
                target: .annotations([AnnotationEntry(entry: "/c", values: [.init(attribute: "value", value: nil)])])
            ),
            StoreFlags(operation: .replace, target: .annotations([])),
            StoreFlags(operation: .replace, target: .annotations([AnnotationEntry(entry: "/c", values: [])])),
        ] {
            XCTAssertThrowsError(try CommandEncoder().encode(Command(tag: Tag("a")!, .store(SequenceSet(1), flags))))
        }
        XCTAssertEqual(decodeAll(commands: Array("a STORE 1 +ANNOTATION (/c (value NIL))\r\n".utf8)).errors.count, 1)
    }

    func testAppend() throws {
        try checkCommand(
            "a APPEND box (\\Seen) ANNOTATION (/comment (value.priv \"x y\")) {1+}\r\nm\r\n",
            .append(
                AppendCommand(
                    mailbox: MailboxName("box"),
                    messages: NonEmptyArray(
                        AppendMessage(
                            flags: [.seen],
                            extensions: [
                                .annotation([
                                    AnnotationEntry(
                                        entry: "/comment",
                                        values: [AnnotationAttributeValue(attribute: "value.priv", value: "x y")]
                                    )
                                ])
                            ],
                            data: .literal("m")
                        )
                    )
                )
            )
        )
        // The generic form with the name is refused: it reads back as the case.
        let other = CommandKind.append(
            AppendCommand(
                mailbox: MailboxName("box"),
                messages: NonEmptyArray(
                    AppendMessage(
                        extensions: [
                            .other(
                                name: "ANNOTATION",
                                value: .list([.astring("/c"), .list([.astring("v"), .astring("x")])])
                            )
                        ],
                        data: .literal("m")
                    )
                )
            )
        )
        XCTAssertThrowsError(
            try CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing)).encode(
                Command(tag: Tag("a")!, other)
            )
        )
    }

    func testFetchData() throws {
        try checkResponse(
            "* 1 FETCH (ANNOTATION (/comment (value.priv \"My comment\" value.shared \"Group note\")))\r\n",
            [
                .annotation(
                    .values([
                        AnnotationEntry(
                            entry: "/comment",
                            values: [
                                AnnotationAttributeValue(attribute: "value.priv", value: "My comment"),
                                AnnotationAttributeValue(attribute: "value.shared", value: "Group note"),
                            ]
                        )
                    ])
                )
            ]
        )
        try checkResponse(
            "* 1 FETCH (UID 5 ANNOTATION (/comment /altsubject) FLAGS (\\Seen))\r\n",
            [.uid(5), .annotation(.entries(["/comment", "/altsubject"])), .flags([.seen])]
        )
        try checkResponse(
            "* 1 FETCH (ANNOTATION (/comment (value.priv NIL) /altsubject (size.priv \"2\")))\r\n",
            [
                .annotation(
                    .values([
                        AnnotationEntry(entry: "/comment", values: [.init(attribute: "value.priv", value: nil)]),
                        AnnotationEntry(entry: "/altsubject", values: [.init(attribute: "size.priv", value: "2")]),
                    ])
                )
            ]
        )
        // A NUL in a value is written as a literal8, and reads back.
        let binary = Response.untagged(
            .fetch(
                1,
                [
                    .annotation(
                        .values([AnnotationEntry(entry: "/c", values: [.init(attribute: "value", value: "a\u{0}")])])
                    )
                ]
            )
        )
        let bytes = try ResponseEncoder().encode(binary)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "* 1 FETCH (ANNOTATION (/c (value ~{2}\r\na\u{0})))\r\n")
        XCTAssertEqual(decodeAll(responses: bytes, options: ResponseDecoder.Options(lenient: false)).values, [binary])
        XCTAssertThrowsError(try ResponseEncoder().encode(.untagged(.fetch(1, [.annotation(.entries([]))]))))
        XCTAssertThrowsError(try ResponseEncoder().encode(.untagged(.fetch(1, [.annotation(.values([]))]))))
        XCTAssertEqual(
            decodeAll(
                responses: Array("* 1 FETCH (ANNOTATION ())\r\n".utf8),
                options: ResponseDecoder.Options(lenient: false)
            )
            .errors.count,
            1
        )
    }
}
