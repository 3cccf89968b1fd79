/// One entry of an ACL response: an identifier and its rights.
public struct ACLEntry: Sendable, Hashable {
    /// The identifier (user or group, e.g. `alice`, `anyone`, `-bob`).
    public var identifier: ByteString
    /// The rights, one lowercase letter or digit per right (`lrswipkxtecda`).
    public var rights: ByteString

    /// Creates an ACL entry.
    public init(identifier: ByteString, rights: ByteString) {
        self.identifier = identifier
        self.rights = rights
    }
}

/// The data of an ACL response (RFC 4314): what follows `ACL SP`.
public struct ACLResponse: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The entries (possibly none).
    public var entries: [ACLEntry]

    /// Creates ACL data.
    public init(mailbox: MailboxName, entries: [ACLEntry]) {
        self.mailbox = mailbox
        self.entries = entries
    }
}

/// The data of a LISTRIGHTS response (RFC 4314): what follows `LISTRIGHTS SP`.
public struct ListRightsResponse: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The identifier.
    public var identifier: ByteString
    /// The rights always granted (may be empty).
    public var required: ByteString
    /// Groups of optional rights, each granted or refused as a whole.
    public var optional: [ByteString]

    /// Creates LISTRIGHTS data.
    public init(mailbox: MailboxName, identifier: ByteString, required: ByteString, optional: [ByteString]) {
        self.mailbox = mailbox
        self.identifier = identifier
        self.required = required
        self.optional = optional
    }
}

/// The data of a MYRIGHTS response (RFC 4314): what follows `MYRIGHTS SP`.
public struct MyRightsResponse: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The rights of the logged-in user.
    public var rights: ByteString

    /// Creates MYRIGHTS data.
    public init(mailbox: MailboxName, rights: ByteString) {
        self.mailbox = mailbox
        self.rights = rights
    }
}

/// The arguments of a SETACL command: what follows `SETACL SP`.
public struct SetACLCommand: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The identifier.
    public var identifier: ByteString
    /// The rights: `+rights` to add, `-rights` to remove, `rights` to replace.
    public var modRights: ByteString

    /// Creates SETACL arguments.
    public init(mailbox: MailboxName, identifier: ByteString, modRights: ByteString) {
        self.mailbox = mailbox
        self.identifier = identifier
        self.modRights = modRights
    }
}

/// The arguments of DELETEACL and LISTRIGHTS: a mailbox and an identifier.
public struct ACLIdentifierCommand: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The identifier.
    public var identifier: ByteString

    /// Creates the arguments.
    public init(mailbox: MailboxName, identifier: ByteString) {
        self.mailbox = mailbox
        self.identifier = identifier
    }
}

extension ParserState {
    // acl-data        = "ACL" SP mailbox *(SP identifier SP rights)
    // identifier      = astring
    // rights          = astring
    /// Parses what follows `ACL SP`; stops before CRLF. Lenient: trailing spaces.
    mutating func aclData() throws(IMAPDecodingError) -> ACLResponse {
        let mailbox = try mailbox()
        var entries: [ACLEntry] = []
        while peek() == ASCII.space {
            if lenient {
                let save = index
                skipExtraSpaces()
                if atLineEnd {
                    index = save
                    break
                }
            } else {
                index &+= 1
            }
            let identifier = try astring()
            try sp("acl-data")
            try add(ACLEntry(identifier: identifier, rights: try astring()), to: &entries, "acl-data")
        }
        return ACLResponse(mailbox: mailbox, entries: entries)
    }

