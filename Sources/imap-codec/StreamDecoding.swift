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
func decodeStream(_ input: [UInt8], direction: Direction, strict: Bool, chunk: Int? = nil, _ body: (Decoded) -> Void) {
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
        feed(input, chunk: chunk, append: { decoder.append($0) }) {
            while true {
                let offset = decoder.streamOffset
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else { return }
                    // A one-sided stream: the client sent its literals; nothing to answer.
                    if case .message(let message) = event {
                        body(.value(offset: offset, text: describe(message)))
                    }
                } catch {
                    body(.error(offset: error.frameOffset, error))
                }
            }
        }
        if decoder.isInsideFrame { body(truncated(at: decoder.streamOffset, buffered: decoder.bufferedBytes.count)) }
    }
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
