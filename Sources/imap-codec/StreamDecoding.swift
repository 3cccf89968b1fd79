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
/// Until the typed decoders cover a direction, frames are shown as their escaped bytes.
func decodeStream(_ input: [UInt8], direction: Direction, strict: Bool, chunk: Int? = nil, _ body: (Decoded) -> Void) {
    var decoder = FrameDecoder(limits: direction == .responses ? .responses : .commands, clientToServer: direction == .commands)
    let step = chunk ?? max(1, input.count)
    var start = 0
    repeat {
        let end = min(input.count, start + step)
        decoder.append(input[start..<end])
        start = end
        while let event = decoder.next() {
            switch event {
            case .frame(let frame):
                body(.value(offset: frame.streamOffset, text: escape(frame.bytes)))
            case .literal:
                continue
            case .error(let error):
                body(.error(offset: error.frameOffset, error))
            }
        }
    } while start < input.count
    if decoder.isInsideFrame {
        let offset = decoder.streamOffset
        body(.error(offset: offset, IMAPDecodingError(
            kind: .truncated, rule: "CRLF", offset: decoder.bufferedBytes.count, frameOffset: offset,
            message: "stream ends inside a frame")))
    }
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
