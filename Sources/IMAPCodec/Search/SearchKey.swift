// The search-key grammar of RFC 9051 / RFC 3501 and its extensions: CONDSTORE MODSEQ
// (RFC 7162), WITHIN (RFC 5032), SAVEDATE (RFC 8514), OBJECTID (RFC 8474), SEARCHRES `$`
// (RFC 5182) and the Gmail extensions (X-GM-RAW, X-GM-MSGID, X-GM-THRID, X-GM-LABELS).

/// One search criterion of SEARCH, SORT and THREAD (`search-key`).
///
/// Strings are `ByteString`s: search text may be UTF-8 (or another CHARSET) and travels
/// as a literal when it is not plain ASCII.
public enum SearchKey: Sendable, Hashable {
    /// `ALL`: every message.
    case all
    /// `ANSWERED`: messages with `\Answered`.
    case answered
    /// `DELETED`: messages with `\Deleted`.
    case deleted
    /// `DRAFT`: messages with `\Draft`.
    case draft
    /// `FLAGGED`: messages with `\Flagged`.
    case flagged
    /// `SEEN`: messages with `\Seen`.
    case seen
    /// `NEW`: recent and unseen (IMAP4rev1 only).
    case new
    /// `OLD`: not recent (IMAP4rev1 only).
    case old
    /// `RECENT`: messages with `\Recent` (IMAP4rev1 only).
    case recent
    /// `UNANSWERED`: messages without `\Answered`.
    case unanswered
    /// `UNDELETED`: messages without `\Deleted`.
    case undeleted
    /// `UNDRAFT`: messages without `\Draft`.
    case undraft
    /// `UNFLAGGED`: messages without `\Flagged`.
    case unflagged
    /// `UNSEEN`: messages without `\Seen`.
    case unseen

    /// `BCC string`: the Bcc header contains the string.
    case bcc(ByteString)
    /// `BODY string`: the body contains the string.
    case body(ByteString)
    /// `CC string`: the Cc header contains the string.
    case cc(ByteString)
    /// `FROM string`: the From header contains the string.
    case from(ByteString)
    /// `SUBJECT string`: the Subject header contains the string.
    case subject(ByteString)
    /// `TEXT string`: the header or body contains the string.
    case text(ByteString)
    /// `TO string`: the To header contains the string.
    case to(ByteString)
    /// `HEADER field-name string`: the named header field contains the string (an empty
    /// string matches every message having the field).
    case header(field: ByteString, value: ByteString)

    /// `BEFORE date`: internal date earlier than the date.
    case before(IMAPDate)
    /// `ON date`: internal date within the date.
    case on(IMAPDate)
    /// `SINCE date`: internal date within or later than the date.
    case since(IMAPDate)
    /// `SENTBEFORE date`: Date header earlier than the date.
    case sentBefore(IMAPDate)
    /// `SENTON date`: Date header within the date.
    case sentOn(IMAPDate)
    /// `SENTSINCE date`: Date header within or later than the date.
    case sentSince(IMAPDate)
    /// `SAVEDBEFORE date` (RFC 8514): save date earlier than the date.
    case savedBefore(IMAPDate)
    /// `SAVEDON date` (RFC 8514): save date within the date.
    case savedOn(IMAPDate)
    /// `SAVEDSINCE date` (RFC 8514): save date within or later than the date.
    case savedSince(IMAPDate)
    /// `SAVEDATESUPPORTED` (RFC 8514): all messages if the mailbox keeps save dates, else none.
    case savedDateSupported
    /// `OLDER n` (RFC 5032): internal date more than n seconds ago.
    case older(UInt32)
    /// `YOUNGER n` (RFC 5032): internal date at most n seconds ago.
    case younger(UInt32)

    /// `KEYWORD flag`: messages with the keyword.
    case keyword(Flag)
    /// `UNKEYWORD flag`: messages without the keyword.
    case unkeyword(Flag)

    /// `LARGER n`: RFC 822 size larger than n octets (0 ... 2^63-1).
    case larger(Int64)
    /// `SMALLER n`: RFC 822 size smaller than n octets (0 ... 2^63-1).
    case smaller(Int64)

