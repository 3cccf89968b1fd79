import Foundation
import IMAPCodec

/// Which side of a session a stream comes from.
enum Direction {
    /// Server to client.
    case responses
    /// Client to server.
    case commands
}

/// One decoded frame, or why it did not decode.
enum Decoded {
    /// A value: its description, or its JSON (Docs/JSON.md) when decoding for `--json`.
    case value(offset: Int, text: String)
    /// What happened that is not a whole value: a refused literal, a streamed literal.
    case note(offset: Int, text: String)
    case error(offset: Int, IMAPDecodingError)
}

/// Where the bytes come from: memory, or a file read 64 KiB at a time (so that decoding
/// a huge capture with `--stream` keeps memory constant).
enum Input {
    case bytes([UInt8])
    case file(FileHandle)

    /// Calls `body` with consecutive chunks of at most `size` bytes.
    func forEachChunk(size: Int?, _ body: (ArraySlice<UInt8>) -> Void) {
        switch self {
        case .bytes(let input):
            let step = size ?? max(1, input.count)
            var start = 0
            repeat {
                let end = min(input.count, start + step)
                body(input[start..<end])
                start = end
            } while start < input.count
        case .file(let handle):
            let step = size ?? 65536
            while let data = try? handle.read(upToCount: step), !data.isEmpty {
                body(ArraySlice(data))
            }
        }
    }
}

/// Decodes a whole stream, fed `chunk` bytes at a time, calling `body` for each frame.
/// For commands, `peer` (the server's side of the same session, when known) tells which
/// synchronizing literals the server refused: a one-sided stream cannot show it.
/// `stream`: stream literals of at least this many bytes instead of buffering them.
func decodeStream(
    _ input: Input,
    direction: Direction,
    strict: Bool,
    chunk: Int? = nil,
    peer: [UInt8]? = nil,
    stream: Int64? = nil,
    describing: Bool = true,
    json: Bool = false,
    _ body: (Decoded) -> Void
) {
    // `check` needs only the errors: describing every value would cost more than decoding.
    func describe<T>(_ value: T) -> String { describing ? describeValue(value) : "" }
    func render<T: Encodable>(_ value: T) -> String {
        guard describing else { return "" }
        return json ? jsonValue(value) : describeValue(value)
    }
    switch direction {
    case .responses:
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: !strict, streamLiteralsAbove: stream))
        var streamed: Int64 = 0
        input.forEachChunk(size: chunk) { bytes in
            decoder.append(bytes)
            while true {
                do throws(IMAPDecodingError) {
                    if stream == nil {
                        guard let response = try decoder.next() else { return }
                        body(.value(offset: decoder.frameOffset, text: render(response)))
                        continue
                    }
                    guard let event = try decoder.nextEvent() else { return }
                    let offset = decoder.frameOffset
                    switch event {
                    case .response(let response):
                        body(.value(offset: offset, text: render(response)))
                    case .streamStart(let sequence, let attributes, let item, let count):
                        body(
                            .note(
                                offset: offset,
                                text:
                                    "stream start: FETCH \(sequence) \(describe(attributes)) then \(describe(item)) with \(count) bytes"
                            )
                        )
                        streamed = 0
                    case .streamBytes(let chunk):
                        streamed += Int64(chunk.count)
                    case .streamEnd(let attributes):
                        body(
                            .note(
                                offset: offset,
                                text: "stream end: \(streamed) bytes streamed, then \(describe(attributes))"
                            )
                        )
                    }
                } catch {
                    body(.error(offset: error.frameOffset, error))
                }
            }
        }
        if decoder.isInsideFrame { body(truncated(at: decoder.streamOffset, buffered: decoder.bufferedBytes.count)) }
    case .commands:
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: !strict, streamLiteralsAbove: stream))
        var server = PeerTranscript(peer)
        var streamed: Int64 = 0
        input.forEachChunk(size: chunk) { bytes in
            decoder.append(bytes)
            while true {
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else { return }
                    let offset = decoder.frameOffset
                    switch event {
                    case .continuationRequired:
                        let tag = leadingTag(decoder.bufferedBytes)
                        if !server.acceptsLiteral(tag: tag) {
                            decoder.refuseLiteral()
                            body(.note(offset: offset, text: "literal refused by the server; command \(tag) dropped"))
                        }
                    case .message(let message):
                        body(.value(offset: offset, text: render(message)))
                        if case .command(let command) = message {
                            switch command.kind {
                            case .authenticate, .idle: server.skipExchange(tag: command.tag.description)
                            default: break
                            }
                        }
                    case .appendStart(let tag, let mailbox, let messages, let message, let count, let synchronizing):
                        if synchronizing && !server.acceptsLiteral(tag: tag.description) {
                            decoder.refuseLiteral()
                            body(.note(offset: offset, text: "literal refused by the server; command \(tag) dropped"))
                            continue
                        }
                        streamed = 0
                        body(
                            .note(
                                offset: offset,
                                text:
                                    "append start: \(tag) APPEND \(mailbox) \(describe(messages)) then \(describe(message)) with \(count) bytes"
                            )
                        )
                    case .appendBytes(let chunk):
                        streamed += Int64(chunk.count)
                    case .appendEnd(let messages):
                        body(
                            .note(
                                offset: offset,
                                text: "append end: \(streamed) bytes streamed, then \(describe(messages))"
                            )
                        )
                    }
                } catch {
                    body(.error(offset: error.frameOffset, error))
                }
            }
        }
        if decoder.isInsideFrame { body(truncated(at: decoder.streamOffset, buffered: decoder.bufferedBytes.count)) }
    }
}

