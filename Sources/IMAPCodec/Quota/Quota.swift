/// A quota resource name (`resource-name`, RFC 9208): `STORAGE`, `MESSAGE`... An open
/// registry: unknown names round-trip unchanged. Compared case-insensitively.
public struct QuotaResourceName: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates a resource name from its wire form (`STORAGE`), or returns nil when it is not one (an atom).
    /// A well-known name in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates a resource name from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `STORAGE`: the physical space, in units of 1024 octets.
    public static let storage = QuotaResourceName(uncheckedRawValue: "STORAGE")
    /// `MESSAGE`: the number of messages.
    public static let message = QuotaResourceName(uncheckedRawValue: "MESSAGE")
    /// `MAILBOX`: the number of mailboxes.
    public static let mailbox = QuotaResourceName(uncheckedRawValue: "MAILBOX")
    /// `ANNOTATION-STORAGE`: the size of annotations, in units of 1024 octets.
    public static let annotationStorage = QuotaResourceName(uncheckedRawValue: "ANNOTATION-STORAGE")

    /// The well-known values.
    static let known: [QuotaResourceName] = [.storage, .message, .mailbox, .annotationStorage]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    static func problem(in spelling: String) -> IMAPValueError? {
        RegistryName.problem(in: spelling, rule: "resource-name", backslash: .forbidden)
    }

}

/// One resource of a QUOTA response (`quota-resource`): usage and limit.
public struct QuotaResource: Sendable, Hashable {
    /// The resource.
    public var name: QuotaResourceName
    /// The current usage.
    public var usage: Int64
    /// The limit.
    public var limit: Int64

    /// Creates a quota resource.
    public init(name: QuotaResourceName, usage: Int64, limit: Int64) {
        self.name = name
        self.usage = usage
        self.limit = limit
    }
}

/// One limit of a SETQUOTA command (`setquota-resource`).
public struct QuotaLimit: Sendable, Hashable {
    /// The resource.
    public var name: QuotaResourceName
    /// The limit.
    public var limit: Int64

    /// Creates a quota limit.
    public init(name: QuotaResourceName, limit: Int64) {
        self.name = name
        self.limit = limit
    }
}

/// The data of a QUOTA response: what follows `QUOTA SP`.
public struct QuotaResponse: Sendable, Hashable {
    /// The quota root (`quota-root-name`, an astring; often `""`).
    public var root: ByteString
    /// The resources.
    public var resources: [QuotaResource]

    /// Creates QUOTA data.
    public init(root: ByteString, resources: [QuotaResource]) {
        self.root = root
        self.resources = resources
    }
}

/// The data of a QUOTAROOT response: what follows `QUOTAROOT SP`.
public struct QuotaRootResponse: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// Its quota roots (possibly none).
    public var roots: [ByteString]

    /// Creates QUOTAROOT data.
    public init(mailbox: MailboxName, roots: [ByteString]) {
        self.mailbox = mailbox
        self.roots = roots
    }
}

/// The arguments of a SETQUOTA command: what follows `SETQUOTA SP`.
public struct SetQuotaCommand: Sendable, Hashable {
    /// The quota root.
    public var root: ByteString
    /// The new limits (an empty list removes all limits).
    public var limits: [QuotaLimit]

    /// Creates SETQUOTA arguments.
    public init(root: ByteString, limits: [QuotaLimit]) {
        self.root = root
        self.limits = limits
    }
}

extension ParserState {
    // quota-root-name =  astring
    mutating func quotaRootName() throws(IMAPDecodingError) -> ByteString {
        try astring()
    }

    // resource-name =    "STORAGE" / "MESSAGE" / "MAILBOX" /
    //                    "ANNOTATION-STORAGE" / resource-name-ext
    // resource-name-ext =  atom
    mutating func resourceName() throws(IMAPDecodingError) -> QuotaResourceName {
        let start = index
        _ = try atom("resource-name")
        return try withName(start..<index, "resource-name") { QuotaResourceName.from($0) }
    }

