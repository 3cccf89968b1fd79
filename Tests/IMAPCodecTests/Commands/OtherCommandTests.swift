import XCTest

@testable import IMAPCodec

/// Commands IMAPCodec has no grammar for: `CommandKind.other(name:arguments:)` (issue 17 item 2).
final class OtherCommandTests: XCTestCase {
    /// Every event of decoding `bytes` fed in pieces of `split` bytes (all at once when nil).
    func events(
        _ bytes: [UInt8],
        split: Int? = nil,
        lenient: Bool = true,
        limits: DecodingLimits = .commands
    ) -> [Result<CommandDecoder.Event, IMAPDecodingError>] {
        var decoder = CommandDecoder(options: CommandDecoder.Options(limits: limits, lenient: lenient))
        var out: [Result<CommandDecoder.Event, IMAPDecodingError>] = []
        func drain() {
            while true {
                do {
                    guard let event = try decoder.next() else { return }
                    out.append(.success(event))
                } catch {
                    out.append(.failure(error))
                }
            }
        }
        let step = split ?? max(bytes.count, 1)
        var i = 0
        while i < bytes.count {
            decoder.append(bytes[i..<min(i + step, bytes.count)])
            drain()
            i += step
        }
        drain()
        return out
    }

    /// The one command `text` decodes to (failing the test otherwise).
    func decode(
        _ text: String,
        lenient: Bool = true,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> Command? {
        let messages = events(Array(text.utf8), lenient: lenient).compactMap { result -> ClientMessage? in
            if case .success(.message(let m)) = result { return m }
            if case .failure(let e) = result { XCTFail("\(text.debugDescription): \(e)", file: file, line: line) }
            return nil
        }
        guard messages.count == 1, case .command(let command) = messages[0] else {
            XCTFail("\(text.debugDescription) gave \(messages)", file: file, line: line)
            return nil
        }
        return command
    }

    /// The error `text` decodes to (failing the test when it decodes).
    func failure(
        _ text: String,
        lenient: Bool = true,
        file: StaticString = #filePath,
        line: UInt = #line
    )
        -> IMAPDecodingError?
    {
        for result in events(Array(text.utf8), lenient: lenient) {
            switch result {
            case .failure(let error): return error
            case .success(.message(let message)):
                XCTFail("\(text.debugDescription) decoded as \(message)", file: file, line: line)
                return nil
            case .success: continue
            }
        }
        XCTFail("\(text.debugDescription) gave no error", file: file, line: line)
        return nil
    }

    func other(_ name: String, _ arguments: ByteString = "") -> CommandKind {
        .other(name: Atom(name)!, arguments: RawCommandArguments(arguments)!)
    }

    /// The bytes `command` encodes to, chunks joined.
    func encoded(_ command: Command, mode: LiteralMode = .synchronizing) throws -> [UInt8] {
        try CommandEncoder(options: EncodingOptions(literalMode: mode)).encode(command).flatMap(\.bytes)
    }

    // MARK: Decoding

    func testUnknownCommandsDecodeInBothModes() throws {
        let cases: [(String, CommandKind)] = [
            ("A1 XFROB\r\n", other("XFROB")),
            ("A1 frobnicate a b c\r\n", other("frobnicate", "a b c")),
            ("A1 XQ \"a \\\"b\\\\\" NIL 12\r\n", other("XQ", "\"a \\\"b\\\\\" NIL 12")),
            ("A1 XL (a (b (c)) \"(\") ()\r\n", other("XL", "(a (b (c)) \"(\") ()")),
            (
                "A1 XF 1:* BODY.PEEK[HEADER.FIELDS (A B)]<0.10> \\Seen %\r\n",
                other("XF", "1:* BODY.PEEK[HEADER.FIELDS (A B)]<0.10> \\Seen %")
            ),
            ("A1 XLIT {3}\r\na)b x\r\n", other("XLIT", "{3}\r\na)b x")),
            ("A1 XUTF \"caf\u{e9}\"\r\n", other("XUTF", "\"caf\u{e9}\"")),
            ("A1 XDOUBLE a  b\r\n", other("XDOUBLE", "a  b")),
        ]
        for (text, kind) in cases {
            for lenient in [true, false] {
                XCTAssertEqual(
                    decode(text, lenient: lenient)?.kind,
                    kind,
                    "\(text.debugDescription) lenient \(lenient)"
                )
            }
        }
        XCTAssertEqual(decode("A1 XBIN ~{2}\r\n\u{0}\u{1} end\r\n")?.kind, other("XBIN", "~{2}\r\n\u{0}\u{1} end"))
        XCTAssertEqual(decode("A1 XBIN ~{2}\r\n\u{0}\r\n")?.tag, Tag("A1"))
    }

    func testLenientDropsExtraSpacesAroundTheArguments() {
        XCTAssertEqual(decode("A1 XFOO   a b  \r\n")?.kind, other("XFOO", "a b"))
        XCTAssertEqual(decode("A1 XFOO \r\n")?.kind, other("XFOO"))
        XCTAssertEqual(decode("A1 XFOO a\n")?.kind, other("XFOO", "a"))
        XCTAssertNotNil(failure("A1 XFOO  a\r\n", lenient: false))
        XCTAssertNotNil(failure("A1 XFOO a \r\n", lenient: false))
        XCTAssertNotNil(failure("A1 XFOO \r\n", lenient: false))
        XCTAssertNotNil(failure("A1 XFOO a\n", lenient: false))
        // A literal ending in CR, then a bare LF: the line ends after the literal, not inside it.
        XCTAssertEqual(decode("A1 XBIN ~{2}\r\n\u{0}\r\n")?.kind, other("XBIN", "~{2}\r\n\u{0}\r"))
        XCTAssertNotNil(failure("A1 XBIN ~{2}\r\n\u{0}\r\n", lenient: false))
    }

    func testTokens() {
        let arguments = RawCommandArguments("1:* (A \"b c\" (d)) {2}\r\nxy BODY[1]~{1}\r\n\u{0}\"\\\\\"")!
        XCTAssertEqual(
            arguments.tokens,
            [
                .word("1:*"), .open, .word("A"), .quoted("b c"), .open, .word("d"), .close, .close,
                .literal("xy", binary: false), .word("BODY[1]"), .literal("\u{0}", binary: true), .quoted("\\"),
            ]
        )
        XCTAssertEqual(RawCommandArguments.empty.tokens, [])
        XCTAssertEqual(RawCommandArguments("a~b")!.tokens, [.word("a~b")])
    }

    /// Each literal form, the command split at every byte: the same command, and a
    /// continuation request exactly for a synchronizing literal, before its bytes.
    func testLiteralsSplitAtEveryByte() {
        let forms: [(String, ByteString, synchronizing: Bool)] = [
            ("A1 XLIT a {5}\r\nb\r\nc) (x)\r\n", "a {5}\r\nb\r\nc) (x)", true),
            ("A1 XLIT a {5+}\r\nb\r\nc) (x)\r\n", "a {5}\r\nb\r\nc) (x)", false),
            ("A1 XLIT (~{3}\r\n\u{0}\"x)\r\n", "(~{3}\r\n\u{0}\"x)", true),
            ("A1 XLIT (~{3+}\r\n\u{0}\"x)\r\n", "(~{3}\r\n\u{0}\"x)", false),
            ("A1 XLIT {003}\r\nabc {0}\r\n\r\n", "{3}\r\nabc {0}\r\n", true),
        ]
        for (text, arguments, synchronizing) in forms {
            let bytes = Array(text.utf8)
            let expected = Command(tag: Tag("A1")!, other("XLIT", arguments))
            for split in 1...bytes.count {
                let results = events(bytes, split: split)
                var messages: [ClientMessage] = []
                var continuations = 0
                for result in results {
                    switch result {
                    case .success(.message(let message)): messages.append(message)
                    case .success(.continuationRequired):
                        XCTAssertTrue(synchronizing, text.debugDescription)
                        XCTAssertTrue(messages.isEmpty)
                        continuations += 1
                    case .success(let event): XCTFail("\(event)")
                    case .failure(let error): XCTFail("\(text.debugDescription) split \(split): \(error)")
                    }
                }
                XCTAssertEqual(messages, [.command(expected)], "\(text.debugDescription) split \(split)")
                if synchronizing { XCTAssertGreaterThan(continuations, 0, text.debugDescription) }
            }
        }
    }

    func testRefusedLiteralDropsTheUnknownCommand() throws {
        var decoder = CommandDecoder()
        decoder.append(Array("A7 XUP {10}\r\n".utf8))
        guard case .continuationRequired(let header)? = try decoder.next() else { return XCTFail() }
        XCTAssertEqual(header.count, 10)
        XCTAssertEqual(decoder.refuseLiteral(), Tag("A7"))
        decoder.append(Array("A8 XNEXT\r\n".utf8))
        XCTAssertEqual(try decoder.next(), .message(.command(Command(tag: Tag("A8")!, other("XNEXT")))))
    }

    func testMalformedUnknownCommandsStillFail() {
        let malformed = [
            "A1 XFOO (a\r\n",
            "A1 XFOO a)\r\n",
            "A1 XFOO (a))(\r\n",
            "A1 XFOO \"abc\r\n",
            "A1 XFOO \"a\\b\"\r\n",
            "A1 XFOO a\u{0}b\r\n",
            "A1 XFOO {3}\r\na\u{0}c\r\n",
            "A1 XFOO a{b\r\n",
            "A1 XFOO(a)\r\n",
            "A1 XFOO\"a\"\r\n",
            "A1 XFOO] a\r\n",
            "A1 XF\u{e9}E a\r\n",
            "A1 (XFOO)\r\n",
            "A1 \"XFOO\"\r\n",
            "A1 {4}\r\nXFOO\r\n",
            "A1 XFOO a\rb\r\n",
            "A1\r\n",
            "A1 \r\n",
            "XFOO\r\n",
            "A1 " + String(repeating: "X", count: 1025) + "\r\n",
        ]
        for text in malformed {
            for lenient in [true, false] {
                guard let error = failure(text, lenient: lenient) else { continue }
                if text.hasPrefix("A1 ") { XCTAssertEqual(error.tag, Tag("A1"), text.debugDescription) }
            }
        }
        // The session goes on after each.
        let stream = Array((malformed.joined() + "A2 XOK done\r\n").utf8)
        let last = events(stream).last
        guard case .success(.message(.command(let command)))? = last else {
            return XCTFail("\(String(describing: last))")
        }
        XCTAssertEqual(command, Command(tag: Tag("A2")!, other("XOK", "done")))
    }

    func testLimitsApply() {
        let deep = "A1 XDEEP " + String(repeating: "(", count: 33) + String(repeating: ")", count: 33) + "\r\n"
        XCTAssertEqual(failure(deep)?.kind, .nestingTooDeep)
        let ok = "A1 XDEEP " + String(repeating: "(", count: 32) + String(repeating: ")", count: 32) + "\r\n"
        XCTAssertNotNil(decode(ok))
        let small = DecodingLimits(maxLineLength: 64, maxLiteralSize: 8, maxFrameSize: 256, maxNestingDepth: 4)
        let results = events(Array("A1 XBIG {9}\r\n".utf8), limits: small)
        guard case .failure(let error)? = results.first else { return XCTFail("\(results)") }
        XCTAssertEqual(error.kind, .literalTooLarge)
        let long = events(Array(("A1 XLONG " + String(repeating: "a", count: 100) + "\r\n").utf8), limits: small)
        guard case .failure(let lineError)? = long.first else { return XCTFail("\(long)") }
        XCTAssertEqual(lineError.kind, .lineTooLong)
        let nested = events(Array("A1 XN (((((a)))))\r\n".utf8), limits: small)
        guard case .failure(let nestError)? = nested.first else { return XCTFail("\(nested)") }
        XCTAssertEqual(nestError.kind, .nestingTooDeep)
    }

    /// A known name with bad arguments keeps its own error, and a known name is never `other`.
    func testKnownNamesNeverDecodeAsOther() {
        for name in RawCommandArguments.knownNames.sorted() {
            for spelling in [name, name.lowercased()] {
                for arguments in ["", " x", " (x", " 1 2 3 4 5", " \"a\" {1+}\r\nb", " UID"] {
                    for lenient in [true, false] {
                        for result in events(Array("A1 \(spelling)\(arguments)\r\n".utf8), lenient: lenient) {
                            if case .success(.message(.command(let command))) = result, case .other = command.kind {
                                XCTFail("\(spelling)\(arguments) decoded as \(command)")
                            }
                        }
                    }
                }
            }
        }
        for text in ["A1 UID XFOO 1\r\n", "A1 UID\r\n", "A1 LOGIN\r\n", "A1 FETCH x FLAGS\r\n", "A1 RENAME a\r\n"] {
            XCTAssertNotEqual(failure(text)?.rule, "command-other", text.debugDescription)
        }
        XCTAssertEqual(failure("A1 FETCH x FLAGS\r\n")?.rule, "seq-number")
        // Names that only start like a known one are unknown.
        XCTAssertEqual(decode("A1 LOGINX a\r\n")?.kind, other("LOGINX", "a"))
        XCTAssertEqual(decode("A1 IDX\r\n")?.kind, other("IDX"))
        XCTAssertEqual(decode("A1 UIDPLUS\r\n")?.kind, other("UIDPLUS"))
    }

    /// Every command case the round-trip generator builds (its switch is exhaustive, so a
    /// new case is there) is written with a name in `knownNames`: a command added to the
    /// decoder without its name there fails here, not only at the encoder's read-back.
    func testKnownNamesCoverEveryCommandCase() {
        var g = TopLevelGenerator(seed: 0x0717)
        let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
        var seen: Set<String> = []
        for which in MessageCase.allCases where which != .otherCommand {
            for _ in 0..<20 {
                guard case .command(let command) = g.message(which),
                    let bytes = try? encoder.encode(command).flatMap(\.bytes)
                else { continue }
                let afterTag = bytes.drop { $0 != ASCII.space }.dropFirst()
                let name = String(decoding: afterTag.prefix { CharacterClass.isAtomChar($0) }, as: UTF8.self)
                XCTAssertTrue(RawCommandArguments.knownNames.contains(name.uppercased()), "\(which): \(name)")
                seen.insert(name.uppercased())
            }
        }
        XCTAssertEqual(seen, RawCommandArguments.knownNames, "names no generated command has")
    }

    // MARK: Encoding

    func testEncodingWritesTheCommandBackByteForByte() throws {
        let frames = [
            "A1 XFROB\r\n",
            "A1 frobnicate a b c\r\n",
            "A1 XQ \"a \\\"b\\\\\" NIL 12\r\n",
            "A1 XL (a (b (c)) \"(\") ()\r\n",
            "A1 XF 1:* BODY.PEEK[HEADER.FIELDS (A B)]<0.10> \\Seen %\r\n",
            "A1 XLIT {3}\r\na)b x\r\n",
            "A1 XBIN ~{2}\r\n\u{0}\u{1} {0}\r\n\r\n",
            "A1 XDOUBLE a  b\r\n",
        ]
        for text in frames {
            guard let command = decode(text, lenient: false) else { continue }
            XCTAssertEqual(try encoded(command), Array(text.utf8), text.debugDescription)
        }
        // The literal mode frames the literals: the transport's choice, not the value's.
        let literal = Command(tag: Tag("A1")!, other("XLIT", "{3}\r\nabc"))
        XCTAssertEqual(try encoded(literal, mode: .nonSynchronizing), Array("A1 XLIT {3+}\r\nabc\r\n".utf8))
        let chunks = try CommandEncoder().encode(literal)
        XCTAssertEqual(chunks.map(\.waitForContinuation), [true, false])
        XCTAssertEqual(chunks.first?.bytes, Array("A1 XLIT {3}\r\n".utf8))
    }

    func testEncoderRefusesALineThePeerWouldNotRead() throws {
        // Valid arguments, but a 70,000-byte line: over the 64 KiB DecodingLimits.commands reads.
        let long = RawCommandArguments(ByteString(String(repeating: "a", count: 70_000)))!
        XCTAssertThrowsError(
            try CommandEncoder().encode(Command(tag: Tag("A1")!, .other(name: Atom("XFOO")!, arguments: long)))
        ) {
            XCTAssertEqual(($0 as? IMAPValueError)?.rule, "read-back")
        }
        // The same bytes in a literal are fine.
        let literal = RawCommandArguments(ByteString("{70000}\r\n" + String(repeating: "a", count: 70_000)))!
        let command = Command(tag: Tag("A1")!, .other(name: Atom("XFOO")!, arguments: literal))
        XCTAssertEqual(try encoded(command).count, "A1 XFOO {70000}\r\n\r\n".utf8.count + 70_000)
    }

    func testEncoderRefusesKnownNames() {
        for name in RawCommandArguments.knownNames.sorted() {
            for spelling in [name, name.lowercased()] {
                let command = Command(tag: Tag("A1")!, .other(name: Atom(spelling)!, arguments: .empty))
                XCTAssertThrowsError(try CommandEncoder().encode(command), spelling) { error in
                    let error = error as? IMAPValueError
                    XCTAssertEqual(error?.kind, .ambiguous)
                    XCTAssertEqual(error?.field, "command name")
                }
            }
        }
    }

    func testArgumentsRefuseWhatWouldBreakTheFrame() {
        let hostile: [(ByteString, IMAPValueError.Kind, Int)] = [
            ("a\r\nA2 LOGOUT", .forbiddenByte, 1),
            ("a\nb", .forbiddenByte, 1),
            ("a\u{0}", .forbiddenByte, 1),
            ("x {5}", .malformed, 2),
            ("x {5}\r\nabc", .malformed, 2),
            ("{5+}\r\nabcde", .ambiguous, 0),
            ("{05}\r\nabcde", .ambiguous, 0),
            ("~{2+}\r\nab", .ambiguous, 1),
            ("{1}\r\n\u{0}", .forbiddenByte, 5),
            (" a", .ambiguous, 0),
            ("a ", .ambiguous, 1),
            ("(a", .malformed, 0),
            ("a)", .malformed, 1),
            ("\"a", .malformed, 0),
            ("\"a\\b\"", .malformed, 2),
            ("\"a\r\"", .forbiddenByte, 2),
            ("a{b", .malformed, 1),
            (ByteString(String(repeating: "(", count: 33) + String(repeating: ")", count: 33)), .malformed, 32),
        ]
        for (bytes, kind, offset) in hostile {
            XCTAssertNil(RawCommandArguments(bytes), "\(bytes)")
            do {
                _ = try RawCommandArguments(validating: bytes)
                XCTFail("\(bytes) accepted")
            } catch {
                XCTAssertEqual(error.kind, kind, "\(bytes): \(error)")
                XCTAssertEqual(error.offset, offset, "\(bytes): \(error)")
                XCTAssertEqual(error.rule, "command-other")
            }
        }
        XCTAssertNotNil(
            RawCommandArguments(ByteString(String(repeating: "(", count: 32) + String(repeating: ")", count: 32)))
        )
        XCTAssertNotNil(RawCommandArguments("a~b ~ {0}\r\n"))
    }

    /// Whatever the name and the arguments, an `other` command that encodes is exactly one
    /// frame and reads back strictly as itself.
    func testHostileValuesEncodeToOneFrameOrNothing() throws {
        let payloads: [ByteString] = [
            "", "a", "\r\n", "A2 LOGOUT", "x\r\nA2 LOGOUT", "{5}", "{5}\r\nab", "{2}\r\nab", "~{1}\r\n\u{0}", "\u{0}",
            "(", ")", "\"", "\\", "\"\\\"", "]", "[ALERT]", "caf\u{e9}", ByteString([0xFF, 0xFE]),
            ByteString(String(repeating: "a", count: 100_000)), "{0}\r\n", " ", "a  b",
        ]
        let names = ["XFOO", "X", "LOGIN", "uid", "FETCH", "XLIST", "DONE"]
        for name in names {
            for payload in payloads {
                guard let arguments = RawCommandArguments(payload) else { continue }
                let command = Command(tag: Tag("A1")!, .other(name: Atom(name)!, arguments: arguments))
                guard let chunks = try? CommandEncoder().encode(command) else { continue }
                var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: false))
                for chunk in chunks { decoder.append(chunk.bytes) }
                var messages: [ClientMessage] = []
                while let event = try decoder.next() {
                    if case .message(let message) = event { messages.append(message) }
                }
                XCTAssertEqual(messages, [.command(command)], "\(name) \(payload)")
                XCTAssertTrue(decoder.bufferedBytes.isEmpty)
            }
        }
    }
}
