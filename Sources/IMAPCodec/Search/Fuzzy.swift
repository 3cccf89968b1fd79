// SEARCH=FUZZY (RFC 6203): the FUZZY search key, the RELEVANCY return option and ESEARCH
// data, and the RELEVANCY sort key (``SortKey/relevancy``).
//
// search-key         =/ "FUZZY" SP search-key
// search-return-opt  =/ "RELEVANCY"
// search-return-data =/ "RELEVANCY" SP score-list
// sort-key           =/ "RELEVANCY"
// score              =  1*3DIGIT
//                       ;; (1 <= n <= 100)
// score-list         =  "(" [score *(SP score)] ")"

extension ParserState {
    // search-key         =/ "FUZZY" SP search-key
    /// After `FUZZY`. Counts as nesting, like NOT, and charges the case's box.
    mutating func fuzzySearchKey() throws(IMAPDecodingError) -> SearchKey {
        try sp("search-key")
        try enterNesting("search-key")
        let key = try searchKey()
        leaveNesting()
        try charge(Self.allocationOverhead &+ MemoryLayout<SearchKey>.stride, "search-key")
        return .fuzzy(key)
    }

    // search-return-data =/ "RELEVANCY" SP score-list
    // score-list         =  "(" [score *(SP score)] ")"
    /// After `RELEVANCY`. Lenient: extra spaces.
    mutating func relevancyScoreList() throws(IMAPDecodingError) -> SearchReturnData {
        try sp("search-return-data")
        try expect(ASCII.openParen, "score-list")
        skipExtraSpaces()
        var scores: [UInt8] = []
        if skip(ASCII.closeParen) { return .relevancy(scores) }
        while true {
            try add(try score(), to: &scores, "score-list")
            if skip(ASCII.closeParen) { return .relevancy(scores) }
            try sp("score-list")
            if lenient && skip(ASCII.closeParen) { return .relevancy(scores) }
        }
    }

    // score              =  1*3DIGIT
    //                       ;; (1 <= n <= 100)
    /// Strict: 1 to 100, at most three digits. Lenient: 0 is read too (a server that scores
    /// a match it has no score for); the encoder refuses to write it back.
    mutating func score() throws(IMAPDecodingError) -> UInt8 {
        let start = index
        let value = try number("score")
        if !lenient && index &- start > 3 {
            throw error("score", "a score has at most three digits", at: start)
        }
        guard value <= 100, lenient || value >= 1 else {
            throw error("score", "a score is 1 to 100, found \(value)", kind: .numberOutOfRange, at: start)
        }
        return UInt8(truncatingIfNeeded: value)
    }
}

extension IMAPWriter {
    // search-return-data =/ "RELEVANCY" SP score-list
    // score              =  1*3DIGIT   ;; (1 <= n <= 100)
    /// Refused when a score is outside 1 to 100.
    mutating func writeRelevancyScores(_ scores: [UInt8]) {
        write("RELEVANCY (")
        for (i, score) in scores.enumerated() {
            guard score >= 1 && score <= 100 else {
                return refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: "ESEARCH RELEVANCY score",
                        rule: "score",
                        message: "a score is 1 to 100, not \(score)",
                        offset: i
                    )
                )
            }
            if i > 0 { writeSpace() }
            writeNumber(UInt32(score))
        }
        writeByte(ASCII.closeParen)
    }
}
