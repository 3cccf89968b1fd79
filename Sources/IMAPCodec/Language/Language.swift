// LANGUAGE and I18NLEVEL (RFC 5255): the LANGUAGE and COMPARATOR commands and responses.
// NAMESPACE's TRANSLATION data is read as a generic namespace extension; the BADCOMPARATOR
// code is kept as an unknown response code.

/// The data of a `* COMPARATOR` response (RFC 5255 `comparator-data`).
public struct ComparatorResponse: Sendable, Hashable {
    /// The active comparator (`comp-sel-quoted`), e.g. `i;unicode-casemap`.
    public var active: ByteString
    /// The comparators that matched the COMPARATOR command's arguments (`comp-id-quoted`); empty when
    /// the list is absent (the grammar has no empty list).
    public var matching: [ByteString]

    /// Creates COMPARATOR data.
    public init(active: ByteString, matching: [ByteString] = []) {
        self.active = active
        self.matching = matching
    }
}

extension ParserState {
    // language-cmd    = "LANGUAGE" *(SP lang-range-quoted)
    // comparator-cmd  = "COMPARATOR" *(SP comp-order-quoted)
    // lang-range-quoted = astring
    // comp-order-quoted = astring
    /// Parses `*(SP astring)` after `LANGUAGE` or `COMPARATOR`; stops before CRLF.
    mutating func spAStrings(_ rule: String) throws(IMAPDecodingError) -> [ByteString] {
        var values: [ByteString] = []
        while peek() == ASCII.space {
            if lenient {
                let save = index
                skipExtraSpaces()
                if atLineEnd {
                    index = save
                    break
                }
            } else {
                index &+= 1
            }
            try add(try astring(), to: &values, rule)
        }
        return values
    }

    // language-data   = "LANGUAGE" SP "(" lang-tag-quoted *(SP lang-tag-quoted) ")"
    // lang-tag-quoted = astring
    /// Parses what follows `LANGUAGE`; stops before CRLF.
    mutating func languageData() throws(IMAPDecodingError) -> [ByteString] {
        try sp("language-data")
        skipExtraSpaces()
        return try astringList("language-data")
    }

    // comparator-data = "COMPARATOR" SP comp-sel-quoted
    //                   [SP "(" comp-id-quoted *(SP comp-id-quoted) ")"]
    // comp-sel-quoted = astring
    // comp-id-quoted  = astring
    /// Parses what follows `COMPARATOR`; stops before CRLF.
    mutating func comparatorData() throws(IMAPDecodingError) -> ComparatorResponse {
        try sp("comparator-data")
        skipExtraSpaces()
        var response = ComparatorResponse(active: try astring())
        if peek() == ASCII.space {
            var probe = index &+ 1
            if lenient { while probe < bytes.count && bytes[probe] == ASCII.space { probe &+= 1 } }
            if probe < bytes.count && bytes[probe] == ASCII.openParen {
                index = probe
                response.matching = try astringList("comparator-data")
            }
        }
        return response
    }

    /// `"(" astring *(SP astring) ")"`, at `(`.
    mutating func astringList(_ rule: String) throws(IMAPDecodingError) -> [ByteString] {
        try expect(ASCII.openParen, rule)
        skipExtraSpaces()
        var values: [ByteString] = []
        while true {
            try add(try astring(), to: &values, rule)
            if skip(ASCII.closeParen) { return values }
            try sp(rule)
            if lenient && skip(ASCII.closeParen) { return values }
        }
    }
}

extension IMAPWriter {
    /// Writes `*(SP astring)` (the arguments of LANGUAGE and COMPARATOR).
    mutating func writeSPAStrings(_ values: [ByteString]) {
        for value in values {
            writeSpace()
            writeAString(value)
        }
    }

    // language-data   = "LANGUAGE" SP "(" lang-tag-quoted *(SP lang-tag-quoted) ")"
    /// Writes what follows `LANGUAGE`; an empty list is refused.
    mutating func writeLanguageData(_ tags: [ByteString]) {
        if tags.isEmpty { return refuseEmpty("LANGUAGE tags", "language-data") }
        writeSpace()
        writeAStringList(tags)
    }

    // comparator-data = "COMPARATOR" SP comp-sel-quoted
    //                   [SP "(" comp-id-quoted *(SP comp-id-quoted) ")"]
    /// Writes what follows `COMPARATOR`.
    mutating func writeComparatorData(_ response: ComparatorResponse) {
        writeSpace()
        writeAString(response.active)
        if !response.matching.isEmpty {
            writeSpace()
            writeAStringList(response.matching)
        }
    }

    /// `"(" astring *(SP astring) ")"`.
    mutating func writeAStringList(_ values: [ByteString]) {
        writeByte(ASCII.openParen)
        for (i, value) in values.enumerated() {
            if i > 0 { writeSpace() }
            writeAString(value)
        }
        writeByte(ASCII.closeParen)
    }
}
