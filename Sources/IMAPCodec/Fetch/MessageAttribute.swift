// The data items of a FETCH response (RFC 9051 msg-att, RFC 3501, RFC 3516 BINARY,
// RFC 7162 MODSEQ, RFC 8474 EMAILID/THREADID, RFC 8514 SAVEDATE, RFC 8970 PREVIEW,
// Gmail X-GM-*), and any unknown item kept as sent.

/// One data item of a FETCH response: `* 12 FETCH (UID 4827 FLAGS (\Seen) ...)`.
public enum MessageAttribute: Sendable, Hashable {
    /// `FLAGS (flag-fetch ...)`: the message's flags, `\Recent` included.
    case flags([Flag])
    /// `ENVELOPE envelope`.
    indirect case envelope(Envelope)
    /// `INTERNALDATE date-time`.
    case internalDate(IMAPDateTime)
    /// `RFC822.SIZE number64`: the message size in bytes.
    case rfc822Size(Int64)
    /// `RFC822 nstring` (RFC 3501): the whole message.
    case rfc822(ByteString?)
    /// `RFC822.HEADER nstring` (RFC 3501): the header.
    case rfc822Header(ByteString?)
    /// `RFC822.TEXT nstring` (RFC 3501): the body text.
    case rfc822Text(ByteString?)
    /// `BODY body`: the body structure without extension data.
    indirect case body(BodyStructure)
    /// `BODYSTRUCTURE body`: the body structure with extension data.
    indirect case bodyStructure(BodyStructure)
    /// `BODY[section]<origin> nstring`: a section's content; `origin` is the offset
    /// of a partial fetch.
    case bodySection(SectionSpec, origin: UInt32?, data: ByteString?)
    /// `BINARY[part]<origin> (nstring / literal8)` (RFC 3516): a decoded section.
    case binary(part: [UInt32], origin: UInt32?, data: ByteString?)
    /// `BINARY.SIZE[part] number` (RFC 3516): the decoded size.
    case binarySize(part: [UInt32], size: Int64)
    /// `UID uniqueid`.
    case uid(UInt32)
    /// `MODSEQ (mod-sequence)` (RFC 7162).
    case modSeq(UInt64)
    /// `EMAILID (objectid)` (RFC 8474).
    case emailID(ByteString)
    /// `THREADID (objectid)` or `THREADID NIL` (RFC 8474).
    case threadID(ByteString?)
    /// `SAVEDATE date-time` or `SAVEDATE NIL` (RFC 8514).
    case saveDate(IMAPDateTime?)
    /// `PREVIEW nstring` (RFC 8970).
    case preview(ByteString?)
    /// `ANNOTATION (...)` (RFC 5257): entries with attribute values, or changed entries.
    case annotation(AnnotationData)
    /// `X-GM-MSGID number64` (Gmail).
    case gmailMessageID(UInt64)
    /// `X-GM-THRID number64` (Gmail).
    case gmailThreadID(UInt64)
    /// `X-GM-LABELS (label ...)` (Gmail): labels as sent, system labels with their
    /// backslash (`\Inbox`).
    case gmailLabels([ByteString])
    /// An item this codec does not know: its name (section included, e.g.
    /// `X-FOO[1]`) and its value as sent, up to the next top-level SP or ")" (nil when
    /// the server sent none; that reads back only as the last item of the list).
    case other(name: ByteString, value: ByteString?)
}

