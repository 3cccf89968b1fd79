/// A sequence of bytes taken from the wire: the value of an IMAP `string`, `atom`,
/// `text` or literal.
///
/// IMAP strings are bytes, not text: a message body, a header field or a quoted
/// string from a non-conforming server may hold any octets. `ByteString` keeps them
/// exactly, and offers ``stringValue`` (lossy UTF-8) and ``utf8String``
/// (nil unless valid UTF-8) where the content is text.
///
/// Storage: four words. Up to ``inlineCapacity`` bytes (most names, hosts, media types,
/// flags) are held inline, so making, copying and dropping such a value touches no heap
/// and no frame. A longer value decoded from a frame shares the frame's storage (no
/// allocation, no copy); holding on to it keeps that frame's storage alive, so copy with
/// `ByteString(Array(value.bytes))` to detach a small part of a large frame. Either way a
/// copy costs at most one reference count, and `ByteString?` is no larger than `ByteString`.
///
/// Read the bytes without allocating through ``withUnsafeBytes(_:)``; ``bytes`` gives
/// them as an `ArraySlice` (for an inline value, a new array).
///
/// Equality and hashing compare the bytes exactly (case-sensitively), whatever the storage.
public struct ByteString: Sendable, Hashable, Comparable {
    /// The array this value is the bytes `w0..<w1` of, when it is longer than
    /// ``inlineCapacity``; nil for an inline value.
    @usableFromInline var owner: [UInt8]?
    /// Inline: the bytes in order in memory (`w0`, `w1`, `w2`), the count in the last
    /// byte; unused bytes are zero, so two inline values are equal exactly when their
    /// words are. Shared: `w0` and `w1` are the start and end index in ``owner``.
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64

    /// Values of at most this many bytes are stored inline.
    public static let inlineCapacity = 23

    /// A value from its parts.
    @inlinable @inline(__always)
    init(owner: [UInt8]?, words: (UInt64, UInt64, UInt64)) {
        self.owner = owner
        (w0, w1, w2) = words
    }

    /// The bytes `range` of `array`: inline when short (reading whole words where the
    /// array has them: a short value costs a few loads and masks), else sharing the array.
    /// The range is clamped to the array, so a value never reaches past its storage (the
    /// bytes are later read through unchecked pointers). The array is borrowed: an inline
    /// value takes no reference to it (taken as owned, it cost the caller a retain and this
    /// initializer a release for every short string).
    @inlinable
    init(_ array: borrowing [UInt8], _ range: Range<Int>) {
        let range = range.clamped(to: 0..<array.count)
        if range.count <= Self.inlineCapacity {
            self.init(
                owner: nil,
                words: array.withUnsafeBytes { all in
                    Self.pack(UnsafeRawBufferPointer(rebasing: all[range]), readable: all.count &- range.lowerBound)
                }
            )
        } else {
            self.init(
                owner: copy array,
                words: (
                    UInt64(truncatingIfNeeded: range.lowerBound), UInt64(truncatingIfNeeded: range.upperBound), 0
                )
            )
        }
    }

    /// Creates a byte string holding `bytes` (sharing the array when it is longer than
    /// ``inlineCapacity``).
    @inlinable
    public init(_ bytes: [UInt8]) {
        self.init(bytes, 0..<bytes.count)
    }

    /// Creates a byte string holding `bytes`.
    @inlinable
    public init(_ bytes: ArraySlice<UInt8>) {
        if bytes.count <= Self.inlineCapacity {
            self.init(owner: nil, words: bytes.withUnsafeBytes { Self.pack($0, readable: $0.count) })
        } else {
            self.init(Array(bytes))
        }
    }

    /// Creates a byte string holding any sequence of bytes.
    @inlinable
    public init<S: Sequence>(bytes: S) where S.Element == UInt8 {
        self.init(Array(bytes))
    }

    /// Creates a byte string holding the UTF-8 encoding of `string`.
    @inlinable
    public init(_ string: String) {
        var string = string
        let inline: (UInt64, UInt64, UInt64)? = string.withUTF8 { utf8 in
            utf8.count <= Self.inlineCapacity ? Self.pack(UnsafeRawBufferPointer(utf8), readable: utf8.count) : nil
        }
        if let inline {
            self.init(owner: nil, words: inline)
        } else {
            self.init(Array(string.utf8))
        }
    }

