/// A response code: the bracketed part of a status response, `* OK [UIDNEXT 4392] Predicted`.
///
/// Codes whose grammar IMAPCodec knows are decoded into typed cases; any other code is kept
/// as ``other(name:value:)`` (its atom and the text up to `]`) so it round-trips.
public enum ResponseCode: Sendable, Hashable {
    /// `ALERT`: show the text to the user.
    case alert
    /// `BADCHARSET [(charset ...)]`: the SEARCH charset is not supported; the supported ones.
    case badCharset([ByteString])
    /// `CAPABILITY ...`: the server's capabilities.
    case capability([Capability])
    /// `PARSE`: a message's headers or MIME structure could not be parsed.
    case parse
    /// `PERMANENTFLAGS (...)`: the flags the client can change permanently (`\*`: new keywords).
    case permanentFlags([Flag])
    /// `READ-ONLY`
    case readOnly
    /// `READ-WRITE`
    case readWrite
    /// `TRYCREATE`: the target mailbox does not exist but can be created.
    case tryCreate
    /// `UIDNEXT n`
    case uidNext(UInt32)
    /// `UIDVALIDITY n`
    case uidValidity(UInt32)
    /// `UNSEEN n` (IMAP4rev1): the first unseen message.
    case unseen(UInt32)
    /// `APPENDUID uidvalidity uids` (RFC 4315; a set with MULTIAPPEND).
    case appendUID(uidValidity: UInt32, uids: SequenceSet)
    /// `COPYUID uidvalidity source-uids destination-uids` (RFC 4315).
    case copyUID(uidValidity: UInt32, source: SequenceSet, destination: SequenceSet)
    /// `UIDNOTSTICKY` (RFC 4315)
    case uidNotSticky
    /// `HIGHESTMODSEQ n` (RFC 7162)
    case highestModSeq(UInt64)
    /// `NOMODSEQ` (RFC 7162)
    case noModSeq
    /// `MODIFIED set` (RFC 7162): the messages that failed UNCHANGEDSINCE.
    case modified(SequenceSet)
    /// `CLOSED` (RFC 7162)
    case closed
    /// `MAILBOXID (id)` (RFC 8474)
    case mailboxID(ByteString)
    /// `METADATA LONGENTRIES n` (RFC 5464)
    case metadataLongEntries(UInt32)
    /// `METADATA MAXSIZE n` (RFC 5464)
    case metadataMaxSize(UInt32)
    /// `METADATA TOOMANY` (RFC 5464)
    case metadataTooMany
    /// `METADATA NOPRIVATE` (RFC 5464)
    case metadataNoPrivate
    /// `NOUPDATE "tag"` (RFC 5267): the server stops updating that search's results.
    case noUpdate(ByteString)
    /// `BADEVENT (event...)` (RFC 5465): the NOTIFY events the server supports (never empty;
    /// a ``NotifyEvent/messageNew(_:)`` carries no fetch items here).
    case badEvent([NotifyEvent])
    /// A code that carries no data (RFC 5530 and others): ``Simple`` names the well-known ones.
    case simple(Simple)
    /// Any other code: its name (an atom) and the text after it, up to `]`, if any.
    case other(name: Atom, value: ByteString?)

    /// The names the decoder reads into a case of their own (upper-cased): an ``other(name:value:)``
    /// with one of them would not read back as itself, so the encoders refuse it.
    static let knownNames: Set<String> = Set(
        [
            "ALERT", "BADCHARSET", "CAPABILITY", "PARSE", "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE",
            "TRYCREATE", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "APPENDUID", "COPYUID", "UIDNOTSTICKY",
            "HIGHESTMODSEQ", "NOMODSEQ", "MODIFIED", "CLOSED", "NOUPDATE", "MAILBOXID", "METADATA",
            "BADEVENT",
        ] + Simple.allCases.map(\.rawValue)
    )

