// The SEARCH response (RFC 9051 / RFC 3501 `mailbox-data`, RFC 7162 MODSEQ) and the
// SORT response (RFC 5256 `sort-data`, RFC 7162), which share their shape.

/// The data of a `* SEARCH` or `* SORT` response: matching message numbers (sequence
/// numbers or UIDs) and, with CONDSTORE, the highest mod-sequence among them.
public struct SearchResponse: Sendable, Hashable {
    /// The numbers, in the order the server sent them (SORT: the sort order).
    public var numbers: [UInt32]
    /// `(MODSEQ n)` (RFC 7162), when present.
    public var modSequence: UInt64?

    /// Creates a response.
    public init(numbers: [UInt32], modSequence: UInt64? = nil) {
        self.numbers = numbers
        self.modSequence = modSequence
    }
}

extension ParserState {
    // mailbox-data    =/ "SEARCH" [1*(SP nz-number) SP search-sort-mod-seq]
    // obsolete-search-response = "SEARCH" *(SP nz-number)
    // search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"
    /// Parses what follows `SEARCH`: `*(SP nz-number) [SP "(" "MODSEQ" SP n ")"]`, up to
    /// (not including) CRLF; an empty result is `SEARCH` directly followed by CRLF.
    /// Linear, one array. Lenient: a trailing space, extra spaces, 0 among the numbers and a
    /// MODSEQ without numbers (both skipped: no message has the number 0 and an empty result
    /// has no modification sequence, so they name nothing, and keeping them would give a value
    /// no conforming response carries).
    mutating func searchResponse() throws(IMAPDecodingError) -> SearchResponse {
        try searchOrSortData("mailbox-data")
    }

    // sort-data       = "SORT" [1*(SP nz-number) SP search-sort-mod-seq]
    // sort-data       = "SORT" *(SP nz-number)            ; RFC 5256
    /// Parses what follows `SORT`, as ``searchResponse()``.
    mutating func sortResponse() throws(IMAPDecodingError) -> SearchResponse {
        try searchOrSortData("sort-data")
    }

    mutating func searchOrSortData(_ rule: String) throws(IMAPDecodingError) -> SearchResponse {
        var numbers: [UInt32] = []
        var modSequence: UInt64? = nil
        let count = bytes.count
        let lenient = self.lenient
        while true {
            plainNumbers(into: &numbers)
            guard index < count && bytes[index] == ASCII.space else { break }
            index &+= 1
            if lenient {
                while index < count && bytes[index] == ASCII.space { index &+= 1 }
                if atLineEnd { break }
            }
            if index < count && bytes[index] == ASCII.openParen {
                let value = try searchSortModSeq()
                if numbers.isEmpty {
                    // The grammar has no place for it, and it describes no message: dropped.
                    if !lenient { throw error(rule, "MODSEQ without numbers") }
                } else {
                    modSequence = value
                }
                break
            }
            // nz-number (what `plainNumbers` left: 0, too large, or no number at all)
            let start = index
            let (value, end) = digitRun(from: start)
            if value > UInt64(UInt32.max) {
                throw error("nz-number", "number exceeds 4294967295", kind: .numberOutOfRange, at: start)
            }
            index = end
            if index == start { throw error(rule, "expected a number, found \(found())") }
            if value == 0 {
                if !lenient {
                    throw error("nz-number", "expected a non-zero number", kind: .numberOutOfRange, at: start)
                }
                continue
            }
            numbers.append(UInt32(truncatingIfNeeded: value))
        }
        // At most four bytes for every two of the frame; charged once, at the end.
        if !numbers.isEmpty { try charge(UInt32.self, count: numbers.count, first: true, rule) }
        return SearchResponse(numbers: numbers, modSequence: modSequence)
    }

    /// The usual run of `SP nz-number` (one space, a number from 1 to 4294967295) read
    /// through a buffer pointer, appended to `numbers`; stops before anything else (a second
    /// space, 0, a number too large, the MODSEQ, the end), which the general loop of
    /// ``searchOrSortData(_:)`` then takes with its errors and leniency. A SEARCH result
    /// may hold millions of numbers.
    mutating func plainNumbers(into numbers: inout [UInt32]) {
        // Numbers are gathered 256 at a time in a stack buffer and appended together: one
        // append per number cost more than reading its digits.
        let batch = 256
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: batch) { gathered in
            var done = false
            while !done {
                var n = 0
                index = bytes.withUnsafeBufferPointer { p in
                    var i = index
                    while n < batch {
                        guard i &+ 1 < p.count && p[i] == ASCII.space else {
                            done = true
                            break
                        }
                        let (value, j) = Self.digitRun(p, from: i &+ 1)
                        // No digit, 0, or too large: left to the general loop.
                        if value == 0 || value > UInt64(UInt32.max) {
                            done = true
                            break
                        }
                        gathered[n] = UInt32(truncatingIfNeeded: value)
                        n &+= 1
                        i = j
                    }
                    return i
                }
                if n > 0 { numbers.append(contentsOf: UnsafeBufferPointer(rebasing: gathered[..<n])) }
            }
        }
    }

    // search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"
    mutating func searchSortModSeq() throws(IMAPDecodingError) -> UInt64 {
        try expect(ASCII.openParen, "search-sort-mod-seq")
        skipExtraSpaces()
        try expectKeyword("MODSEQ", "search-sort-mod-seq")
        try sp("search-sort-mod-seq")
        let value = try parseModSequenceValue("mod-sequence-value", allowZero: true)
        skipExtraSpaces()
        try expect(ASCII.closeParen, "search-sort-mod-seq")
        return value
    }
}

extension IMAPWriter {
    // mailbox-data    =/ "SEARCH" [1*(SP nz-number) SP search-sort-mod-seq]
    // search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"
    /// Writes what follows `SEARCH` (or `SORT`): ` n n n [(MODSEQ m)]`, no CRLF.
    /// A MODSEQ without numbers is refused: the grammar has no place for it (it was dropped).
    mutating func writeSearchResponse(_ response: SearchResponse) {
        for number in response.numbers {
            writeSpace()
            writeNZNumber(number, "SEARCH number")
        }
        if let modSequence = response.modSequence {
            if response.numbers.isEmpty {
                return refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: "SEARCH MODSEQ",
                        rule: "search-sort-mod-seq",
                        message: "a MODSEQ needs at least one number before it"
                    )
                )
            }
            write(" (MODSEQ ")
            writeModSequenceValue(modSequence, "SEARCH MODSEQ")
            writeByte(ASCII.closeParen)
        }
    }

    // sort-data       = "SORT" [1*(SP nz-number) SP search-sort-mod-seq]
    /// Writes what follows `SORT`.
    mutating func writeSortResponse(_ response: SearchResponse) {
        writeSearchResponse(response)
    }
}
