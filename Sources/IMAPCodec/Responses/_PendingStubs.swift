// TEMPORARY: stand-ins for types that the mailbox-data branch defines; deleted at merge.
public struct Capability: Sendable, Hashable {
    public let rawValue: String
}

extension ParserState {
    mutating func capabilityData() throws(IMAPDecodingError) -> [Capability] {
        var result: [Capability] = []
        while skip(ASCII.space) {
            if atLineEnd || peek() == ASCII.closeBracket { break }
            result.append(Capability(rawValue: try atom("capability").stringValue))
        }
        return result
    }
}

extension IMAPWriter {
    mutating func writeCapabilityData(_ capabilities: [Capability]) {
        for c in capabilities {
            writeSpace()
            writeBytes(c.rawValue.utf8)
        }
    }
}
