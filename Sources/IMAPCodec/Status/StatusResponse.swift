/// One value of a STATUS response (`status-att-val`).
public enum StatusValue: Sendable, Hashable {
    /// `MESSAGES n`.
    case messages(UInt32)
    /// `RECENT n` (IMAP4rev1).
    case recent(UInt32)
    /// `UIDNEXT n`.
    case uidNext(UInt32)
    /// `UIDVALIDITY n`.
    case uidValidity(UInt32)
    /// `UNSEEN n`.
    case unseen(UInt32)
    /// `DELETED n`.
    case deleted(UInt32)
    /// `SIZE n` (number64).
    case size(Int64)
    /// `HIGHESTMODSEQ n` (mod-sequence-valzer, RFC 7162).
    case highestModSeq(UInt64)
    /// `APPENDLIMIT n` or `APPENDLIMIT NIL` (no limit) (RFC 7889).
    case appendLimit(UInt32?)
    /// `MAILBOXID (objectid)` (RFC 8474).
    case mailboxID(ByteString)
    /// Any other attribute with its value (`tagged-ext-val`), e.g. `DELETED-STORAGE 0`.
    case other(StatusAttribute, TaggedExtensionValue)
}

/// The data of a STATUS response: what follows `STATUS SP` in `* STATUS INBOX (MESSAGES 3)`.
public struct StatusResponse: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The values, in the order received.
    public var values: [StatusValue]

    /// Creates STATUS data.
    public init(mailbox: MailboxName, values: [StatusValue]) {
        self.mailbox = mailbox
        self.values = values
    }
}

extension ParserState {
    // mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    // status-att-list =  status-att-val *(SP status-att-val)
    /// Parses what follows `STATUS SP`; stops after `)` (before CRLF). Lenient: extra
    /// spaces, an unquoted mailbox name holding spaces (`* STATUS My files (UIDNEXT 1)`),
    /// negative sizes (read as 0), zero where a nz-number belongs.
    mutating func statusResponse() throws(IMAPDecodingError) -> StatusResponse {
        let mailbox = try mailboxAllowingSpaces()
        try sp("mailbox-data")
        try expect(ASCII.openParen, "mailbox-data")
        var values: [StatusValue] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return StatusResponse(mailbox: mailbox, values: values) }
        values.reserveCapacity(8)
        while true {
            try add(try statusAttVal(), to: &values, "status-att-list")
            if skip(ASCII.closeParen) { break }
            try sp("status-att-list")
            if lenient && skip(ASCII.closeParen) { break }
        }
        return StatusResponse(mailbox: mailbox, values: values)
    }

    // status-att-val  = ("MESSAGES" SP number) /
    //                   ("UIDNEXT" SP nz-number) /
    //                   ("UIDVALIDITY" SP nz-number) /
    //                   ("UNSEEN" SP number) /
    //                   ("DELETED" SP number) /
    //                   ("SIZE" SP number64)
    // status-att-val  =/ "RECENT" SP number                      ; RFC 3501
    // status-att-val  =/ "HIGHESTMODSEQ" SP mod-sequence-valzer  ; RFC 7162
    // status-att-val  =/ "APPENDLIMIT" SP (number / nil)         ; RFC 7889
    // status-att-val  =/ "MAILBOXID" SP "(" objectid ")"         ; RFC 8474
    mutating func statusAttVal() throws(IMAPDecodingError) -> StatusValue {
        let attribute = try statusAtt()
        try sp("status-att-val")
        switch attribute {
        case .messages: return .messages(try statusNumber())
        case .recent: return .recent(try statusNumber())
        case .unseen: return .unseen(try statusNumber())
        case .deleted: return .deleted(try statusNumber())
        case .uidNext: return .uidNext(try statusNumber(nonZero: true))
        case .uidValidity: return .uidValidity(try statusNumber(nonZero: true))
        case .size: return .size(try sizeNumber64("status-att-val"))
        case .highestModSeq:
            if lenient && skipNegativeNumber() { return .highestModSeq(0) }
            return .highestModSeq(try parseModSequenceValue("mod-sequence-valzer", allowZero: true))
        case .appendLimit:
            if skipNil() { return .appendLimit(nil) }
            return .appendLimit(try statusNumber())
        case .mailboxID:
            try expect(ASCII.openParen, "status-att-val")
            let id = try objectID()
            try expect(ASCII.closeParen, "status-att-val")
            return .mailboxID(id)
        default:
            return .other(attribute, try taggedExtVal())
        }
    }

    /// A `number` (or `nz-number`) in a STATUS value. Lenient: a negative number reads as
    /// 0, and 0 is accepted where a nz-number belongs.
    mutating func statusNumber(nonZero: Bool = false) throws(IMAPDecodingError) -> UInt32 {
        if lenient {
            if skipNegativeNumber() { return 0 }
            return try number("status-att-val")
        }
        return nonZero ? try nzNumber("status-att-val") : try number("status-att-val")
    }

    /// A `number64` where a size or count belongs. Lenient: a negative number reads as 0.
    mutating func sizeNumber64(_ rule: String) throws(IMAPDecodingError) -> Int64 {
        if lenient && skipNegativeNumber() { return 0 }
        return try number64(rule)
    }

    /// Lenient helper: consumes `-` and digits when they are next.
    mutating func skipNegativeNumber() -> Bool {
        guard peek() == ASCII.minus, let digit = peek(1), ASCII.isDigit(digit) else { return false }
        index &+= 1
        while let byte = peek(), ASCII.isDigit(byte) { index &+= 1 }
        return true
    }

    // objectid = 1*255(ALPHA / DIGIT / "_" / "-")
    //              ; characters in object identifiers are case
    //              ; significant
    /// Lenient: any atom (8-bit bytes included) of any length, as for EMAILID and THREADID
    /// (``objectid()``): Cyrus printed its binary unique id as the MAILBOXID. The encoder
    /// refuses to write such an id back (``IMAPWriter/writeObjectID(_:_:)``).
    mutating func objectID() throws(IMAPDecodingError) -> ByteString {
        if lenient { return try atom("objectid") }
        let start = index
        let end = scan { byte in
            let upper = ASCII.upper(byte)
            return (upper >= 0x41 && upper <= 0x5A) || ASCII.isDigit(byte) || byte == 0x5F || byte == ASCII.minus
        }
        guard end > start else { throw error("objectid", "expected an object id, found \(found())") }
        if end - start > 255 && !lenient {
            throw error("objectid", "object id longer than 255 characters")
        }
        index = end
        return slice(start, end)
    }
}

