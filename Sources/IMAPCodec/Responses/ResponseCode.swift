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
    case highestModSeq(Int64)
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
    /// A code that carries no data (RFC 5530 and others): ``Simple`` names the well-known ones.
    case simple(Simple)
    /// Any other code: its name (an atom) and the text after it, up to `]`, if any.
    case other(name: ByteString, value: ByteString?)

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
    }
}

/// The text of a status response: an optional code and human-readable text.
public struct ResponseText: Sendable, Hashable {
    /// The bracketed response code, if any.
    public var code: ResponseCode?
    /// The text (may be empty). Bytes: servers send 8-bit text; use `text.stringValue`.
    public var text: ByteString

    /// Creates response text.
    public init(code: ResponseCode? = nil, text: ByteString = "") {
        self.code = code
        self.text = text
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
        if atLineEnd { return ResponseText(code: code, text: ByteString([])) }
        return ResponseText(code: code, text: try text())
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
            return .other(name: nameBytes, value: value)
        }
        return .other(name: nameBytes, value: nil)
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
    /// Lenient: 0 accepted (Purelymail sends `HIGHESTMODSEQ 0` for an empty mailbox).
    mutating func modSequenceValue() throws(IMAPDecodingError) -> Int64 {
        lenient ? try number64("mod-sequence-value") : try nzNumber64("mod-sequence-value")
    }
}

extension IMAPWriter {
    // resp-text       = ["[" resp-text-code "]" SP] [text]
    mutating func writeRespText(_ text: ResponseText) {
        if let code = text.code {
            writeByte(ASCII.openBracket)
            writeRespTextCode(code)
            writeByte(ASCII.closeBracket)
            // The SP is required after "]" even when no text follows.
            writeSpace()
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
                    if IMAPWriter.isAtomSafe(charset) && !charset.withUnsafeBytes({ $0.contains(ASCII.closeBracket) }) {
                        writeAtom(charset)
                    } else {
                        writeQuoted(charset)
                    }
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
        case .uidNext(let n):
            write("UIDNEXT ")
            writeNumber(n)
        case .uidValidity(let n):
            write("UIDVALIDITY ")
            writeNumber(n)
        case .unseen(let n):
            write("UNSEEN ")
            writeNumber(n)
        case .appendUID(let validity, let uids):
            write("APPENDUID ")
            writeNumber(validity)
            writeSpace()
            writeSequenceSet(uids)
        case .copyUID(let validity, let source, let destination):
            write("COPYUID ")
            writeNumber(validity)
            writeSpace()
            writeSequenceSet(source)
            writeSpace()
            writeSequenceSet(destination)
        case .uidNotSticky: write("UIDNOTSTICKY")
        case .highestModSeq(let n):
            write("HIGHESTMODSEQ ")
            writeNumber(n)
        case .noModSeq: write("NOMODSEQ")
        case .modified(let set):
            write("MODIFIED ")
            writeSequenceSet(set)
        case .closed: write("CLOSED")
        case .noUpdate(let tag):
            write("NOUPDATE ")
            writeQuoted(tag)
        case .mailboxID(let id):
            write("MAILBOXID (")
            writeAtom(id)
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
            writeAtom(name)
            if let value {
                writeSpace()
                writeBytes(value)
            }
        }
    }
}
