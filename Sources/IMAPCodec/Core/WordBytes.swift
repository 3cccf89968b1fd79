/// Byte tests on eight bytes at once (a little-endian `UInt64` load), for the scans that
/// skip plain bytes: the frame scanner's search for LF, `quoted`'s search for the first
/// byte that needs a look, the envelope's check for a literal in a repeated list.
///
/// Each returns the high bit of every lane that passes. A borrow only runs upward, so the
/// lowest set bit is exact (it marks the first byte that passes); lanes above it may be
/// flagged falsely. "Any lane" and "first lane" are therefore exact; a full lane mask is not.
enum WordBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Lanes holding `byte`.
    @inlinable @inline(__always)
    static func lanes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Lanes holding a byte below `bound` (at most 0x80).
    @inlinable @inline(__always)
    static func lanes(of word: UInt64, below bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }

    /// The offset of the first NUL in `raw`, nil when there is none: 32 bytes a step (four
    /// words OR-ed, so that a message body costs about a quarter instruction a byte), then
    /// a word, then a byte at a time. The writer's check that a literal holds no NUL.
    static func firstZero(in raw: UnsafeRawBufferPointer) -> Int? {
        guard let base = raw.baseAddress else { return nil }
        let count = raw.count
        var i = 0
        func zeros(_ at: Int) -> UInt64 {
            let word = UInt64(littleEndian: (base + at).loadUnaligned(as: UInt64.self))
            return (word &- ones) & ~word & highs
        }
        while i &+ 32 <= count {
            if zeros(i) | zeros(i &+ 8) | zeros(i &+ 16) | zeros(i &+ 24) != 0 { break }
            i &+= 32
        }
        while i &+ 8 <= count {
            let lanes = zeros(i)
            if lanes != 0 { return i &+ lanes.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < count {
            if base.load(fromByteOffset: i, as: UInt8.self) == 0 { return i }
            i &+= 1
        }
        return nil
    }

    /// Lanes holding a byte above 0x7F.
    @inlinable @inline(__always)
    static func highLanes(of word: UInt64) -> UInt64 {
        word & highs
    }
}