    /// A bare sequence set: messages with these sequence numbers (or `$`, SEARCHRES).
    case sequenceSet(SequenceSet)
    /// `UID sequence-set`: messages with these UIDs.
    case uid(SequenceSet)
    /// `FILTER name` (RFC 5466): messages matching the filter stored under that name. The
    /// name is an atom without `/`; the encoders refuse one with `/`.
    case filter(Atom)
    /// `UIDAFTER uid` (RFC 10022): messages whose UID is greater than uid.
    case uidAfter(UInt32)
    /// `UIDBEFORE uid` (RFC 10022): messages whose UID is less than uid.
    case uidBefore(UInt32)

    /// `MODSEQ [entry-name entry-type] n` (RFC 7162): mod-sequence at least n.
    case modSequence(entry: ModSequenceEntry?, value: UInt64)

    /// `EMAILID objectid` (RFC 8474).
    case emailID(ByteString)
    /// `THREADID objectid` (RFC 8474).
    case threadID(ByteString)

    /// `X-GM-RAW string` (Gmail): a Gmail search expression.
    case gmailRaw(ByteString)
    /// `X-GM-MSGID n` (Gmail): the Gmail message id.
    case gmailMessageID(Int64)
    /// `X-GM-THRID n` (Gmail): the Gmail thread id.
    case gmailThreadID(Int64)
    /// `X-GM-LABELS label` (Gmail): messages carrying the label.
    case gmailLabels(ByteString)

    /// `NOT key`: messages not matching the key.
    indirect case not(SearchKey)
    /// `FUZZY key` (RFC 6203, SEARCH=FUZZY): the key, matched in a way the server chooses.
    indirect case fuzzy(SearchKey)
    /// `OR key1 key2`: messages matching either key.
    indirect case or(SearchKey, SearchKey)
    /// `"(" key *(SP key) ")"`: messages matching every key (at least one: the grammar has
    /// no empty parentheses; `.all` is every message).
    case and(NonEmptyArray<SearchKey>)
}

/// The metadata item of a `MODSEQ` search key (RFC 7162 `entry-name SP entry-type-req`).
public struct ModSequenceEntry: Sendable, Hashable {
    /// Which metadata items a `MODSEQ` search looks at (`entry-type-req`).
    public enum EntryType: Sendable, Hashable {
        /// `priv`: the private metadata item.
        case priv
        /// `shared`: the shared metadata item.
        case shared
        /// `all`: both.
        case all
    }

    /// The entry name without quotes or escapes, e.g. `/flags/\Seen`.
    public var name: ByteString
    /// The entry type.
    public var type: EntryType

    /// Creates an entry from its name and type, or returns nil unless the name is
    /// `/flags/` followed by a flag (`entry-flag-name`).
    public init?(name: ByteString, type: EntryType) {
        let prefix = Array("/flags/".utf8)
        guard name.count > prefix.count, ASCII.equalsCaseInsensitive(name.bytes.prefix(prefix.count), prefix),
            Flag(String(decoding: name.bytes.dropFirst(prefix.count), as: UTF8.self)) != nil
        else { return nil }
        self.init(decoded: name, type: type)
    }

    /// An entry as decoded (lenient decoding keeps any name).
    init(decoded name: ByteString, type: EntryType) {
        self.name = name
        self.type = type
    }

    /// Creates the entry of a flag: `/flags/<flag>`.
    public init(flag: Flag, type: EntryType) {
        self.name = ByteString(bytes: Array("/flags/".utf8) + Array(flag.rawValue.utf8))
        self.type = type
    }

    /// The flag named by the entry (`/flags/<flag>`), or nil when the name has another form.
    public var flag: Flag? {
        let prefix = Array("/flags/".utf8)
        guard name.count > prefix.count,
            ASCII.equalsCaseInsensitive(name.bytes.prefix(prefix.count), prefix)
        else { return nil }
        return Flag(String(decoding: name.bytes.dropFirst(prefix.count), as: UTF8.self))
    }
}