    /// The response codes that are a bare keyword (RFC 5530, 9051, 6154, 4469, 3516, 5182).
    public enum Simple: String, Sendable, Hashable, CaseIterable {
        /// `ALREADYEXISTS`
        case alreadyExists = "ALREADYEXISTS"
        /// `AUTHENTICATIONFAILED`
        case authenticationFailed = "AUTHENTICATIONFAILED"
        /// `AUTHORIZATIONFAILED`
        case authorizationFailed = "AUTHORIZATIONFAILED"
        /// `CANNOT`
        case cannot = "CANNOT"
        /// `CLIENTBUG`
        case clientBug = "CLIENTBUG"
        /// `CONTACTADMIN`
        case contactAdmin = "CONTACTADMIN"
        /// `CORRUPTION`
        case corruption = "CORRUPTION"
        /// `EXPIRED`
        case expired = "EXPIRED"
        /// `EXPUNGEISSUED`
        case expungeIssued = "EXPUNGEISSUED"
        /// `HASCHILDREN`
        case hasChildren = "HASCHILDREN"
        /// `INUSE`
        case inUse = "INUSE"
        /// `LIMIT`
        case limit = "LIMIT"
        /// `NONEXISTENT`
        case nonExistent = "NONEXISTENT"
        /// `NOPERM`
        case noPerm = "NOPERM"
        /// `OVERQUOTA`
        case overQuota = "OVERQUOTA"
        /// `PRIVACYREQUIRED`
        case privacyRequired = "PRIVACYREQUIRED"
        /// `SERVERBUG`
        case serverBug = "SERVERBUG"
        /// `UNAVAILABLE`
        case unavailable = "UNAVAILABLE"
        /// `NOTSAVED` (RFC 5182)
        case notSaved = "NOTSAVED"
        /// `USEATTR` (RFC 6154)
        case useAttr = "USEATTR"
        /// `TOOBIG` (RFC 4469, 7889)
        case tooBig = "TOOBIG"
        /// `UNKNOWN-CTE` (RFC 3516)
        case unknownCTE = "UNKNOWN-CTE"
        /// `NOTIFICATIONOVERFLOW` (RFC 5465): the server stopped sending NOTIFY events.
        case notificationOverflow = "NOTIFICATIONOVERFLOW"
    }
}

/// The text of a status response: an optional code and human-readable text.
///
/// Text a caller gives is made safe to write, whatever it holds, by one rule: a byte that
/// cannot stand where it is becomes a space, and spaces that lead the text are dropped (a
/// reader skips them). So CR, LF and NUL become spaces (no second response can be forged),
/// a leading `[` without a code goes (it would be read as a code: `[ALERT]`), the `}` that
/// would end the text in a literal header (`{12}`) becomes a space (the client would swallow
/// the next 12 bytes), and bytes that are not UTF-8 become U+FFFD. Text that needs none of
/// this is kept exactly. ``init(code:validating:)`` refuses such text instead, for a caller
/// that wants to know. A server can therefore put a client's mailbox name or search string
/// into a `NO` response as it is.
///
/// Decoded text is kept as the server sent it (8-bit bytes included); the encoders refuse any
/// that would not read back as itself.
public struct ResponseText: Sendable, Hashable {
    private var _code: ResponseCode?
    private var _text: ByteString

    /// The bracketed response code, if any. Setting it re-applies the text rule (a text
    /// without a code must not start with `[`).
    public var code: ResponseCode? {
        get { _code }
        set {
            _code = newValue
            _text = Self.sanitized(_text, hasCode: newValue != nil)
        }
    }

    /// The text (may be empty). Bytes: servers send 8-bit text; use `text.stringValue`.
    /// Setting it applies the rule above.
    public var text: ByteString {
        get { _text }
        set { _text = Self.sanitized(newValue, hasCode: _code != nil) }
    }

    /// Creates response text, made safe as the type's documentation says.
    public init(code: ResponseCode? = nil, text: ByteString = "") {
        _code = code
        _text = Self.sanitized(text, hasCode: code != nil)
    }

    /// Creates response text from a string, made safe as the type's documentation says.
    public init(code: ResponseCode? = nil, _ text: String) {
        self.init(code: code, text: ByteString(text))
    }

