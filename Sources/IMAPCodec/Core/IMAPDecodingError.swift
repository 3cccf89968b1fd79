/// Why bytes could not be decoded: the grammar rule that failed, where, and a short excerpt.
///
/// Every decoding failure in IMAPCodec is one of these; no input makes the codec trap.
/// ``offset`` counts bytes from the start of the frame (the command or response) that
/// failed; ``frameOffset`` is where that frame starts in the stream the decoder was fed,
/// so `frameOffset + offset` is the absolute position of the problem.
public struct IMAPDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Hashable {
        /// The bytes do not match the grammar rule named in ``IMAPDecodingError/rule``.
        case syntax
        /// A number does not fit the range its rule allows (e.g. `number` above 2^32-1).
        case numberOutOfRange
        /// A line (literals excluded) grew past ``DecodingLimits/maxLineLength``.
        case lineTooLong
        /// A literal announced more bytes than ``DecodingLimits/maxLiteralSize``.
        case literalTooLarge
        /// A frame (lines and literals together) grew past ``DecodingLimits/maxFrameSize``.
        case frameTooLarge
        /// Parenthesized lists nest deeper than ``DecodingLimits/maxNestingDepth``.
        case nestingTooDeep
        /// The frame's values would take more memory than ``DecodingLimits/valueBytesPerFrameByte``
        /// and ``DecodingLimits/valueBytesPerFrame`` allow (a frame built to make its decoder allocate).
        case valuesTooLarge
        /// A literal count ran past the end of the bytes (only when parsing a detached frame).
        case truncated
    }

    /// The class of failure.
    public var kind: Kind
    /// The name of the ABNF rule (RFC 9051 section 9 or the extension's) that failed, e.g. `"nz-number"`.
    public var rule: String
    /// Byte offset of the problem within the frame.
    public var offset: Int
    /// Byte offset of the frame's first byte in the decoded stream (0 for a standalone parse).
    public var frameOffset: Int
    /// A short explanation.
    public var message: String
    /// Up to 40 bytes of the frame around ``offset``, with non-printable bytes escaped.
    public var excerpt: String
    /// The tag of the command or response that failed, when it could be read
    /// (a server answers `tag BAD ...` with it).
    public var tag: String?

    /// Creates an error value.
    public init(
        kind: Kind,
        rule: String,
        offset: Int,
        frameOffset: Int = 0,
        message: String,
        excerpt: String = "",
        tag: String? = nil
    ) {
        self.kind = kind
        self.rule = rule
        self.offset = offset
        self.frameOffset = frameOffset
        self.message = message
        self.excerpt = excerpt
        self.tag = tag
    }

    /// ``tag`` as a ``Tag``, for a server's `tag BAD ...` reply.
    public var commandTag: Tag? { tag.flatMap(Tag.init) }

    /// `rule at offset N: message (near "excerpt")`.
    public var description: String {
        var text = "\(rule) at offset \(offset): \(message)"
        if !excerpt.isEmpty { text += " (near \"\(excerpt)\")" }
        return text
    }

    /// Builds the excerpt for `offset` within `bytes`: 16 bytes before it and 24 after.
    static func excerpt(of bytes: [UInt8], at offset: Int) -> String {
        excerpt(of: bytes[...], at: offset)
    }

    /// ``excerpt(of:at:)`` for a slice (`offset` counts from its start), without copying it.
    static func excerpt(of bytes: ArraySlice<UInt8>, at offset: Int) -> String {
        let clamped = min(max(offset, 0), bytes.count)
        let start = bytes.startIndex + max(0, clamped - 16)
        let end = bytes.startIndex + min(bytes.count, clamped + 24)
        return ASCII.escaped(bytes[start..<end])
    }
}
