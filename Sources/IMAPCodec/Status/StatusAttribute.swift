/// A STATUS data item name (`status-att`): `MESSAGES`, `UIDNEXT`, `SIZE`... An open
/// registry: unknown attributes round-trip unchanged. Compared case-insensitively.
public struct StatusAttribute: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates an attribute from its wire form (`MESSAGES`, `UIDNEXT`), or returns nil when it is not one (an atom).
    /// A well-known attribute in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates an attribute from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form, e.g. `UIDNEXT`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `MESSAGES`: the number of messages.
    public static let messages = StatusAttribute(uncheckedRawValue: "MESSAGES")
    /// `RECENT` (IMAP4rev1): the number of \Recent messages.
    public static let recent = StatusAttribute(uncheckedRawValue: "RECENT")
    /// `UIDNEXT`: the next UID.
    public static let uidNext = StatusAttribute(uncheckedRawValue: "UIDNEXT")
    /// `UIDVALIDITY`: the UID validity value.
    public static let uidValidity = StatusAttribute(uncheckedRawValue: "UIDVALIDITY")
    /// `UNSEEN`: the number of messages without \Seen.
    public static let unseen = StatusAttribute(uncheckedRawValue: "UNSEEN")
    /// `DELETED` (IMAP4rev2): the number of messages with \Deleted.
    public static let deleted = StatusAttribute(uncheckedRawValue: "DELETED")
    /// `SIZE` (RFC 8438, IMAP4rev2): the total size in octets.
    public static let size = StatusAttribute(uncheckedRawValue: "SIZE")
    /// `HIGHESTMODSEQ` (RFC 7162).
    public static let highestModSeq = StatusAttribute(uncheckedRawValue: "HIGHESTMODSEQ")
    /// `APPENDLIMIT` (RFC 7889).
    public static let appendLimit = StatusAttribute(uncheckedRawValue: "APPENDLIMIT")
    /// `MAILBOXID` (RFC 8474).
    public static let mailboxID = StatusAttribute(uncheckedRawValue: "MAILBOXID")
    /// `DELETED-STORAGE` (RFC 9208).
    public static let deletedStorage = StatusAttribute(uncheckedRawValue: "DELETED-STORAGE")

    /// The well-known values.
    static let known: [StatusAttribute] = [
        .messages, .recent, .uidNext, .uidValidity, .unseen, .deleted, .size, .highestModSeq,
        .appendLimit, .mailboxID, .deletedStorage,
    ]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    static func problem(in spelling: String) -> IMAPValueError? {
        RegistryName.problem(in: spelling, rule: "status-att", backslash: .forbidden)
    }

}

/// The arguments of a STATUS command: what follows `STATUS SP`.
public struct StatusCommand: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The requested attributes (at least one).
    public var attributes: NonEmptyArray<StatusAttribute>

    /// Creates STATUS arguments.
    public init(mailbox: MailboxName, attributes: NonEmptyArray<StatusAttribute>) {
        self.mailbox = mailbox
        self.attributes = attributes
    }
}

extension ParserState {
    // status-att      = "MESSAGES" / "UIDNEXT" / "UIDVALIDITY" /
    //                   "UNSEEN" / "DELETED" / "SIZE"
    // status-att      =/ "RECENT" / "HIGHESTMODSEQ" / "APPENDLIMIT" / "MAILBOXID"
    //                     ; RFC 3501, 7162, 7889, 8474
    mutating func statusAtt() throws(IMAPDecodingError) -> StatusAttribute {
        let start = index
        _ = try atom("status-att")
        return try withName(start..<index, "status-att") { StatusAttribute.from($0) }
    }

    /// `"(" status-att *(SP status-att) ")"`, as in `status` and `status-option`.
    /// Lenient: extra spaces. An empty list is refused in both modes: it asks for nothing,
    /// and the value cannot hold it.
    mutating func statusAttList(_ rule: String = "status") throws(IMAPDecodingError) -> NonEmptyArray<StatusAttribute> {
        try expect(ASCII.openParen, rule)
        var attributes: [StatusAttribute] = []
        skipExtraSpaces()
        while true {
            try add(try statusAtt(), to: &attributes, "status-att")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: attributes) }
            try sp(rule)
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: attributes) }
        }
    }

    // status          = "STATUS" SP mailbox SP
    //                   "(" status-att *(SP status-att) ")"
    /// Parses what follows `STATUS SP`; stops before CRLF.
    mutating func statusArguments() throws(IMAPDecodingError) -> StatusCommand {
        let mailbox = try mailbox()
        try sp("status")
        return StatusCommand(mailbox: mailbox, attributes: try statusAttList())
    }
}

extension IMAPWriter {
    /// Writes a status attribute name.
    mutating func writeStatusAtt(_ attribute: StatusAttribute) {
        writeBytes(attribute.rawValue.utf8)
    }

    /// Writes `"(" status-att *(SP status-att) ")"`.
    mutating func writeStatusAttList(_ attributes: NonEmptyArray<StatusAttribute>) {
        writeByte(ASCII.openParen)
        for (i, attribute) in attributes.enumerated() {
            if i > 0 { writeSpace() }
            writeStatusAtt(attribute)
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes what follows `STATUS SP`.
    mutating func writeStatusArguments(_ command: StatusCommand) {
        writeMailbox(command.mailbox)
        writeSpace()
        writeStatusAttList(command.attributes)
    }
}
