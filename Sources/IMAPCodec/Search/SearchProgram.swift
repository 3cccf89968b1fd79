// The arguments of SEARCH (RFC 9051 `search`), with the RETURN options of RFC 4466,
// ESEARCH (RFC 4731), SEARCHRES (RFC 5182), CONTEXT (RFC 5267) and PARTIAL (RFC 9394).

/// What follows `SEARCH SP` in a SEARCH or UID SEARCH command.
public struct SearchProgram: Sendable, Hashable {
    /// The `RETURN (...)` options; nil when absent. An empty array is `RETURN ()`, which
    /// asks for an ESEARCH response with ALL.
    public var returnOptions: [SearchReturnOption]?
    /// The `CHARSET` of the search strings; nil when absent (UTF-8 in IMAP4rev2,
    /// US-ASCII in IMAP4rev1).
    public var charset: String?
    /// The search keys, all of which must match; at least one (`NonEmptyArray(.all)` is
    /// every message).
    public var keys: NonEmptyArray<SearchKey>

    /// Creates a search program.
    public init(returnOptions: [SearchReturnOption]? = nil, charset: String? = nil, keys: NonEmptyArray<SearchKey>) {
        self.returnOptions = returnOptions
        self.charset = charset
        self.keys = keys
    }
}

/// A range of results asked for by PARTIAL (RFC 9394, RFC 5267): `first:last` counted
/// from the oldest result, or `-first:-last` counted from the newest.
public enum PartialRange: Sendable, Hashable {
    /// `partial-range-first = nz-number ":" nz-number`: results `from` to `to`, counting
    /// the oldest (lowest) result as 1.
    case first(from: UInt32, to: UInt32)
    /// `partial-range-last = MINUS nz-number ":" MINUS nz-number`: results counted from
    /// the newest; `-1:-100` is `.last(from: 1, to: 100)`.
    case last(from: UInt32, to: UInt32)
}

/// One `search-return-opt` of `RETURN (...)`.
public enum SearchReturnOption: Sendable, Hashable {
    /// `MIN`: the lowest matching number.
    case min
    /// `MAX`: the highest matching number.
    case max
    /// `ALL`: all matching numbers, as a sequence set.
    case all
    /// `COUNT`: the number of matches.
    case count
    /// `SAVE` (RFC 5182): remember the result for `$`.
    case save
    /// `CONTEXT` (RFC 5267): the client will ask for updates.
    case context
    /// `UPDATE` (RFC 5267): send unsolicited ADDTO/REMOVEFROM updates.
    case update
    /// `PARTIAL range` (RFC 9394 / RFC 5267): only this range of the results.
    case partial(PartialRange)
    /// `RELEVANCY` (RFC 6203, SEARCH=FUZZY): return the relevancy score of each match.
    case relevancy
    /// Any other option (`search-ret-opt-ext`): its name (not one of the above) and
    /// optional parameter.
    case other(name: String, value: TaggedExtensionValue?)
}

extension ParserState {
    // search          = "SEARCH" [search-return-opts] SP search-program
    // search-program  = ["CHARSET" SP charset SP]
    //                   search-key *(SP search-key)
    /// Parses what follows `SEARCH SP`: `[RETURN (...) SP] [CHARSET charset SP]
    /// search-key *(SP search-key)`; stops before CRLF.
    mutating func searchProgram() throws(IMAPDecodingError) -> SearchProgram {
        var returnOptions: [SearchReturnOption]? = nil
        if skipKeyword("RETURN") {
            returnOptions = try searchReturnOpts()
            try sp("search")
        }
        var charset: String? = nil
        if skipKeyword("CHARSET") {
            try sp("search-program")
            charset = try self.charset()
            try sp("search-program")
        }
        let keys = try searchKeyList("search-program")
        return SearchProgram(returnOptions: returnOptions, charset: charset, keys: keys)
    }

    /// `search-key *(SP search-key)`, stopping before CRLF (or the end).
    /// Lenient: trailing spaces before the line end.
    mutating func searchKeyList(_ rule: String) throws(IMAPDecodingError) -> NonEmptyArray<SearchKey> {
        var keys: [SearchKey] = []
        try add(try searchKey(), to: &keys, rule)
        while peek() == ASCII.space {
            try sp(rule)
            if lenient && atLineEnd { break }
            try add(try searchKey(), to: &keys, "search-key")
        }
        return NonEmptyArray(unchecked: keys)
    }

    // charset         = atom / quoted
    mutating func charset() throws(IMAPDecodingError) -> String {
        let value: ByteString
        if peek() == ASCII.dquote {
            value = try quoted()
        } else if lenient {
            value = try astring()
        } else {
            value = try atom("charset")
        }
        return String(decoding: value.bytes, as: UTF8.self)
    }