/// The server's side of a session, read alongside the client's to follow the continuation
/// handshake: each synchronizing literal is matched with the server's next continuation
/// request, or with the command's tagged response when the server refused it.
struct PeerTranscript {
    enum Step {
        case continuation
        case tagged(String)
    }

    var steps: [Step] = []
    var position = 0
    let known: Bool

    init(_ bytes: [UInt8]?) {
        known = bytes != nil
        guard let bytes else { return }
        var decoder = ResponseDecoder()
        decoder.append(bytes)
        while true {
            do throws(IMAPDecodingError) {
                guard let response = try decoder.next() else { break }
                switch response {
                case .continuation: steps.append(.continuation)
                case .tagged(let tagged): steps.append(.tagged(tagged.tag.description))
                case .untagged: continue
                }
            } catch {
                continue
            }
        }
    }

    /// True when the server sent a continuation request for this literal (or nothing is
    /// known of the server: assume the literal was sent).
    mutating func acceptsLiteral(tag: String) -> Bool {
        guard known else { return true }
        while position < steps.count {
            defer { position += 1 }
            switch steps[position] {
            case .continuation: return true
            case .tagged(let t) where t == tag: return false
            case .tagged: continue
            }
        }
        return true
    }

    /// Skips the server's side of an AUTHENTICATE or IDLE exchange, up to its tagged response.
    mutating func skipExchange(tag: String) {
        guard known else { return }
        while position < steps.count {
            defer { position += 1 }
            if case .tagged(let t) = steps[position], t == tag { return }
        }
    }
}

/// The first token of the unread bytes (the tag of the command being read).
func leadingTag(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.prefix { $0 != 0x20 && $0 != 0x0D && $0 != 0x0A }.prefix(64), as: UTF8.self)
}

func truncated(at offset: Int, buffered: Int) -> Decoded {
    .error(
        offset: offset,
        IMAPDecodingError(
            kind: .truncated,
            rule: "CRLF",
            offset: buffered,
            frameOffset: offset,
            message: "stream ends inside a frame"
        )
    )
}

/// A value as one line of JSON (Docs/JSON.md).
func jsonValue<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
        return "{\"unencodable\":\(jsonString(String(describing: error)))}"
    }
}

/// A value as one readable line: its structure (`debugDescription`; `description` is the
/// wire form, which is the input itself), without the module prefix.
func describeValue<T>(_ value: T) -> String {
    String(reflecting: value).replacingOccurrences(of: "IMAPCodec.", with: "")
}

/// Bytes as printable text: CR, LF, TAB, quote and backslash escaped, others as \xNN.
func escape(_ bytes: [UInt8]) -> String {
    var out = ""
    for byte in bytes {
        switch byte {
        case 0x0D: out += "\\r"
        case 0x0A: out += "\\n"
        case 0x09: out += "\\t"
        case 0x5C: out += "\\\\"
        case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
        default: out += "\\x" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
        }
    }
    return out
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
