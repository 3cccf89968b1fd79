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

    /// The examples of RFC 5257 sections 4.2 to 4.7, each on one line (the RFC folds them).
    func testRFCExamples() throws {
        for lenient in [false, true] {
            // 4.2: the ANNOTATE select parameter and the ANNOTATIONS code are generic forms.
            try assertCommandRoundTrip("a SELECT INBOX (ANNOTATE)\r\n", lenient: lenient)
            try assertResponseRoundTrip("* OK [ANNOTATIONS 20480 NOPRIVATE] Limits\r\n", lenient: lenient)
            // 4.3
            try assertCommandRoundTrip("a FETCH 1 (ANNOTATION (/comment value))\r\n", lenient: lenient)
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.priv \"My comment\" value.shared \"Group note\")))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip(
                "a UID FETCH 1123 (UID ANNOTATION (/* (value.priv size.priv)))\r\n",
                lenient: lenient
            )
            try assertResponseRoundTrip(
                "* 12 FETCH (UID 1123 ANNOTATION (/comment (value.priv \"My comment\" size.priv \"10\")"
                    + " /altsubject (value.priv \"Rhinoceroses!\" size.priv \"13\")"
                    + " /vendor/foobar/label.priv (value.priv \"label43\" size.priv \"7\")"
                    + " /vendor/foobar/personality (value.priv \"Tallulah Bankhead\" size.priv \"17\")))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip("a FETCH 1 (ANNOTATION (/% value.shared))\r\n", lenient: lenient)
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.shared \"Patch Mangler\")"
                    + " /altsubject (value.shared \"Patches?  We don't need no steenkin patches!\")))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip(
                "a FETCH 1 (ANNOTATION ((/comment /altsubject) value.priv))\r\n",
                lenient: lenient
            )
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.priv \"What a chowder-head\")"
                    + " /altsubject (value.priv \"How to crush beer cans\")))\r\n",
                lenient: lenient
            )
            // 4.4
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.priv \"My comment\" value.shared NIL)))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip("a FETCH 1 (ANNOTATION ((/comment /altsubject) value))\r\n", lenient: lenient)
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.priv \"My comment\" value.shared NIL)"
                    + " /altsubject (value.priv \"My subject\" value.shared NIL)))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip("a FETCH 1 (ANNOTATION (/comment (value size)))\r\n", lenient: lenient)
            try assertResponseRoundTrip(
                "* 1 FETCH (ANNOTATION (/comment (value.priv \"My comment\" value.shared NIL"
                    + " size.priv \"10\" size.shared \"0\")))\r\n",
                lenient: lenient
            )
            // The unsolicited example, with the RFC's stray ")" after FLAGS (\Seen) removed.
            try assertResponseRoundTrip("* 1 FETCH (FLAGS (\\Seen) ANNOTATION (/comment))\r\n", lenient: lenient)
            // 4.5
            try assertCommandRoundTrip(
                "a STORE 1 ANNOTATION (/comment (value.priv \"My new comment\"))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip("a STORE 1 ANNOTATION (/comment (value.shared NIL))\r\n", lenient: lenient)
            try assertCommandRoundTrip(
                "a STORE 1 ANNOTATION (/comment (value.priv \"Get tix Tuesday\") /altsubject (value.priv \"Wots On\"))\r\n",
                lenient: lenient
            )
            try assertCommandRoundTrip(
                "a STORE 1 ANNOTATION (/comment (value.priv \"My new comment\" value.shared \"foo's bar\"))\r\n",
                lenient: lenient
            )
            try assertResponseRoundTrip("a NO [ANNOTATE TOOBIG] Too big\r\n", lenient: lenient)
            try assertResponseRoundTrip("a NO [ANNOTATE TOOMANY] Too many\r\n", lenient: lenient)
            // 4.7, with a short message.
            try assertCommandRoundTrip(
                "a APPEND drafts ANNOTATION (/comment (value.priv \"Don't send until I say so\")) {3+}\r\nx y\r\n",
                lenient: lenient
            )
        }
    }

    /// `entry` and `attrib` MUST NOT contain "*" or "%" (RFC 5257 section 5); `entry-match`
    /// may.
    func testNoWildcardsInEntryOrAttrib() throws {
        assertCommandRejected("a STORE 1 ANNOTATION (\"/*\" (value.priv NIL))\r\n", rule: "entry")
        assertCommandRejected("a STORE 1 ANNOTATION (/c (\"value.%\" NIL))\r\n", rule: "attrib")
        assertCommandRejected("a FETCH 1 (ANNOTATION (/comment \"value.*\"))\r\n", rule: "attrib")
        assertCommandRejected("a FETCH 1 (ANNOTATION (/comment (value \"size%\")))\r\n", rule: "attrib")
        assertResponseRejected("* 1 FETCH (ANNOTATION (\"/c*\" (value NIL)))\r\n", rule: "entry")
        assertResponseRejected("* 1 FETCH (ANNOTATION (/a \"/c%\"))\r\n", rule: "entry")
        // Lenient reads them as sent.
        let lenient = decodeAll(
            commands: Array("a STORE 1 ANNOTATION (\"/*\" (\"value.%\" NIL))\r\n".utf8),
            options: CommandDecoder.Options(lenient: true)
        )
        XCTAssertEqual(lenient.errors, [])
        XCTAssertEqual(lenient.values.count, 1)
        XCTAssertEqual(
            try ResponseDecoder.decode(
                Array("* 1 FETCH (ANNOTATION (\"/c*\"))\r\n".utf8),
                options: ResponseDecoder.Options(lenient: true)
            ),
            .untagged(.fetch(1, [.annotation(.entries(["/c*"]))]))
        )
        // The encoders refuse them.
        assertCommandRefused(
            .store(
                SequenceSet(1),
                StoreFlags(
                    operation: .replace,
                    target: .annotations([AnnotationEntry(entry: "/%", values: [.init(attribute: "value", value: nil)])]
                    )
                )
            ),
            rule: "entry"
        )
        assertCommandRefused(
            .store(
                SequenceSet(1),
                StoreFlags(
                    operation: .replace,
                    target: .annotations([AnnotationEntry(entry: "/c", values: [.init(attribute: "v*", value: nil)])])
                )
            ),
            rule: "attrib"
        )
        assertCommandRefused(fetch(AnnotationFetch(entries: ["/c"], attributes: ["value.*"])), rule: "attrib")
        assertResponseRefused(.untagged(.fetch(1, [.annotation(.entries(["/%"]))])), rule: "entry")
        // Wildcards stay allowed in entry-match.
        try assertCommandRoundTrip("a FETCH 1 (ANNOTATION ((/* /%) value))\r\n")
    }
}
