// Numbers of the IMAP grammar (RFC 9051 section 9), parsed with overflow checks.

extension ParserState {
    // number          = 1*DIGIT
    //                     ; Unsigned 32-bit integer (0 <= n < 4,294,967,296)
    mutating func number(_ rule: String = "number") throws(IMAPDecodingError) -> UInt32 {
        let start = index
        let (value, end) = digitRun(from: start)
        if value > UInt64(UInt32.max) {
            throw error(rule, "number exceeds 4294967295", kind: .numberOutOfRange, at: start)
        }
        guard end > start else { throw error(rule, "expected a number, found \(found())") }
        index = end
        return UInt32(truncatingIfNeeded: value)
    }

    /// ``digitRun(_:from:)`` over the frame.
    @inline(__always)
    func digitRun(from start: Int) -> (value: UInt64, end: Int) {
        bytes.withUnsafeBufferPointer { Self.digitRun($0, from: start) }
    }

    /// The value of the decimal digits of `p` from `start` and the index after them, eight
    /// digits at a time where eight bytes can be read (the 32-bit numbers of every rule, and
    /// the millions a SEARCH result may hold). Stops early once the value exceeds
    /// `UInt32.max` (the value returned then exceeds it too, and the index may not be the
    /// end of the digits): the caller reports the number as out of range.
    @inline(__always)
    static func digitRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: UInt64, end: Int) {
        var j = start
        var value: UInt64 = 0
        if let base = p.baseAddress {
            while j &+ 8 <= p.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                // Each lane minus "0": a digit lane holds 0-9. A byte below "0" wraps to 0xD0
                // or more (borrowing from the lanes above it: only lanes after the first
                // non-digit are disturbed, and only the first non-digit is looked at), one
                // above "9" holds 10 or more, which adding 0x76 carries into the lane's top bit.
                let lanes = word &- 0x3030_3030_3030_3030
                let nonDigits = ((lanes &+ 0x7676_7676_7676_7676) | lanes) & WordBytes.highs
                let count = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount &>> 3
                if count == 0 { return (value, j) }
                // The digits moved to the top lanes (zeros below them are leading zeros),
                // then combined in pairs, fours and eights (first digit in the lowest lane).
                var digits = lanes &<< UInt64(truncatingIfNeeded: (8 &- count) &* 8)
                digits = ((digits & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) &>> 8
                digits = ((digits & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
                digits = ((digits & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
                value = value &* powerOfTen(count) &+ digits
                j &+= count
                if value > UInt64(UInt32.max) || count < 8 { return (value, j) }
            }
        }
        while j < p.count {
            let digit = p[j] &- ASCII.zero
            if digit >= 10 { break }
            value = value &* 10 &+ UInt64(digit)
            if value > UInt64(UInt32.max) { break }
            j &+= 1
        }
        return (value, j)
    }

    /// 10 to the power `n`, for `n` in 1...8.
    @inline(__always)
    static func powerOfTen(_ n: Int) -> UInt64 {
        switch n {
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        default: return 100_000_000
        }
    }

    // nz-number       = digit-nz *DIGIT
    //                     ; Non-zero unsigned 32-bit integer (0 < n < 4,294,967,296)
    mutating func nzNumber(_ rule: String = "nz-number") throws(IMAPDecodingError) -> UInt32 {
        let start = index
        let value = try number(rule)
        if value == 0 { throw error(rule, "expected a non-zero number", kind: .numberOutOfRange, at: start) }
        return value
    }

    // number64        = 1*DIGIT
    //                     ; Unsigned 63-bit integer (0 <= n <= 9,223,372,036,854,775,807)
    mutating func number64(_ rule: String = "number64") throws(IMAPDecodingError) -> Int64 {
        let start = index
        var value: Int64 = 0
        while let byte = peek(), ASCII.isDigit(byte) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(byte &- ASCII.zero))
            if o1 || o2 {
                throw error(rule, "number exceeds 9223372036854775807", kind: .numberOutOfRange, at: start)
            }
            value = s
            index &+= 1
        }
        guard index > start else { throw error(rule, "expected a number, found \(found())") }
        return value
    }

    // nz-number64     = digit-nz *DIGIT
    //                     ; Unsigned 63-bit integer (0 < n <= 9,223,372,036,854,775,807)
    mutating func nzNumber64(_ rule: String = "nz-number64") throws(IMAPDecodingError) -> Int64 {
        let start = index
        let value = try number64(rule)
        if value == 0 { throw error(rule, "expected a non-zero number", kind: .numberOutOfRange, at: start) }
        return value
    }
}
