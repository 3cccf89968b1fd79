/// Why bytes could not be decoded: the grammar rule that failed, where, and a short excerpt.
///
/// Every decoding failure in IMAPCodec is one of these; no input makes the codec trap.
/// Three positions say where: ``offset`` counts bytes from the start of the frame (the
/// command or response) that failed to the byte that failed; ``frameOffset`` is where that
/// frame starts in the stream the decoder was fed; ``streamOffset`` is their sum, the
/// failing byte's position in that stream.
public struct IMAPDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure: a code with static members (`.syntax`, `.lineTooLong`, ...), so
    /// that new kinds can be added without breaking a caller's `switch` (which needs a
    /// `default`), as swift-asn1's error codes. Compare with `==` or match with `case .syntax`.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        /// The kinds there are; internal, so that adding one is not a breaking change.
        enum Code: Sendable, Hashable {
            case syntax, numberOutOfRange, lineTooLong, literalTooLarge, frameTooLarge, nestingTooDeep
            case valuesTooLarge, truncated
        }

        let code: Code

        init(_ code: Code) {
            self.code = code
        }

        /// The bytes do not match the grammar rule named in ``IMAPDecodingError/rule``.
        public static let syntax = Kind(.syntax)
        /// A number does not fit the range its rule allows (e.g. `number` above 2^32-1).
        public static let numberOutOfRange = Kind(.numberOutOfRange)
        /// A line (literals excluded) grew past ``DecodingLimits/maxLineLength``.
        public static let lineTooLong = Kind(.lineTooLong)
        /// A literal announced more bytes than ``DecodingLimits/maxLiteralSize``.
        public static let literalTooLarge = Kind(.literalTooLarge)
        /// A frame (lines and literals together) grew past ``DecodingLimits/maxFrameSize``.
        public static let frameTooLarge = Kind(.frameTooLarge)
        /// Parenthesized lists nest deeper than ``DecodingLimits/maxNestingDepth``.
        public static let nestingTooDeep = Kind(.nestingTooDeep)
        /// The frame's values would take more memory than ``DecodingLimits/valueBytesPerFrameByte``
        /// and ``DecodingLimits/valueBytesPerFrame`` allow (a frame built to make its decoder allocate).
        public static let valuesTooLarge = Kind(.valuesTooLarge)
        /// A literal count ran past the end of the bytes (only when parsing a detached frame).
        public static let truncated = Kind(.truncated)

        /// The kind's name, as its static member is spelled: `syntax`, `lineTooLong`, ...
        public var description: String {
            switch code {
            case .syntax: return "syntax"
            case .numberOutOfRange: return "numberOutOfRange"
            case .lineTooLong: return "lineTooLong"
            case .literalTooLarge: return "literalTooLarge"
            case .frameTooLarge: return "frameTooLarge"
            case .nestingTooDeep: return "nestingTooDeep"
            case .valuesTooLarge: return "valuesTooLarge"
            case .truncated: return "truncated"
            }
        }
    }

    /// The class of failure.
    public var kind: Kind
    /// The name of the ABNF rule (RFC 9051 section 9 or the extension's) that failed, e.g. `"nz-number"`.
    public var rule: String
    /// Byte offset of the byte that failed, from the start of its frame.
    public var offset: Int
    /// Byte offset of the frame's first byte in the decoded stream (0 for a standalone parse).
    public var frameOffset: Int
    /// A short explanation.
    public var message: String
    /// Up to 40 bytes of the frame around ``offset``, with non-printable bytes escaped.
    public var excerpt: String
    /// The tag of the command or response that failed, when it could be read: the frame's
    /// first token, when it is made of tag characters (ASTRING-CHARs other than `+`) and
    /// followed by a space. A server answers `tag BAD ...` with it. A first token that is not
    /// a valid tag gives nil here; its bytes are still in ``excerpt`` when the error is near
    /// the frame's start.
    public var tag: Tag? {
        get { tagText.map { Tag(unchecked: ByteString($0)) } }
        set { tagText = newValue?.description }
    }
    /// ``tag``'s characters (ASCII), stored as a `String`: two words, where a `Tag?` takes
    /// four, and the error's size is paid on every decoder call, throwing or not (a `Tag?`
    /// stored here cost the 1-byte W3 loop 4.6 % and W2 in 64-byte pieces 6.6 %).
    var tagText: String?

    /// Creates an error value.
    public init(
        kind: Kind,
        rule: String,
        offset: Int,
        frameOffset: Int = 0,
        message: String,
        excerpt: String = "",
        tag: Tag? = nil
    ) {
        self.kind = kind
        self.rule = rule
        self.offset = offset
        self.frameOffset = frameOffset
        self.message = message
        self.excerpt = excerpt
        self.tagText = tag?.description
    }

    /// Byte offset of the byte that failed in the decoded stream: ``frameOffset`` plus
    /// ``offset`` (for a standalone parse, the same as ``offset``).
    public var streamOffset: Int { frameOffset &+ offset }

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