extension ParserState {
    // search-key      = "ALL" / "ANSWERED" / "BCC" SP astring /
    //                   "BEFORE" SP date / "BODY" SP astring /
    //                   "CC" SP astring / "DELETED" / "FLAGGED" /
    //                   "FROM" SP astring / "KEYWORD" SP flag-keyword /
    //                   "ON" SP date / "SEEN" /
    //                   "SINCE" SP date / "SUBJECT" SP astring /
    //                   "TEXT" SP astring / "TO" SP astring /
    //                   "UNANSWERED" / "UNDELETED" / "UNFLAGGED" /
    //                   "UNKEYWORD" SP flag-keyword / "UNSEEN" /
    //                   "DRAFT" / "HEADER" SP header-fld-name SP astring /
    //                   "LARGER" SP number64 / "NOT" SP search-key /
    //                   "OR" SP search-key SP search-key /
    //                   "SENTBEFORE" SP date / "SENTON" SP date /
    //                   "SENTSINCE" SP date / "SMALLER" SP number64 /
    //                   "UID" SP sequence-set / "UNDRAFT" / sequence-set /
    //                   "(" search-key *(SP search-key) ")"
    // search-key      =/ "NEW" / "OLD" / "RECENT"                        ; RFC 3501
    // search-key      =/ search-modsequence                              ; RFC 7162
    // search-key      =/ ( "OLDER" / "YOUNGER" ) SP nz-number            ; RFC 5032
    // search-key      =/ "SAVEDBEFORE" SP date / "SAVEDON" SP date /
    //                    "SAVEDSINCE" SP date / "SAVEDATESUPPORTED"      ; RFC 8514
    // search-key      =/ "EMAILID" SP objectid / "THREADID" SP objectid  ; RFC 8474
    // search-key      =/ "UIDAFTER" SP uniqueid / "UIDBEFORE" SP uniqueid  ; RFC 10022
    // search-key      =/ "FILTER" SP filter-name                          ; RFC 5466
    // search-key      =/ "X-GM-RAW" SP astring / "X-GM-MSGID" SP number64 /
    //                    "X-GM-THRID" SP number64 / "X-GM-LABELS" SP astring  ; Gmail
    /// NOT, OR and parenthesized lists count as nesting, so `NOT NOT NOT ...` or deep
    /// parentheses stop at ``DecodingLimits/maxNestingDepth``.
    mutating func searchKey() throws(IMAPDecodingError) -> SearchKey {
        guard let first = peek() else {
            throw error("search-key", "expected a search key, found end of input")
        }
        switch ASCII.upper(first) {
        case ASCII.openParen:
            try enterNesting("search-key")
            index &+= 1
            skipExtraSpaces()
            var keys: [SearchKey] = []
            try add(try searchKey(), to: &keys, "search-key")
            while !skip(ASCII.closeParen) {
                try sp("search-key")
                if lenient && skip(ASCII.closeParen) { break }
                try add(try searchKey(), to: &keys, "search-key")
            }
            leaveNesting()
            return .and(NonEmptyArray(unchecked: keys))
        case ASCII.star, ASCII.dollar, ASCII.zero...ASCII.nine:
            return .sequenceSet(try sequenceSet())
        case UInt8(ascii: "A"):
            if skipKeyword("ALL") { return .all }
            if skipKeyword("ANSWERED") { return .answered }
        case UInt8(ascii: "B"):
            if skipKeyword("BCC") { return .bcc(try searchKeyAString()) }
            if skipKeyword("BEFORE") { return .before(try searchKeyDate()) }
            if skipKeyword("BODY") { return .body(try searchKeyAString()) }
        case UInt8(ascii: "C"):
            if skipKeyword("CC") { return .cc(try searchKeyAString()) }
        case UInt8(ascii: "D"):
            if skipKeyword("DELETED") { return .deleted }
            if skipKeyword("DRAFT") { return .draft }
        case UInt8(ascii: "E"):
            if skipKeyword("EMAILID") { return .emailID(try searchKeyObjectID()) }
        case UInt8(ascii: "F"):
            if skipKeyword("FLAGGED") { return .flagged }
            if skipKeyword("FROM") { return .from(try searchKeyAString()) }
            // search-key      =/ "FUZZY" SP search-key                     ; RFC 6203
            if skipKeyword("FUZZY") { return try fuzzySearchKey() }
            // search-key =/ "FILTER" SP filter-name                            ; RFC 5466
            // filter-name = 1*<any ATOM-CHAR except "/">
            if skipKeyword("FILTER") {
                try sp("search-key")
                let start = index
                let name = try atom("filter-name")
                if let slash = name.bytes.firstIndex(of: UInt8(ascii: "/")) {
                    throw error(
                        "filter-name",
                        "a filter name has no \"/\"",
                        at: start &+ (slash &- name.bytes.startIndex)
                    )
                }
                return .filter(Atom(decoded: name))
            }
        case UInt8(ascii: "H"):
            if skipKeyword("HEADER") {
                let field = try searchKeyAString()
                return .header(field: field, value: try searchKeyAString())
            }
        case UInt8(ascii: "K"):
            if skipKeyword("KEYWORD") { return .keyword(try searchKeyFlagKeyword()) }
        case UInt8(ascii: "L"):
            if skipKeyword("LARGER") {
                try sp("search-key")
                return .larger(try number64("search-key"))
            }
        case UInt8(ascii: "M"):
            if skipKeyword("MODSEQ") { return try searchModsequence() }
        case UInt8(ascii: "N"):
            if skipKeyword("NEW") { return .new }
            if skipKeyword("NOT") {
                try sp("search-key")
                try enterNesting("search-key")
                let key = try searchKey()
                leaveNesting()
                // The case's box.
                try charge(Self.allocationOverhead &+ MemoryLayout<SearchKey>.stride, "search-key")
                return .not(key)
            }
        case UInt8(ascii: "O"):
            if skipKeyword("OLD") { return .old }
            if skipKeyword("OLDER") {
                try sp("search-key")
                return .older(try nzNumber("search-key"))
            }
            if skipKeyword("ON") { return .on(try searchKeyDate()) }
            if skipKeyword("OR") {
                try sp("search-key")
                try enterNesting("search-key")
                let first = try searchKey()
                try sp("search-key")
                let second = try searchKey()
                leaveNesting()
                try charge(Self.allocationOverhead &+ 2 &* MemoryLayout<SearchKey>.stride, "search-key")
                return .or(first, second)
            }
        case UInt8(ascii: "R"):
            if skipKeyword("RECENT") { return .recent }
        case UInt8(ascii: "S"):
            if skipKeyword("SEEN") { return .seen }
            if skipKeyword("SINCE") { return .since(try searchKeyDate()) }
            if skipKeyword("SUBJECT") { return .subject(try searchKeyAString()) }
            if skipKeyword("SMALLER") {
                try sp("search-key")
                return .smaller(try number64("search-key"))
            }
            if skipKeyword("SENTBEFORE") { return .sentBefore(try searchKeyDate()) }
            if skipKeyword("SENTON") { return .sentOn(try searchKeyDate()) }
            if skipKeyword("SENTSINCE") { return .sentSince(try searchKeyDate()) }
            if skipKeyword("SAVEDBEFORE") { return .savedBefore(try searchKeyDate()) }
            if skipKeyword("SAVEDON") { return .savedOn(try searchKeyDate()) }
            if skipKeyword("SAVEDSINCE") { return .savedSince(try searchKeyDate()) }
            if skipKeyword("SAVEDATESUPPORTED") { return .savedDateSupported }
        case UInt8(ascii: "T"):
            if skipKeyword("TEXT") { return .text(try searchKeyAString()) }
            if skipKeyword("TO") { return .to(try searchKeyAString()) }
            if skipKeyword("THREADID") { return .threadID(try searchKeyObjectID()) }
        case UInt8(ascii: "U"):
            // search-key =/ "UIDAFTER" SP uniqueid / "UIDBEFORE" SP uniqueid   ; RFC 10022
            if skipKeyword("UIDAFTER") {
                try sp("search-key")
                return .uidAfter(try nzNumber("search-key"))
            }
            if skipKeyword("UIDBEFORE") {
                try sp("search-key")
                return .uidBefore(try nzNumber("search-key"))
            }
            if skipKeyword("UID") {
                try sp("search-key")
                return .uid(try sequenceSet())
            }
            if skipKeyword("UNSEEN") { return .unseen }
            if skipKeyword("UNANSWERED") { return .unanswered }
            if skipKeyword("UNDELETED") { return .undeleted }
            if skipKeyword("UNDRAFT") { return .undraft }
            if skipKeyword("UNFLAGGED") { return .unflagged }
            if skipKeyword("UNKEYWORD") { return .unkeyword(try searchKeyFlagKeyword()) }
        case UInt8(ascii: "X"):
            if skipKeyword("X-GM-RAW") { return .gmailRaw(try searchKeyAString()) }
            if skipKeyword("X-GM-MSGID") {
                try sp("search-key")
                return .gmailMessageID(try number64("search-key"))
            }
            if skipKeyword("X-GM-THRID") {
                try sp("search-key")
                return .gmailThreadID(try number64("search-key"))
            }
            if skipKeyword("X-GM-LABELS") { return .gmailLabels(try searchKeyAString()) }
        case UInt8(ascii: "Y"):
            if skipKeyword("YOUNGER") {
                try sp("search-key")
                return .younger(try nzNumber("search-key"))
            }
        default:
            break
        }
        let extent = atomExtent()
        if extent.isEmpty {
            throw error("search-key", "expected a search key, found \(found())")
        }
        throw error("search-key", "unknown search key \"\(ASCII.escaped(bytes[extent]))\"")
    }