extension IMAPWriter {
    // objectid        = 1*255(ALPHA / DIGIT / "_" / "-")
    /// Refused when empty, longer than 255 bytes or holding any other byte.
    mutating func writeObjectID(_ id: ByteString, _ field: String) {
        if id.isEmpty { return refuseEmpty(field, "objectid") }
        if id.count > 255 {
            return refuse(
                IMAPValueError(kind: .tooLong, field: field, rule: "objectid", message: "longer than 255 bytes")
            )
        }
        let bad = id.withUnsafeBytes { raw in
            raw.firstIndex { byte in
                let upper = ASCII.upper(byte)
                return !((upper >= 0x41 && upper <= 0x5A) || ASCII.isDigit(byte) || byte == 0x5F || byte == ASCII.minus)
            }
        }
        if let bad {
            return refuse(.forbidden(id.withUnsafeBytes { $0[bad] }, at: bad, field: field, rule: "objectid"))
        }
        writeBytes(id)
    }

    /// Writes what follows `STATUS SP` in a STATUS response.
    mutating func writeStatusResponse(_ response: StatusResponse) {
        writeMailbox(response.mailbox)
        write(" (")
        for (i, value) in response.values.enumerated() {
            if i > 0 { writeSpace() }
            writeStatusAttVal(value)
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes `status-att-val`.
    mutating func writeStatusAttVal(_ value: StatusValue) {
        switch value {
        case .messages(let n):
            write("MESSAGES ")
            writeNumber(n)
        case .recent(let n):
            write("RECENT ")
            writeNumber(n)
        // ("UIDNEXT" SP nz-number) / ("UIDVALIDITY" SP nz-number)
        // (lenient decoding reads the 0 real servers send; it is not written)
        case .uidNext(let n):
            write("UIDNEXT ")
            writeNZNumber(n, "STATUS UIDNEXT")
        case .uidValidity(let n):
            write("UIDVALIDITY ")
            writeNZNumber(n, "STATUS UIDVALIDITY")
        case .unseen(let n):
            write("UNSEEN ")
            writeNumber(n)
        case .deleted(let n):
            write("DELETED ")
            writeNumber(n)
        case .size(let n):
            write("SIZE ")
            writeNumber(n)
        // status-att-val  =/ "HIGHESTMODSEQ" SP mod-sequence-valzer  ; RFC 7162
        case .highestModSeq(let n):
            write("HIGHESTMODSEQ ")
            writeModSequenceValzer(n, "STATUS HIGHESTMODSEQ")
        case .appendLimit(let n):
            write("APPENDLIMIT ")
            if let n { writeNumber(n) } else { writeNil() }
        case .mailboxID(let id):
            write("MAILBOXID (")
            writeObjectID(id, "STATUS MAILBOXID")
            writeByte(ASCII.closeParen)
        case .other(let attribute, let value):
            needsReadBack("STATUS item")
            writeStatusAtt(attribute)
            writeSpace()
            writeTaggedExtVal(value)
        }
    }
}
