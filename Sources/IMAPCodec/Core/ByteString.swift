/// A sequence of bytes taken from the wire: the value of an IMAP `string`, `atom`,
/// `text` or literal.
///
/// IMAP strings are bytes, not text: a message body, a header field or a quoted
/// string from a non-conforming server may hold any octets. `ByteString` keeps them
/// exactly, and offers ``stringValue`` (lossy UTF-8) and ``utf8String``
/// (nil unless valid UTF-8) where the content is text.
///
/// A decoded `ByteString` usually shares the storage of the frame it was parsed
/// from, so producing it costs no allocation and no copy. Holding on to one keeps
/// that frame's storage alive; copy with `ByteString(Array(value.bytes))` to
/// detach a small value from a large frame.
///
/// Equality and hashing compare the bytes exactly (case-sensitively).
public struct ByteString: Sendable, Hashable, Comparable {
    /// The bytes.
    public var bytes: ArraySlice<UInt8>

    /// Creates a byte string holding `bytes`.
    @inlinable
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// Creates a byte string holding `bytes`.
    @inlinable
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes[...]
    }

    /// Creates a byte string holding any sequence of bytes.
    @inlinable
    public init<S: Sequence>(bytes: S) where S.Element == UInt8 {
        self.bytes = ArraySlice(bytes)
    }

    /// Creates a byte string holding the UTF-8 encoding of `string`.
    @inlinable
    public init(_ string: String) {
        self.bytes = ArraySlice(string.utf8)
    }

    /// The number of bytes.
    @inlinable
    public var count: Int { bytes.count }

    /// True when there are no bytes.
    @inlinable
    public var isEmpty: Bool { bytes.isEmpty }

    /// The bytes decoded as UTF-8, with invalid sequences replaced by U+FFFD.
    public var stringValue: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes decoded as UTF-8, or nil when they are not valid UTF-8.
    public var utf8String: String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compares two byte strings ignoring ASCII case, as IMAP keywords are compared.
    @inlinable
    public func equalsCaseInsensitive(_ other: ByteString) -> Bool {
        bytes.count == other.bytes.count && ASCII.equalsCaseInsensitive(bytes, other.bytes)
    }

    @inlinable
    public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.bytes.elementsEqual(rhs.bytes)
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        for byte in bytes { hasher.combine(byte) }
    }

    /// Orders byte strings by their bytes, lexicographically.
    @inlinable
    public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

extension ByteString: ExpressibleByStringLiteral {
    /// Creates a byte string holding the UTF-8 encoding of the literal.
    @inlinable
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

extension ByteString: CustomStringConvertible, CustomDebugStringConvertible {
    /// The bytes as UTF-8 text (lossy).
    public var description: String { stringValue }
    /// The bytes with non-printable bytes escaped, in quotes.
    public var debugDescription: String { "\"" + ASCII.escaped(bytes) + "\"" }
}

/// Byte-level helpers for ASCII grammar work. Internal: the parser and writer use
/// these instead of `Character` or `String` operations on the hot path.
@usableFromInline
enum ASCII {
    @usableFromInline static let cr: UInt8 = 0x0D
    @usableFromInline static let lf: UInt8 = 0x0A
    @usableFromInline static let space: UInt8 = 0x20
    @usableFromInline static let dquote: UInt8 = 0x22
    @usableFromInline static let backslash: UInt8 = 0x5C
    @usableFromInline static let openParen: UInt8 = 0x28
    @usableFromInline static let closeParen: UInt8 = 0x29
    @usableFromInline static let openBrace: UInt8 = 0x7B
    @usableFromInline static let closeBrace: UInt8 = 0x7D
    @usableFromInline static let openBracket: UInt8 = 0x5B
    @usableFromInline static let closeBracket: UInt8 = 0x5D
    @usableFromInline static let lessThan: UInt8 = 0x3C
    @usableFromInline static let greaterThan: UInt8 = 0x3E
    @usableFromInline static let plus: UInt8 = 0x2B
    @usableFromInline static let minus: UInt8 = 0x2D
    @usableFromInline static let star: UInt8 = 0x2A
    @usableFromInline static let percent: UInt8 = 0x25
    @usableFromInline static let tilde: UInt8 = 0x7E
    @usableFromInline static let colon: UInt8 = 0x3A
    @usableFromInline static let comma: UInt8 = 0x2C
    @usableFromInline static let dot: UInt8 = 0x2E
    @usableFromInline static let dollar: UInt8 = 0x24
    @usableFromInline static let zero: UInt8 = 0x30
    @usableFromInline static let nine: UInt8 = 0x39

    /// Lowercases an ASCII letter; other bytes are returned unchanged.
    @inlinable @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte &- 0x41) < 26 ? byte | 0x20 : byte
    }

    /// Uppercases an ASCII letter; other bytes are returned unchanged.
    @inlinable @inline(__always)
    static func upper(_ byte: UInt8) -> UInt8 {
        (byte &- 0x61) < 26 ? byte & 0xDF : byte
    }

    @inlinable @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { (byte &- 0x30) < 10 }

    /// Equal lengths are the caller's business; compares byte by byte ignoring ASCII case.
    @inlinable
    static func equalsCaseInsensitive<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        var ia = a.makeIterator()
        var ib = b.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if lower(x) != lower(y) { return false }
            default: return false
            }
        }
    }

    /// `CTL = %x00-1F / %x7F`
    @inlinable @inline(__always)
    static func isCTL(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    /// Printable rendering of bytes for error messages and debug output:
    /// CR, LF, TAB, quote and backslash escaped, other non-printable bytes as `\xNN`.
    static func escaped<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = ""
        out.reserveCapacity(bytes.count)
        let hex: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        for byte in bytes {
            switch byte {
            case 0x0D: out += "\\r"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "\\x"
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
