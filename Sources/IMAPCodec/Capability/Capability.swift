/// A capability name announced by a server (`IMAP4rev2`, `IDLE`, `AUTH=PLAIN`, `QUOTA=RES-STORAGE`)
/// or named in `ENABLE`/`ENABLED`. An open registry: unknown capabilities round-trip unchanged.
///
/// Capabilities compare case-insensitively; the spelling first seen is kept for writing.
public struct Capability: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates a capability from its wire form (`IDLE`, `AUTH=PLAIN`), or returns nil when it is not one (an atom).
    /// A well-known capability in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates a capability from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form, e.g. `AUTH=PLAIN`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `AUTH=<mechanism>`, e.g. `Capability.auth("XOAUTH2")`. Returns nil unless the
    /// mechanism is an atom.
    public static func auth(_ mechanism: String) -> Capability? {
        Capability("AUTH=" + mechanism)
    }

    /// The SASL mechanism of an `AUTH=` capability (`PLAIN` for `AUTH=PLAIN`), else nil.
    public var authMechanism: String? { value(ofPrefix: "AUTH=") }

    /// The part after `=` of a capability such as `RIGHTS=texk` or `APPENDLIMIT=1000`
    /// when its name (before `=`) equals `name` ignoring case; nil otherwise.
    public func value(for name: String) -> String? {
        value(ofPrefix: name + "=")
    }

    private func value(ofPrefix prefix: String) -> String? {
        let p = prefix.utf8
        let r = rawValue.utf8
        guard r.count > p.count, ASCII.equalsCaseInsensitive(r.prefix(p.count), p) else { return nil }
        return String(decoding: r.dropFirst(p.count), as: UTF8.self)
    }

    /// `IMAP4` (some servers still announce it).
    public static let imap4 = Capability(uncheckedRawValue: "IMAP4")
    /// `IMAP4rev1` (RFC 3501).
    public static let imap4rev1 = Capability(uncheckedRawValue: "IMAP4rev1")
    /// `IMAP4rev2` (RFC 9051).
    public static let imap4rev2 = Capability(uncheckedRawValue: "IMAP4rev2")
    /// `LITERAL+` (RFC 7888).
    public static let literalPlus = Capability(uncheckedRawValue: "LITERAL+")
    /// `LITERAL-` (RFC 7888).
    public static let literalMinus = Capability(uncheckedRawValue: "LITERAL-")
    /// `IDLE` (RFC 2177).
    public static let idle = Capability(uncheckedRawValue: "IDLE")
    /// `CONDSTORE` (RFC 7162).
    public static let condStore = Capability(uncheckedRawValue: "CONDSTORE")
    /// `QRESYNC` (RFC 7162).
    public static let qresync = Capability(uncheckedRawValue: "QRESYNC")
    /// `UTF8=ACCEPT` (RFC 6855).
    public static let utf8Accept = Capability(uncheckedRawValue: "UTF8=ACCEPT")
    /// `UTF8=ONLY` (RFC 6855).
    public static let utf8Only = Capability(uncheckedRawValue: "UTF8=ONLY")
    /// `AUTH=PLAIN` (RFC 4616).
    public static let authPlain = Capability(uncheckedRawValue: "AUTH=PLAIN")
    /// `AUTH=LOGIN`.
    public static let authLogin = Capability(uncheckedRawValue: "AUTH=LOGIN")
    /// `AUTH=XOAUTH2`.
    public static let authXOAuth2 = Capability(uncheckedRawValue: "AUTH=XOAUTH2")
    /// `AUTH=OAUTHBEARER` (RFC 7628).
    public static let authOAuthBearer = Capability(uncheckedRawValue: "AUTH=OAUTHBEARER")
    /// `AUTH=EXTERNAL`.
    public static let authExternal = Capability(uncheckedRawValue: "AUTH=EXTERNAL")
    /// `LOGINDISABLED`.
    public static let loginDisabled = Capability(uncheckedRawValue: "LOGINDISABLED")
    /// `STARTTLS`.
    public static let startTLS = Capability(uncheckedRawValue: "STARTTLS")
    /// `SASL-IR` (RFC 4959).
    public static let saslIR = Capability(uncheckedRawValue: "SASL-IR")
    /// `ENABLE` (RFC 5161).
    public static let enable = Capability(uncheckedRawValue: "ENABLE")
    /// `ID` (RFC 2971).
    public static let id = Capability(uncheckedRawValue: "ID")
    /// `NAMESPACE` (RFC 2342).
    public static let namespace = Capability(uncheckedRawValue: "NAMESPACE")
    /// `UIDPLUS` (RFC 4315).
    public static let uidPlus = Capability(uncheckedRawValue: "UIDPLUS")
    /// `MOVE` (RFC 6851).
    public static let move = Capability(uncheckedRawValue: "MOVE")
    /// `UNSELECT` (RFC 3691).
    public static let unselect = Capability(uncheckedRawValue: "UNSELECT")
    /// `CHILDREN` (RFC 3348).
    public static let children = Capability(uncheckedRawValue: "CHILDREN")
    /// `LIST-EXTENDED` (RFC 5258).
    public static let listExtended = Capability(uncheckedRawValue: "LIST-EXTENDED")
    /// `LIST-STATUS` (RFC 5819).
    public static let listStatus = Capability(uncheckedRawValue: "LIST-STATUS")
    /// `LIST-MYRIGHTS` (RFC 8440).
    public static let listMyRights = Capability(uncheckedRawValue: "LIST-MYRIGHTS")
    /// `SPECIAL-USE` (RFC 6154).
    public static let specialUse = Capability(uncheckedRawValue: "SPECIAL-USE")
    /// `CREATE-SPECIAL-USE` (RFC 6154).
    public static let createSpecialUse = Capability(uncheckedRawValue: "CREATE-SPECIAL-USE")
    /// `ESEARCH` (RFC 4731).
    public static let esearch = Capability(uncheckedRawValue: "ESEARCH")
    /// `SEARCHRES` (RFC 5182).
    public static let searchRes = Capability(uncheckedRawValue: "SEARCHRES")
    /// `SORT` (RFC 5256).
    public static let sort = Capability(uncheckedRawValue: "SORT")
    /// `BINARY` (RFC 3516).
    public static let binary = Capability(uncheckedRawValue: "BINARY")
    /// `QUOTA` (RFC 9208).
    public static let quota = Capability(uncheckedRawValue: "QUOTA")
    /// `ACL` (RFC 4314).
    public static let acl = Capability(uncheckedRawValue: "ACL")
    /// `METADATA` (RFC 5464).
    public static let metadata = Capability(uncheckedRawValue: "METADATA")
    /// `METADATA-SERVER` (RFC 5464).
    public static let metadataServer = Capability(uncheckedRawValue: "METADATA-SERVER")
    /// `STATUS=SIZE` (RFC 8438).
    public static let statusSize = Capability(uncheckedRawValue: "STATUS=SIZE")
    /// `OBJECTID` (RFC 8474).
    public static let objectID = Capability(uncheckedRawValue: "OBJECTID")
    /// `COMPRESS=DEFLATE` (RFC 4978).
    public static let compressDeflate = Capability(uncheckedRawValue: "COMPRESS=DEFLATE")
    /// `UNAUTHENTICATE` (RFC 8437).
    public static let unauthenticate = Capability(uncheckedRawValue: "UNAUTHENTICATE")
    /// `PREVIEW` (RFC 8970).
    public static let preview = Capability(uncheckedRawValue: "PREVIEW")

    /// `JMAPACCESS` (RFC 9698).
    public static let jmapAccess = Capability(uncheckedRawValue: "JMAPACCESS")
    /// `LANGUAGE` (RFC 5255).
    public static let language = Capability(uncheckedRawValue: "LANGUAGE")
    /// `I18NLEVEL=1` (RFC 5255).
    public static let i18nLevel1 = Capability(uncheckedRawValue: "I18NLEVEL=1")
    /// `I18NLEVEL=2` (RFC 5255).
    public static let i18nLevel2 = Capability(uncheckedRawValue: "I18NLEVEL=2")
    /// `FILTERS` (RFC 5466).
    public static let filters = Capability(uncheckedRawValue: "FILTERS")
    /// `MULTISEARCH` (RFC 7377).
    public static let multiSearch = Capability(uncheckedRawValue: "MULTISEARCH")
    /// `UIDBATCHES` (RFC 10022).
    public static let uidBatches = Capability(uncheckedRawValue: "UIDBATCHES")
    /// `NOTIFY` (RFC 5465).
    public static let notify = Capability(uncheckedRawValue: "NOTIFY")
    /// `URLAUTH` (RFC 4467).
    public static let urlAuth = Capability(uncheckedRawValue: "URLAUTH")

    /// The well-known values.
    static let known: [Capability] = [
        .imap4rev1, .imap4rev2, .literalPlus, .literalMinus, .idle, .condStore, .qresync,
        .utf8Accept, .authPlain, .authLogin, .saslIR, .enable, .id, .namespace, .uidPlus,
        .move, .unselect, .children, .listExtended, .listStatus, .specialUse, .esearch,
        .quota, .acl, .metadata, .binary, .uidBatches,
        .multiSearch, .jmapAccess, .language, .i18nLevel1, .i18nLevel2, .filters,
        .notify, .urlAuth,
    ]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    static func problem(in spelling: String) -> IMAPValueError? {
        RegistryName.problem(in: spelling, rule: "capability", backslash: .forbidden)
    }

}

