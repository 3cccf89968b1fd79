// The code paths the libFuzzer targets drive, shared by the targets (Tests/Fuzz/Targets/*.swift,
// built by Tests/Fuzz/run.sh) and by FuzzRegressionTests, which replays Fixtures/fuzz/*.bin
// through them (Tests/IMAPCodecTests/Fuzz/FuzzHarness.swift is a symbolic link to this file).
//
// Public API only. A function returns the problems it saw (a value that does not survive a
// round trip, a decoder that stops consuming bytes); the fuzz targets trap on the first one,
// the tests assert that there is none. A trap inside the library traps either way.
//
// Input layout, for every target:
//   byte 0: flags
//     bit 0: strict (lenient = false)        bit 1: UTF8=ACCEPT
//     bit 2: small limits (decoding targets)  bit 3: LITERAL- (command targets)
//     bits 4-7: streaming threshold (0...15 bytes) for the streaming decoders
//   byte 1: chunking: 0 feeds the rest at once; n > 0 feeds it in pieces of 1...n bytes
//           whose sizes come from a generator seeded with n
//   the rest: the byte stream (responses for s2c targets, commands for c2s targets)

import IMAPCodec

enum FuzzHarness {
    /// The decoded first two bytes and the stream.
    struct Input {
        var strict: Bool
        var utf8Accept: Bool
        var smallLimits: Bool
        var literalMinus: Bool
        var streamThreshold: Int64
        var chunking: UInt8
        var stream: ArraySlice<UInt8>

        init(_ data: [UInt8]) {
            let flags = data.first ?? 0
            strict = flags & 1 != 0
            utf8Accept = flags & 2 != 0
            smallLimits = flags & 4 != 0
            literalMinus = flags & 8 != 0
            streamThreshold = Int64(flags >> 4)
            chunking = data.count > 1 ? data[1] : 0
            stream = data.dropFirst(2)
        }

        /// The stream cut the way byte 1 says.
        var pieces: [ArraySlice<UInt8>] {
            guard chunking > 0 else { return [stream] }
            var result: [ArraySlice<UInt8>] = []
            var state = UInt32(chunking) &* 0x9E37_79B9 | 1
            var start = stream.startIndex
            while start < stream.endIndex {
                // xorshift32
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                let size = 1 + Int(state % UInt32(chunking))
                let end = min(stream.endIndex, start + size)
                result.append(stream[start..<end])
                start = end
            }
            return result
        }
    }

    /// Small limits so that the limit checks run on short inputs.
    static let smallLimits = DecodingLimits(
        maxLineLength: 512,
        maxLiteralSize: 256,
        maxFrameSize: 2048,
        maxNestingDepth: 8
    )

    /// Limits for decoding re-encoded bytes: an encoding may be longer than its input (a
    /// quoted string with escapes, a literal), so only the nesting keeps a bound.
    static func generous(_ limits: DecodingLimits) -> DecodingLimits {
        DecodingLimits(
            maxLineLength: 1 << 30,
            maxLiteralSize: 1 << 30,
            maxFrameSize: 1 << 31,
            maxNestingDepth: limits.maxNestingDepth * 4 + 8
        )
    }

    /// How many events (values or errors) one decoder may produce for `byteCount` bytes
    /// before it counts as stuck: every event consumes at least one byte. (A call that
    /// returns nil, asking for more bytes, is not an event.)
    static func eventBudget(_ byteCount: Int) -> Int { 2 * byteCount + 64 }

    // MARK: - responses

