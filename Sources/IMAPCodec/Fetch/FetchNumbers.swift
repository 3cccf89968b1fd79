// Number forms used by FETCH and STORE: message sizes (lenient about negative and
// wrapped values) and mod-sequences (RFC 7162).

extension ParserState {
    /// A size (`number64`, or `number` when `narrow`). Lenient: a negative value
    /// (`-1`, or a negative written as its 64-bit two's complement, as some servers
    /// print it) is read as 0.
    mutating func fetchSize(_ rule: String, narrow: Bool = false) throws(IMAPDecodingError) -> Int64 {
        if !lenient {
            return narrow ? Int64(try number(rule)) : try number64(rule)
        }
        if skip(ASCII.minus) {
            _ = try unsigned64(rule)
            return 0
        }
        let value = try unsigned64(rule)
        return value > UInt64(Int64.max) ? 0 : Int64(value)
    }

    /// `1*DIGIT` as an unsigned 64-bit integer, overflow-checked.
    mutating func unsigned64(_ rule: String) throws(IMAPDecodingError) -> UInt64 {
        let start = index
        var value: UInt64 = 0
        while let byte = peek(), ASCII.isDigit(byte) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(byte &- ASCII.zero))
            if o1 || o2 {
                throw error(rule, "number exceeds 18446744073709551615", kind: .numberOutOfRange, at: start)
            }
            value = s
            index &+= 1
        }
        guard index > start else { throw error(rule, "expected a number, found \(found())") }
        return value
    }

    // mod-sequence-value  = 1*DIGIT
    //                        ;; Positive unsigned 63-bit integer (mod-sequence)
    //                        ;; (1 <= n <= 9,223,372,036,854,775,807).
    // mod-sequence-valzer = "0" / mod-sequence-value
    /// Strict: 63 bits, and non-zero unless `allowZero`. Lenient: any unsigned 64-bit
    /// value (servers echo and accept 2^64-1), and zero.
    mutating func parseModSequenceValue(_ rule: String, allowZero: Bool) throws(IMAPDecodingError) -> UInt64 {
        let start = index
        if lenient { return try unsigned64(rule) }
        let value = try number64(rule)
        if value == 0 && !allowZero {
            throw error(rule, "mod-sequence must be at least 1", kind: .numberOutOfRange, at: start)
        }
        return UInt64(value)
    }
}
