/// The envelope of a message (RFC 9051 `envelope`, FETCH ENVELOPE): its main header
/// fields as the server parsed them.
///
/// Strings are the raw header values as the server sent them (often RFC 2047 encoded
/// words). Address lists sent as NIL are empty.
public struct Envelope: Sendable, Hashable, CustomReflectable {
    /// The stored fields, in one struct built by its memberwise initializer (see
    /// "Values built once" in Docs/Architecture.md).
    struct Storage: Sendable, Hashable {
        var date: ByteString?
        var subject: ByteString?
        var from: SharedList<Address>
        var sender: SharedList<Address>
        var replyTo: SharedList<Address>
        var to: SharedList<Address>
        var cc: SharedList<Address>
        var bcc: SharedList<Address>
        var inReplyTo: ByteString?
        var messageID: ByteString?
    }
    var storage: Storage

    /// `env-date`: the Date header field, unparsed, or nil.
    public var date: ByteString? {
        get { storage.date }
        _modify { yield &storage.date }
    }
    /// `env-subject`: the Subject header field, or nil.
    public var subject: ByteString? {
        get { storage.subject }
        _modify { yield &storage.subject }
    }
    /// `env-from`: the From addresses.
    public var from: SharedList<Address> {
        get { storage.from }
        _modify { yield &storage.from }
    }
    /// `env-sender`: the Sender addresses (servers fill in From when absent).
    public var sender: SharedList<Address> {
        get { storage.sender }
        _modify { yield &storage.sender }
    }
    /// `env-reply-to`: the Reply-To addresses (servers fill in From when absent).
    public var replyTo: SharedList<Address> {
        get { storage.replyTo }
        _modify { yield &storage.replyTo }
    }
    /// `env-to`: the To addresses.
    public var to: SharedList<Address> {
        get { storage.to }
        _modify { yield &storage.to }
    }
    /// `env-cc`: the Cc addresses.
    public var cc: SharedList<Address> {
        get { storage.cc }
        _modify { yield &storage.cc }
    }
    /// `env-bcc`: the Bcc addresses.
    public var bcc: SharedList<Address> {
        get { storage.bcc }
        _modify { yield &storage.bcc }
    }
    /// `env-in-reply-to`: the In-Reply-To header field, or nil.
    public var inReplyTo: ByteString? {
        get { storage.inReplyTo }
        _modify { yield &storage.inReplyTo }
    }
    /// `env-message-id`: the Message-ID header field, or nil.
    public var messageID: ByteString? {
        get { storage.messageID }
        _modify { yield &storage.messageID }
    }

    /// Creates an envelope.
    public init(
        date: ByteString? = nil,
        subject: ByteString? = nil,
        from: SharedList<Address> = [],
        sender: SharedList<Address> = [],
        replyTo: SharedList<Address> = [],
        to: SharedList<Address> = [],
        cc: SharedList<Address> = [],
        bcc: SharedList<Address> = [],
        inReplyTo: ByteString? = nil,
        messageID: ByteString? = nil
    ) {
        storage = Storage(
            date: date,
            subject: subject,
            from: from,
            sender: sender,
            replyTo: replyTo,
            to: to,
            cc: cc,
            bcc: bcc,
            inReplyTo: inReplyTo,
            messageID: messageID
        )
    }

    /// The public fields, as a struct's (what `print` and `dump` show).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "date": date as Any,
                "subject": subject as Any,
                "from": from,
                "sender": sender,
                "replyTo": replyTo,
                "to": to,
                "cc": cc,
                "bcc": bcc,
                "inReplyTo": inReplyTo as Any,
                "messageID": messageID as Any,
            ],
            displayStyle: .struct
        )
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
        // Fields are read into locals and the envelope built once (see bodyType1part).
        var date: ByteString? = nil
        var subject: ByteString? = nil
        var from = SharedList<Address>()
        var sender = SharedList<Address>()
        var replyTo = SharedList<Address>()
        var to = SharedList<Address>()
        var cc = SharedList<Address>()
        var bcc = SharedList<Address>()
        var inReplyTo: ByteString? = nil
        var messageID: ByteString? = nil
        fields: do {
            if listEndsEarly() { break fields }
            date = try listNString("env-date", remaining: 9)
            if listEndsEarly() { break fields }
            try sp("envelope")
            subject = try listNString("env-subject", remaining: 8)
            if listEndsEarly() { break fields }
            try sp("envelope")
            let fromStart = index
            from = try envAddressList("env-from")
            let fromText = fromStart..<index
            if listEndsEarly() { break fields }
            try sp("envelope")
            sender = try envAddressList("env-sender", repeating: from, text: fromText)
            if listEndsEarly() { break fields }
            try sp("envelope")
            replyTo = try envAddressList("env-reply-to", repeating: from, text: fromText)
            if listEndsEarly() { break fields }
            try sp("envelope")
            to = try envAddressList("env-to")
            if listEndsEarly() { break fields }
            try sp("envelope")
            cc = try envAddressList("env-cc")
            if listEndsEarly() { break fields }
            try sp("envelope")
            bcc = try envAddressList("env-bcc")
            if listEndsEarly() { break fields }
            try sp("envelope")
            inReplyTo = try listNString("env-in-reply-to", remaining: 1)
            if listEndsEarly() { break fields }
            try sp("envelope")
            messageID = try listNString("env-message-id", remaining: 0)
            skipExtraSpaces()
        }
        if !skip(ASCII.closeParen) {
            throw error("envelope", "expected \")\" after env-message-id, found \(found())")
        }
        return Envelope(
            date: date,
            subject: subject,
            from: from,
            sender: sender,
            replyTo: replyTo,
            to: to,
            cc: cc,
            bcc: bcc,
            inReplyTo: inReplyTo,
            messageID: messageID
        )
    }
}

extension ParserState {
    /// `env-sender` or `env-reply-to`, which the server sets to the from member when the
    /// message has no Sender or Reply-To header (RFC 9051 section 7.5.2, ENVELOPE), so that
    /// most envelopes carry the same list three times. When the bytes at the cursor repeat
    /// `text`, the bytes `previous` was parsed from, exactly, `previous` is the value: the
    /// same bytes parse to the same list, which is then shared rather than parsed and
    /// allocated again. Only for a parenthesized list without literals (a literal's count,
    /// re-measured in lenient mode, could depend on what follows).
    mutating func envAddressList(
        _ rule: String,
        repeating previous: SharedList<Address>,
        text: Range<Int>
    ) throws(IMAPDecodingError) -> SharedList<Address> {
        let length = text.count
        if !previous.isEmpty, length > 0, index &+ length <= bytes.count, bytes[index] == ASCII.openParen,
            repeats(text)
        {
            index &+= length
            return previous
        }
        return try envAddressList(rule)
    }

    /// True when the bytes at the cursor start with the frame's bytes `text` (the caller
    /// checked that they fit) and `text` holds no literal header.
    func repeats(_ text: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return false }
            let earlier = base + text.lowerBound
            let here = base + index
            let count = text.count
            // Eight bytes at a time: equal words, and no "{" (WordBytes).
            var k = 0
            while k &+ 8 <= count {
                let a = UnsafeRawPointer(earlier + k).loadUnaligned(as: UInt64.self)
                let b = UnsafeRawPointer(here + k).loadUnaligned(as: UInt64.self)
                if a != b || WordBytes.lanes(of: a, equalTo: ASCII.openBrace) != 0 { return false }
                k &+= 8
            }
            while k < count {
                if earlier[k] != here[k] || earlier[k] == ASCII.openBrace { return false }
                k &+= 1
            }
            return true
        }
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
