/// The envelope of a message (RFC 9051 `envelope`, FETCH ENVELOPE): its main header
/// fields as the server parsed them.
///
/// Strings are the raw header values as the server sent them (often RFC 2047 encoded
/// words). Address lists sent as NIL are empty.
public struct Envelope: Sendable, Hashable {
    /// `env-date`: the Date header field, unparsed, or nil.
    public var date: ByteString?
    /// `env-subject`: the Subject header field, or nil.
    public var subject: ByteString?
    /// `env-from`: the From addresses.
    public var from: [Address]
    /// `env-sender`: the Sender addresses (servers fill in From when absent).
    public var sender: [Address]
    /// `env-reply-to`: the Reply-To addresses (servers fill in From when absent).
    public var replyTo: [Address]
    /// `env-to`: the To addresses.
    public var to: [Address]
    /// `env-cc`: the Cc addresses.
    public var cc: [Address]
    /// `env-bcc`: the Bcc addresses.
    public var bcc: [Address]
    /// `env-in-reply-to`: the In-Reply-To header field, or nil.
    public var inReplyTo: ByteString?
    /// `env-message-id`: the Message-ID header field, or nil.
    public var messageID: ByteString?

    /// Creates an envelope.
    public init(
        date: ByteString? = nil, subject: ByteString? = nil, from: [Address] = [], sender: [Address] = [],
        replyTo: [Address] = [], to: [Address] = [], cc: [Address] = [], bcc: [Address] = [],
        inReplyTo: ByteString? = nil, messageID: ByteString? = nil
    ) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}

extension ParserState {
    // envelope        = "(" env-date SP env-subject SP env-from SP
    //                   env-sender SP env-reply-to SP env-to SP env-cc SP
    //                   env-bcc SP env-in-reply-to SP env-message-id ")"
    // env-date        = nstring
    // env-subject     = nstring
    // env-in-reply-to = nstring
    // env-message-id  = nstring
    /// Parses the parenthesized envelope, from `(` to `)` inclusive.
    ///
    /// Lenient: extra spaces, `()` for NIL strings or address lists, missing trailing
    /// fields (NIL / empty), bare NIL entries in address lists, unescaped quotes (see
    /// ``quoted()``) and literals counted in characters (see ``listNString(_:remaining:)``).
    mutating func envelope() throws(IMAPDecodingError) -> Envelope {
        try expect(ASCII.openParen, "envelope")
        skipExtraSpaces()
        var envelope = Envelope()
        fields: do {
            if listEndsEarly() { break fields }
            envelope.date = try listNString("env-date", remaining: 9)
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.subject = try listNString("env-subject", remaining: 8)
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.from = try envAddressList("env-from")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.sender = try envAddressList("env-sender")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.replyTo = try envAddressList("env-reply-to")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.to = try envAddressList("env-to")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.cc = try envAddressList("env-cc")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.bcc = try envAddressList("env-bcc")
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.inReplyTo = try listNString("env-in-reply-to", remaining: 1)
            if listEndsEarly() { break fields }
            try sp("envelope")
            envelope.messageID = try listNString("env-message-id", remaining: 0)
            skipExtraSpaces()
        }
        if !skip(ASCII.closeParen) {
            throw error("envelope", "expected \")\" after env-message-id, found \(found())")
        }
        return envelope
    }
}

extension IMAPWriter {
    // envelope        = "(" env-date SP env-subject SP env-from SP
    //                   env-sender SP env-reply-to SP env-to SP env-cc SP
    //                   env-bcc SP env-in-reply-to SP env-message-id ")"
    /// Writes the parenthesized envelope.
    mutating func writeEnvelope(_ envelope: Envelope) {
        writeByte(ASCII.openParen)
        writeNString(envelope.date)
        writeSpace()
        writeNString(envelope.subject)
        writeSpace()
        writeEnvAddressList(envelope.from)
        writeSpace()
        writeEnvAddressList(envelope.sender)
        writeSpace()
        writeEnvAddressList(envelope.replyTo)
        writeSpace()
        writeEnvAddressList(envelope.to)
        writeSpace()
        writeEnvAddressList(envelope.cc)
        writeSpace()
        writeEnvAddressList(envelope.bcc)
        writeSpace()
        writeNString(envelope.inReplyTo)
        writeSpace()
        writeNString(envelope.messageID)
        writeByte(ASCII.closeParen)
    }
}
