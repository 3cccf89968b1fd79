/// A sequence of bytes taken from the wire: the value of an IMAP `string`, `atom`,
/// `text` or literal.
///
/// IMAP strings are bytes, not text: a message body, a header field or a quoted
/// string from a non-conforming server may hold any octets. `ByteString` keeps them
/// exactly, and offers ``stringValue`` (lossy UTF-8) and ``utf8String``
/// (nil unless valid UTF-8) where the content is text.
///
/// Storage: up to ``inlineCapacity`` bytes (most names, hosts, media types, flags) are
/// held inline, so making, copying and dropping such a value touches no reference count
/// and no heap. A longer value decoded from a frame shares the frame's storage (no
/// allocation, no copy); holding on to it keeps that frame's storage alive, so copy with
/// `ByteString(Array(value.bytes))` to detach a small part of a large frame.
///
/// Read the bytes without allocating through ``withUnsafeBytes(_:)``; ``bytes`` gives
/// them as an `ArraySlice` (for an inline value, a new array).
///
/// Equality and hashing compare the bytes exactly (case-sensitively), whatever the storage.
public struct ByteString: Sendable, Hashable, Comparable {
    /// Where the bytes live.
    @usableFromInline
    enum Storage: Sendable {
        /// At most ``ByteString/inlineCapacity`` bytes, in place.
        case inline(InlineBytes)
        /// More than ``ByteString/inlineCapacity`` bytes, in (a part of) an array.
        case shared(ArraySlice<UInt8>)
    }

    @usableFromInline var storage: Storage

    /// Values of at most this many bytes are stored inline.
    public static let inlineCapacity = InlineBytes.capacity

    /// Creates a byte string holding `bytes`.
    @inlinable
    public init(_ bytes: ArraySlice<UInt8>) {
        if bytes.count <= InlineBytes.capacity {
            storage = .inline(bytes.withUnsafeBytes { InlineBytes($0) })
        } else {
            storage = .shared(bytes)
        }
    }

    /// Creates a byte string holding `bytes`.
    @inlinable
    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Creates a byte string holding any sequence of bytes.
    @inlinable
    public init<S: Sequence>(bytes: S) where S.Element == UInt8 {
        self.init(ArraySlice(bytes))
    }

    /// Creates a byte string holding the UTF-8 encoding of `string`.
    @inlinable
    public init(_ string: String) {
        var string = string
        let inline: InlineBytes? = string.withUTF8 { utf8 in
            utf8.count <= InlineBytes.capacity ? InlineBytes(UnsafeRawBufferPointer(utf8)) : nil
        }
        if let inline {
            storage = .inline(inline)
        } else {
            storage = .shared(ArraySlice(string.utf8))
        }
    }

    /// The bytes `range` of `array`: inline when short, else sharing the array's storage.
    @inlinable
    init(_ array: [UInt8], _ range: Range<Int>) {
        if range.count <= InlineBytes.capacity {
            storage = .inline(array.withUnsafeBytes { all in
                InlineBytes(
                    UnsafeRawBufferPointer(rebasing: all[range]),
                    readable: all.count &- range.lowerBound)
            })
        } else {
            storage = .shared(array[range])
        }
    }

    /// The bytes. For an inline value this makes a new array; prefer
    /// ``withUnsafeBytes(_:)`` to read them.
    @inlinable
    public var bytes: ArraySlice<UInt8> {
        get {
            switch storage {
            case .inline(let inline): return inline.withUnsafeBytes { ArraySlice($0) }
            case .shared(let slice): return slice
            }
        }
        set { self = ByteString(newValue) }
    }

    /// Calls `body` with the bytes (valid only during the call).
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(let inline): return try inline.withUnsafeBytes(body)
        case .shared(let slice): return try slice.withUnsafeBytes(body)
        }
    }

    /// The number of bytes.
    @inlinable
    public var count: Int {
        switch storage {
        case .inline(let inline): return inline.count
        case .shared(let slice): return slice.count
        }
    }

    /// True when there are no bytes.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// The bytes decoded as UTF-8, with invalid sequences replaced by U+FFFD.
    public var stringValue: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes decoded as UTF-8, or nil when they are not valid UTF-8.
    public var utf8String: String? {
        withUnsafeBytes { raw in
            UTF8Validation.isValid(raw) ? String(decoding: raw, as: UTF8.self) : nil
        }
    }

    /// Compares two byte strings ignoring ASCII case, as IMAP keywords are compared.
    @inlinable
    public func equalsCaseInsensitive(_ other: ByteString) -> Bool {
        count == other.count
            && withUnsafeBytes { a in other.withUnsafeBytes { b in ASCII.equalsCaseInsensitive(a, b) } }
    }

    @inlinable
    public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        if case .inline(let a) = lhs.storage, case .inline(let b) = rhs.storage { return a == b }
        return lhs.count == rhs.count
            && lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { raw in
            hasher.combine(raw.count)
            hasher.combine(bytes: raw)
        }
    }

    /// Orders byte strings by their bytes, lexicographically.
    @inlinable
    public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.lexicographicallyPrecedes(b) } }
    }
}

/// Up to 31 bytes held in four words, in order in memory; the last byte in memory is the
/// count. Unused bytes are zero, so two values are equal exactly when their words are.
@usableFromInline
struct InlineBytes: Sendable, Equatable {
    @usableFromInline var w0: UInt64 = 0
    @usableFromInline var w1: UInt64 = 0
    @usableFromInline var w2: UInt64 = 0
    @usableFromInline var w3: UInt64 = 0

    @usableFromInline static let capacity = 31

    /// Copies `source` (at most ``capacity`` bytes; the caller checks).
    @inlinable
    init(_ source: UnsafeRawBufferPointer) {
        self.init(source, readable: source.count)
    }

    /// Copies `source` (at most ``capacity`` bytes; the caller checks), reading whole words
    /// where `readable` bytes from its start may be read (the rest of a frame), so a short
    /// value costs a few loads and masks instead of a call into memmove.
    @inlinable
    init(_ source: UnsafeRawBufferPointer, readable: Int) {
        let count = Swift.min(source.count, Self.capacity)
        guard count > 0, let base = source.baseAddress else { return }
        @inline(__always)
        func word(_ k: Int) -> UInt64 {
            let offset = k &* 8
            let valid = count &- offset
            if valid <= 0 { return 0 }
            var value: UInt64
            if offset &+ 8 <= readable {
                value = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            } else {
                value = 0
                for j in 0..<Swift.min(valid, 8) {
                    value |= UInt64(base.load(fromByteOffset: offset &+ j, as: UInt8.self)) &<< UInt64(j &* 8)
                }
            }
            if valid < 8 { value &= (1 &<< UInt64(valid &* 8)) &- 1 }
            return value
        }
        w0 = word(0).littleEndian
        w1 = word(1).littleEndian
        w2 = word(2).littleEndian
        w3 = (word(3) | UInt64(count) &<< 56).littleEndian
    }

    /// The number of bytes: the last byte in memory.
    @inlinable
    var count: Int { Int(truncatingIfNeeded: UInt64(littleEndian: w3) &>> 56) }

    @inlinable
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = self
        let count = self.count
        return try Swift.withUnsafeBytes(of: &copy) { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
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