    /// Creates response text, or throws ``IMAPValueError`` (naming the byte) when the text would
    /// need changing to be written: CR, LF or NUL, a leading space, a leading `[` without a
    /// code, a trailing literal header, bytes that are not UTF-8.
    public init(code: ResponseCode? = nil, validating text: ByteString) throws(IMAPValueError) {
        if let problem = Self.problem(in: text, hasCode: code != nil, requireUTF8: true) { throw problem }
        _code = code
        _text = text
    }

    /// Text as decoded, unchanged.
    init(decoded code: ResponseCode?, text: ByteString) {
        _code = code
        _text = text
    }

    /// What keeps `text` from being written as it is, if anything. Invalid UTF-8 counts only
    /// when `requireUTF8` (the encoders pass decoded 8-bit text through).
    static func problem(in text: ByteString, hasCode: Bool, requireUTF8: Bool) -> IMAPValueError? {
        text.withUnsafeBytes { raw -> IMAPValueError? in
            if let bad = raw.firstIndex(where: { $0 == 0 || $0 == ASCII.cr || $0 == ASCII.lf }) {
                return .forbidden(raw[bad], at: bad, field: "resp-text", rule: "text")
            }
            if raw.first == ASCII.space {
                return IMAPValueError(
                    kind: .ambiguous,
                    field: "resp-text",
                    rule: "text",
                    message: "a leading space is skipped by readers",
                    offset: 0
                )
            }
            if !hasCode && raw.first == ASCII.openBracket {
                return IMAPValueError(
                    kind: .ambiguous,
                    field: "resp-text",
                    rule: "resp-text",
                    message: "text without a code must not start with \"[\": it would be read as a response code",
                    offset: 0
                )
            }
            if IMAPWriter.endsInLiteralHeader(raw) {
                return IMAPValueError(
                    kind: .ambiguous,
                    field: "resp-text",
                    rule: "text",
                    message: "ends in a literal header: the client would read the next bytes as its literal",
                    offset: raw.count &- 1
                )
            }
            if requireUTF8 && !UTF8Validation.isValid(raw) {
                return IMAPValueError(kind: .forbiddenByte, field: "resp-text", rule: "text", message: "not UTF-8")
            }
            return nil
        }
    }

    /// `text` with the type's rule applied; `text` itself (no copy) when it needs nothing.
    static func sanitized(_ text: ByteString, hasCode: Bool) -> ByteString {
        guard problem(in: text, hasCode: hasCode, requireUTF8: true) != nil else { return text }
        var bytes = Array(text.withUnsafeBytes { raw in String(decoding: raw, as: UTF8.self).utf8 })
        for i in bytes.indices where bytes[i] == 0 || bytes[i] == ASCII.cr || bytes[i] == ASCII.lf {
            bytes[i] = ASCII.space
        }
        var start = 0
        while start < bytes.count && (bytes[start] == ASCII.space || (!hasCode && bytes[start] == ASCII.openBracket)) {
            start += 1
        }
        bytes.removeFirst(start)
        if bytes.withUnsafeBytes(IMAPWriter.endsInLiteralHeader) { bytes[bytes.count - 1] = ASCII.space }
        return ByteString(bytes)
    }
}

extension ParserState {
    // resp-text       = ["[" resp-text-code "]" SP] [text]
    /// Lenient: no SP after `]` (`* OK [UIDNEXT 4]`), an unterminated code kept as text.
    mutating func respText() throws(IMAPDecodingError) -> ResponseText {
        var code: ResponseCode? = nil
        if peek() == ASCII.openBracket {
            index += 1
            code = try respTextCode()
            try expect(ASCII.closeBracket, "resp-text")
            if !skip(ASCII.space) {
                if !atLineEnd || !lenient {
                    throw error("resp-text", "expected SP after the response code, found \(found())")
                }
            } else {
                skipExtraSpaces()
            }
        }
        if atLineEnd { return ResponseText(decoded: code, text: ByteString([])) }
        return ResponseText(decoded: code, text: try text())
    }