extension ParserState {
    // capability      = ("AUTH=" auth-type) / atom
    //                     ; New capabilities SHOULD begin with "X" or be
    //                     ; registered with IANA.
    // auth-type       = atom
    mutating func capability() throws(IMAPDecodingError) -> Capability {
        let start = index
        _ = try atom("capability")
        return try withName(start..<index, "capability") { Capability.from($0) }
    }

    // capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev2"
    //                   *(SP capability)
    /// Parses `*(SP capability)`: starts right after the `CAPABILITY` keyword and stops
    /// before CRLF (or before the `]` of a `[CAPABILITY ...]` response code). The
    /// presence of `IMAP4rev1`/`IMAP4rev2` is not enforced; duplicates are kept.
    /// Lenient: extra spaces anywhere, trailing spaces before the end.
    mutating func capabilityData() throws(IMAPDecodingError) -> [Capability] {
        var capabilities: [Capability] = []
        capabilities.reserveCapacity(16)
        while peek() == ASCII.space {
            if lenient {
                let save = index
                skipExtraSpaces()
                if atLineEnd || peek() == ASCII.closeBracket {
                    index = save
                    break
                }
            } else {
                index &+= 1
            }
            try add(try capability(), to: &capabilities, "capability-data")
        }
        return capabilities
    }

