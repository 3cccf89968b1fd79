// UIDBATCHES (RFC 10022, draft-ietf-mailmaint-imap-uidbatches): the UIDBATCHES command and
// response. The UIDAFTER and UIDBEFORE search keys are in Search/SearchKey.swift.

/// The arguments of a UIDBATCHES command: what follows `UIDBATCHES SP`.
public struct UIDBatchesCommand: Sendable, Hashable {
    /// How many messages each batch holds (an nz-number).
    public var batchSize: UInt32
    /// Which batches to return (1 is the batch of the newest messages), or nil for all. The
    /// bounds are nz-numbers; the range is written `lower:upper`.
    public var batches: ClosedRange<UInt32>?

    /// Creates UIDBATCHES arguments.
    public init(batchSize: UInt32, batches: ClosedRange<UInt32>? = nil) {
        self.batchSize = batchSize
        self.batches = batches
    }
}

/// The data of a `* UIDBATCHES` response: what follows `UIDBATCHES`.
public struct UIDBatchesResponse: Sendable, Hashable {
    /// The tag of the UIDBATCHES command this answers (`search-correlator`).
    public var tag: ByteString
    /// The mailbox (a `MAILBOX` correlator), when given.
    public var mailbox: MailboxName?
    /// The UIDVALIDITY of the mailbox (a `UIDVALIDITY` correlator), when given.
    public var uidValidity: UInt32?
    /// The UID range of each batch, newest batch first. A range is written highest UID
    /// first (`215295:99696`), a one-UID range as that UID; the UIDs are nz-numbers.
    public var batches: [ClosedRange<UInt32>]

    /// Creates UIDBATCHES data.
    public init(
        tag: ByteString,
        mailbox: MailboxName? = nil,
        uidValidity: UInt32? = nil,
        batches: [ClosedRange<UInt32>] = []
    ) {
        self.tag = tag
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.batches = batches
    }
}

extension ParserState {
    // message-batches = "UIDBATCHES" SP nz-number
    //                   [SP nz-number ":" nz-number]
    /// Parses what follows `UIDBATCHES SP`; stops before CRLF. A batch range written upper
    /// bound first (`60:50`) is rejected in strict mode and read as `50...60` in lenient mode.
    mutating func messageBatchesArguments() throws(IMAPDecodingError) -> UIDBatchesCommand {
        let size = try nzNumber("message-batches")
        guard peek() == ASCII.space, let next = peek(1), ASCII.isDigit(next) else {
            return UIDBatchesCommand(batchSize: size)
        }
        index &+= 1
        let start = index
        let first = try nzNumber("message-batches")
        try expect(UInt8(ascii: ":"), "message-batches")
        let last = try nzNumber("message-batches")
        if first > last && !lenient {
            throw error("message-batches", "the batch range \(first):\(last) is descending", at: start)
        }
        return UIDBatchesCommand(batchSize: size, batches: Swift.min(first, last)...Swift.max(first, last))
    }

    // uidbatches-response = "UIDBATCHES" search-correlator
    //                       [SP uid-range *("," uid-range)]
    // uid-range           = uniqueid [":" uniqueid]
    /// Parses what follows `UIDBATCHES`; stops before CRLF. The correlator must carry a TAG.
    /// A range is read in either order (`1:5` and `5:1` are the same UIDs). Lenient: extra and
    /// trailing spaces.
    mutating func uidbatchesResponse() throws(IMAPDecodingError) -> UIDBatchesResponse {
        try sp("uidbatches-response")
        skipExtraSpaces()
        let correlatorStart = index
        var correlator = ESearchResponse()
        try searchCorrelator(&correlator)
        guard let tag = correlator.tag else {
            throw error("uidbatches-response", "the correlator has no TAG", at: correlatorStart)
        }
        var response = UIDBatchesResponse(tag: tag, mailbox: correlator.mailbox, uidValidity: correlator.uidValidity)
        guard peek() == ASCII.space else { return response }
        if lenient {
            let save = index
            skipExtraSpaces()
            if atLineEnd {
                index = save
                return response
            }
            index = save
        }
        try sp("uidbatches-response")
        skipExtraSpaces()
        while true {
            let first = try nzNumber("uid-range")
            var last = first
            if skip(UInt8(ascii: ":")) { last = try nzNumber("uid-range") }
            try add(Swift.min(first, last)...Swift.max(first, last), to: &response.batches, "uidbatches-response")
            if !skip(UInt8(ascii: ",")) { return response }
        }
    }
}

extension IMAPWriter {
    // message-batches = "UIDBATCHES" SP nz-number
    //                   [SP nz-number ":" nz-number]
    /// Writes what follows `UIDBATCHES SP`.
    mutating func writeMessageBatchesArguments(_ command: UIDBatchesCommand) {
        writeNZNumber(command.batchSize, "UIDBATCHES batch size")
        if let batches = command.batches {
            writeSpace()
            writeNZNumber(batches.lowerBound, "UIDBATCHES batch range")
            writeByte(UInt8(ascii: ":"))
            writeNZNumber(batches.upperBound, "UIDBATCHES batch range")
        }
    }

    // uidbatches-response = "UIDBATCHES" search-correlator
    //                       [SP uid-range *("," uid-range)]
    /// Writes what follows `UIDBATCHES`, no CRLF.
    mutating func writeUIDBatchesResponse(_ response: UIDBatchesResponse) {
        writeESearchCorrelator(tag: response.tag, mailbox: response.mailbox, uidValidity: response.uidValidity)
        for (i, batch) in response.batches.enumerated() {
            writeByte(i == 0 ? ASCII.space : UInt8(ascii: ","))
            writeNZNumber(batch.upperBound, "UIDBATCHES UID")
            if batch.lowerBound != batch.upperBound {
                writeByte(UInt8(ascii: ":"))
                writeNZNumber(batch.lowerBound, "UIDBATCHES UID")
            }
        }
    }
}