    // resp-text-code  = "ALERT" /
    //                   "BADCHARSET" [SP "(" charset *(SP charset) ")" ] /
    //                   capability-data / "PARSE" /
    //                   "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    //                   "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
    //                   "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
    //                   resp-code-apnd / resp-code-copy / "UIDNOTSTICKY" /
    //                   "UNAVAILABLE" / "AUTHENTICATIONFAILED" / ... /
    //                   atom [SP 1*<any TEXT-CHAR except "]">]
    // resp-text-code  =/ "HIGHESTMODSEQ" SP mod-sequence-value / "NOMODSEQ" /
    //                    "MODIFIED" SP sequence-set                        (RFC 7162)
    // resp-text-code  =/ "METADATA" SP ("LONGENTRIES" SP number / "MAXSIZE" SP number /
    //                    "TOOMANY" / "NOPRIVATE")                          (RFC 5464)
    // resp-text-code  =/ "MAILBOXID" SP "(" objectid ")"                   (RFC 8474)
    mutating func respTextCode() throws(IMAPDecodingError) -> ResponseCode {
        let nameStart = index
        let name = atomExtent()
        guard !name.isEmpty else { throw error("resp-text-code", "expected a response code, found \(found())") }
        let nameEnd = name.upperBound
        if let code = try knownRespTextCode() {
            // Known code parsed; lenient: tolerate trailing garbage before "]".
            if lenient && peek() != ASCII.closeBracket {
                let end = scan { $0 != ASCII.closeBracket && $0 != ASCII.cr && $0 != ASCII.lf }
                if end > index && peek(end - index) == ASCII.closeBracket {
                    index = end
                }
            }
            return code
        }
        index = nameEnd
        let nameBytes = slice(nameStart, nameEnd)
        if skip(ASCII.space) {
            let end = scan { $0 != ASCII.closeBracket && $0 != ASCII.cr && $0 != ASCII.lf }
            let value = slice(index, end)
            index = end
            return .other(name: Atom(decoded: nameBytes), value: value)
        }
        return .other(name: Atom(decoded: nameBytes), value: nil)
    }

    /// The known codes; nil (cursor unchanged) for any other atom.
    private mutating func knownRespTextCode() throws(IMAPDecodingError) -> ResponseCode? {
        if skipKeyword("ALERT") { return .alert }
        if skipKeyword("BADCHARSET") {
            var charsets: [ByteString] = []
            if skip(ASCII.space) {
                try expect(ASCII.openParen, "resp-text-code")
                repeat {
                    // charset         = atom / quoted
                    try add(
                        peek() == ASCII.dquote ? try quoted() : try atom("charset"),
                        to: &charsets,
                        "resp-text-code"
                    )
                } while skip(ASCII.space)
                try expect(ASCII.closeParen, "resp-text-code")
            }
            return .badCharset(charsets)
        }
        if skipKeyword("CAPABILITY") { return .capability(try capabilityData()) }
        if skipKeyword("PARSE") { return .parse }
        if skipKeyword("PERMANENTFLAGS") {
            try sp("resp-text-code")
            return .permanentFlags(try flagList())
        }
        if skipKeyword("READ-ONLY") { return .readOnly }
        if skipKeyword("READ-WRITE") { return .readWrite }
        if skipKeyword("TRYCREATE") { return .tryCreate }
        if skipKeyword("UIDNEXT") {
            try sp("resp-text-code")
            return .uidNext(try lenientNzNumber("UIDNEXT"))
        }
        if skipKeyword("UIDVALIDITY") {
            try sp("resp-text-code")
            return .uidValidity(try lenientNzNumber("UIDVALIDITY"))
        }
        if skipKeyword("UNSEEN") {
            try sp("resp-text-code")
            return .unseen(try lenientNzNumber("UNSEEN"))
        }
        // resp-code-apnd  = "APPENDUID" SP nz-number SP append-uid
        // append-uid      = uniqueid / uid-set     (RFC 4315 with MULTIAPPEND)
        if skipKeyword("APPENDUID") {
            try sp("resp-code-apnd")
            let validity = try nzNumber("resp-code-apnd")
            try sp("resp-code-apnd")
            return .appendUID(uidValidity: validity, uids: try sequenceSet(allowStar: false))
        }
        // resp-code-copy  = "COPYUID" SP nz-number SP uid-set SP uid-set
        if skipKeyword("COPYUID") {
            try sp("resp-code-copy")
            let validity = try nzNumber("resp-code-copy")
            try sp("resp-code-copy")
            let source = try sequenceSet(allowStar: false)
            try sp("resp-code-copy")
            return .copyUID(uidValidity: validity, source: source, destination: try sequenceSet(allowStar: false))
        }
        if skipKeyword("UIDNOTSTICKY") { return .uidNotSticky }
        if skipKeyword("HIGHESTMODSEQ") {
            try sp("resp-text-code")
            return .highestModSeq(try modSequenceValue())
        }
        if skipKeyword("NOMODSEQ") { return .noModSeq }
        if skipKeyword("MODIFIED") {
            try sp("resp-text-code")
            return .modified(try sequenceSet())
        }
        if skipKeyword("CLOSED") { return .closed }
        // resp-text-code  =/ "NOTIFICATIONOVERFLOW" / unsupported-events-code  (RFC 5465)
        if skipKeyword("BADEVENT") { return .badEvent(try badEventCode()) }
        // resp-text-code      =/ "NOUPDATE" SP quoted                      (RFC 5267)
        if skipKeyword("NOUPDATE") {
            try sp("resp-text-code")
            return .noUpdate(try quoted())
        }
        if skipKeyword("MAILBOXID") {
            try sp("resp-text-code")
            try expect(ASCII.openParen, "resp-text-code")
            let id = try objectID()
            try expect(ASCII.closeParen, "resp-text-code")
            return .mailboxID(id)
        }
        if skipKeyword("METADATA") {
            try sp("resp-text-code")
            if skipKeyword("LONGENTRIES") {
                try sp("resp-text-code")
                return .metadataLongEntries(try number())
            }
            if skipKeyword("MAXSIZE") {
                try sp("resp-text-code")
                return .metadataMaxSize(try number())
            }
            if skipKeyword("TOOMANY") { return .metadataTooMany }
            if skipKeyword("NOPRIVATE") { return .metadataNoPrivate }
            throw error("resp-text-code", "unknown METADATA response code, found \(found())")
        }
        let extent = atomExtent()
        for simple in ResponseCode.Simple.allCases where simple.rawValue.utf8.count == extent.count {
            if ASCII.equalsCaseInsensitive(simple.rawValue.utf8, bytes[extent]) {
                index = extent.upperBound
                return .simple(simple)
            }
        }
        return nil
    }

