import XCTest

@testable import IMAPCodec

/// RFC 4466 parameters in the places that took none before: RENAME (`rename-params`) and
/// APPEND (`append-ext`).
final class TaggedExtensionParameterTests: XCTestCase {
    private func decode(_ text: String, lenient: Bool = false) throws -> CommandKind? {
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: lenient))
        decoder.append(Array(text.utf8))
        while let event = try decoder.next() {
            if case .message(.command(let command)) = event { return command.kind }
        }
        return nil
    }

    private func encode(_ kind: CommandKind, options: EncodingOptions = EncodingOptions()) throws -> String {
        let chunks = try CommandEncoder(options: options).encode(Command(tag: Tag("A1")!, kind))
        return String(decoding: chunks.flatMap(\.bytes), as: UTF8.self)
    }

    /// Decodes `text` strictly and leniently, checks the value, and that encoding it gives
    /// `text` back.
    private func check(
        _ text: String,
        _ expected: CommandKind,
        file: StaticString = #filePath,
        line: UInt = #line
    )
        throws
    {
        XCTAssertEqual(try decode(text), expected, file: file, line: line)
        XCTAssertEqual(try decode(text, lenient: true), expected, file: file, line: line)
        let options = EncodingOptions(literalMode: .nonSynchronizing)
        XCTAssertEqual(try encode(expected, options: options), text, file: file, line: line)
    }

    func testRenameParameters() throws {
        try check(
            "A1 RENAME a b (x)\r\n",
            .rename(from: MailboxName("a"), to: MailboxName("b"), parameters: [.other(name: "x", value: nil)])
        )
        try check(
            "A1 RENAME a b (X-A 5 X-B 1:3,7 X-C (v \"w x\" (y)))\r\n",
            .rename(
                from: MailboxName("a"),
                to: MailboxName("b"),
                parameters: [
                    .other(name: "X-A", value: .number(5)),
                    .other(
                        name: "X-B",
                        value: .sequenceSet(SequenceSet([.range(.number(1), .number(3)), .single(.number(7))])!)
                    ),
                    .other(name: "X-C", value: .list([.astring("v"), .astring("w x"), .list([.astring("y")])])),
                ]
            )
        )
        try check("A1 RENAME a b\r\n", .rename(from: MailboxName("a"), to: MailboxName("b")))
        // Lenient: an empty list and extra spaces; strict rejects both.
        XCTAssertEqual(
            try decode("A1 RENAME a b ()\r\n", lenient: true),
            .rename(from: MailboxName("a"), to: MailboxName("b"))
        )
        XCTAssertEqual(
            try decode("A1 RENAME a b  ( x  )\r\n", lenient: true),
            .rename(from: MailboxName("a"), to: MailboxName("b"), parameters: [.other(name: "x", value: nil)])
        )
        XCTAssertThrowsError(try decode("A1 RENAME a b ()\r\n")) {
            XCTAssertEqual(($0 as? IMAPDecodingError)?.rule, "rename-param")
        }
        XCTAssertThrowsError(try decode("A1 RENAME a b (1x)\r\n")) {
            XCTAssertEqual(($0 as? IMAPDecodingError)?.rule, "rename-param")
        }
        XCTAssertThrowsError(try decode("A1 RENAME a b (x\r\n"))
    }

    func testRenameParameterRefusals() {
        for name in ["", "1x", "a b", "a)", String(repeating: "a", count: 1025)] {
            let kind = CommandKind.rename(
                from: MailboxName("a"),
                to: MailboxName("b"),
                parameters: [.other(name: name, value: nil)]
            )
            XCTAssertThrowsError(try encode(kind), name) { error in
                XCTAssertEqual((error as? IMAPValueError)?.rule, "tagged-ext-label")
            }
        }
    }

    func testAppendExtensions() throws {
        try check(
            "A1 APPEND box X-A 5 {3+}\r\nabc\r\n",
            .append(
                AppendCommand(
                    mailbox: MailboxName("box"),
                    messages: NonEmptyArray(
                        AppendMessage(extensions: [.other(name: "X-A", value: .number(5))], data: .literal("abc"))
                    )
                )
            )
        )
        let date = IMAPDateTime(
            date: IMAPDate(year: 2004, month: 6, day: 17)!,
            hour: 9,
            minute: 26,
            second: 54,
            zoneMinutes: 0
        )!
        try check(
            "A1 APPEND box (\\Seen) \"17-Jun-2004 09:26:54 +0000\" X-A (a (b)) X-B 1:* {1+}\r\nx {1+}\r\ny\r\n",
            .append(
                AppendCommand(
                    mailbox: MailboxName("box"),
                    messages: NonEmptyArray(
                        AppendMessage(
                            flags: [.seen],
                            internalDate: date,
                            extensions: [
                                .other(name: "X-A", value: .list([.astring("a"), .list([.astring("b")])])),
                                .other(name: "X-B", value: .sequenceSet(SequenceSet([.range(.number(1), .last)])!)),
                            ],
                            data: .literal("x")
                        ),
                        AppendMessage(data: .literal("y")),
                    )
                )
            )
        )
        // Followed by CATENATE: still data, not an extension.
        try check(
            "A1 APPEND box X-A 1 CATENATE (URL /a)\r\n",
            .append(
                AppendCommand(
                    mailbox: MailboxName("box"),
                    messages: NonEmptyArray(
                        AppendMessage(
                            extensions: [.other(name: "X-A", value: .number(1))],
                            data: .catenate(NonEmptyArray(.url("/a")))
                        )
                    )
                )
            )
        )
        // An extension without a value, or an unknown append-data-ext, is rejected.
        XCTAssertThrowsError(try decode("A1 APPEND box X-A {1+}\r\nx\r\n"))
        XCTAssertThrowsError(try decode("A1 APPEND box X-A 1\r\n"))
    }

    func testAppendExtensionRefusals() {
        // A name that reads back as the message data, and a label that is no label.
        for name in ["CATENATE", "utf8", "", "1a", "a b"] {
            let kind = CommandKind.append(
                AppendCommand(
                    mailbox: MailboxName("box"),
                    messages: NonEmptyArray(
                        AppendMessage(extensions: [.other(name: name, value: .list([]))], data: .literal("x"))
                    )
                )
            )
            XCTAssertThrowsError(try encode(kind, options: EncodingOptions(literalMode: .nonSynchronizing)), name)
        }
    }
}