    // quota-response =   "QUOTA" SP quota-root-name SP quota-list
    // quota-list =       "(" quota-resource *(SP quota-resource) ")"
    // quota-resource =   resource-name SP resource-usage SP resource-limit
    // resource-usage =   number64
    // resource-limit =   number64
    /// Parses what follows `QUOTA SP`; stops before CRLF. Lenient: extra spaces (two
    /// spaces between usage and limit are seen), an empty list, negative numbers (read as 0),
    /// and no quota-root-name at all (`QUOTA (STORAGE 10 512)`, read as the root `""`).
    mutating func quotaResponse() throws(IMAPDecodingError) -> QuotaResponse {
        let root: ByteString
        if peek() == ASCII.openParen {
            if !lenient { throw error("quota-response", "expected a quota root name before the quota list") }
            root = ByteString([])
        } else {
            root = try quotaRootName()
            try sp("quota-response")
        }
        try expect(ASCII.openParen, "quota-list")
        var resources: [QuotaResource] = []
        skipExtraSpaces()
        if lenient && skip(ASCII.closeParen) { return QuotaResponse(root: root, resources: resources) }
        while true {
            let name = try resourceName()
            try sp("quota-resource")
            let usage = try sizeNumber64("resource-usage")
            try sp("quota-resource")
            let limit = try sizeNumber64("resource-limit")
            try add(QuotaResource(name: name, usage: usage, limit: limit), to: &resources, "quota-response")
            if skip(ASCII.closeParen) { break }
            try sp("quota-list")
            if lenient && skip(ASCII.closeParen) { break }
        }
        return QuotaResponse(root: root, resources: resources)
    }

    // quotaroot-response =  "QUOTAROOT" SP mailbox *(SP quota-root-name)
    /// Parses what follows `QUOTAROOT SP`; stops before CRLF. Lenient: trailing spaces.
    mutating func quotarootResponse() throws(IMAPDecodingError) -> QuotaRootResponse {
        let mailbox = try mailbox()
        var roots: [ByteString] = []
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
            try add(try quotaRootName(), to: &roots, "quotaroot-response")
        }
        return QuotaRootResponse(mailbox: mailbox, roots: roots)
    }

    // getquota =         "GETQUOTA" SP quota-root-name
    /// Parses what follows `GETQUOTA SP`.
    mutating func getquotaArguments() throws(IMAPDecodingError) -> ByteString {
        try quotaRootName()
    }

    // getquotaroot =     "GETQUOTAROOT" SP mailbox
    /// Parses what follows `GETQUOTAROOT SP`.
    mutating func getquotarootArguments() throws(IMAPDecodingError) -> MailboxName {
        try mailbox()
    }

    // setquota =         "SETQUOTA" SP quota-root-name SP setquota-list
    // setquota-list =    "(" [setquota-resource *(SP setquota-resource)] ")"
    // setquota-resource =  resource-name SP resource-limit
    /// Parses what follows `SETQUOTA SP`; stops before CRLF.
    mutating func setquotaArguments() throws(IMAPDecodingError) -> SetQuotaCommand {
        let root = try quotaRootName()
        try sp("setquota")
        try expect(ASCII.openParen, "setquota-list")
        var limits: [QuotaLimit] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return SetQuotaCommand(root: root, limits: limits) }
        while true {
            let name = try resourceName()
            try sp("setquota-resource")
            try add(QuotaLimit(name: name, limit: try number64("resource-limit")), to: &limits, "setquota-list")
            if skip(ASCII.closeParen) { break }
            try sp("setquota-list")
            if lenient && skip(ASCII.closeParen) { break }
        }
        return SetQuotaCommand(root: root, limits: limits)
    }
}

extension IMAPWriter {
    /// Writes what follows `QUOTA SP`.
    mutating func writeQuotaResponse(_ response: QuotaResponse) {
        if response.resources.isEmpty { return refuseEmpty("QUOTA resources", "quota-list") }
        writeAString(response.root)
        write(" (")
        for (i, resource) in response.resources.enumerated() {
            if i > 0 { writeSpace() }
            writeBytes(resource.name.rawValue.utf8)
            writeSpace()
            writeNumber(resource.usage)
            writeSpace()
            writeNumber(resource.limit)
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes what follows `QUOTAROOT SP`.
    mutating func writeQuotarootResponse(_ response: QuotaRootResponse) {
        writeMailbox(response.mailbox)
        for root in response.roots {
            writeSpace()
            writeAString(root)
        }
    }

    /// Writes what follows `GETQUOTA SP`.
    mutating func writeGetquotaArguments(_ root: ByteString) {
        writeAString(root)
    }

    /// Writes what follows `GETQUOTAROOT SP`.
    mutating func writeGetquotarootArguments(_ mailbox: MailboxName) {
        writeMailbox(mailbox)
    }

    /// Writes what follows `SETQUOTA SP`.
    mutating func writeSetquotaArguments(_ command: SetQuotaCommand) {
        writeAString(command.root)
        write(" (")
        for (i, limit) in command.limits.enumerated() {
            if i > 0 { writeSpace() }
            writeBytes(limit.name.rawValue.utf8)
            writeSpace()
            writeNumber(limit.limit)
        }
        writeByte(ASCII.closeParen)
    }
}
