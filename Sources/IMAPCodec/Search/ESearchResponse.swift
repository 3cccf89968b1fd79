// The ESEARCH response (RFC 4731, RFC 9051 `esearch-response`) with CONDSTORE MODSEQ
// (RFC 7162), CONTEXT ADDTO / REMOVEFROM (RFC 5267) and PARTIAL (RFC 9394).

/// The data of a `* ESEARCH` response (also sent for ESORT, RFC 5267).
public struct ESearchResponse: Sendable, Hashable {
    /// The tag of the command this answers (`search-correlator`), when given.
    public var tag: ByteString?
    /// The mailbox searched (MULTISEARCH, RFC 7377 `"MAILBOX" SP astring`), when given.
    public var mailbox: MailboxName?
    /// The UIDVALIDITY of ``mailbox`` (MULTISEARCH, RFC 7377), when given.
    public var uidValidity: UInt32?
    /// True when the numbers are UIDs (`UID`).
    public var uid: Bool
    /// The return data, in the order sent.
    public var data: [SearchReturnData]

    /// Creates a response.
    public init(
        tag: ByteString? = nil,
        mailbox: MailboxName? = nil,
        uidValidity: UInt32? = nil,
        uid: Bool = false,
        data: [SearchReturnData] = []
    ) {
        self.tag = tag
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.data = data
    }

    /// The `MIN` value, if any.
    public var min: UInt32? {
        for item in data { if case .min(let n) = item { return n } }
        return nil
    }

    /// The `MAX` value, if any.
    public var max: UInt32? {
        for item in data { if case .max(let n) = item { return n } }
        return nil
    }

    /// The `COUNT` value, if any.
    public var count: UInt32? {
        for item in data { if case .count(let n) = item { return n } }
        return nil
    }

    /// The `ALL` set, if any.
    public var all: SequenceSet? {
        for item in data { if case .all(let set) = item { return set } }
        return nil
    }

    /// The `MODSEQ` value, if any.
    public var modSequence: UInt64? {
        for item in data { if case .modSequence(let n) = item { return n } }
        return nil
    }
}

/// A position and the numbers added at or removed from it (RFC 5267 ADDTO / REMOVEFROM).
public struct SearchContextUpdate: Sendable, Hashable {
    /// `context-position`: where in the result the numbers go (0 for SEARCH).
    public var position: UInt32
    /// The numbers.
    public var set: SequenceSet

    /// Creates an update.
    public init(position: UInt32, set: SequenceSet) {
        self.position = position
        self.set = set
    }
}

/// One `search-return-data` item of ESEARCH.
public enum SearchReturnData: Sendable, Hashable {
    /// `MIN n`: the lowest match.
    case min(UInt32)
    /// `MAX n`: the highest match.
    case max(UInt32)
    /// `ALL sequence-set`: all matches, kept as ranges (never `$`).
    case all(SequenceSet)
    /// `COUNT n`: the number of matches.
    case count(UInt32)
    /// `MODSEQ n` (RFC 7162): the highest mod-sequence of the matches.
    case modSequence(UInt64)
    /// `PARTIAL (range results)` (RFC 9394): the requested range and the matches in it
    /// (nil for `NIL`: none).
    case partial(PartialRange, SequenceSet?)
    /// `ADDTO (position set ...)` (RFC 5267).
    case addTo(NonEmptyArray<SearchContextUpdate>)
    /// `REMOVEFROM (position set ...)` (RFC 5267).
    case removeFrom(NonEmptyArray<SearchContextUpdate>)
    /// `RELEVANCY (score ...)` (RFC 6203): the relevancy score, 1 to 100, of each match in
    /// the order of the result. The encoders refuse a score outside 1 to 100.
    case relevancy([UInt8])
    /// Any other item (`search-ret-data-ext`): its name (not one of the above) and value.
    case other(name: String, value: TaggedExtensionValue)
}

extension ParserState {
    // esearch-response  = "ESEARCH" [search-correlator] [SP "UID"]
    //                     *(SP search-return-data)
    // tag-string      = astring
    /// Parses what follows `ESEARCH`, up to (not including) CRLF. Lenient: extra and
    /// trailing spaces.
    mutating func esearchResponse() throws(IMAPDecodingError) -> ESearchResponse {
        var response = ESearchResponse()
        var first = true
        while peek() == ASCII.space {
            try sp("esearch-response")
            if lenient && atLineEnd { break }
            if first && peek() == ASCII.openParen {
                try searchCorrelator(&response)
            } else if response.data.isEmpty && !response.uid && skipKeyword("UID") {
                response.uid = true
            } else {
                try add(try searchReturnData(), to: &response.data, "search-return-data")
            }
            first = false
        }
        return response
    }

