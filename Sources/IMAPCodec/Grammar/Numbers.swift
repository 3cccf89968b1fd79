// Numbers of the IMAP grammar (RFC 9051 section 9), parsed with overflow checks.

extension ParserState {
    // number          = 1*DIGIT
    //                     ; Unsigned 32-bit integer (0 <= n < 4,294,967,296)
    mutating func number(_ rule: String = "number") throws(IMAPDecodingError) -> UInt32 {
        let start = index
        var value: UInt64 = 0
        while let byte = peek(), ASCII.isDigit(byte) {
            value = value &* 10 &+ UInt64(byte &- ASCII.zero)
            if value > UInt64(UInt32.max) {
                throw error(rule, "number exceeds 4294967295", kind: .numberOutOfRange, at: start)
            }
            index &+= 1
        }
        guard index > start else { throw error(rule, "expected a number, found \(found())") }
        return UInt32(truncatingIfNeeded: value)
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
