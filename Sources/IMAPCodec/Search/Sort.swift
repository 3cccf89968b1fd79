// SORT command arguments (RFC 5256 `sort`, RFC 5957 SORT=DISPLAY, RFC 5267 ESORT).

/// A sort key (`sort-key`). An open set: keys from newer extensions round-trip unchanged.
/// Compared ignoring case.
public struct SortKey: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates a sort key from its wire form (`ARRIVAL`), or returns nil when it is not one (an atom).
    /// A well-known key in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates a sort key from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form, e.g. `ARRIVAL`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `ARRIVAL`: internal date and time.
    public static let arrival = SortKey(uncheckedRawValue: "ARRIVAL")
    /// `CC`: first Cc address mailbox.
    public static let cc = SortKey(uncheckedRawValue: "CC")
    /// `DATE`: sent date (Date header).
    public static let date = SortKey(uncheckedRawValue: "DATE")
    /// `FROM`: first From address mailbox.
    public static let from = SortKey(uncheckedRawValue: "FROM")
    /// `SIZE`: RFC 822 size.
    public static let size = SortKey(uncheckedRawValue: "SIZE")
    /// `SUBJECT`: base subject.
    public static let subject = SortKey(uncheckedRawValue: "SUBJECT")
    /// `TO`: first To address mailbox.
    public static let to = SortKey(uncheckedRawValue: "TO")
    /// `DISPLAYFROM` (RFC 5957): display name of the first From address.
    public static let displayFrom = SortKey(uncheckedRawValue: "DISPLAYFROM")
    /// `DISPLAYTO` (RFC 5957): display name of the first To address.
    public static let displayTo = SortKey(uncheckedRawValue: "DISPLAYTO")
    /// `RELEVANCY` (RFC 6203, SEARCH=FUZZY): the relevancy score of a FUZZY search.
    public static let relevancy = SortKey(uncheckedRawValue: "RELEVANCY")

}

/// One `sort-criterion`: a key, optionally reversed.
public struct SortCriterion: Sendable, Hashable {
    /// `REVERSE`: descending order.
    public var reverse: Bool
    /// The key.
    public var key: SortKey

    /// Creates a criterion.
    public init(_ key: SortKey, reverse: Bool = false) {
        self.key = key
        self.reverse = reverse
    }
}

/// What follows `SORT SP` in a SORT or UID SORT command.
public struct SortArguments: Sendable, Hashable {
    /// `RETURN (...)` (ESORT, RFC 5267); nil when absent.
    public var returnOptions: [SearchReturnOption]?
    /// The criteria, most significant first (at least one).
    public var criteria: NonEmptyArray<SortCriterion>
    /// The charset of the search strings (required by SORT).
    public var charset: String
    /// The search keys, all of which must match; at least one (`NonEmptyArray(.all)` is
    /// every message).
    public var keys: NonEmptyArray<SearchKey>

    /// Creates SORT arguments.
    public init(
        returnOptions: [SearchReturnOption]? = nil,
        criteria: NonEmptyArray<SortCriterion>,
        charset: String = "UTF-8",
        keys: NonEmptyArray<SearchKey>
    ) {
        self.returnOptions = returnOptions
        self.criteria = criteria
        self.charset = charset
        self.keys = keys
    }
}

extension ParserState {
    // sort            = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
    // extended-sort   = ["UID" SP] "SORT" search-return-opts
    //                   SP sort-criteria SP search-criteria      ; RFC 5267
    // search-criteria = charset 1*(SP search-key)
    /// Parses what follows `SORT SP`: `[RETURN (...) SP] sort-criteria SP charset
    /// 1*(SP search-key)`; stops before CRLF.
    mutating func sortArguments() throws(IMAPDecodingError) -> SortArguments {
        var returnOptions: [SearchReturnOption]? = nil
        if skipKeyword("RETURN") {
            returnOptions = try searchReturnOpts()
            try sp("extended-sort")
        }
        let criteria = try sortCriteria()
        try sp("sort")
        let charset = try self.charset()
        try sp("search-criteria")
        let keys = try searchKeyList("search-criteria")
        return SortArguments(returnOptions: returnOptions, criteria: criteria, charset: charset, keys: keys)
    }

    // sort-criteria   = "(" sort-criterion *(SP sort-criterion) ")"
    // sort-criterion  = ["REVERSE" SP] sort-key
    // sort-key        = "ARRIVAL" / "CC" / "DATE" / "FROM" / "SIZE" /
    //                   "SUBJECT" / "TO"
    // sort-key        =/ "DISPLAYFROM" / "DISPLAYTO"             ; RFC 5957
    // sort-key        =/ "RELEVANCY"                             ; RFC 6203
    /// Unknown keys (atoms) are kept, but never `REVERSE`: it is the criterion's prefix, not a
    /// key, so `(REVERSE REVERSE SUBJECT)` and `(SUBJECT REVERSE)` are rejected in both modes
    /// (no server or client is known to send them, and they have no one meaning).
    mutating func sortCriteria() throws(IMAPDecodingError) -> NonEmptyArray<SortCriterion> {
        try expect(ASCII.openParen, "sort-criteria")
        skipExtraSpaces()
        var criteria: [SortCriterion] = []
        while true {
            let reverse = skipKeyword("REVERSE")
            if reverse { try sp("sort-criterion") }
            let start = index
            if skipKeyword("REVERSE") {
                throw error("sort-key", "\"REVERSE\" is not a sort key", at: start)
            }
            _ = try atom("sort-key")
            let key = try withName(start..<index, "sort-key") { SortKey.from($0) }
            try add(SortCriterion(key, reverse: reverse), to: &criteria, "sort-criteria")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: criteria) }
            try sp("sort-criteria")
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: criteria) }
        }
    }
}

extension SortKey {
    /// The well-known values.
    static let known: [SortKey] = [
        .arrival, .cc, .date, .from, .size, .subject, .to, .displayFrom, .displayTo, .relevancy,
    ]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    // sort-criterion  = ["REVERSE" SP] sort-key
    /// `REVERSE` is the criterion's modifier, never a key: `(REVERSE)` reads as nothing.
    static func problem(in spelling: String) -> IMAPValueError? {
        if let problem = RegistryName.problem(in: spelling, rule: "sort-key", backslash: .forbidden) { return problem }
        if spelling.utf8.count == 7 && ASCII.equalsCaseInsensitive(spelling.utf8, "REVERSE".utf8) {
            return IMAPValueError(
                kind: .ambiguous,
                field: "sort-key",
                rule: "sort-criterion",
                message: "REVERSE is the criterion's modifier, not a sort key"
            )
        }
        return nil
    }

}

extension IMAPWriter {
    // sort            = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
    /// Writes what follows `SORT SP`.
    mutating func writeSortArguments(_ arguments: SortArguments) {
        if let options = arguments.returnOptions {
            writeSearchReturnOpts(options)
            writeSpace()
        }
        writeSortCriteria(arguments.criteria)
        writeSpace()
        writeCharset(arguments.charset)
        writeSpace()
        writeSearchKeys(arguments.keys)
    }

    // sort-criteria   = "(" sort-criterion *(SP sort-criterion) ")"
    mutating func writeSortCriteria(_ criteria: NonEmptyArray<SortCriterion>) {
        writeByte(ASCII.openParen)
        for (i, criterion) in criteria.enumerated() {
            if i > 0 { writeSpace() }
            if criterion.reverse { write("REVERSE ") }
            writeBytes(criterion.key.rawValue.utf8)
        }
        writeByte(ASCII.closeParen)
    }
}
