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
    case value(offset: Int, text: String)
    case error(offset: Int, IMAPDecodingError)
}

/// Decodes a whole stream, fed `chunk` bytes at a time, calling `body` for each frame.
/// For commands, `peer` (the server's side of the same session, when known) tells which
/// synchronizing literals the server refused: a one-sided stream cannot show it.
func decodeStream(
    _ input: [UInt8], direction: Direction, strict: Bool, chunk: Int? = nil, peer: [UInt8]? = nil,
    _ body: (Decoded) -> Void
) {
    switch direction {
    case .responses:
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: !strict))
        feed(input, chunk: chunk, append: { decoder.append($0) }) {
            while true {
                let offset = decoder.streamOffset
                do throws(IMAPDecodingError) {
                    guard let response = try decoder.next() else { return }
                    body(.value(offset: offset, text: describe(response)))
                } catch {
                    body(.error(offset: error.frameOffset, error))
                }
            }
        }
        if decoder.isInsideFrame { body(truncated(at: decoder.streamOffset, buffered: decoder.bufferedBytes.count)) }
    case .commands:
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: !strict))
        var server = PeerTranscript(peer)
        feed(input, chunk: chunk, append: { decoder.append($0) }) {
            while true {
                let offset = decoder.streamOffset
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else { return }
                    switch event {
                    case .continuationRequired:
                        let tag = leadingTag(decoder.bufferedBytes)
                        if !server.acceptsLiteral(tag: tag) {
                            decoder.refuseLiteral()
                            body(.value(offset: offset, text: "literal refused by the server; command \(tag) dropped"))
                        }
                    case .message(let message):
                        body(.value(offset: offset, text: describe(message)))
                        if case .command(let command) = message {
                            switch command.kind {
                            case .authenticate, .idle: server.skipExchange(tag: command.tag.description)
                            default: break
                            }
                        }
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

/// Feeds `input` in chunks of `chunk` bytes (all at once by default), draining after each.
func feed(_ input: [UInt8], chunk: Int?, append: (ArraySlice<UInt8>) -> Void, drain: () -> Void) {
    let step = chunk ?? max(1, input.count)
    var start = 0
    repeat {
        let end = min(input.count, start + step)
        append(input[start..<end])
        start = end
        drain()
    } while start < input.count
}

func truncated(at offset: Int, buffered: Int) -> Decoded {
    .error(offset: offset, IMAPDecodingError(
        kind: .truncated, rule: "CRLF", offset: buffered, frameOffset: offset,
        message: "stream ends inside a frame"))
}

/// A value as one readable line: Swift's description without the module prefix.
func describe<T>(_ value: T) -> String {
    String(describing: value).replacingOccurrences(of: "IMAPCodec.", with: "")
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
