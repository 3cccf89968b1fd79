// What a value prints as. `description` (string interpolation, `print`) is the IMAP wire
// form, what a developer wants in a log: `A1 OK [READ-WRITE] done`. `debugDescription`
// (`debugPrint`, `String(reflecting:)`, the debugger) is the structure:
// `Response.tagged(TaggedResponse(tag: A1, status: .ok, ...))`.

/// The longest wire form a description shows; longer ones (a message body) are cut there
/// and say how many bytes there were.
let wireDescriptionLimit = 1000

/// `bytes` as one log line: the final CRLF dropped, other control bytes and 8-bit bytes that
/// are not UTF-8 escaped (`\r\n` inside a literal header stays visible), cut after
/// ``wireDescriptionLimit`` bytes.
func wireDescription(_ bytes: [UInt8]) -> String {
    var body = bytes[...]
    if body.last == ASCII.lf { body = body.dropLast() }
    if body.last == ASCII.cr { body = body.dropLast() }
    guard body.count > wireDescriptionLimit else { return printable(body) }
    return printable(body.prefix(wireDescriptionLimit)) + "… (\(body.count) bytes)"
}

/// `bytes` with CR, LF, tab, other control bytes and bytes that are not UTF-8 escaped
/// (`\r`, `\n`, `\t`, `\xNN`); everything else as it is.
private func printable(_ bytes: ArraySlice<UInt8>) -> String {
    if let text = String(validating: bytes, as: UTF8.self), !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
        return text
    }
    var out = ""
    var rest = bytes
    while !rest.isEmpty {
        // The longest valid UTF-8 run without control bytes, as text; then one byte escaped.
        var end = rest.startIndex
        var decoder = UTF8()
        var iterator = rest.makeIterator()
        var scalars = ""
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar) where scalar.value >= 0x20 && scalar.value != 0x7F:
                scalars.unicodeScalars.append(scalar)
                end += scalar.utf8.count
            default:
                break loop
            }
        }
        out += scalars
        rest = rest[end...]
        guard let byte = rest.first else { break }
        switch byte {
        case ASCII.cr: out += "\\r"
        case ASCII.lf: out += "\\n"
        case 0x09: out += "\\t"
        default:
            let hex = Array("0123456789abcdef".utf8)
            out += "\\x" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
        }
        rest = rest.dropFirst()
    }
    return out
}

/// The structure of `value`, as Swift prints a value that has no description of its own:
/// `Type.case(Type(label: value, ...))`, children through their own debug descriptions,
/// without the module's name.
func structuralDescription(_ value: Any) -> String {
    structure(value).replacing("IMAPCodec.", with: "")
}

private func structure(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    let type = String(describing: mirror.subjectType)
    switch mirror.displayStyle {
    case .enum:
        guard let child = mirror.children.first, let label = child.label else { return "\(type).\(value)" }
        let payload = Mirror(reflecting: child.value)
        if payload.displayStyle == .tuple {
            let parts = payload.children.map { part in
                (part.label.map { $0.hasPrefix(".") ? "" : "\($0): " } ?? "") + String(reflecting: part.value)
            }
            return "\(type).\(label)(\(parts.joined(separator: ", ")))"
        }
        return "\(type).\(label)(\(String(reflecting: child.value)))"
    case .struct, .class:
        let parts = mirror.children.map { child in
            (child.label.map { "\($0.hasPrefix("_") ? String($0.dropFirst()) : $0): " } ?? "")
                + String(reflecting: child.value)
        }
        return "\(type)(\(parts.joined(separator: ", ")))"
    default:
        return String(reflecting: value)
    }
}

extension ResponseText: CustomDebugStringConvertible {
    /// `ResponseText(code: ..., text: "...")`.
    public var debugDescription: String {
        "ResponseText(code: \(code.map { String(reflecting: $0) } ?? "nil"), text: \(String(reflecting: text)))"
    }
}

extension Response: CustomStringConvertible, CustomDebugStringConvertible {
    /// The response as written on the wire (without the final CRLF; control bytes escaped; cut
    /// after 1,000 bytes), or its structure when the encoder refuses it.
    public var description: String {
        guard let bytes = try? ResponseEncoder(binary: true).encode(self) else { return debugDescription }
        return wireDescription(bytes)
    }

    /// The response's structure: `Response.tagged(TaggedResponse(tag: A1, ...))`.
    public var debugDescription: String { structuralDescription(self) }
}

extension ClientMessage: CustomStringConvertible, CustomDebugStringConvertible {
    /// The message as written on the wire, literals non-synchronizing (without the final CRLF;
    /// control bytes escaped; cut after 1,000 bytes), or its structure when the encoder refuses it.
    public var description: String {
        let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing, binary: true))
        guard let chunks = try? encoder.encode(self) else { return debugDescription }
        return wireDescription(chunks.flatMap(\.bytes))
    }

    /// The message's structure.
    public var debugDescription: String { structuralDescription(self) }
}

extension Command: CustomStringConvertible, CustomDebugStringConvertible {
    /// The command as written on the wire (see ``ClientMessage/description``).
    public var description: String { ClientMessage.command(self).description }

    /// The command's structure: `Command(tag: A1, kind: CommandKind.noop)`.
    public var debugDescription: String { structuralDescription(self) }
}
