/// A mailbox name.
///
/// The name is kept in its IMAP4rev1 wire form: modified UTF-7 (RFC 3501 §5.1.3), so
/// that `Entwürfe` is stored as `Entw&APw-rfe`. ``name`` gives the Unicode text. When
/// UTF8=ACCEPT (RFC 6855) is enabled, decoders convert the UTF-8 names they receive
/// into this form and encoders write UTF-8, so values compare equal whatever the
/// session negotiated. A name that is not valid modified UTF-7 (a non-conforming server)
/// is kept byte for byte.
///
/// `INBOX` is case-insensitive: every spelling decodes to ``inbox``.
public struct MailboxName: Sendable, Hashable, CustomStringConvertible {
    /// The wire bytes (modified UTF-7, or whatever the peer sent when it is not).
    public let bytes: ByteString

    /// Creates a mailbox name from its wire bytes (modified UTF-7 expected).
    /// Any case of `INBOX` becomes `INBOX`.
    public init(bytes: ByteString) {
        if bytes.count == 5 && ASCII.equalsCaseInsensitive(bytes.bytes, MailboxName.inboxBytes) {
            self.bytes = ByteString(MailboxName.inboxBytes)
        } else {
            self.bytes = bytes
        }
    }

    /// Creates a mailbox name from Unicode text, encoding it in modified UTF-7.
    public init(_ name: String) {
        self.init(bytes: ByteString(ModifiedUTF7.encode(name)))
    }

    static let inboxBytes: [UInt8] = Array("INBOX".utf8)

    /// `INBOX`.
    public static let inbox = MailboxName(bytes: ByteString(inboxBytes))

    /// True for INBOX.
    public var isInbox: Bool { bytes.bytes.elementsEqual(Self.inboxBytes) }

    /// The name as Unicode text: modified UTF-7 decoded, or the bytes as UTF-8 when they
    /// are not valid modified UTF-7.
    public var name: String {
        (try? ModifiedUTF7.decode(bytes.bytes)) ?? bytes.stringValue
    }

    /// The name in UTF-8, as written when UTF8=ACCEPT is enabled.
    public var utf8Bytes: [UInt8] {
        if let decoded = try? ModifiedUTF7.decode(bytes.bytes) { return Array(decoded.utf8) }
        return Array(bytes.bytes)
    }

    /// The Unicode name.
    public var description: String { name }
}

extension ParserState {
    // mailbox         = "INBOX" / astring
    //                     ; INBOX is case-insensitive.  All case variants of INBOX
    //                     ; (e.g., "iNbOx") MUST be interpreted as INBOX, not as an astring.
    /// With UTF8=ACCEPT, a name holding `&` or non-ASCII bytes is UTF-8 and is stored in
    /// its modified UTF-7 form.
    mutating func mailbox() throws(IMAPDecodingError) -> MailboxName {
        if lenient, let first = peek(), Self.isUnquotedMailboxByte(first),
            first != ASCII.tilde || peek(1) != ASCII.openBrace
        {
            return try mailboxName(wire: unquotedMailbox())
        }
        let raw = try astring()
        return try mailboxName(wire: raw)
    }

    /// Lenient: the bytes of an unquoted mailbox name (`1*ASTRING-CHAR`), which may also hold
    /// 8-bit bytes and control characters other than NUL, CR and LF: Exchange sends a name
    /// holding tabs bare (`INBOX/Da<TAB>Oggetto`). The caller checked the first byte.
    mutating func unquotedMailbox() -> ByteString {
        let start = index
        index = scan { Self.isUnquotedMailboxByte($0) }
        return slice(start, index)
    }

    /// Lenient ``unquotedMailbox()`` bytes: ASTRING-CHAR, 8-bit, or a CTL but NUL, CR, LF.
    @inline(__always)
    static func isUnquotedMailboxByte(_ byte: UInt8) -> Bool {
        if CharacterClass.isAStringChar(byte) || byte >= 0x80 { return true }
        return (byte < 0x20 || byte == 0x7F) && byte != 0 && byte != ASCII.cr && byte != ASCII.lf
    }

    /// ``MailboxName/init(wire:utf8Accept:)``, charging the re-encoding a UTF-8 name takes
    /// (its modified UTF-7 form: `"\u{1}&"` becomes `&AAE-&-`, 3.5 bytes for each of its own;
    /// 4 are charged) to the value budget.
    mutating func mailboxName(wire raw: ByteString) throws(IMAPDecodingError) -> MailboxName {
        if options.utf8Accept, raw.withUnsafeBytes({ $0.contains { $0 >= 0x80 || $0 == 0x26 } }) {
            try charge(Self.allocationOverhead &+ 4 &* raw.count, "mailbox")
        }
        return MailboxName(wire: raw, utf8Accept: options.utf8Accept)
    }
}

extension MailboxName {
    /// A name as received: modified UTF-7, or UTF-8 when `utf8Accept`.
    init(wire raw: ByteString, utf8Accept: Bool) {
        if utf8Accept, raw.bytes.contains(where: { $0 >= 0x80 || $0 == 0x26 }), let text = raw.utf8String {
            self.init(text)
        } else {
            self.init(bytes: raw)
        }
    }
}

extension IMAPWriter {
    /// Writes a mailbox name: modified UTF-7 as stored, or UTF-8 with UTF8=ACCEPT.
    mutating func writeMailbox(_ mailbox: MailboxName) {
        if options.utf8Accept && mailbox.bytes.withUnsafeBytes({ $0.contains(0x26) }) {
            writeAString(ByteString(mailbox.utf8Bytes), "mailbox")
        } else {
            writeAString(mailbox.bytes, "mailbox")
        }
    }
}

extension MailboxName: ExpressibleByStringLiteral {
    /// A mailbox name written in code as Unicode text (`"Entwürfe"`), as ``init(_:)``:
    /// encoded in modified UTF-7.
    public init(stringLiteral name: String) {
        self.init(name)
    }
}