    /// `SP astring` after a search key name.
    mutating func searchKeyAString() throws(IMAPDecodingError) -> ByteString {
        try sp("search-key")
        return try astring()
    }

    /// `SP date` after a search key name.
    mutating func searchKeyDate() throws(IMAPDecodingError) -> IMAPDate {
        try sp("search-key")
        return try date()
    }

    // flag-keyword    = "$MDNSent" / "$Forwarded" / "$Junk" /
    //                   "$NotJunk" / "$Phishing" / atom
    /// `SP flag-keyword` after KEYWORD / UNKEYWORD. Lenient: any flag, `\Seen` included.
    mutating func searchKeyFlagKeyword() throws(IMAPDecodingError) -> Flag {
        try sp("search-key")
        if lenient { return try flag() }
        let start = index
        _ = try atom("flag-keyword")
        return try withName(start..<index, "flag") { Flag.from($0) }
    }

    // objectid = 1*255(ALPHA / DIGIT / "_" / "-")
    /// `SP objectid` after EMAILID / THREADID. Lenient: any astring.
    mutating func searchKeyObjectID() throws(IMAPDecodingError) -> ByteString {
        try sp("search-key")
        if lenient { return try astring() }
        let start = index
        let end = scan { byte in
            let upper = ASCII.upper(byte)
            return (upper >= 0x41 && upper <= 0x5A) || ASCII.isDigit(byte) || byte == 0x5F || byte == ASCII.minus
        }
        guard end > start else { throw error("objectid", "expected an object id, found \(found())") }
        guard end - start <= 255 else { throw error("objectid", "object id longer than 255 characters", at: start) }
        index = end
        return slice(start, end)
    }