    /// ResponseDecoder over the stream: `next()` without streaming, `nextEvent()` and `next()`
    /// with `streamLiteralsAbove`; errors are caught. When neither `next()` run saw an error,
    /// both must give the same responses (streaming gathers what it streamed).
    static func responses(_ data: [UInt8]) -> [String] {
        let input = Input(data)
        var problems: [String] = []
        let limits = input.smallLimits ? smallLimits : .responses
        let options = ResponseDecoder.Options(limits: limits, lenient: !input.strict, utf8Accept: input.utf8Accept)
        var streamingOptions = options
        streamingOptions.streamLiteralsAbove = input.streamThreshold

        // 1. Whole responses, no streaming.
        var plain = ResponseDecoder(options: options)
        var plainResponses: [Response] = []
        var plainErrors = 0
        // 2. Events with streaming.
        var events = ResponseDecoder(options: streamingOptions)
        // 3. Whole responses with streaming (gathered).
        var gathered = ResponseDecoder(options: streamingOptions)
        var gatheredResponses: [Response] = []
        var gatheredErrors = 0
        // Budgets per decoder: plain, events, gathered.
        var budgets = Array(repeating: eventBudget(input.stream.count), count: 3)
        var streamedBytes: Int64 = 0
        var announced: Int64? = nil

        for piece in input.pieces {
            plain.append(piece)
            events.append(piece)
            gathered.append(piece)
            while budgets[0] > 0 {
                budgets[0] -= 1
                do throws(IMAPDecodingError) {
                    guard let response = try plain.next() else {
                        budgets[0] += 1
                        break
                    }
                    plainResponses.append(response)
                } catch {
                    plainErrors += 1
                }
            }
            while budgets[1] > 0 {
                budgets[1] -= 1
                do throws(IMAPDecodingError) {
                    guard let event = try events.nextEvent() else {
                        budgets[1] += 1
                        break
                    }
                    switch event {
                    case .response:
                        break
                    case .streamStart(_, _, _, let byteCount):
                        if let expected = announced, streamedBytes > expected {
                            problems.append("responses: streamed \(streamedBytes) bytes for a literal of \(expected)")
                        }
                        announced = byteCount
                        streamedBytes = 0
                    case .streamBytes(let bytes):
                        streamedBytes += Int64(bytes.count)
                        if let expected = announced, streamedBytes > expected {
                            problems.append("responses: streamed \(streamedBytes) bytes for a literal of \(expected)")
                            announced = nil
                        }
                    case .streamEnd:
                        announced = nil
                    }
                } catch {
                    announced = nil
                }
            }
            while budgets[2] > 0 {
                budgets[2] -= 1
                do throws(IMAPDecodingError) {
                    guard let response = try gathered.next() else {
                        budgets[2] += 1
                        break
                    }
                    gatheredResponses.append(response)
                } catch {
                    gatheredErrors += 1
                }
            }
        }
        for (index, budget) in budgets.enumerated() where budget <= 0 {
            problems.append(
                "responses: decoder \(["next()", "nextEvent() streaming", "next() streaming"][index]): more than \(eventBudget(input.stream.count)) events for \(input.stream.count) bytes (a decoder does not consume its input)"
            )
        }
        if plainErrors == 0 && gatheredErrors == 0 && plainResponses != gatheredResponses {
            problems.append(
                "responses: next() with streamLiteralsAbove \(input.streamThreshold) gave \(gatheredResponses) instead of \(plainResponses)"
            )
        }
        return problems
    }

    // MARK: - commands

    /// CommandDecoder over the stream, without and with streaming; synchronizing literals are
    /// accepted and refused in turn.
    static func commands(_ data: [UInt8]) -> [String] {
        let input = Input(data)
        var problems: [String] = []
        let limits = input.smallLimits ? smallLimits : .commands
        let options = CommandDecoder.Options(
            limits: limits,
            lenient: !input.strict,
            utf8Accept: input.utf8Accept,
            literalMinus: input.literalMinus
        )
        var streamingOptions = options
        streamingOptions.streamLiteralsAbove = input.streamThreshold

        var decoders = [CommandDecoder(options: options), CommandDecoder(options: streamingOptions)]
        var refuseNext = [false, true]
        var budgets = Array(repeating: eventBudget(input.stream.count), count: decoders.count)
        for piece in input.pieces {
            for index in decoders.indices {
                decoders[index].append(piece)
                while budgets[index] > 0 {
                    budgets[index] -= 1
                    do throws(IMAPDecodingError) {
                        guard let event = try decoders[index].next() else {
                            budgets[index] += 1
                            break
                        }
                        switch event {
                        case .continuationRequired, .appendStart(_, _, _, _, _, true):
                            if refuseNext[index] { decoders[index].refuseLiteral() }
                            refuseNext[index].toggle()
                        case .message, .appendStart, .appendBytes, .appendEnd:
                            break
                        }
                    } catch {
                        continue
                    }
                }
            }
        }
        for (index, budget) in budgets.enumerated() where budget <= 0 {
            problems.append(
                "commands: decoder \(index == 0 ? "plain" : "streaming"): more than \(eventBudget(input.stream.count)) events for \(input.stream.count) bytes (a decoder does not consume its input)"
            )
        }
        return problems
    }

    // MARK: - round trips

    /// Every Response decoded from the stream is encoded with ResponseEncoder and decoded
    /// again (same leniency): exactly one response, equal to the first, no bytes left.
    static func roundtripResponses(_ data: [UInt8]) -> [String] {
        let input = Input(data)
        var problems: [String] = []
        let limits = input.smallLimits ? smallLimits : .responses
        let options = ResponseDecoder.Options(limits: limits, lenient: !input.strict, utf8Accept: input.utf8Accept)
        var againOptions = options
        againOptions.limits = generous(limits)
        let encoder = ResponseEncoder(utf8Accept: input.utf8Accept)
        var decoder = ResponseDecoder(options: options)
        var budget = eventBudget(input.stream.count)
        for piece in input.pieces {
            decoder.append(piece)
            while budget > 0 {
                budget -= 1
                let response: Response
                do throws(IMAPDecodingError) {
                    guard let decoded = try decoder.next() else {
                        budget += 1
                        break
                    }
                    response = decoded
                } catch {
                    continue
                }
                // A decoded value the encoder refuses (lenient decoding keeps what the grammar
                // forbids) is not written; the value generator proves the refusals are needed.
                guard let bytes = try? encoder.encode(response) else { continue }
                var again = ResponseDecoder(options: againOptions)
                again.append(bytes)
                var decoded: [Response] = []
                var failure: IMAPDecodingError? = nil
                while decoded.count + (failure == nil ? 0 : 1) < 4 {
                    do throws(IMAPDecodingError) {
                        guard let value = try again.next() else { break }
                        decoded.append(value)
                    } catch {
                        failure = error
                    }
                }
                if let failure {
                    problems.append(
                        "roundtrip-responses: \(response) encodes as \(escape(bytes)), which does not decode: \(failure)"
                    )
                } else if decoded != [response] || again.isInsideFrame || !again.bufferedBytes.isEmpty {
                    problems.append(
                        "roundtrip-responses: \(response) encodes as \(escape(bytes)), which decodes as \(decoded)"
                            + (again.bufferedBytes.isEmpty ? "" : " leaving \(escape(Array(again.bufferedBytes)))")
                    )
                }
            }
        }
        if budget <= 0 {
            problems.append(
                "roundtrip-responses: more than \(eventBudget(input.stream.count)) events for \(input.stream.count) bytes"
            )
        }
        return problems
    }

