/// A mailbox attribute in a LIST/LSUB response (`\Noselect`, `\HasChildren`, `\Sent`...),
/// also used for the special-use attributes of `CREATE ... (USE (...))`. An open set:
/// unknown attributes round-trip unchanged.
///
/// Attributes compare case-insensitively (Dovecot writes `\UnMarked`); the spelling
/// first seen is kept for writing.
public struct MailboxAttribute: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates an attribute from its wire form (`\\HasNoChildren`), or returns nil when it is not one (`\\` and an atom).
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

    /// The wire form, e.g. `\\HasNoChildren`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `\Noinferiors`: no child mailboxes can exist.
    public static let noInferiors = MailboxAttribute(uncheckedRawValue: "\\Noinferiors")
    /// `\Noselect`: the mailbox cannot be selected.
    public static let noSelect = MailboxAttribute(uncheckedRawValue: "\\Noselect")
    /// `\Marked`: probably new messages since last selected.
    public static let marked = MailboxAttribute(uncheckedRawValue: "\\Marked")
    /// `\Unmarked`: no new messages since last selected.
    public static let unmarked = MailboxAttribute(uncheckedRawValue: "\\Unmarked")
    /// `\HasChildren` (RFC 3348, 5258).
    public static let hasChildren = MailboxAttribute(uncheckedRawValue: "\\HasChildren")
    /// `\HasNoChildren` (RFC 3348, 5258).
    public static let hasNoChildren = MailboxAttribute(uncheckedRawValue: "\\HasNoChildren")
    /// `\NonExistent` (RFC 5258).
    public static let nonExistent = MailboxAttribute(uncheckedRawValue: "\\NonExistent")
    /// `\Subscribed` (RFC 5258).
    public static let subscribed = MailboxAttribute(uncheckedRawValue: "\\Subscribed")
    /// `\Remote` (RFC 5258).
    public static let remote = MailboxAttribute(uncheckedRawValue: "\\Remote")
    /// `\All` special use (RFC 6154).
    public static let all = MailboxAttribute(uncheckedRawValue: "\\All")
    /// `\Archive` special use (RFC 6154).
    public static let archive = MailboxAttribute(uncheckedRawValue: "\\Archive")
    /// `\Drafts` special use (RFC 6154).
    public static let drafts = MailboxAttribute(uncheckedRawValue: "\\Drafts")
    /// `\Flagged` special use (RFC 6154).
    public static let flagged = MailboxAttribute(uncheckedRawValue: "\\Flagged")
    /// `\Junk` special use (RFC 6154).
    public static let junk = MailboxAttribute(uncheckedRawValue: "\\Junk")
    /// `\Sent` special use (RFC 6154).
    public static let sent = MailboxAttribute(uncheckedRawValue: "\\Sent")
    /// `\Trash` special use (RFC 6154).
    public static let trash = MailboxAttribute(uncheckedRawValue: "\\Trash")
    /// `\Important` special use (RFC 8457).
    public static let important = MailboxAttribute(uncheckedRawValue: "\\Important")

    /// The well-known values.
    static let known: [MailboxAttribute] = [
        .hasNoChildren, .hasChildren, .noSelect, .noInferiors, .marked, .unmarked, .subscribed,
        .nonExistent, .remote, .all, .archive, .drafts, .flagged, .junk, .sent, .trash, .important,
    ]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    static func problem(in spelling: String) -> IMAPValueError? {
        RegistryName.problem(in: spelling, rule: "mbx-list-flag", backslash: .required)
    }

}

extension ParserState {
    // mbx-list-oflag  = "\Noinferiors" / child-mbox-flag /
    //                   "\Subscribed" / "\Remote" / flag-extension
    //                     ; Other flags; multiple from this list are
    //                     ; possible per LIST response, but each flag
    //                     ; can only appear once per LIST response
    // mbx-list-sflag  = "\NonExistent" / "\Noselect" / "\Marked" /
    //                   "\Unmarked"
    // flag-extension  = "\" atom
    // use-attr        =  "\All" / "\Archive" / "\Drafts" / "\Flagged" /
    //                    "\Junk" / "\Sent" / "\Trash" / use-attr-ext
    // use-attr-ext    =  "\" atom
    /// One attribute. Lenient: a bare `\` (an empty flag-extension), and an atom
    /// without the backslash.
    mutating func mailboxAttribute(_ rule: String = "mbx-list-flags") throws(IMAPDecodingError) -> MailboxAttribute {
        let start = index
        if skip(ASCII.backslash) {
            if atomExtent().isEmpty {
                if lenient { return MailboxAttribute(uncheckedRawValue: "\\") }
                throw error("flag-extension", "expected an atom after \"\\\"")
            }
        } else if !lenient {
            throw error(rule, "expected \"\\\" and an attribute name, found \(found())")
        }
        _ = try atom(rule)
        return try withName(start..<index, "mbx-list-flags") { MailboxAttribute.from($0) }
    }

    // mbx-list-flags  = *(mbx-list-oflag SP) mbx-list-sflag
    //                   *(SP mbx-list-oflag) /
    //                   mbx-list-oflag *(SP mbx-list-oflag)
    /// Parses `"(" [mbx-list-flags] ")"`. At most one sflag is not enforced (servers
    /// disagree); the order is kept. Lenient: extra spaces.
    mutating func mbxListFlagList() throws(IMAPDecodingError) -> [MailboxAttribute] {
        try expect(ASCII.openParen, "mailbox-list")
        var attributes: [MailboxAttribute] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return attributes }
        attributes.reserveCapacity(4)
        while true {
            try add(try mailboxAttribute(), to: &attributes, "mbx-list-flags")
            if skip(ASCII.closeParen) { return attributes }
            try sp("mbx-list-flags")
            if lenient && skip(ASCII.closeParen) { return attributes }
        }
    }
}

extension IMAPWriter {
    /// Writes an attribute as its wire form.
    mutating func writeMailboxAttribute(_ attribute: MailboxAttribute) {
        writeBytes(attribute.rawValue.utf8)
    }

    /// Writes `"(" [mbx-list-flags] ")"`.
    mutating func writeMbxListFlagList(_ attributes: [MailboxAttribute]) {
        writeByte(ASCII.openParen)
        for (i, attribute) in attributes.enumerated() {
            if i > 0 { writeSpace() }
            writeMailboxAttribute(attribute)
        }
        writeByte(ASCII.closeParen)
    }
}
