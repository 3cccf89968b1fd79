// The data items a FETCH command asks for (RFC 9051 fetch-att and the macros; RFC 3516
// BINARY; RFC 7162 MODSEQ; RFC 8474; RFC 8514; RFC 8970 PREVIEW; Gmail X-GM-*).

/// One data item a FETCH command asks for.
public enum FetchAttribute: Sendable, Hashable {
    /// `ENVELOPE`
    case envelope
    /// `FLAGS`
    case flags
    /// `INTERNALDATE`
    case internalDate
    /// `RFC822.SIZE`
    case rfc822Size
    /// `RFC822` (RFC 3501; sets \Seen).
    case rfc822
    /// `RFC822.HEADER` (RFC 3501).
    case rfc822Header
    /// `RFC822.TEXT` (RFC 3501; sets \Seen).
    case rfc822Text
    /// `BODY`: the body structure without extension data.
    case body
    /// `BODYSTRUCTURE`
    case bodyStructure
    /// `UID`
    case uid
    /// `BODY[section]<partial>`, or `BODY.PEEK[...]` when `peek` (does not set \Seen).
    case bodySection(SectionSpec, partial: Partial? = nil, peek: Bool = false)
    /// `BINARY[part]<partial>`, or `BINARY.PEEK[...]` when `peek` (RFC 3516).
    case binary(part: [UInt32], partial: Partial?, peek: Bool)
    /// `BINARY.SIZE[part]` (RFC 3516).
    case binarySize(part: [UInt32])
    /// `MODSEQ` (RFC 7162).
    case modSeq
    /// `EMAILID` (RFC 8474).
    case emailID
    /// `THREADID` (RFC 8474).
    case threadID
    /// `SAVEDATE` (RFC 8514).
    case saveDate
    /// `PREVIEW`, or `PREVIEW (LAZY)` when `lazy` (RFC 8970).
    case preview(lazy: Bool)
    /// `ANNOTATION (entries attribs)` (RFC 5257, ANNOTATE-EXPERIMENT-1).
    case annotation(AnnotationFetch)
    /// `X-GM-MSGID` (Gmail).
    case gmailMessageID
    /// `X-GM-THRID` (Gmail).
    case gmailThreadID
    /// `X-GM-LABELS` (Gmail).
    case gmailLabels
    /// An item this codec does not know (e.g. `SNIPPET (FUZZY)`): its name as sent and
    /// its parenthesized parameters as sent, if any.
    case other(name: ByteString, parameters: ByteString?)
}

/// What a FETCH command asks for: a macro or a list of items.
public enum FetchAttributes: Sendable, Hashable {
    /// `ALL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE.
    case all
    /// `FAST`: FLAGS INTERNALDATE RFC822.SIZE.
    case fast
    /// `FULL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.
    case full
    /// A list of items (one item without parentheses reads as a list of one).
    case list([FetchAttribute])

    /// The items, macros expanded.
    public var attributes: [FetchAttribute] {
        switch self {
        case .all: return [.flags, .internalDate, .rfc822Size, .envelope]
        case .fast: return [.flags, .internalDate, .rfc822Size]
        case .full: return [.flags, .internalDate, .rfc822Size, .envelope, .body]
        case .list(let items): return items
        }
    }
}

extension ParserState {
    // fetch           = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" /
    //                   fetch-att / "(" fetch-att *(SP fetch-att) ")")
    /// Parses what follows `FETCH SP sequence-set SP`; stops before any
    /// fetch-modifiers. Lenient: extra spaces inside the list, an empty list.
    mutating func fetchAttributes() throws(IMAPDecodingError) -> FetchAttributes {
        if skip(ASCII.openParen) {
            var items: [FetchAttribute] = []
            skipExtraSpaces()
            if skip(ASCII.closeParen) {
                if lenient { return .list(items) }
                throw error("fetch", "expected at least one fetch-att")
            }
            while true {
                let item = try fetchAtt()
                try add(item, to: &items, expected: 8, last: peek() == ASCII.closeParen, "fetch-att")
                if skip(ASCII.closeParen) { return .list(items) }
                try sp("fetch")
                if lenient && skip(ASCII.closeParen) { return .list(items) }
            }
        }
        if skipKeyword("ALL") { return .all }
        if skipKeyword("FAST") { return .fast }
        if skipKeyword("FULL") { return .full }
        return .list([try fetchAtt()])
    }