    // search-correlator  = SP "(" "TAG" SP tag-string ")"
    // search-correlator =  SP "(" one-correlator *(SP one-correlator) ")"   ; RFC 7377
    // one-correlator =  ("TAG" SP tag-string) / ("MAILBOX" SP astring) /
    //                   ("UIDVALIDITY" SP nz-number)
    //                   ; Each correlator MUST appear exactly once.
    /// At `(`; fills the tag, mailbox and UIDVALIDITY of `response`. A repeated correlator is
    /// rejected in both modes: the response would name two commands or two mailboxes, and no
    /// server is known to send one.
    mutating func searchCorrelator(_ response: inout ESearchResponse) throws(IMAPDecodingError) {
        try expect(ASCII.openParen, "search-correlator")
        skipExtraSpaces()
        while true {
            let start = index
            if skipKeyword("TAG") {
                if response.tag != nil { throw repeatedCorrelator("TAG", at: start) }
                try sp("search-correlator")
                response.tag = try astring()
            } else if skipKeyword("MAILBOX") {
                if response.mailbox != nil { throw repeatedCorrelator("MAILBOX", at: start) }
                try sp("search-correlator")
                response.mailbox = try mailbox()
            } else if skipKeyword("UIDVALIDITY") {
                if response.uidValidity != nil { throw repeatedCorrelator("UIDVALIDITY", at: start) }
                try sp("search-correlator")
                response.uidValidity = try nzNumber("search-correlator")
            } else {
                throw error("search-correlator", "expected TAG, MAILBOX or UIDVALIDITY, found \(found())")
            }
            if skip(ASCII.closeParen) { return }
            try sp("search-correlator")
            if lenient && skip(ASCII.closeParen) { return }
        }
    }

    func repeatedCorrelator(_ name: String, at offset: Int) -> IMAPDecodingError {
        error("search-correlator", "\(name) appears twice (each correlator must appear exactly once)", at: offset)
    }

    // search-return-data = "MIN" SP nz-number /
    //                     "MAX" SP nz-number /
    //                     "ALL" SP sequence-set /
    //                     "COUNT" SP number /
    //                     search-ret-data-ext
    // search-return-data =/ "MODSEQ" SP mod-sequence-value        ; RFC 7162
    // search-return-data =/ ret-data-partial / ret-data-addto /
    //                       ret-data-removefrom                  ; RFC 5267, RFC 9394
    // search-ret-data-ext = search-modifier-name SP search-return-value
    // search-return-value = tagged-ext-val
    mutating func searchReturnData() throws(IMAPDecodingError) -> SearchReturnData {
        if skipKeyword("MIN") {
            try sp("search-return-data")
            return .min(try nzNumber("search-return-data"))
        }
        if skipKeyword("MAX") {
            try sp("search-return-data")
            return .max(try nzNumber("search-return-data"))
        }
        if skipKeyword("ALL") {
            try sp("search-return-data")
            return .all(try responseSequenceSet("search-return-data", after: "ALL"))
        }
        if skipKeyword("COUNT") {
            try sp("search-return-data")
            return .count(try number("search-return-data"))
        }
        if skipKeyword("MODSEQ") {
            try sp("search-return-data")
            return .modSequence(try parseModSequenceValue("mod-sequence-value", allowZero: true))
        }
        if skipKeyword("PARTIAL") {
            return try retDataPartial()
        }
        if skipKeyword("ADDTO") {
            return .addTo(try retDataContextUpdates("ret-data-addto"))
        }
        if skipKeyword("REMOVEFROM") {
            return .removeFrom(try retDataContextUpdates("ret-data-removefrom"))
        }
        // search-return-data =/ "RELEVANCY" SP score-list       ; RFC 6203
        if skipKeyword("RELEVANCY") { return try relevancyScoreList() }
        let name = try taggedExtLabel("search-return-data")
        try sp("search-ret-data-ext")
        return .other(name: name, value: try taggedExtVal())
    }

    // sequence-set    = (seq-number / seq-range) ["," sequence-set]    ; RFC 3501
    /// The sequence sets of ESEARCH return data (ALL, PARTIAL, ADDTO, REMOVEFROM): RFC 9051
    /// forbids `$` after ALL, and RFC 9394 (partial-results) and RFC 5267 (ret-data-addto,
    /// ret-data-removefrom) take RFC 3501's sequence-set, which has no `$` (RFC 5182 adds it
    /// for commands: it names the client's saved result, which a server cannot send back).
    /// Strict: `$` is rejected. Lenient: kept, as for ALL (the set can hold it and the
    /// encoder writes it back; no server is known to send it).
    mutating func responseSequenceSet(_ rule: String, after item: String) throws(IMAPDecodingError) -> SequenceSet {
        let start = index
        let set = try sequenceSet()
        if !lenient && set.elements.contains(.lastCommand) {
            throw error(rule, "\"$\" is not allowed in a response (after \(item))", at: start)
        }
        return set
    }

    // ret-data-partial    = "PARTIAL"
    //                       SP "(" partial-range SP partial-results ")"
    // partial-results     = sequence-set / "NIL"
    /// After `PARTIAL`.
    mutating func retDataPartial() throws(IMAPDecodingError) -> SearchReturnData {
        try sp("ret-data-partial")
        try expect(ASCII.openParen, "ret-data-partial")
        skipExtraSpaces()
        let range = try partialRange()
        try sp("ret-data-partial")
        let results: SequenceSet? = skipNil() ? nil : try responseSequenceSet("partial-results", after: "PARTIAL")
        skipExtraSpaces()
        try expect(ASCII.closeParen, "ret-data-partial")
        return .partial(range, results)
    }

