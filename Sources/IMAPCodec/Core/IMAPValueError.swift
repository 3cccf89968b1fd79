/// Why a value cannot be written as IMAP: the field, the grammar rule it breaks, and how.
///
/// The encoders (``CommandEncoder``, ``ResponseEncoder``) throw it instead of writing a byte
/// the grammar forbids in that place, and validating initializers (``Atom/init(validating:)``,
/// ``ResponseText/init(code:validating:)``) throw it when they are given such a value. Either
/// way no bytes are written: an encoder that throws leaves its output as it was.
public struct IMAPValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure: a code with static members, so that new kinds can be added
    /// without breaking a caller's `switch` (which needs a `default`).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        enum Code: Sendable, Hashable {
            case forbiddenByte, empty, ambiguous, tooLong, malformed
        }

        let code: Code

        init(_ code: Code) {
            self.code = code
        }

        /// The value holds a byte its rule forbids there: CR or LF in text (a second frame), NUL
        /// outside a literal8, a space in an atom, `]` in a response code's text.
        public static let forbiddenByte = Kind(.forbiddenByte)
        /// The rule needs at least one element or byte (ENABLE, CANCELUPDATE, an atom, a header
        /// list) and the value has none.
        public static let empty = Kind(.empty)
        /// The value would be read back as a different value: a known name given to an "other"
        /// case, text that reads as a response code or ends in a literal header.
        public static let ambiguous = Kind(.ambiguous)
        /// The value is longer than its rule allows (an object identifier over 255 bytes).
        public static let tooLong = Kind(.tooLong)
        /// A raw value (the bytes of an item IMAPCodec has no grammar for) is not one complete
        /// value of its rule: an unbalanced parenthesis, a literal header without its bytes.
        public static let malformed = Kind(.malformed)

        /// The kind's name, as its static member is spelled.
        public var description: String {
            switch code {
            case .forbiddenByte: return "forbiddenByte"
            case .empty: return "empty"
            case .ambiguous: return "ambiguous"
            case .tooLong: return "tooLong"
            case .malformed: return "malformed"
            }
        }
    }

    /// The class of failure.
    public var kind: Kind
    /// The field that holds the value, as the command or response names it: `"AUTHENTICATE
    /// mechanism"`, `"resp-text"`, `"SORT key"`.
    public var field: String
    /// The ABNF rule the value breaks (RFC 9051 section 9 or the extension's), e.g. `"atom"`.
    public var rule: String
    /// A short explanation.
    public var message: String
    /// The offset, within the field's bytes, of the byte that breaks the rule, when one does.
    public var offset: Int?

    /// Creates an error value.
    public init(kind: Kind, field: String, rule: String, message: String, offset: Int? = nil) {
        self.kind = kind
        self.field = field
        self.rule = rule
        self.message = message
        self.offset = offset
    }

    /// `field (rule): message`, with the offset when there is one.
    public var description: String {
        var text = "\(field) (\(rule)): \(message)"
        if let offset { text += " at byte \(offset)" }
        return text
    }

    /// The error for the byte at `offset` of a value that `rule` forbids there.
    static func forbidden(_ byte: UInt8, at offset: Int, field: String, rule: String) -> IMAPValueError {
        IMAPValueError(
            kind: .forbiddenByte,
            field: field,
            rule: rule,
            message: "\(ASCII.escaped([byte][...]).debugDescription) is not allowed here",
            offset: offset
        )
    }
}