    // search-modsequence  = "MODSEQ" [search-modseq-ext] SP
    //                       mod-sequence-valzer
    // search-modseq-ext   = SP entry-name SP entry-type-req
    // entry-name          = entry-flag-name
    // entry-flag-name     = DQUOTE "/flags/" attr-flag DQUOTE
    // entry-type-resp     = "priv" / "shared"
    // entry-type-req      = entry-type-resp / "all"
    // mod-sequence-valzer = "0" / mod-sequence-value
    /// After `MODSEQ`. Lenient: the entry name may be any string and need not start
    /// with `/flags/`.
    mutating func searchModsequence() throws(IMAPDecodingError) -> SearchKey {
        try sp("search-modsequence")
        var entry: ModSequenceEntry? = nil
        if let byte = peek(), !ASCII.isDigit(byte) {
            let start = index
            let name = lenient ? try string("entry-name") : try quoted()
            if !lenient {
                let prefix: [UInt8] = Array("/flags/".utf8)
                guard name.count > prefix.count,
                    ASCII.equalsCaseInsensitive(name.bytes.prefix(prefix.count), prefix)
                else { throw error("entry-flag-name", "entry name must be \"/flags/<flag>\"", at: start) }
            }
            try sp("search-modseq-ext")
            let type: ModSequenceEntry.EntryType
            if skipKeyword("PRIV") {
                type = .priv
            } else if skipKeyword("SHARED") {
                type = .shared
            } else if skipKeyword("ALL") {
                type = .all
            } else {
                throw error("entry-type-req", "expected priv, shared or all, found \(found())")
            }
            entry = ModSequenceEntry(decoded: name, type: type)
            try sp("search-modsequence")
        }
        return .modSequence(entry: entry, value: try parseModSequenceValue("mod-sequence-valzer", allowZero: true))
    }
}