    // listrights-data = "LISTRIGHTS" SP mailbox SP identifier
    //                         SP rights *(SP rights)
    /// Parses what follows `LISTRIGHTS SP`; stops before CRLF. Lenient: trailing spaces.
    mutating func listrightsData() throws(IMAPDecodingError) -> ListRightsResponse {
        let mailbox = try mailbox()
        try sp("listrights-data")
        let identifier = try astring()
        try sp("listrights-data")
        let required = try astring()
        var optional: [ByteString] = []
        while peek() == ASCII.space {
            if lenient {
                let save = index
                skipExtraSpaces()
                if atLineEnd {
                    index = save
                    break
                }
            } else {
                index &+= 1
            }
            try add(try astring(), to: &optional, "listrights-data")
        }
        return ListRightsResponse(mailbox: mailbox, identifier: identifier, required: required, optional: optional)
    }

    // myrights-data   = "MYRIGHTS" SP mailbox SP rights
    /// Parses what follows `MYRIGHTS SP`; stops before CRLF.
    mutating func myrightsData() throws(IMAPDecodingError) -> MyRightsResponse {
        let mailbox = try mailbox()
        try sp("myrights-data")
        return MyRightsResponse(mailbox: mailbox, rights: try astring())
    }

    // setacl          = "SETACL" SP mailbox SP identifier
    //                     SP mod-rights
    // mod-rights      = astring
    /// Parses what follows `SETACL SP`; stops before CRLF.
    mutating func setaclArguments() throws(IMAPDecodingError) -> SetACLCommand {
        let mailbox = try mailbox()
        try sp("setacl")
        let identifier = try astring()
        try sp("setacl")
        return SetACLCommand(mailbox: mailbox, identifier: identifier, modRights: try astring())
    }

    // deleteacl       = "DELETEACL" SP mailbox SP identifier
    // listrights      = "LISTRIGHTS" SP mailbox SP identifier
    /// Parses what follows `DELETEACL SP` or `LISTRIGHTS SP`; stops before CRLF.
    mutating func aclIdentifierArguments(_ rule: String = "deleteacl") throws(IMAPDecodingError) -> ACLIdentifierCommand
    {
        let mailbox = try mailbox()
        try sp(rule)
        return ACLIdentifierCommand(mailbox: mailbox, identifier: try astring())
    }

    // getacl          = "GETACL" SP mailbox
    // myrights        = "MYRIGHTS" SP mailbox
    /// Parses what follows `GETACL SP` or `MYRIGHTS SP` (a mailbox).
    mutating func getaclArguments() throws(IMAPDecodingError) -> MailboxName {
        try mailbox()
    }
}

extension IMAPWriter {
    /// Writes what follows `ACL SP`.
    mutating func writeACLData(_ response: ACLResponse) {
        writeMailbox(response.mailbox)
        for entry in response.entries {
            writeSpace()
            writeAString(entry.identifier)
            writeSpace()
            writeAString(entry.rights)
        }
    }

    /// Writes what follows `LISTRIGHTS SP` in a response.
    mutating func writeListrightsData(_ response: ListRightsResponse) {
        writeMailbox(response.mailbox)
        writeSpace()
        writeAString(response.identifier)
        writeSpace()
        writeAString(response.required)
        for rights in response.optional {
            writeSpace()
            writeAString(rights)
        }
    }

    /// Writes what follows `MYRIGHTS SP` in a response.
    mutating func writeMyrightsData(_ response: MyRightsResponse) {
        writeMailbox(response.mailbox)
        writeSpace()
        writeAString(response.rights)
    }

    /// Writes what follows `SETACL SP`.
    mutating func writeSetaclArguments(_ command: SetACLCommand) {
        writeMailbox(command.mailbox)
        writeSpace()
        writeAString(command.identifier)
        writeSpace()
        writeAString(command.modRights)
    }

    /// Writes what follows `DELETEACL SP` or `LISTRIGHTS SP`.
    mutating func writeACLIdentifierArguments(_ command: ACLIdentifierCommand) {
        writeMailbox(command.mailbox)
        writeSpace()
        writeAString(command.identifier)
    }

    /// Writes what follows `GETACL SP` or `MYRIGHTS SP`.
    mutating func writeGetaclArguments(_ mailbox: MailboxName) {
        writeMailbox(mailbox)
    }
}
