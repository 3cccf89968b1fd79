extension MessageAttribute {
    /// True for the items whose value is message data that a decoder may stream: BODY[...],
    /// BINARY[...], RFC822, RFC822.HEADER and RFC822.TEXT.
    public var isStreamable: Bool {
        switch self {
        case .bodySection, .binary, .rfc822, .rfc822Header, .rfc822Text: return true
        default: return false
        }
    }

    /// The same item with `data` as its value (for the streamable items; others unchanged).
    public func replacingData(_ data: ByteString) -> MessageAttribute {
        switch self {
        case .bodySection(let section, let origin, _): return .bodySection(section, origin: origin, data: data)
        case .binary(let part, let origin, _): return .binary(part: part, origin: origin, data: data)
        case .rfc822: return .rfc822(data)
        case .rfc822Header: return .rfc822Header(data)
        case .rfc822Text: return .rfc822Text(data)
        default: return self
        }
    }
}