extension IMAPWriter {
    /// Writes `SP astring` after a key name.
    mutating func writeSearchKeyArgument(_ name: StaticString, _ value: ByteString) {
        write(name)
        writeSpace()
        writeAString(value)
    }

    /// Writes `name SP date-text`.
    mutating func writeSearchKeyDate(_ name: StaticString, _ date: IMAPDate) {
        write(name)
        writeSpace()
        writeDateText(date)
    }

    /// Writes `name SP number`.
    mutating func writeSearchKeyNumber<T: BinaryInteger>(_ name: StaticString, _ value: T) {
        write(name)
        writeSpace()
        writeNumber(value)  // refused when negative (it was written as 0)
    }

    /// A key with an `nz-number` (OLDER, YOUNGER): refused when zero (it was written as 1).
    mutating func writeSearchKeyNZNumber<T: BinaryInteger>(_ name: StaticString, _ value: T) {
        write(name)
        writeSpace()
        writeNZNumber(value, "SEARCH \(name)")
    }

    // search-key      = "ALL" / "ANSWERED" / ... / "(" search-key *(SP search-key) ")"
    /// Strings go out as atoms when they can, else quoted, else literals (non-ASCII text
    /// is a literal unless UTF8=ACCEPT is on).
    mutating func writeSearchKey(_ key: SearchKey) {
        switch key {
        case .all: write("ALL")
        case .answered: write("ANSWERED")
        case .deleted: write("DELETED")
        case .draft: write("DRAFT")
        case .flagged: write("FLAGGED")
        case .seen: write("SEEN")
        case .new: write("NEW")
        case .old: write("OLD")
        case .recent: write("RECENT")
        case .unanswered: write("UNANSWERED")
        case .undeleted: write("UNDELETED")
        case .undraft: write("UNDRAFT")
        case .unflagged: write("UNFLAGGED")
        case .unseen: write("UNSEEN")
        case .bcc(let s): writeSearchKeyArgument("BCC", s)
        case .body(let s): writeSearchKeyArgument("BODY", s)
        case .cc(let s): writeSearchKeyArgument("CC", s)
        case .from(let s): writeSearchKeyArgument("FROM", s)
        case .subject(let s): writeSearchKeyArgument("SUBJECT", s)
        case .text(let s): writeSearchKeyArgument("TEXT", s)
        case .to(let s): writeSearchKeyArgument("TO", s)
        case .header(let field, let value):
            writeSearchKeyArgument("HEADER", field)
            writeSpace()
            writeAString(value)
        case .before(let d): writeSearchKeyDate("BEFORE", d)
        case .on(let d): writeSearchKeyDate("ON", d)
        case .since(let d): writeSearchKeyDate("SINCE", d)
        case .sentBefore(let d): writeSearchKeyDate("SENTBEFORE", d)
        case .sentOn(let d): writeSearchKeyDate("SENTON", d)
        case .sentSince(let d): writeSearchKeyDate("SENTSINCE", d)
        case .savedBefore(let d): writeSearchKeyDate("SAVEDBEFORE", d)
        case .savedOn(let d): writeSearchKeyDate("SAVEDON", d)
        case .savedSince(let d): writeSearchKeyDate("SAVEDSINCE", d)
        case .savedDateSupported: write("SAVEDATESUPPORTED")
        case .older(let n): writeSearchKeyNZNumber("OLDER", n)
        case .younger(let n): writeSearchKeyNZNumber("YOUNGER", n)
        case .keyword(let flag):
            write("KEYWORD ")
            writeFlagKeyword(flag, "SEARCH KEYWORD")
        case .unkeyword(let flag):
            write("UNKEYWORD ")
            writeFlagKeyword(flag, "SEARCH UNKEYWORD")
        case .larger(let n): writeSearchKeyNumber("LARGER", n)
        case .smaller(let n): writeSearchKeyNumber("SMALLER", n)
        case .sequenceSet(let set): writeSequenceSet(set)
        case .uid(let set):
            write("UID ")
            writeSequenceSet(set)
        case .filter(let name):
            // filter-name = 1*<any ATOM-CHAR except "/">
            write("FILTER ")
            if let slash = name.rawValue.utf8.firstIndex(of: UInt8(ascii: "/")) {
                let offset = name.rawValue.utf8.distance(from: name.rawValue.utf8.startIndex, to: slash)
                return refuse(.forbidden(UInt8(ascii: "/"), at: offset, field: "SEARCH FILTER", rule: "filter-name"))
            }
            writeAtom(name, "SEARCH FILTER", rule: "filter-name")
        case .uidAfter(let n): writeSearchKeyNZNumber("UIDAFTER", n)
        case .uidBefore(let n): writeSearchKeyNZNumber("UIDBEFORE", n)
        case .modSequence(let entry, let value):
            write("MODSEQ ")
            if let entry {
                writeQuotedOnly(entry.name, "MODSEQ entry name")
                switch entry.type {
                case .priv: write(" priv ")
                case .shared: write(" shared ")
                case .all: write(" all ")
                }
            }
            writeModSequenceValzer(value, "SEARCH MODSEQ")
        // search-key      =/ "EMAILID" SP objectid / "THREADID" SP objectid  ; RFC 8474
        case .emailID(let id):
            write("EMAILID ")
            writeObjectID(id, "SEARCH EMAILID")
        case .threadID(let id):
            write("THREADID ")
            writeObjectID(id, "SEARCH THREADID")
        case .gmailRaw(let s): writeSearchKeyArgument("X-GM-RAW", s)
        case .gmailMessageID(let n): writeSearchKeyNumber("X-GM-MSGID", n)
        case .gmailThreadID(let n): writeSearchKeyNumber("X-GM-THRID", n)
        case .gmailLabels(let s): writeSearchKeyArgument("X-GM-LABELS", s)
        case .not(let inner):
            write("NOT ")
            writeSearchKey(inner)
        // search-key      =/ "FUZZY" SP search-key                         ; RFC 6203
        case .fuzzy(let inner):
            write("FUZZY ")
            writeSearchKey(inner)
        case .or(let a, let b):
            write("OR ")
            writeSearchKey(a)
            writeSpace()
            writeSearchKey(b)
        case .and(let keys):
            writeByte(ASCII.openParen)
            writeSearchKeys(keys)
            writeByte(ASCII.closeParen)
        }
    }

    // "KEYWORD" SP flag-keyword / "UNKEYWORD" SP flag-keyword
    // flag-keyword    = "$MDNSent" / "$Forwarded" / "$Junk" / "$NotJunk" / "$Phishing" / atom
    /// Refused for a flag with a backslash (`\Deleted`, `\*`): those are searched with their
    /// own keys (DELETED), and an atom has no backslash.
    mutating func writeFlagKeyword(_ flag: Flag, _ field: String) {
        if flag.name.spelling.utf8.first == ASCII.backslash {
            return refuse(.forbidden(ASCII.backslash, at: 0, field: field, rule: "flag-keyword"))
        }
        writeFlag(flag)
    }

    /// Writes `search-key *(SP search-key)`.
    mutating func writeSearchKeys(_ keys: NonEmptyArray<SearchKey>) {
        for (i, key) in keys.enumerated() {
            if i > 0 { writeSpace() }
            writeSearchKey(key)
        }
    }
}