    // enable-data     = "ENABLED" *(SP capability)
    /// Parses `*(SP capability)` after the `ENABLED` keyword; stops before CRLF.
    mutating func enableData() throws(IMAPDecodingError) -> [Capability] {
        try capabilityData()
    }

    // enable          = "ENABLE" 1*(SP capability)
    /// Parses `capability *(SP capability)` after `ENABLE SP`; stops before CRLF.
    mutating func enableArguments() throws(IMAPDecodingError) -> NonEmptyArray<Capability> {
        var capabilities = [try capability()]
        try add(contentsOf: try capabilityData(), to: &capabilities, "enable")
        return NonEmptyArray(unchecked: capabilities)
    }
}

extension IMAPWriter {
    /// Writes a capability as its wire form.
    mutating func writeCapability(_ capability: Capability) {
        writeBytes(capability.rawValue.utf8)
    }

    /// Writes `*(SP capability)` (what follows `CAPABILITY` or `ENABLED`).
    mutating func writeCapabilityData(_ capabilities: [Capability]) {
        for capability in capabilities {
            writeSpace()
            writeCapability(capability)
        }
    }

    /// Writes `*(SP capability)` after `ENABLED`.
    mutating func writeEnableData(_ capabilities: [Capability]) {
        writeCapabilityData(capabilities)
    }

    /// Writes `capability *(SP capability)` after `ENABLE SP`.
    // enable          = "ENABLE" 1*(SP capability)
    mutating func writeEnableArguments(_ capabilities: NonEmptyArray<Capability>) {
        for (i, capability) in capabilities.enumerated() {
            if i > 0 { writeSpace() }
            writeCapability(capability)
        }
    }
}