    /// nz-number; lenient: 0 accepted (servers send `UIDVALIDITY 0`, `UIDNEXT 0` for empty mailboxes).
    mutating func lenientNzNumber(_ rule: String) throws(IMAPDecodingError) -> UInt32 {
        lenient ? try number(rule) : try nzNumber(rule)
    }

    // mod-sequence-value  = 1*DIGIT
    //                        ;; Positive unsigned 63-bit integer (mod-sequence)
    //                        ;; (1 <= n <= 9,223,372,036,854,775,807).
    /// Lenient: 0 accepted (Purelymail sends `HIGHESTMODSEQ 0` for an empty mailbox), and any
    /// 64-bit value.
    mutating func modSequenceValue() throws(IMAPDecodingError) -> UInt64 {
        try parseModSequenceValue("mod-sequence-value", allowZero: false)
    }
}

extension IMAPWriter {
    // resp-text       = ["[" resp-text-code "]" SP] [text]
    /// Refused: text that ``ResponseText/problem(in:hasCode:requireUTF8:)`` finds would not
    /// read back as itself (only decoded text can hold it; built text is made safe).
    mutating func writeRespText(_ text: ResponseText) {
        if let code = text.code {
            writeByte(ASCII.openBracket)
            writeRespTextCode(code)
            writeByte(ASCII.closeBracket)
            // The SP is required after "]" even when no text follows.
            writeSpace()
        }
        if text.text.isEmpty { return }
        if let problem = ResponseText.problem(in: text.text, hasCode: text.code != nil, requireUTF8: false) {
            return refuse(problem)
        }
        writeBytes(text.text)
    }