    // fetch-att       = "ENVELOPE" / "FLAGS" / "INTERNALDATE" /
    //                   "RFC822.SIZE" /
    //                   "BODY" ["STRUCTURE"] / "UID" /
    //                   "BODY" section [partial] /
    //                   "BODY.PEEK" section [partial] /
    //                   "BINARY" [".PEEK"] section-binary [partial] /
    //                   "BINARY.SIZE" section-binary
    // fetch-att       =/ "RFC822" [".HEADER" / ".TEXT"]                    ; RFC 3501
    // fetch-att       =/ fetch-mod-sequence   ; "MODSEQ"                     RFC 7162
    // fetch-att       =/ "EMAILID" / "THREADID"                            ; RFC 8474
    // fetch-att       =/ "SAVEDATE"                                        ; RFC 8514
    // fetch-att       =/ "PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"] ; RFC 8970
    // preview-mod     =  "LAZY"
    /// Unknown items are kept with their parenthesized parameters (`SNIPPET (FUZZY)`).
    mutating func fetchAtt() throws(IMAPDecodingError) -> FetchAttribute {
        switch peek().map(ASCII.upper) {
        case UInt8(ascii: "A")?:
            // fetch-att        =/ "ANNOTATION" SP "(" entries SP attribs ")" ; RFC 5257
            if skipKeyword("ANNOTATION") { return try fetchAnnotateOpt() }
        case UInt8(ascii: "B")?:
            if skipItemName("BODYSTRUCTURE") { return .bodyStructure }
            if skipItemName("BODY.PEEK") {
                let section = try section()
                return .bodySection(section, partial: try optionalPartial(), peek: true)
            }
            if skipItemName("BODY") {
                guard peek() == ASCII.openBracket else { return .body }
                let section = try section()
                return .bodySection(section, partial: try optionalPartial(), peek: false)
            }
            if skipItemName("BINARY.SIZE") { return .binarySize(part: try sectionBinary()) }
            if skipItemName("BINARY.PEEK") {
                let part = try sectionBinary()
                return .binary(part: part, partial: try optionalPartial(), peek: true)
            }
            if skipItemName("BINARY") {
                let part = try sectionBinary()
                return .binary(part: part, partial: try optionalPartial(), peek: false)
            }
        case UInt8(ascii: "E")?:
            if skipKeyword("ENVELOPE") { return .envelope }
            if skipKeyword("EMAILID") { return .emailID }
        case UInt8(ascii: "F")?:
            if skipKeyword("FLAGS") { return .flags }
        case UInt8(ascii: "I")?:
            if skipKeyword("INTERNALDATE") { return .internalDate }
        case UInt8(ascii: "M")?:
            if skipKeyword("MODSEQ") { return .modSeq }
        case UInt8(ascii: "P")?:
            if skipKeyword("PREVIEW") { return .preview(lazy: try previewMods()) }
        case UInt8(ascii: "R")?:
            if skipKeyword("RFC822.SIZE") { return .rfc822Size }
            if skipKeyword("RFC822.HEADER") { return .rfc822Header }
            if skipKeyword("RFC822.TEXT") { return .rfc822Text }
            if skipKeyword("RFC822") { return .rfc822 }
        case UInt8(ascii: "S")?:
            if skipKeyword("SAVEDATE") { return .saveDate }
        case UInt8(ascii: "T")?:
            if skipKeyword("THREADID") { return .threadID }
        case UInt8(ascii: "U")?:
            if skipKeyword("UID") { return .uid }
        case UInt8(ascii: "X")?:
            if skipKeyword("X-GM-MSGID") { return .gmailMessageID }
            if skipKeyword("X-GM-THRID") { return .gmailThreadID }
            if skipKeyword("X-GM-LABELS") { return .gmailLabels }
        default:
            break
        }
        guard let byte = peek(), CharacterClass.isAtomChar(byte) else {
            throw error("fetch-att", "expected a fetch item, found \(found())")
        }
        let name = try fetchRawName("fetch-att")
        // Parameters: only a parenthesized group (anything else is the next item).
        var ahead = index
        while ahead < bytes.count && bytes[ahead] == ASCII.space { ahead &+= 1 }
        guard ahead > index, ahead < bytes.count, bytes[ahead] == ASCII.openParen else {
            return .other(name: name, parameters: nil)
        }
        try sp("fetch-att")
        return .other(name: name, parameters: try fetchRawValue("fetch-att"))
    }

