/// The well-known values of an open registry (flags, capabilities, mailbox and status
/// attributes, quota resources), found by their wire bytes without building a `String`.
///
/// Each spelling is packed once into the four words of an ``InlineBytes``; a lookup packs
/// the bytes read from the frame the same way (upper-cased when the table ignores case)
/// and compares words, so a hit costs no allocation and a miss a few comparisons.
struct InternTable<Value: Sendable>: Sendable {
    private let keys: [InlineBytes]
    private let values: [Value]
    private let ignoringCase: Bool

    /// A table of `values` under their `spelling`. With `ignoringCase`, a lookup matches
    /// any ASCII case and returns the value with the table's spelling. Spellings longer
    /// than ``InlineBytes/capacity`` are left out (none of the registries has one).
    init(_ values: [Value], spelling: (Value) -> String, ignoringCase: Bool) {
        var keys: [InlineBytes] = []
        var kept: [Value] = []
        for value in values {
            let bytes = Array(spelling(value).utf8)
            guard bytes.count <= InlineBytes.capacity else { continue }
            keys.append(bytes.withUnsafeBytes { Self.key($0, ignoringCase: ignoringCase) })
            kept.append(value)
        }
        self.keys = keys
        self.values = kept
        self.ignoringCase = ignoringCase
    }

    /// The value spelled `bytes`, or nil when the table does not hold it.
    func value(for bytes: UnsafeRawBufferPointer) -> Value? {
        guard !bytes.isEmpty, bytes.count <= InlineBytes.capacity else { return nil }
        let key = Self.key(bytes, ignoringCase: ignoringCase)
        for k in keys.indices where keys[k] == key { return values[k] }
        return nil
    }

    /// `bytes` (at most ``InlineBytes/capacity``) packed, upper-cased when `ignoringCase`.
    @inline(__always)
    private static func key(_ bytes: UnsafeRawBufferPointer, ignoringCase: Bool) -> InlineBytes {
        let packed = InlineBytes(bytes)
        return ignoringCase ? packed.uppercased() : packed
    }
}

extension InlineBytes {
    /// The bytes with ASCII `a`-`z` upper-cased, eight at a time. (The count byte, at
    /// most 31, is not a letter and stays as it is.)
    @inline(__always)
    func uppercased() -> InlineBytes {
        @inline(__always)
        func upper(_ stored: UInt64) -> UInt64 {
            let word = UInt64(littleEndian: stored)
            let highs = WordBytes.highs
            let low7 = word & ~highs
            // Per byte, without carries between bytes (low7 <= 0x7F): the high bit of
            // low7 + 0x1F is set from "a" (0x61) up, that of low7 + 0x05 from "{" (0x7B) up.
            let fromA = (low7 &+ 0x1F1F_1F1F_1F1F_1F1F) & highs
            let pastZ = (low7 &+ 0x0505_0505_0505_0505) & highs
            let isLower = fromA & ~pastZ & ~word
            return (word ^ (isLower &>> 2)).littleEndian
        }
        var result = self
        result.w0 = upper(w0)
        result.w1 = upper(w1)
        result.w2 = upper(w2)
        result.w3 = upper(w3)
        return result
    }
}

extension ParserState {
    /// Calls `body` with the frame's bytes `range` (valid only during the call).
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// ``withBytes(_:_:)`` for a registry value made from the bytes (a flag, capability,
    /// attribute ... name), charging the `String` an unknown name longer than a small string
    /// allocates to the frame's value budget.
    mutating func withName<R>(
        _ range: Range<Int>,
        _ rule: String,
        _ body: (UnsafeRawBufferPointer) -> R
    ) throws(IMAPDecodingError) -> R {
        try chargeString(range.count, rule)
        return withBytes(range, body)
    }
}
