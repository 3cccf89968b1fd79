import Foundation
import XCTest

@testable import IMAPCodec

/// Attacks from Fixtures/hostile (and larger ones built here): the decoders return values
/// or errors, never trap, never allocate from an announced count, and go on decoding
/// after each bad frame.
final class HostileInputTests: XCTestCase {
    struct Outcome {
        var responses: [Response] = []
        var messages: [ClientMessage] = []
        var errors: [IMAPDecodingError] = []
        var peakBufferCapacity = 0
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/hostile/" + name)))
    }

    func decodeResponses(
        _ bytes: [UInt8],
        lenient: Bool = true,
        limits: DecodingLimits = .responses,
        chunk: Int = 65536
    ) -> Outcome {
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(limits: limits, lenient: lenient))
        var outcome = Outcome()
        var start = 0
        repeat {
            let end = min(bytes.count, start + chunk)
            decoder.append(bytes[start..<end])
            start = end
            while true {
                do {
                    guard let response = try decoder.next() else { break }
                    outcome.responses.append(response)
                } catch {
                    outcome.errors.append(error)
                }
            }
            outcome.peakBufferCapacity = max(outcome.peakBufferCapacity, decoder.core.frames.buffer.storage.capacity)
        } while start < bytes.count
        return outcome
    }

    func decodeCommands(
        _ bytes: [UInt8],
        lenient: Bool = true,
        limits: DecodingLimits = .commands,
        chunk: Int = 65536
    ) -> Outcome {
        var decoder = CommandDecoder(options: CommandDecoder.Options(limits: limits, lenient: lenient))
        var outcome = Outcome()
        var start = 0
        repeat {
            let end = min(bytes.count, start + chunk)
            decoder.append(bytes[start..<end])
            start = end
            while true {
                do {
                    guard let event = try decoder.next() else { break }
                    if case .message(let message) = event { outcome.messages.append(message) }
                } catch {
                    outcome.errors.append(error)
                }
            }
            outcome.peakBufferCapacity = max(outcome.peakBufferCapacity, decoder.core.frames.buffer.storage.capacity)
        } while start < bytes.count
        return outcome
    }

    let done = Response.tagged(TaggedResponse(tag: Tag("A1")!, status: .ok, text: ResponseText(text: "done")))

    func testLiteralCountsBeyondEveryBound() throws {
        // 2^32 is a valid count, above the literal limit: refused before any byte is kept.
        var o = decodeResponses(try Self.fixture("literal-2pow32.s2c"))
        XCTAssertEqual(o.errors.map(\.kind), [.literalTooLarge])
        XCTAssertLessThan(o.peakBufferCapacity, 4096)
        for name in ["literal-2pow64.s2c", "literal-20-digits.s2c"] {
            o = decodeResponses(try Self.fixture(name))
            XCTAssertEqual(o.errors.map(\.kind), [.numberOutOfRange], name)
            XCTAssertEqual(o.responses, [done], name)
        }
        o = decodeResponses(try Self.fixture("literal-negative.s2c"))
        XCTAssertEqual(o.errors.count, 1)
        XCTAssertEqual(o.responses, [done])
        // 2 GiB announced, a few bytes sent, then EOF: nothing allocated in advance.
        o = decodeResponses(try Self.fixture("literal-2gib-then-eof.s2c"))
        XCTAssertEqual(o.errors.map(\.kind), [.literalTooLarge])
        XCTAssertLessThan(o.peakBufferCapacity, 4096)
        let c = decodeCommands(try Self.fixture("literal-2pow64.c2s"))
        XCTAssertEqual(c.errors.map(\.kind), [.numberOutOfRange])
        XCTAssertEqual(c.errors.first?.tag, Tag("A1"))
        XCTAssertEqual(c.messages, [.command(Command(tag: Tag("A2")!, .noop))])
    }

    func testWrongLiteralCountSwallowsOnlyItsOwnFrame() throws {
        let o = decodeResponses(try Self.fixture("literal-swallows-tagged.s2c"))
        XCTAssertEqual(o.errors.count, 1)
        XCTAssertEqual(
            o.responses,
            [.tagged(TaggedResponse(tag: Tag("A2")!, status: .ok, text: ResponseText(text: "next")))]
        )
    }

    func testNulBytes() throws {
        for name in ["nul-in-quoted.s2c", "nul-in-atom.s2c"] {
            let o = decodeResponses(try Self.fixture(name))
            XCTAssertEqual(o.errors.count, 1, name)
            XCTAssertEqual(o.responses, [done], name)
        }
        // In a literal, NUL is kept by the lenient decoder and rejected by the strict one.
        let bytes = try Self.fixture("nul-in-literal.s2c")
        XCTAssertEqual(decodeResponses(bytes).responses.count, 2)
        XCTAssertEqual(decodeResponses(bytes, lenient: false).errors.first?.rule, "CHAR8")
        let c = decodeCommands(try Self.fixture("nul-in-command.c2s"))
        XCTAssertEqual(c.errors.count, 1)
        XCTAssertEqual(c.messages, [.command(Command(tag: Tag("A2")!, .noop))])
    }

    func testUnknownCommands() throws {
        let bytes = try Self.fixture("other-commands.c2s")
        for lenient in [true, false] {
            for chunk in [1, 7, 65536] where lenient || chunk == 65536 {
                let c = decodeCommands(bytes, lenient: lenient, chunk: chunk)
                XCTAssertEqual(c.errors.map { $0.tag?.description }, ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"])
                XCTAssertEqual(c.errors.first?.kind, .nestingTooDeep)
                XCTAssertEqual(c.errors.filter { $0.rule == "command-other" }.count, 6)
                XCTAssertEqual(
                    c.messages.prefix(1),
                    [
                        .command(
                            Command(
                                tag: Tag("A9")!,
                                .other(name: Atom("XFOO")!, arguments: RawCommandArguments("{5}\r\nB1 NO")!)
                            )
                        )
                    ]
                )
                guard c.messages.count == 3, case .command(let lists) = c.messages[1],
                    case .other(_, let arguments) = lists.kind
                else { return XCTFail("\(c.messages.count) messages") }
                XCTAssertEqual(arguments.bytes.count, 20_000 * 3 - 1)
                XCTAssertEqual(c.messages.last, .command(Command(tag: Tag("B3")!, .noop)))
            }
        }
        // 100,000 literals in one unknown command: one value (a single copy, the headers
        // rewritten `{1}`), within the value budget.
        let literals = decodeCommands(try Self.fixture("values-other-literals.c2s"))
        XCTAssertEqual(literals.errors, [])
        XCTAssertEqual(literals.messages.count, 2)
        guard case .command(let command)? = literals.messages.first, case .other(_, let arguments) = command.kind else {
            return XCTFail()
        }
        XCTAssertEqual(arguments.bytes.count, 100_000 * 7 - 1)
        XCTAssertEqual(arguments.tokens.count, 100_000)
    }

    func testInvalidUTF8AndModifiedUTF7() throws {
        let utf8 = try Self.fixture("invalid-utf8-quoted.s2c")
        XCTAssertEqual(decodeResponses(utf8).errors, [])
        XCTAssertEqual(decodeResponses(utf8, lenient: false).errors.first?.rule, "QUOTED-CHAR")
        let mutf7 = decodeResponses(try Self.fixture("bad-mutf7.s2c"))
        XCTAssertEqual(mutf7.errors, [])
        let names = mutf7.responses.compactMap { response -> MailboxName? in
            if case .untagged(.list(let data)) = response { return data.mailbox }
            return nil
        }
        XCTAssertEqual(names.count, 3)
        for name in names {
            XCTAssertFalse(ModifiedUTF7.isValid(name.bytes.bytes))
            XCTAssertEqual(name.name, name.bytes.stringValue, "invalid modified UTF-7 is shown as its bytes")
        }
    }

    func testNumbersOnePastEveryBound() throws {
        let o = decodeResponses(try Self.fixture("numbers-past-bounds.s2c"), lenient: false)
        XCTAssertEqual(o.errors.count, 6)
        XCTAssertTrue(o.errors.allSatisfy { $0.kind == .numberOutOfRange }, "\(o.errors.map(\.description))")
        XCTAssertEqual(o.responses, [done])
        // Lenient decoding takes mod-sequences up to 2^64-1 wherever they stand (Dovecot
        // accepts them; one type, UInt64, holds every mod-sequence); the other bounds hold.
        let lenient = decodeResponses(try Self.fixture("numbers-past-bounds.s2c"))
        XCTAssertEqual(lenient.errors.count, 4)
        let c = decodeCommands(try Self.fixture("numbers-past-bounds.c2s"))
        XCTAssertEqual(c.errors.count, 3)
        XCTAssertEqual(c.messages, [.command(Command(tag: Tag("A4")!, .noop))])
    }

    func testExtensionsBadInput() throws {
        // Each bad command and response of the issue 17 extensions is one error naming its
        // rule; the frame after them still decodes, in both modes.
        for lenient in [false, true] {
            let c = decodeCommands(try Self.fixture("extensions-bad.c2s"), lenient: lenient)
            XCTAssertEqual(c.messages.last, .command(Command(tag: Tag("B3")!, .noop)), "lenient \(lenient)")
            XCTAssertEqual(c.messages.count, 1, "\(c.messages)")
            XCTAssertEqual(c.errors.count, 11, "\(c.errors.map(\.description))")
            XCTAssertEqual(
                c.errors.map(\.rule),
                [
                    "message-batches", "message-batches", "message-batches", "search-key", "search-key",
                    "many-mailboxes", "filter-mailboxes", "scope-options", "filter-name", "astring", "literal",
                ]
            )
            let o = decodeResponses(try Self.fixture("extensions-bad.s2c"), lenient: lenient)
            XCTAssertEqual(o.responses, [done])
            XCTAssertEqual(o.errors.count, 8, "\(o.errors.map(\.description))")
            XCTAssertEqual(
                o.errors.map(\.rule),
                [
                    "uid-range", "uid-range", "search-correlator", "search-correlator", "astring", "language-data",
                    "comparator-data", "jmapaccess-response",
                ]
            )
        }
    }

    func testNewerExtensionsBadInput() throws {
        // NOTIFY, URLAUTH, XLIST, ANNOTATE and SEARCH=FUZZY: each bad command and response is
        // one error naming its rule (nesting past the limit is nestingTooDeep; a literal that
        // swallows a forged command leaves one error, not the forged command); the frame
        // after them still decodes, in both modes.
        for lenient in [false, true] {
            let c = decodeCommands(try Self.fixture("extensions2-bad.c2s"), lenient: lenient)
            XCTAssertEqual(c.messages, [.command(Command(tag: Tag("C3")!, .noop))], "lenient \(lenient)")
            XCTAssertEqual(
                c.errors.map(\.rule),
                [
                    "astring", "filter-mailboxes", "event", "partial", "literal", "genurlauth", "genurlauth", "literal",
                    "CRLF", "literal", "xlist", "literal", "fetch", "entry-match", "seq-number", "astring", "literal",
                    "search-key", "search-key", "search-key",
                ],
                "\(c.errors.map(\.description))"
            )
            XCTAssertEqual(c.errors.filter { $0.kind == .nestingTooDeep }.count, 2)
            XCTAssertEqual(c.errors.filter { $0.kind == .literalTooLarge }.count, 5)
            XCTAssertEqual(c.errors.filter { $0.kind == .numberOutOfRange }.count, 1)
            let o = decodeResponses(try Self.fixture("extensions2-bad.s2c"), lenient: lenient)
            XCTAssertEqual(o.responses, [done], "lenient \(lenient)")
            XCTAssertEqual(
                o.errors.map(\.rule),
                [
                    "event", "unsupported-events-code", "genurlauth-data", "urlfetch-data", "CRLF", "mbx-list-flags",
                    "mailbox-list", "number", "astring", "att-value", "entry-att", "score", "score", "score-list",
                ],
                "\(o.errors.map(\.description))"
            )
            XCTAssertEqual(o.errors.filter { $0.kind == .numberOutOfRange }.count, 3)
        }
    }

    func testWholeRangeSetsStayRanges() throws {
        let c = decodeCommands(try Self.fixture("full-range-sets.c2s"))
        XCTAssertEqual(c.errors, [])
        XCTAssertEqual(c.messages.count, 3)
        let whole = SequenceSet(1...UInt32.max)
        XCTAssertEqual(c.messages[2], .command(Command(tag: Tag("A3")!, .uidExpunge(whole))))
        let o = decodeResponses(try Self.fixture("full-range-sets.s2c"))
        XCTAssertEqual(o.errors, [])
        XCTAssertEqual(o.responses[1], .untagged(.vanished(earlier: true, uids: whole)))
    }

    func testHugeTag() throws {
        // Over the command line limit: one error with memory bounded, then the next command.
        let c = decodeCommands(try Self.fixture("tag-1mb.c2s"), chunk: 4096)
        XCTAssertEqual(c.errors.map(\.kind), [.lineTooLong])
        XCTAssertEqual(c.messages, [.command(Command(tag: Tag("A2")!, .noop))])
        XCTAssertLessThan(c.peakBufferCapacity, 256 << 10)
        // Within a client's generous response limits: a valid (if silly) tag.
        XCTAssertEqual(decodeResponses(try Self.fixture("tag-1mb.s2c")).responses.count, 2)
    }

    func testRandomBytesNeverTrapAndWhatDecodesRoundTrips() throws {
        for name in ["random-bytes.s2c", "random-tokens.s2c"] {
            for lenient in [true, false] {
                let o = decodeResponses(try Self.fixture(name), lenient: lenient, chunk: 1000)
                for response in o.responses {
                    // Lenient decoding keeps bytes the grammar forbids (a bare CR in unknown
                    // data), which the encoder refuses; what strict decoding accepts re-encodes.
                    guard
                        let bytes = lenient
                            ? try? ResponseEncoder().encode(response) : try ResponseEncoder().encode(response)
                    else { continue }
                    XCTAssertEqual(try ResponseDecoder.decode(bytes, options: .init(lenient: lenient)), response)
                }
            }
        }
        _ = decodeCommands(try Self.fixture("random-bytes.c2s"), chunk: 777)
    }

    /// 100,000 nested parentheses wherever lists nest: a depth error, no stack overflow.
    func testDeepNestingIsADepthError() throws {
        let deep = String(repeating: "(", count: 100_000)
        for text in [
            "* 1 FETCH (BODYSTRUCTURE \(deep)\r\n", "* FLAGS \(deep)\r\n", "* 1 FETCH \(deep)\r\n",
            "* 1 FETCH (X-GM-LABELS \(deep)\r\n", "* THREAD \(deep)\r\n", "* OK [PERMANENTFLAGS \(deep)] x\r\n",
        ] {
            let o = decodeResponses(Array(text.utf8))
            XCTAssertEqual(o.errors.count, 1, String(text.prefix(30)))
        }
        for text in [
            "A1 SEARCH \(deep)\r\n", "A1 SEARCH " + String(repeating: "NOT ", count: 100_000) + "ALL\r\n",
            "A1 FETCH 1 \(deep)\r\n", "A1 STORE 1 FLAGS \(deep)\r\n",
        ] {
            var limits = DecodingLimits.commands
            limits.maxLineLength = 1 << 20
            let c = decodeCommands(Array(text.utf8), limits: limits)
            XCTAssertEqual(c.errors.count, 1, String(text.prefix(30)))
        }
        let o = decodeResponses(Array("* 1 FETCH (BODYSTRUCTURE \(deep)\r\n".utf8))
        XCTAssertEqual(o.errors.first?.kind, .nestingTooDeep)
    }

    /// A 100 MB line without CRLF: one error once the limit passes, memory bounded by it.
    func testHundredMegabyteLine() throws {
        let chunk = [UInt8](repeating: 0x41, count: 1 << 20)
        var limits = DecodingLimits.responses
        limits.maxLineLength = 8 << 20
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(limits: limits))
        var errors = 0
        var peak = 0
        for _ in 0..<100 {
            decoder.append(chunk)
            while true {
                do {
                    guard try decoder.next() == nil else { continue }
                    break
                } catch {
                    errors += 1
                    XCTAssertEqual(error.kind, .lineTooLong)
                }
            }
            peak = max(peak, decoder.core.frames.buffer.storage.capacity)
        }
        decoder.append(Array("\r\nA1 OK done\r\n".utf8))
        XCTAssertEqual(try decoder.next(), done)
        XCTAssertEqual(errors, 1)
        XCTAssertLessThan(peak, 20 << 20)
    }

    /// A million empty literals in one frame and a SEARCH of 2,000,000 numbers: decoded,
    /// with cost linear in size (counted in bytes examined, 1/10 against the whole).
    func testLargeButValidFramesAreLinear() throws {
        func labels(_ n: Int) -> [UInt8] {
            var bytes = Array("* 1 FETCH (X-GM-LABELS (".utf8)
            for i in 0..<n { bytes += Array((i == 0 ? "{0}\r\n" : " {0}\r\n").utf8) }
            return bytes + Array("))\r\n".utf8)
        }
        func search(_ n: Int) -> [UInt8] {
            var text = "* SEARCH"
            text.reserveCapacity(n * 8)
            for i in 1...n { text += " \(i)" }
            return Array((text + "\r\n").utf8)
        }
        // A million empty literals take more than the default value budget (32 bytes of
        // labels for every 6 of frame: DecodedSizeTests): allowed here, to time the framing.
        var generous = DecodingLimits.responses
        generous.valueBytesPerFrameByte = 8
        func examined(_ bytes: [UInt8], chunk: Int) throws -> (Int, Response?) {
            var decoder = ResponseDecoder(options: .init(limits: generous))
            var last: Response? = nil
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunk)
                decoder.append(bytes[start..<end])
                start = end
                while let r = try decoder.next() { last = r }
            }
            return (decoder.core.frames.bytesExamined, last)
        }
        let (small, _) = try examined(labels(100_000), chunk: 64)
        let (large, value) = try examined(labels(1_000_000), chunk: 64)
        guard case .untagged(.fetch(_, let items))? = value, case .gmailLabels(let list)? = items.first else {
            return XCTFail("not decoded")
        }
        XCTAssertEqual(list.count, 1_000_000)
        XCTAssertLessThan(Double(large) / Double(small), 11)
        let (s1, _) = try examined(search(200_000), chunk: 64)
        let (s2, big) = try examined(search(2_000_000), chunk: 64)
        guard case .untagged(.search(let result))? = big else { return XCTFail("not decoded") }
        XCTAssertEqual(result.numbers.count, 2_000_000)
        XCTAssertLessThan(Double(s2) / Double(s1), 12)
    }

    /// STARTTLS: what the server pipelined before the handshake is visible and discarded.
    func testBytesBufferedBeforeTLSCanBeDiscarded() throws {
        var client = ResponseDecoder()
        client.append(Array("A1 OK Begin TLS negotiation now\r\n* 1 EXISTS\r\n".utf8))
        XCTAssertEqual(
            try client.next(),
            .tagged(TaggedResponse(tag: Tag("A1")!, status: .ok, text: ResponseText(text: "Begin TLS negotiation now")))
        )
        XCTAssertEqual(Array(client.bufferedBytes), Array("* 1 EXISTS\r\n".utf8))
        XCTAssertEqual(client.discardBufferedBytes(), 12)
        XCTAssertNil(try client.next())
        var server = CommandDecoder()
        server.append(Array("A1 STARTTLS\r\nA2 LOGIN user pass\r\n".utf8))
        XCTAssertEqual(try server.next(), .message(.command(Command(tag: Tag("A1")!, .startTLS))))
        XCTAssertEqual(server.discardBufferedBytes(), 20)
        XCTAssertNil(try server.next())
    }
}