    /// `[partial]` after a section.
    mutating func optionalPartial() throws(IMAPDecodingError) -> Partial? {
        peek() == ASCII.lessThan ? try partial() : nil
    }

    /// `[SP "(" preview-mod *(SP preview-mod) ")"]` after PREVIEW: true when LAZY is
    /// among the modifiers. Strict: only LAZY.
    mutating func previewMods() throws(IMAPDecodingError) -> Bool {
        var ahead = index
        while ahead < bytes.count && bytes[ahead] == ASCII.space { ahead &+= 1 }
        guard ahead > index, ahead < bytes.count, bytes[ahead] == ASCII.openParen else { return false }
        try sp("fetch-att")
        try expect(ASCII.openParen, "fetch-att")
        var lazy = false
        skipExtraSpaces()
        while true {
            if skipKeyword("LAZY") {
                lazy = true
            } else if lenient {
                _ = try atom("preview-mod")
            } else {
                throw error("preview-mod", "expected LAZY, found \(found())")
            }
            if skip(ASCII.closeParen) { return lazy }
            try sp("fetch-att")
            if lenient && skip(ASCII.closeParen) { return lazy }
        }
    }
}

extension IMAPWriter {
    // fetch           = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" /
    //                   fetch-att / "(" fetch-att *(SP fetch-att) ")")
    /// Writes the part after `FETCH SP sequence-set SP`. A list is always parenthesized.
    mutating func writeFetchAttributes(_ attributes: FetchAttributes) {
        switch attributes {
        case .all: write("ALL")
        case .fast: write("FAST")
        case .full: write("FULL")
        case .list(let items):
            if items.isEmpty { return refuseEmpty("FETCH items", "fetch") }
            writeByte(ASCII.openParen)
            for (i, item) in items.enumerated() {
                if i > 0 { writeSpace() }
                writeFetchAtt(item)
            }
            writeByte(ASCII.closeParen)
        }
    }

    // fetch-att
    mutating func writeFetchAtt(_ item: FetchAttribute) {
        switch item {
        case .envelope: write("ENVELOPE")
        case .flags: write("FLAGS")
        case .internalDate: write("INTERNALDATE")
        case .rfc822Size: write("RFC822.SIZE")
        case .rfc822: write("RFC822")
        case .rfc822Header: write("RFC822.HEADER")
        case .rfc822Text: write("RFC822.TEXT")
        case .body: write("BODY")
        case .bodyStructure: write("BODYSTRUCTURE")
        case .uid: write("UID")
        case .bodySection(let section, let partial, let peek):
            write(peek ? "BODY.PEEK" : "BODY")
            writeSection(section)
            if let partial { writePartial(partial) }
        case .binary(let part, let partial, let peek):
            write(peek ? "BINARY.PEEK" : "BINARY")
            writeSectionBinary(part)
            if let partial { writePartial(partial) }
        case .binarySize(let part):
            write("BINARY.SIZE")
            writeSectionBinary(part)
        case .modSeq: write("MODSEQ")
        case .emailID: write("EMAILID")
        case .threadID: write("THREADID")
        case .saveDate: write("SAVEDATE")
        case .preview(let lazy): write(lazy ? "PREVIEW (LAZY)" : "PREVIEW")
        case .annotation(let fetch): writeFetchAnnotateOpt(fetch)
        case .gmailMessageID: write("X-GM-MSGID")
        case .gmailThreadID: write("X-GM-THRID")
        case .gmailLabels: write("X-GM-LABELS")
        case .other(let name, let parameters):
            needsReadBack("FETCH item")
            writeRawName(name, "FETCH item name")
            if let parameters {
                writeSpace()
                writeRaw(parameters, "FETCH item parameters")
            }
        }
    }
}