    // search-return-opts = SP "RETURN" SP "(" [search-return-opt
    //                     *(SP search-return-opt)] ")"
    /// After `RETURN`: `SP "(" [search-return-opt *(SP search-return-opt)] ")"`.
    mutating func searchReturnOpts() throws(IMAPDecodingError) -> [SearchReturnOption] {
        try sp("search-return-opts")
        try expect(ASCII.openParen, "search-return-opts")
        var options: [SearchReturnOption] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return options }
        while true {
            try add(try searchReturnOpt(), to: &options, "search-return-opts")
            if skip(ASCII.closeParen) { return options }
            try sp("search-return-opts")
            if lenient && skip(ASCII.closeParen) { return options }
        }
    }

    // search-return-opt  = "MIN" / "MAX" / "ALL" / "COUNT" /
    //                      "SAVE" /
    //                      search-ret-opt-ext
    // search-ret-opt-ext = search-modifier-name [SP search-mod-params]
    // search-modifier-name = tagged-ext-label
    // search-mod-params = tagged-ext-val
    // modifier-context    = "CONTEXT"                 ; RFC 5267
    // modifier-update     = "UPDATE"                  ; RFC 5267
    // modifier-partial    = "PARTIAL" SP partial-range ; RFC 9394
    mutating func searchReturnOpt() throws(IMAPDecodingError) -> SearchReturnOption {
        if skipKeyword("MIN") { return .min }
        if skipKeyword("MAX") { return .max }
        if skipKeyword("ALL") { return .all }
        if skipKeyword("COUNT") { return .count }
        if skipKeyword("SAVE") { return .save }
        if skipKeyword("CONTEXT") { return .context }
        if skipKeyword("UPDATE") { return .update }
        // search-return-opt  =/ "RELEVANCY"                ; RFC 6203
        if skipKeyword("RELEVANCY") { return .relevancy }
        if skipKeyword("PARTIAL") {
            try sp("modifier-partial")
            return .partial(try partialRange())
        }
        let name = try taggedExtLabel("search-return-opt")
        // A parameter starts with a digit, "*", "$", "-" or "("; an option name cannot.
        if peek() == ASCII.space, let next = peek(1),
            ASCII.isDigit(next) || next == ASCII.star || next == ASCII.dollar || next == ASCII.openParen
        {
            try sp("search-ret-opt-ext")
            return .other(name: name, value: try taggedExtVal())
        }
        return .other(name: name, value: nil)
    }

    // partial-range       = partial-range-first / partial-range-last
    // partial-range-first = nz-number ":" nz-number
    // partial-range-last  = MINUS nz-number ":" MINUS nz-number
    mutating func partialRange() throws(IMAPDecodingError) -> PartialRange {
        if skip(ASCII.minus) {
            let from = try nzNumber("partial-range-last")
            try expect(ASCII.colon, "partial-range-last")
            try expect(ASCII.minus, "partial-range-last")
            return .last(from: from, to: try nzNumber("partial-range-last"))
        }
        let from = try nzNumber("partial-range-first")
        try expect(ASCII.colon, "partial-range-first")
        return .first(from: from, to: try nzNumber("partial-range-first"))
    }
}

extension IMAPWriter {
    // search-program  = ["CHARSET" SP charset SP] search-key *(SP search-key)
    /// Writes what follows `SEARCH SP`: `[RETURN (...) SP] [CHARSET charset SP] keys`.
    mutating func writeSearchProgram(_ program: SearchProgram) {
        if let options = program.returnOptions {
            writeSearchReturnOpts(options)
            writeSpace()
        }
        if let charset = program.charset {
            write("CHARSET ")
            writeCharset(charset)
            writeSpace()
        }
        writeSearchKeys(program.keys)
    }

    /// Writes `RETURN (opt *(SP opt))` (without the leading SP of `search-return-opts`).
    mutating func writeSearchReturnOpts(_ options: [SearchReturnOption]) {
        write("RETURN (")
        for (i, option) in options.enumerated() {
            if i > 0 { writeSpace() }
            writeSearchReturnOpt(option)
        }
        writeByte(ASCII.closeParen)
    }

    // search-return-opt  = "MIN" / "MAX" / "ALL" / "COUNT" / "SAVE" / search-ret-opt-ext
    mutating func writeSearchReturnOpt(_ option: SearchReturnOption) {
        switch option {
        case .min: write("MIN")
        case .max: write("MAX")
        case .all: write("ALL")
        case .count: write("COUNT")
        case .save: write("SAVE")
        case .context: write("CONTEXT")
        case .update: write("UPDATE")
        case .relevancy: write("RELEVANCY")
        case .partial(let range):
            write("PARTIAL ")
            writePartialRange(range)
        case .other(let name, let value):
            needsReadBack("SEARCH RETURN option")
            writeLabel(name, "SEARCH RETURN option name")
            if let value {
                writeSpace()
                writeTaggedExtVal(value)
            }
        }
    }

    // partial-range       = partial-range-first / partial-range-last
    mutating func writePartialRange(_ range: PartialRange) {
        switch range {
        case .first(let from, let to):
            writeNZNumber(from, "PARTIAL range")
            writeByte(ASCII.colon)
            writeNZNumber(to, "PARTIAL range")
        case .last(let from, let to):
            writeByte(ASCII.minus)
            writeNZNumber(from, "PARTIAL range")
            writeByte(ASCII.colon)
            writeByte(ASCII.minus)
            writeNZNumber(to, "PARTIAL range")
        }
    }
}