    mutating func writeRespTextCode(_ code: ResponseCode) {
        switch code {
        case .alert: write("ALERT")
        case .badCharset(let charsets):
            write("BADCHARSET")
            if !charsets.isEmpty {
                write(" (")
                for (i, charset) in charsets.enumerated() {
                    if i > 0 { writeSpace() }
                    writeCharset(charset, "BADCHARSET charset")
                }
                writeByte(ASCII.closeParen)
            }
        case .capability(let capabilities):
            write("CAPABILITY")
            writeCapabilityData(capabilities)
        case .parse: write("PARSE")
        case .permanentFlags(let flags):
            write("PERMANENTFLAGS ")
            writeFlagList(flags)
        case .readOnly: write("READ-ONLY")
        case .readWrite: write("READ-WRITE")
        case .tryCreate: write("TRYCREATE")
        // "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number / "UNSEEN" SP nz-number
        // (lenient decoding reads the 0 real servers send; it is not written)
        case .uidNext(let n):
            write("UIDNEXT ")
            writeNZNumber(n, "UIDNEXT")
        case .uidValidity(let n):
            write("UIDVALIDITY ")
            writeNZNumber(n, "UIDVALIDITY")
        case .unseen(let n):
            write("UNSEEN ")
            writeNZNumber(n, "UNSEEN")
        // resp-code-apnd  = "APPENDUID" SP nz-number SP append-uid
        // append-uid      = uniqueid / uid-set
        case .appendUID(let validity, let uids):
            write("APPENDUID ")
            writeNZNumber(validity, "APPENDUID uidvalidity")
            writeSpace()
            writeNumberSet(uids, "APPENDUID uids", "uid-set")
        // resp-code-copy  = "COPYUID" SP nz-number SP uid-set SP uid-set
        case .copyUID(let validity, let source, let destination):
            write("COPYUID ")
            writeNZNumber(validity, "COPYUID uidvalidity")
            writeSpace()
            writeNumberSet(source, "COPYUID source", "uid-set")
            writeSpace()
            writeNumberSet(destination, "COPYUID destination", "uid-set")
        case .uidNotSticky: write("UIDNOTSTICKY")
        // resp-text-code  =/ "HIGHESTMODSEQ" SP mod-sequence-value
        case .highestModSeq(let n):
            write("HIGHESTMODSEQ ")
            writeModSequenceValue(n, "HIGHESTMODSEQ")
        case .noModSeq: write("NOMODSEQ")
        case .modified(let set):
            write("MODIFIED ")
            writeSequenceSet(set)
        case .closed: write("CLOSED")
        case .badEvent(let events): writeBadEventCode(events)
        case .noUpdate(let tag):
            write("NOUPDATE ")
            writeQuotedOnly(tag, "NOUPDATE tag")
        case .mailboxID(let id):
            write("MAILBOXID (")
            writeObjectID(id, "MAILBOXID")
            writeByte(ASCII.closeParen)
        case .metadataLongEntries(let n):
            write("METADATA LONGENTRIES ")
            writeNumber(n)
        case .metadataMaxSize(let n):
            write("METADATA MAXSIZE ")
            writeNumber(n)
        case .metadataTooMany: write("METADATA TOOMANY")
        case .metadataNoPrivate: write("METADATA NOPRIVATE")
        case .simple(let simple): writeBytes(simple.rawValue.utf8)
        case .other(let name, let value):
            needsReadBack("response code")
            if ResponseCode.knownNames.contains(name.name.folded) {
                return refuse(
                    IMAPValueError(
                        kind: .ambiguous,
                        field: "response code name",
                        rule: "resp-text-code",
                        message: "\(name) is a code IMAPCodec reads into its own case; build that case instead"
                    )
                )
            }
            writeAtom(name, "response code name")
            if let value {
                // atom [SP 1*<any TEXT-CHAR except "]">]
                writeSpace()
                if value.isEmpty { return refuseEmpty("response code value", "resp-text-code") }
                let bad = value.withUnsafeBytes { raw in
                    raw.firstIndex { $0 == 0 || $0 == ASCII.cr || $0 == ASCII.lf || $0 == ASCII.closeBracket }
                }
                if let bad {
                    return refuse(
                        .forbidden(
                            value.withUnsafeBytes { $0[bad] },
                            at: bad,
                            field: "response code value",
                            rule: "resp-text-code"
                        )
                    )
                }
                writeBytes(value)
            }
        }
    }
}