extension ParserState {
    // msg-att         = "(" (msg-att-dynamic / msg-att-static)
    //                    *(SP (msg-att-dynamic / msg-att-static)) ")"
    /// Parses the list after `* n FETCH SP`, through its ")". Lenient: extra spaces
    /// between items, an empty list, and no SP before an item that starts with a letter
    /// (Exchange and Office 365 follow a literal with `UID 12 FLAGS (\Seen))` directly).
    mutating func msgAtt() throws(IMAPDecodingError) -> [MessageAttribute] {
        try expect(ASCII.openParen, "msg-att")
        var items: [MessageAttribute] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) {
            if lenient { return items }
            throw error("msg-att", "expected at least one data item")
        }
        while true {
            let item = try msgAttItem()
            try add(item, to: &items, expected: 8, last: peek() == ASCII.closeParen, "msg-att")
            if skip(ASCII.closeParen) { return items }
            if lenient, let next = peek(), ASCII.upper(next) >= 0x41 && ASCII.upper(next) <= 0x5A { continue }
            try sp("msg-att")
            if lenient && skip(ASCII.closeParen) { return items }
        }
    }

    /// True when `name` (upper case) is next, followed by neither another ATOM-CHAR
    /// nor anything but "[" — without consuming it otherwise.
    mutating func skipItemName(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let base = name.utf8Start
        for k in 0..<count where ASCII.upper(bytes[index &+ k]) != base[k] {
            return false
        }
        let end = index &+ count
        if end < bytes.count {
            let next = bytes[end]
            if next != ASCII.openBracket && CharacterClass.isAtomChar(next) { return false }
        }
        index = end
        return true
    }

    // msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"
    // msg-att-dynamic =/ fetch-mod-resp                      ; RFC 7162
    // msg-att-dynamic =/ "PREVIEW" SP nstring                ; RFC 8970
    // msg-att-static  = "ENVELOPE" SP envelope /
    //                   "INTERNALDATE" SP date-time /
    //                   "RFC822.SIZE" SP number64 /
    //                   "BODY" ["STRUCTURE"] SP body /
    //                   "BODY" section ["<" number ">"] SP nstring /
    //                   "BINARY" section-binary SP (nstring / literal8) /
    //                   "BINARY.SIZE" section-binary SP number /
    //                   "UID" SP uniqueid
    // msg-att-static  =/ "RFC822" [".HEADER" / ".TEXT"] SP nstring   ; RFC 3501
    // msg-att-static  =/ fetch-emailid-resp / fetch-threadid-resp    ; RFC 8474
    // msg-att-static  =/ "SAVEDATE" SP (date-time / nil)            ; RFC 8514
    /// One data item. RFC 3516's `BINARY section-binary ["<" number ">"]` origin is
    /// accepted. Unknown items are kept as name and raw value.
    mutating func msgAttItem() throws(IMAPDecodingError) -> MessageAttribute {
        switch peek().map(ASCII.upper) {
        case UInt8(ascii: "A")?:
            // msg-att-dynamic  =/ "ANNOTATION" SP ...                 ; RFC 5257
            if skipItemName("ANNOTATION") { return try msgAttAnnotation() }
        case UInt8(ascii: "B")?:
            if skipItemName("BODYSTRUCTURE") {
                try sp("msg-att-static")
                try chargeBox(BodyStructure.self, "msg-att-static")
                return .bodyStructure(try body())
            }
            if skipItemName("BODY") {
                if peek() == ASCII.openBracket {
                    let section = try section()
                    let origin = try msgAttOrigin()
                    return .bodySection(section, origin: origin, data: try msgAttNString("msg-att-static"))
                }
                try sp("msg-att-static")
                try chargeBox(BodyStructure.self, "msg-att-static")
                return .body(try body())
            }
            if skipItemName("BINARY.SIZE") {
                let part = try sectionBinary()
                try sp("msg-att-static")
                return .binarySize(part: part, size: try fetchSize("number", narrow: true))
            }
            if skipItemName("BINARY") {
                let part = try sectionBinary()
                let origin = try msgAttOrigin()
                let data: ByteString?
                if peek() == ASCII.space && peek(1) == ASCII.tilde {
                    try sp("msg-att-static")
                    data = try literal8()
                } else {
                    data = try msgAttNString("msg-att-static")
                }
                return .binary(part: part, origin: origin, data: data)
            }
        case UInt8(ascii: "E")?:
            if skipItemName("ENVELOPE") {
                try sp("msg-att-static")
                try chargeBox(Envelope.self, "msg-att-static")
                return .envelope(try envelope())
            }
            if skipItemName("EMAILID") {
                try sp("fetch-emailid-resp")
                try expect(ASCII.openParen, "fetch-emailid-resp")
                let id = try objectid()
                try expect(ASCII.closeParen, "fetch-emailid-resp")
                return .emailID(id)
            }
        case UInt8(ascii: "F")?:
            if skipItemName("FLAGS") {
                try sp("msg-att-dynamic")
                return .flags(try flagList())
            }
        case UInt8(ascii: "I")?:
            if skipItemName("INTERNALDATE") {
                try sp("msg-att-static")
                return .internalDate(try dateTime())
            }
        case UInt8(ascii: "M")?:
            if skipItemName("MODSEQ") {
                // fetch-mod-resp      = "MODSEQ" SP "(" permsg-modsequence ")"
                // permsg-modsequence  = mod-sequence-value
                // Lenient: the value without its parentheses, spaces inside them, and a
                // negative value (read as 0, as negative sizes are).
                try sp("fetch-mod-resp")
                let parenthesized = !lenient || peek() == ASCII.openParen
                if parenthesized {
                    try expect(ASCII.openParen, "fetch-mod-resp")
                    skipExtraSpaces()
                }
                let value: UInt64
                if lenient && skipNegativeNumber() {
                    value = 0
                } else {
                    value = try parseModSequenceValue("permsg-modsequence", allowZero: false)
                }
                if parenthesized {
                    skipExtraSpaces()
                    try expect(ASCII.closeParen, "fetch-mod-resp")
                }
                return .modSeq(value)
            }
        case UInt8(ascii: "P")?:
            if skipItemName("PREVIEW") {
                return .preview(try msgAttNString("msg-att-dynamic"))
            }
        case UInt8(ascii: "R")?:
            if skipItemName("RFC822.SIZE") {
                try sp("msg-att-static")
                return .rfc822Size(try fetchSize("number64"))
            }
            if skipItemName("RFC822.HEADER") { return .rfc822Header(try msgAttNString("msg-att-static")) }
            if skipItemName("RFC822.TEXT") { return .rfc822Text(try msgAttNString("msg-att-static")) }
            if skipItemName("RFC822") { return .rfc822(try msgAttNString("msg-att-static")) }
        case UInt8(ascii: "S")?:
            if skipItemName("SAVEDATE") {
                try sp("msg-att-static")
                if skipNil() { return .saveDate(nil) }
                return .saveDate(try dateTime())
            }
        case UInt8(ascii: "T")?:
            if skipItemName("THREADID") {
                // fetch-threadid-resp = "THREADID" SP ( "(" objectid ")" / nil )
                try sp("fetch-threadid-resp")
                if skipNil() { return .threadID(nil) }
                try expect(ASCII.openParen, "fetch-threadid-resp")
                let id = try objectid()
                try expect(ASCII.closeParen, "fetch-threadid-resp")
                return .threadID(id)
            }
        case UInt8(ascii: "U")?:
            if skipItemName("UID") {
                // uniqueid        = nz-number
                try sp("msg-att-static")
                return .uid(lenient ? try number("uniqueid") : try nzNumber("uniqueid"))
            }
        case UInt8(ascii: "X")?:
            if skipItemName("X-GM-MSGID") {
                try sp("x-gm-msgid")
                return .gmailMessageID(try gmailID("x-gm-msgid"))
            }
            if skipItemName("X-GM-THRID") {
                try sp("x-gm-thrid")
                return .gmailThreadID(try gmailID("x-gm-thrid"))
            }
            if skipItemName("X-GM-LABELS") {
                try sp("x-gm-labels")
                return .gmailLabels(try gmailLabelList())
            }
        default:
            break
        }
        guard let byte = peek(), CharacterClass.isAtomChar(byte) || (lenient && byte >= 0x80) else {
            throw error("msg-att", "expected a data item, found \(found())")
        }
        let name = try fetchRawName("msg-att")
        if peek() == ASCII.closeParen { return .other(name: name, value: nil) }
        try sp("msg-att")
        if peek() == ASCII.closeParen { return .other(name: name, value: nil) }
        return .other(name: name, value: try fetchRawValue("msg-att"))
    }

    /// `["<" number ">"]` after a section in a response (32 bits, as RFC 9051 and
    /// RFC 3516 say `number`).
    mutating func msgAttOrigin() throws(IMAPDecodingError) -> UInt32? {
        guard skip(ASCII.lessThan) else { return nil }
        let origin = try number("msg-att-static")
        try expect(ASCII.greaterThan, "msg-att-static")
        return origin
    }

    /// `SP nstring` after an item name. Lenient: an item with no value (`BODY[2] )`,
    /// `BODY[2])`) reads as NIL.
    mutating func msgAttNString(_ rule: String) throws(IMAPDecodingError) -> ByteString? {
        if lenient {
            if peek() == ASCII.closeParen { return nil }
            try sp(rule)
            if peek() == ASCII.closeParen || atLineEnd { return nil }
            return try nstring()
        }
        try sp(rule)
        return try nstring()
    }

    // objectid = 1*255(ALPHA / DIGIT / "_" / "-")        ; RFC 8474
    /// Lenient: any atom.
    mutating func objectid() throws(IMAPDecodingError) -> ByteString {
        if lenient { return try atom("objectid") }
        let start = index
        let end = scan { byte in
            let letter = ASCII.upper(byte)
            return (letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z")) || ASCII.isDigit(byte)
                || byte == UInt8(ascii: "_") || byte == ASCII.minus
        }
        guard end > start else { throw error("objectid", "expected an object id, found \(found())") }
        guard end - start <= 255 else { throw error("objectid", "object id longer than 255 characters") }
        index = end
        return slice(start, end)
    }

    /// A Gmail id: `number64`. Lenient: any unsigned 64-bit value.
    mutating func gmailID(_ rule: String) throws(IMAPDecodingError) -> UInt64 {
        lenient ? try unsigned64(rule) : UInt64(try number64(rule))
    }

    /// `X-GM-LABELS` value: `"(" [label *(SP label)] ")"`, a label being an astring or a
    /// `\`-prefixed system label. Lenient: NIL for the list or inside it (ignored).
    /// Strict: an unquoted NIL is rejected.
    mutating func gmailLabelList() throws(IMAPDecodingError) -> [ByteString] {
        if lenient && skipNil() { return [] }
        try expect(ASCII.openParen, "x-gm-labels")
        var labels: [ByteString] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return labels }
        while true {
            if skipNil() {
                if !lenient { throw error("x-gm-labels", "NIL is not a label") }
            } else {
                try add(try gmailLabel(), to: &labels, "msg-att")
            }
            if skip(ASCII.closeParen) { return labels }
            try sp("x-gm-labels")
            if lenient && skip(ASCII.closeParen) { return labels }
        }
    }

    /// One Gmail label: `\` atom (system label) or astring.
    mutating func gmailLabel() throws(IMAPDecodingError) -> ByteString {
        if peek() == ASCII.backslash {
            let start = index
            _ = try flag()
            return slice(start, index)
        }
        return try astring()
    }
}