    // ret-data-addto      = "ADDTO"
    //                        SP "(" context-position SP sequence-set
    //                        *(SP context-position SP sequence-set)
    //                        ")"
    // ret-data-removefrom = "REMOVEFROM" SP "(" context-position SP sequence-set
    //                        *(SP context-position SP sequence-set) ")"
    // context-position    = number
    /// After `ADDTO` / `REMOVEFROM`.
    mutating func retDataContextUpdates(_ rule: String) throws(IMAPDecodingError) -> NonEmptyArray<SearchContextUpdate>
    {
        try sp(rule)
        try expect(ASCII.openParen, rule)
        skipExtraSpaces()
        var updates: [SearchContextUpdate] = []
        while true {
            let position = try number("context-position")
            try sp(rule)
            let set = try responseSequenceSet(rule, after: rule == "ret-data-addto" ? "ADDTO" : "REMOVEFROM")
            try add(SearchContextUpdate(position: position, set: set), to: &updates, "search-return-data")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: updates) }
            try sp(rule)
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: updates) }
        }
    }
}

extension IMAPWriter {
    // esearch-response  = "ESEARCH" [search-correlator] [SP "UID"]
    //                     *(SP search-return-data)
    /// Writes what follows `ESEARCH`, no CRLF.
    mutating func writeESearchResponse(_ response: ESearchResponse) {
        writeESearchCorrelator(tag: response.tag, mailbox: response.mailbox, uidValidity: response.uidValidity)
        if response.uid { write(" UID") }
        for item in response.data {
            writeSpace()
            writeSearchReturnData(item)
        }
    }

    // search-correlator =  SP "(" one-correlator *(SP one-correlator) ")"   ; RFC 7377
    /// Writes ` (TAG ... MAILBOX ... UIDVALIDITY ...)`, nothing when all three are nil.
    mutating func writeESearchCorrelator(tag: ByteString?, mailbox: MailboxName?, uidValidity: UInt32?) {
        if tag == nil && mailbox == nil && uidValidity == nil { return }
        write(" (")
        var separator = false
        if let tag {
            write("TAG ")
            writeAString(tag)
            separator = true
        }
        if let mailbox {
            if separator { writeSpace() }
            write("MAILBOX ")
            writeMailbox(mailbox)
            separator = true
        }
        if let uidValidity {
            if separator { writeSpace() }
            write("UIDVALIDITY ")
            writeNZNumber(uidValidity, "ESEARCH number")
        }
        writeByte(ASCII.closeParen)
    }

    // search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set /
    //                      "COUNT" SP number / search-ret-data-ext
    mutating func writeSearchReturnData(_ item: SearchReturnData) {
        switch item {
        case .min(let n):
            write("MIN ")
            writeNZNumber(n, "ESEARCH number")
        case .max(let n):
            write("MAX ")
            writeNZNumber(n, "ESEARCH number")
        // "ALL" SP sequence-set   ; Note that "$" marker is not allowed after the ALL
        //                          ; return data item.  (RFC 9051)
        case .all(let set):
            write("ALL ")
            writeNumberSet(set, "ESEARCH ALL", "search-return-data", allowingStar: true)
        case .count(let n):
            write("COUNT ")
            writeNumber(n)
        // search-return-data =/ "MODSEQ" SP mod-sequence-value   ; RFC 4731, RFC 7162
        case .modSequence(let n):
            write("MODSEQ ")
            writeModSequenceValue(n, "ESEARCH MODSEQ")
        case .partial(let range, let results):
            write("PARTIAL (")
            writePartialRange(range)
            writeSpace()
            // partial-results = sequence-set / "NIL" (RFC 9394: RFC 3501's sequence-set, no "$")
            if let results {
                writeNumberSet(results, "ESEARCH PARTIAL", "partial-results", allowingStar: true)
            } else {
                writeNil()
            }
            writeByte(ASCII.closeParen)
        case .addTo(let updates):
            write("ADDTO ")
            writeSearchContextUpdates(updates, "ret-data-addto")
        case .removeFrom(let updates):
            write("REMOVEFROM ")
            writeSearchContextUpdates(updates, "ret-data-removefrom")
        case .relevancy(let scores): writeRelevancyScores(scores)
        case .other(let name, let value):
            needsReadBack("ESEARCH data")
            writeLabel(name, "ESEARCH data name")
            writeSpace()
            writeTaggedExtVal(value)
        }
    }

    /// Writes `"(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"`.
    // ret-data-addto  = "ADDTO" SP "(" context-position SP sequence-set
    //                   *(SP context-position SP sequence-set) ")"   (RFC 5267; no "$")
    mutating func writeSearchContextUpdates(_ updates: NonEmptyArray<SearchContextUpdate>, _ rule: String) {
        writeByte(ASCII.openParen)
        for (i, update) in updates.enumerated() {
            if i > 0 { writeSpace() }
            writeNumber(update.position)
            writeSpace()
            writeNumberSet(update.set, "ESEARCH context update", rule, allowingStar: true)
        }
        writeByte(ASCII.closeParen)
    }
}
