import XCTest

@testable import IMAPCodec

/// The decoders answer "nothing yet" for a few new bytes of a plain line without running
/// the frame scanner (``FrameReader/hasNothingNew()``). Whatever the chunk size, they
/// must produce the same values and the same errors, at the same offsets, as from whole
/// input, including when a limit is broken in the middle of a line.
final class SmallChunkTests: XCTestCase {
    /// What a decoder produced: values and errors, with where each frame started.
    enum Outcome: Equatable {
        case value(String, frameOffset: Int)
        /// Streamed bytes, which come as they arrive: consecutive pieces are joined.
        case bytes([UInt8], frameOffset: Int)
        case error(IMAPDecodingError.Kind, offset: Int, frameOffset: Int)
    }

    /// Feeds `input` in pieces of `chunk` bytes, calling `drain` after each piece.
    func feed(_ input: [UInt8], chunk: Int, append: (ArraySlice<UInt8>) -> Void, drain: () -> Void) {
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunk)
            append(input[start..<end])
            start = end
            drain()
        }
    }

    func responses(_ input: [UInt8], chunk: Int, options: ResponseDecoder.Options) -> [Outcome] {
        var decoder = ResponseDecoder(options: options)
        var out: [Outcome] = []
        feed(
            input,
            chunk: chunk,
            append: { decoder.append($0) },
            drain: {
                while true {
                    do throws(IMAPDecodingError) {
                        guard let event = try decoder.nextEvent() else { break }
                        if case .streamBytes(let piece) = event {
                            if case .bytes(let before, let offset)? = out.last, offset == decoder.frameOffset {
                                out[out.count - 1] = .bytes(before + piece, frameOffset: offset)
                            } else {
                                out.append(.bytes(piece, frameOffset: decoder.frameOffset))
                            }
                            continue
                        }
                        out.append(.value("\(event)", frameOffset: decoder.frameOffset))
                    } catch {
                        out.append(.error(error.kind, offset: error.offset, frameOffset: decoder.frameOffset))
                    }
                }
            }
        )
        return out
    }

    func commands(_ input: [UInt8], chunk: Int, options: CommandDecoder.Options) -> [Outcome] {
        var decoder = CommandDecoder(options: options)
        var out: [Outcome] = []
        feed(
            input,
            chunk: chunk,
            append: { decoder.append($0) },
            drain: {
                while true {
                    do throws(IMAPDecodingError) {
                        guard let event = try decoder.next() else { break }
                        out.append(.value("\(event)", frameOffset: decoder.frameOffset))
                    } catch {
                        out.append(.error(error.kind, offset: error.offset, frameOffset: decoder.frameOffset))
                    }
                }
            }
        )
        return out
    }

    func testResponsesAgreeAtEveryChunkSize() {
        let limits = DecodingLimits(maxLineLength: 40, maxLiteralSize: 30, maxFrameSize: 90, maxNestingDepth: 10)
        let input = Array(
            ("* OK ready\r\n"
                + "* 1 FETCH (UID 7 BODY[] {5}\r\nhello FLAGS (\\Seen))\r\n"
                + "* OK [ALERT] this line is far longer than the forty byte limit allows\r\n"
                + "* 2 FETCH (BODY[] {12}\r\nabcdefghijkl UID 9)\r\n"
                + "* 3 FETCH (BODY[] {25}\r\n0123456789012345678901234 X {25}\r\n0123456789012345678901234 X {9}\r\n012345678)\r\n"
                + "* SEARCH 1 2 3\r\n"
                + "A1 OK done\r\n").utf8
        )
        for streaming in [nil, Int64(10)] {
            let options = ResponseDecoder.Options(limits: limits, streamLiteralsAbove: streaming)
            let whole = responses(input, chunk: input.count, options: options)
            XCTAssertTrue(
                whole.contains { if case .error(.lineTooLong, _, _) = $0 { return true } else { return false } }
            )
            XCTAssertTrue(
                whole.contains { if case .error(.frameTooLarge, _, _) = $0 { return true } else { return false } }
                    || streaming != nil
            )
            XCTAssertGreaterThanOrEqual(
                whole.filter { if case .value = $0 { return true } else { return false } }.count,
                4
            )
            for chunk in [1, 2, 3, 7, 16, 17, 64] {
                XCTAssertEqual(
                    responses(input, chunk: chunk, options: options),
                    whole,
                    "chunk \(chunk), streaming \(String(describing: streaming))"
                )
            }
        }
    }

    func testCommandsAgreeAtEveryChunkSize() {
        let limits = DecodingLimits(maxLineLength: 40, maxLiteralSize: 30, maxFrameSize: 90, maxNestingDepth: 10)
        let input = Array(
            ("A1 NOOP\r\n"
                + "A2 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"
                + "A3 SELECT \"a mailbox name that makes this line too long\"\r\n"
                + "A4 APPEND INBOX {40+}\r\n0123456789012345678901234567890123456789\r\n"
                + "A5 UID FETCH 1:* (FLAGS)\r\n").utf8
        )
        let options = CommandDecoder.Options(limits: limits)
        let whole = commands(input, chunk: input.count, options: options)
        XCTAssertTrue(whole.contains { if case .error(.lineTooLong, _, _) = $0 { return true } else { return false } })
        XCTAssertTrue(
            whole.contains { if case .error(.literalTooLarge, _, _) = $0 { return true } else { return false } }
        )
        XCTAssertEqual(whole.filter { if case .value = $0 { return true } else { return false } }.count, 3)
        for chunk in [1, 2, 3, 7, 16, 17, 64] {
            XCTAssertEqual(commands(input, chunk: chunk, options: options), whole, "chunk \(chunk)")
        }
    }

    /// Pieces of 17 to 256 bytes inside a line take the vector search of
    /// ``FrameReader/hasNothingNew()``: lines of every length from 1 to 700 bytes, LFs at
    /// every position in a piece, a literal, and a line limit broken inside a piece.
    func testReadSizedPiecesAgree() {
        var g = SeededGenerator(seed: 0x1F_2560)
        var text = ""
        for n in 0..<300 {
            let length = n < 100 ? n : Int.random(in: 0..<700, using: &g)
            text += "* OK " + String(repeating: Character(UnicodeScalar(UInt8(97 + n % 26))), count: length) + "\r\n"
            if n % 50 == 0 { text += "* 1 FETCH (BODY[] {300}\r\n" + String(repeating: "x\r\n", count: 100) + ")\r\n" }
        }
        text += "* OK " + String(repeating: "z", count: 2000) + "\r\n* OK after\r\n"
        let input = Array(text.utf8)
        let limits = DecodingLimits(maxLineLength: 1000, maxLiteralSize: 1000, maxFrameSize: 4000, maxNestingDepth: 10)
        let options = ResponseDecoder.Options(limits: limits)
        let whole = responses(input, chunk: input.count, options: options)
        XCTAssertEqual(whole.filter { if case .value = $0 { return true } else { return false } }.count, 307)
        XCTAssertEqual(
            whole.filter { if case .error(.lineTooLong, _, _) = $0 { return true } else { return false } }.count,
            1
        )
        for chunk in [15, 16, 17, 23, 24, 31, 63, 64, 65, 100, 128, 255, 256, 257, 300] {
            XCTAssertEqual(responses(input, chunk: chunk, options: options), whole, "chunk \(chunk)")
        }
        let commandInput = Array(text.replacingOccurrences(of: "* OK ", with: "A1 LOGIN ").utf8)
        let commandWhole = commands(
            commandInput,
            chunk: commandInput.count,
            options: CommandDecoder.Options(limits: limits)
        )
        XCTAssertEqual(
            commandWhole.filter { if case .error(.lineTooLong, _, _) = $0 { return true } else { return false } }.count,
            1
        )
        for chunk in [17, 64, 200, 256] {
            XCTAssertEqual(
                commands(commandInput, chunk: chunk, options: CommandDecoder.Options(limits: limits)),
                commandWhole,
                "commands, chunk \(chunk)"
            )
        }
    }

    /// The frame limit and streamed literals on the read-sized fast path: a line that breaks
    /// the frame limit after a literal, and a frame whose literal is streamed (its bytes
    /// before the literal already dropped from the buffer), fed in pieces around 16, 32
    /// and 64 bytes.
    func testReadSizedPiecesAtTheFrameLimitAndWhileStreaming() {
        let limits = DecodingLimits(maxLineLength: 200, maxLiteralSize: 100, maxFrameSize: 160, maxNestingDepth: 10)
        let text =
            "* 1 FETCH (BODY[] {40}\r\n" + String(repeating: "b", count: 40)
            + " UID " + String(repeating: "7", count: 150) + ")\r\n"
            + "* 2 FETCH (UID 1 BODY[] {90}\r\n" + String(repeating: "s", count: 90) + " FLAGS (\\Seen "
            + String(repeating: "x", count: 40) + "))\r\n"
            + "* OK " + String(repeating: "k", count: 100) + "\r\n"
        let input = Array(text.utf8)
        for streaming in [nil, Int64(50)] {
            let options = ResponseDecoder.Options(limits: limits, streamLiteralsAbove: streaming)
            let whole = responses(input, chunk: input.count, options: options)
            XCTAssertTrue(
                whole.contains { if case .error(.frameTooLarge, _, _) = $0 { return true } else { return false } }
            )
            for chunk in [1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256] {
                XCTAssertEqual(
                    responses(input, chunk: chunk, options: options),
                    whole,
                    "chunk \(chunk), streaming \(String(describing: streaming))"
                )
            }
        }
    }

    /// The LF search (sixteen bytes, eight, then one at a time) finds the first LF at every
    /// position, from every start, in buffers of every length up to 70.
    func testFirstLineFeedAtEveryPosition() {
        for length in 0...70 {
            for lf in [nil] + (0..<length).map(Optional.some) {
                var bytes = [UInt8](repeating: 0x41, count: length)
                if let lf {
                    bytes[lf] = ASCII.lf
                    if lf + 3 < length { bytes[lf + 3] = ASCII.lf }
                }
                bytes.withUnsafeBufferPointer { buffer in
                    for from in 0...length {
                        let expected = lf.flatMap {
                            $0 >= from ? $0 : ($0 + 3 >= from && $0 + 3 < length ? $0 + 3 : nil)
                        }
                        XCTAssertEqual(
                            FrameScanner.firstLineFeed(buffer, from: from),
                            expected,
                            "length \(length), LF \(String(describing: lf)), from \(from)"
                        )
                    }
                }
            }
        }
    }

    /// Limits hold between line ends too: a line fed byte by byte fails at the byte that
    /// breaks the limit, not when (if ever) its LF arrives, so memory stays bounded.
    func testLimitsBreakAtTheByteThatBreaksThem() {
        let limits = DecodingLimits(maxLineLength: 40, maxLiteralSize: 30, maxFrameSize: 60, maxNestingDepth: 10)
        func failingByte(_ text: String) -> Int? {
            var decoder = ResponseDecoder(options: .init(limits: limits))
            for (n, byte) in text.utf8.enumerated() {
                decoder.append([byte])
                do { _ = try decoder.next() } catch { return n + 1 }
            }
            return nil
        }
        XCTAssertEqual(failingByte("* OK " + String(repeating: "a", count: 100)), 41)
        // The frame limit across lines: a literal's bytes count, and the next line breaks it.
        XCTAssertEqual(
            failingByte(
                "* 1 FETCH (BODY[] {20}\r\n" + String(repeating: "b", count: 20) + String(repeating: "c", count: 30)
            ),
            61
        )
        var commands = CommandDecoder(options: .init(limits: limits))
        var failedAt: Int?
        for (n, byte) in ("A1 LOGIN " + String(repeating: "u", count: 60)).utf8.enumerated() where failedAt == nil {
            commands.append([byte])
            do { _ = try commands.next() } catch { failedAt = n + 1 }
        }
        XCTAssertEqual(failedAt, 41)

        // In pieces: the error comes with the piece that holds the breaking byte (the
        // read-sized fast path applies the limits too), not when a later LF arrives.
        func failingPiece(_ text: String, piece: Int) -> Int? {
            var decoder = ResponseDecoder(options: .init(limits: limits))
            let bytes = Array(text.utf8)
            var start = 0
            var n = 0
            while start < bytes.count {
                decoder.append(bytes[start..<min(bytes.count, start + piece)])
                start += piece
                n += 1
                do { while try decoder.next() != nil {} } catch { return n }
            }
            return nil
        }
        let longLine = "* OK " + String(repeating: "a", count: 300)
        let longFrame =
            "* 1 FETCH (BODY[] {20}\r\n" + String(repeating: "b", count: 20) + String(repeating: "c", count: 300)
        for piece in [1, 7, 16, 17, 20, 33, 64, 100] {
            XCTAssertEqual(
                failingPiece(longLine, piece: piece),
                (41 + piece - 1) / piece,
                "line limit, pieces of \(piece)"
            )
            XCTAssertEqual(
                failingPiece(longFrame, piece: piece),
                (61 + piece - 1) / piece,
                "frame limit, pieces of \(piece)"
            )
        }
    }
}