extension IMAPWriter {
    /// Message data (BODY[...], BINARY[...], RFC822...): always a literal, as servers send
    /// it and as some clients (curl) require, or NIL; a literal8 when `binary`.
    /// NUL only in a literal8 (a BINARY item, which the client asked for).
    mutating func writeMessageData(_ data: ByteString?, binary: Bool = false) {
        guard let data else { return writeNil() }
        writeLiteral(data, binary ? "BINARY data" : "message data", binary: binary)
    }

    // msg-att         = "(" (msg-att-dynamic / msg-att-static)
    //                    *(SP (msg-att-dynamic / msg-att-static)) ")"
    mutating func writeMsgAtt(_ items: [MessageAttribute]) {
        if items.isEmpty { return refuseEmpty("FETCH data items", "msg-att") }
        writeByte(ASCII.openParen)
        for (i, item) in items.enumerated() {
            if i > 0 { writeSpace() }
            writeMessageAttribute(item)
        }
        writeByte(ASCII.closeParen)
    }

    /// One data item of a FETCH response.
    mutating func writeMessageAttribute(_ item: MessageAttribute) {
        switch item {
        case .flags(let flags):
            write("FLAGS ")
            writeFlagList(flags)
        case .envelope(let envelope):
            write("ENVELOPE ")
            writeEnvelope(envelope)
        case .internalDate(let date):
            write("INTERNALDATE ")
            writeDateTime(date)
        case .rfc822Size(let size):
            write("RFC822.SIZE ")
            writeNumber(size)
        case .rfc822(let data):
            write("RFC822 ")
            writeMessageData(data)
        case .rfc822Header(let data):
            write("RFC822.HEADER ")
            writeMessageData(data)
        case .rfc822Text(let data):
            write("RFC822.TEXT ")
            writeMessageData(data)
        case .body(let body):
            write("BODY ")
            writeBody(body)
        case .bodyStructure(let body):
            write("BODYSTRUCTURE ")
            writeBody(body)
        case .bodySection(let section, let origin, let data):
            write("BODY")
            writeSection(section)
            writeOrigin(origin)
            writeSpace()
            writeMessageData(data)
        case .binary(let part, let origin, let data):
            write("BINARY")
            writeSectionBinary(part)
            writeOrigin(origin)
            writeSpace()
            writeMessageData(data, binary: data?.withUnsafeBytes(WordBytes.firstZero) != nil)
        case .binarySize(let part, let size):
            // msg-att-static  =/ "BINARY.SIZE" section-binary SP number
            write("BINARY.SIZE")
            writeSectionBinary(part)
            writeSpace()
            writeNumber32(size, "BINARY.SIZE")
        case .uid(let uid):
            // uniqueid        = nz-number
            write("UID ")
            writeNZNumber(uid, "FETCH UID")
        case .modSeq(let value):
            // fetch-mod-resp      = "MODSEQ" SP "(" permsg-modsequence ")"
            // permsg-modsequence  = mod-sequence-value
            write("MODSEQ (")
            writeModSequenceValue(value, "FETCH MODSEQ", rule: "permsg-modsequence")
            writeByte(ASCII.closeParen)
        case .emailID(let id):
            write("EMAILID (")
            writeObjectID(id, "EMAILID")
            writeByte(ASCII.closeParen)
        case .threadID(let id):
            write("THREADID ")
            if let id {
                writeByte(ASCII.openParen)
                writeObjectID(id, "THREADID")
                writeByte(ASCII.closeParen)
            } else {
                writeNil()
            }
        case .saveDate(let date):
            write("SAVEDATE ")
            if let date { writeDateTime(date) } else { writeNil() }
        case .preview(let data):
            write("PREVIEW ")
            writeNString(data)
        // A Gmail id is a number64, as it is read.
        case .gmailMessageID(let id):
            write("X-GM-MSGID ")
            writeNumber64(id, "X-GM-MSGID")
        case .gmailThreadID(let id):
            write("X-GM-THRID ")
            writeNumber64(id, "X-GM-THRID")
        case .gmailLabels(let labels):
            write("X-GM-LABELS ")
            writeGmailLabelList(labels)
        case .annotation(let data): writeAnnotationData(data)
        case .other(let name, let value):
            needsReadBack("FETCH data item")
            writeRawName(name, "FETCH item name")
            if let value {
                writeSpace()
                writeRaw(value, "FETCH item value")
            }
        }
    }

    mutating func writeOrigin(_ origin: UInt32?) {
        guard let origin else { return }
        writeByte(ASCII.lessThan)
        writeNumber(origin)
        writeByte(ASCII.greaterThan)
    }

    /// `(label ...)` for X-GM-LABELS.
    mutating func writeGmailLabelList(_ labels: [ByteString]) {
        writeByte(ASCII.openParen)
        for (i, label) in labels.enumerated() {
            if i > 0 { writeSpace() }
            writeGmailLabel(label)
        }
        writeByte(ASCII.closeParen)
    }

    /// A Gmail label: a system label (`\Inbox`) as is, `NIL` quoted, others as astring.
    mutating func writeGmailLabel(_ label: ByteString) {
        if label.bytes.first == ASCII.backslash, label.count > 1,
            label.bytes.dropFirst().allSatisfy(CharacterClass.isAtomChar)
        {
            writeBytes(label)
        } else if label.count == 3 && ASCII.equalsCaseInsensitive(label.bytes, "NIL".utf8) {
            writeQuoted(label)
        } else {
            writeAString(label, "X-GM-LABELS label")
        }
    }
}
