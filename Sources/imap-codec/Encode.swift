import Foundation
import IMAPCodec

// `encode`: the inverse of `decode --json`. Reads one JSON object a line,
// `{"offset": N, "value": V}` (offset optional), and writes each value's wire bytes.

/// One line of `decode --json` output: a value, or an error or note (which have no value
/// to write and are skipped).
struct EncodeLine<Value: Decodable>: Decodable {
    var value: Value?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ stringValue: String) { self.stringValue = stringValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where !["offset", "value", "error", "note"].contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [key],
                    debugDescription: "unknown member; a line has \"value\" (and optionally \"offset\")"
                )
            )
        }
        if container.contains(Key("offset")) { _ = try container.decode(Int.self, forKey: Key("offset")) }
        if container.contains(Key("value")) {
            value = try container.decode(Value.self, forKey: Key("value"))
        } else if !container.contains(Key("error")) && !container.contains(Key("note")) {
            throw DecodingError.keyNotFound(
                Key("value"),
                DecodingError.Context(codingPath: [], debugDescription: "a line needs a \"value\"")
            )
        }
    }
}

/// The path of a field in a line, as `value.tagged.text.code`; `[n]` for array elements.
func fieldPath(_ path: [any CodingKey]) -> String {
    var out = ""
    for key in path {
        if let index = key.intValue {
            out += "[\(index)]"
        } else {
            out += out.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return out.isEmpty ? "(line)" : out
}

/// Why a line's JSON does not make a value: the field and the reason.
func describeDecodingError(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .typeMismatch(let type, let context):
        return "\(fieldPath(context.codingPath)): expected \(type): \(context.debugDescription)"
    case .valueNotFound(let type, let context):
        return "\(fieldPath(context.codingPath)): missing \(type): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
        return "\(fieldPath(context.codingPath + [key])): missing field"
    case .dataCorrupted(let context):
        if context.codingPath.isEmpty {
            // Only the JSON parser fails with no path: every model error names its field.
            return "not valid JSON: \(context.debugDescription)"
                + (context.underlyingError.map { " (\($0))" } ?? "")
        }
        return "\(fieldPath(context.codingPath)): \(context.debugDescription)"
    @unknown default:
        return "\(error)"
    }
}

/// `encode`: writes the wire bytes of each line's value; exit 1 when a line was refused.
func encodeCommand(_ options: Options) throws -> Int32 {
    guard options.files.count <= 1 else { throw CLIError.usage("encode takes one FILE (or -)") }
    let file = options.files.first ?? "-"
    let input = try readInput(file)
    let direction = options.direction(for: file == "-" ? nil : file)
    let decoder = JSONDecoder()
    let responseEncoder = ResponseEncoder(utf8Accept: options.utf8Accept, binary: options.binary)
    let commandEncoder = CommandEncoder(
        options: EncodingOptions(utf8Accept: options.utf8Accept, binary: options.binary)
    )
    var output: [UInt8] = []
    var refused = 0
    var lineNumber = 0

    func flush() {
        FileHandle.standardOutput.write(Data(output))
        output.removeAll(keepingCapacity: true)
    }

    for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        lineNumber += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let data = Data(line)
        do {
            switch direction {
            case .responses:
                guard let response = try decoder.decode(EncodeLine<Response>.self, from: data).value else { continue }
                do throws(IMAPValueError) {
                    try responseEncoder.encode(response, into: &output)
                } catch {
                    refused += 1
                    writeError("imap-codec: line \(lineNumber): value: \(error)")
                }
            case .commands:
                guard let message = try decoder.decode(EncodeLine<ClientMessage>.self, from: data).value else {
                    continue
                }
                do throws(IMAPValueError) {
                    for chunk in try commandEncoder.encode(message) { output += chunk.bytes }
                } catch {
                    refused += 1
                    writeError("imap-codec: line \(lineNumber): value: \(error)")
                }
            }
        } catch {
            refused += 1
            writeError("imap-codec: line \(lineNumber): \(describeDecodingError(error))")
        }
        if output.count >= 1 << 16 { flush() }
    }
    flush()
    return refused == 0 ? 0 : 1
}

/// A decoding error as the JSON object `decode --json` writes.
func jsonError(_ error: IMAPDecodingError) -> String {
    var members = [
        "\"kind\":\(jsonString(error.kind.description))",
        "\"rule\":\(jsonString(error.rule))",
        "\"offset\":\(error.offset)",
        "\"frameOffset\":\(error.frameOffset)",
        "\"streamOffset\":\(error.streamOffset)",
        "\"message\":\(jsonString(error.message))",
        "\"excerpt\":\(jsonString(error.excerpt))",
    ]
    if let tag = error.tag { members.append("\"tag\":\(jsonString(tag.description))") }
    return "{" + members.joined(separator: ",") + "}"
}