    /// Every ClientMessage decoded from the stream is encoded with CommandEncoder (LITERAL+)
    /// and decoded again by a decoder in the first one's mode: exactly one message, equal to
    /// the first, no bytes left. Synchronizing literals are accepted and refused in turn.
    static func roundtripCommands(_ data: [UInt8]) -> [String] {
        let input = Input(data)
        var problems: [String] = []
        let limits = input.smallLimits ? smallLimits : .commands
        let options = CommandDecoder.Options(
            limits: limits,
            lenient: !input.strict,
            utf8Accept: input.utf8Accept,
            literalMinus: input.literalMinus
        )
        var againOptions = options
        againOptions.limits = generous(limits)
        againOptions.literalMinus = false  // the encoder writes every literal as {n+}
        let encoder = CommandEncoder(
            options: EncodingOptions(literalMode: .nonSynchronizing, utf8Accept: input.utf8Accept)
        )
        var decoder = CommandDecoder(options: options)
        var refuseNext = false
        var budget = eventBudget(input.stream.count)
        for piece in input.pieces {
            decoder.append(piece)
            while budget > 0 {
                budget -= 1
                let mode = decoder.mode
                let message: ClientMessage
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else {
                        budget += 1
                        break
                    }
                    switch event {
                    case .message(let decoded):
                        message = decoded
                    case .continuationRequired:
                        if refuseNext { decoder.refuseLiteral() }
                        refuseNext.toggle()
                        continue
                    case .appendStart, .appendBytes, .appendEnd:
                        problems.append("roundtrip-commands: a streaming event without streaming: \(event)")
                        continue
                    }
                } catch {
                    continue
                }
                guard let chunks = try? encoder.encode(message) else { continue }
                let bytes = chunks.flatMap(\.bytes)
                var again = CommandDecoder(options: againOptions)
                again.mode = mode
                again.append(bytes)
                var decoded: [ClientMessage] = []
                var other: [CommandDecoder.Event] = []
                var failure: IMAPDecodingError? = nil
                while decoded.count + other.count + (failure == nil ? 0 : 1) < 4 {
                    do throws(IMAPDecodingError) {
                        guard let event = try again.next() else { break }
                        if case .message(let value) = event { decoded.append(value) } else { other.append(event) }
                    } catch {
                        failure = error
                    }
                }
                if let failure {
                    problems.append(
                        "roundtrip-commands: \(message) (mode \(mode)) encodes as \(escape(bytes)), which does not decode: \(failure)"
                    )
                } else if decoded != [message] || !other.isEmpty || again.isInsideFrame || !again.bufferedBytes.isEmpty
                {
                    problems.append(
                        "roundtrip-commands: \(message) (mode \(mode)) encodes as \(escape(bytes)), which decodes as \(decoded)"
                            + (other.isEmpty ? "" : " with events \(other)")
                            + (again.bufferedBytes.isEmpty ? "" : " leaving \(escape(Array(again.bufferedBytes)))")
                    )
                }
                if chunks.contains(where: \.waitForContinuation) {
                    problems.append("roundtrip-commands: LITERAL+ encoding of \(message) waits for a continuation")
                }
            }
        }
        if budget <= 0 {
            problems.append(
                "roundtrip-commands: more than \(eventBudget(input.stream.count)) events for \(input.stream.count) bytes"
            )
        }
        return problems
    }

    // MARK: - support

    /// The harness for a target name (the names run.sh takes).
    static func target(_ name: String) -> (([UInt8]) -> [String])? {
        switch name {
        case "responses": return responses
        case "commands": return commands
        case "roundtrip-responses": return roundtripResponses
        case "roundtrip-commands": return roundtripCommands
        case "values": return values
        default: return nil
        }
    }

    /// Bytes as a Swift-like string literal: printable ASCII as is, the rest escaped.
    static func escape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var text = "\""
        for byte in bytes.prefix(4096) {
            switch byte {
            case 0x0D: text += "\\r"
            case 0x0A: text += "\\n"
            case 0x09: text += "\\t"
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                text += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
            }
        }
        return text + (bytes.count > 4096 ? "\"...(\(bytes.count) bytes)" : "\"")
    }
}