    /// Packs `source` (at most ``inlineCapacity`` bytes; the caller checks) into three
    /// words, the count in the last byte. Whole words are loaded where `readable` bytes
    /// from the start of `source` may be read.
    @inlinable @inline(__always)
    static func pack(_ source: UnsafeRawBufferPointer, readable: Int) -> (UInt64, UInt64, UInt64) {
        let count = Swift.min(source.count, inlineCapacity)
        guard count > 0, let base = source.baseAddress else { return (0, 0, 0) }
        if readable >= 24 {
            // The usual case inside a frame: three loads and three masks, no branch on
            // the count.
            let w0 = InlineBytes.load(base, 0) & InlineBytes.mask(valid: count)
            let w1 = InlineBytes.load(base, 1) & InlineBytes.mask(valid: count &- 8)
            let w2 = InlineBytes.load(base, 2) & InlineBytes.mask(valid: count &- 16) | UInt64(count) &<< 56
            return (w0.littleEndian, w1.littleEndian, w2.littleEndian)
        }
        let w0 = InlineBytes.word(base, 0, count: count, readable: readable)
        let w1 = InlineBytes.word(base, 1, count: count, readable: readable)
        let w2 = InlineBytes.word(base, 2, count: count, readable: readable) | UInt64(count) &<< 56
        return (w0.littleEndian, w1.littleEndian, w2.littleEndian)
    }

    /// True when the bytes are held inline (no reference to a frame).
    @inlinable
    var isInline: Bool { owner == nil }

    /// The bytes. For an inline value this makes a new array; prefer
    /// ``withUnsafeBytes(_:)`` to read them.
    @inlinable
    public var bytes: ArraySlice<UInt8> {
        get {
            if let owner { return owner[Int(truncatingIfNeeded: w0)..<Int(truncatingIfNeeded: w1)] }
            return withUnsafeBytes { ArraySlice($0) }
        }
        set { self = ByteString(newValue) }
    }

    /// Calls `body` with the bytes (valid only during the call).
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let owner {
            let range = Int(truncatingIfNeeded: w0)..<Int(truncatingIfNeeded: w1)
            return try owner.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        var words = (w0, w1, w2)
        let count = self.count
        return try Swift.withUnsafeBytes(of: &words) { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }

    /// The number of bytes.
    @inlinable
    public var count: Int {
        if owner != nil { return Int(truncatingIfNeeded: w1 &- w0) }
        return Int(truncatingIfNeeded: UInt64(littleEndian: w2) &>> 56)
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
        if lhs.owner == nil && rhs.owner == nil {
            return lhs.w0 == rhs.w0 && lhs.w1 == rhs.w1 && lhs.w2 == rhs.w2
        }
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
/// The keys of an ``InternTable``.
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
        let count = Swift.min(source.count, Self.capacity)
        guard count > 0, let base = source.baseAddress else { return }
        w0 = Self.word(base, 0, count: count, readable: source.count).littleEndian
        w1 = Self.word(base, 1, count: count, readable: source.count).littleEndian
        w2 = Self.word(base, 2, count: count, readable: source.count).littleEndian
        w3 = (Self.word(base, 3, count: count, readable: source.count) | UInt64(count) &<< 56).littleEndian
    }

    /// Word `k` (eight bytes from `8k`) at `base` as a little-endian number; the caller
    /// ensures they may be read.
    @inlinable @inline(__always)
    static func load(_ base: UnsafeRawPointer, _ k: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: k &* 8, as: UInt64.self))
    }

    /// The mask that keeps the first `valid` bytes of a little-endian word: none for 0 or
    /// less, all for 8 or more.
    @inlinable @inline(__always)
    static func mask(valid: Int) -> UInt64 {
        if valid <= 0 { return 0 }
        return UInt64.max &>> UInt64(truncatingIfNeeded: (8 &- Swift.min(valid, 8)) &* 8)
    }

    /// Word `k` of the first `count` bytes at `base` (bytes past `count` zero), as a
    /// little-endian number: one unaligned load where `readable` bytes from `base` may be
    /// read, else byte by byte.
    @inlinable @inline(__always)
    static func word(_ base: UnsafeRawPointer, _ k: Int, count: Int, readable: Int) -> UInt64 {
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
    static let cr: UInt8 = 0x0D
    @usableFromInline static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let dquote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let star: UInt8 = 0x2A
    static let percent: UInt8 = 0x25
    static let tilde: UInt8 = 0x7E
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let dollar: UInt8 = 0x24
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39

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

    /// True when `a` and `b` are equal ignoring ASCII case, compared through their
    /// contiguous UTF-8 (no copy for a native string; the iterators of the generic
    /// version cost about 300 instructions for a ten-byte name).
    @inlinable
    static func equalsCaseInsensitive(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for k in x.indices where k < y.count && lower(x[k]) != lower(y[k]) { return false }
                return true
            }
        }
    }

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
