/// One entry of an envelope address list (RFC 9051 `address`): a mailbox, or one of
/// the markers that RFC 5322 group syntax turns into.
///
/// Group syntax is kept as the wire has it, so lists round-trip unchanged: a group
/// starts with an entry whose ``host`` is NIL and whose ``mailbox`` holds the group name,
/// and ends with an entry whose ``mailbox`` and ``host`` are both NIL. Use
/// `grouped` (on any sequence of addresses) to see the groups as values.
public struct Address: Sendable, Hashable, CustomReflectable {
    /// The stored fields, in one struct built by its memberwise initializer (see
    /// "Values built once" in Docs/Architecture.md).
    struct Storage: Sendable, Hashable {
        var name: ByteString?
        var adl: ByteString?
        var mailbox: ByteString?
        var host: ByteString?
    }
    var storage: Storage

    /// `addr-name`: the display name (RFC 5322 phrase, quoting removed; often RFC 2047
    /// encoded words), or nil.
    public var name: ByteString? {
        get { storage.name }
        _modify { yield &storage.name }
    }
    /// `addr-adl`: the obsolete source route, or nil.
    public var adl: ByteString? {
        get { storage.adl }
        _modify { yield &storage.adl }
    }
    /// `addr-mailbox`: the local part; the group name when ``host`` is nil; nil at the
    /// end of a group.
    public var mailbox: ByteString? {
        get { storage.mailbox }
        _modify { yield &storage.mailbox }
    }
    /// `addr-host`: the domain; nil for the group markers.
    public var host: ByteString? {
        get { storage.host }
        _modify { yield &storage.host }
    }

    /// Creates an address entry.
    public init(name: ByteString? = nil, adl: ByteString? = nil, mailbox: ByteString? = nil, host: ByteString? = nil) {
        storage = Storage(name: name, adl: adl, mailbox: mailbox, host: host)
    }

    /// The public fields, as a struct's (what `print` and `dump` show).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name as Any,
                "adl": adl as Any,
                "mailbox": mailbox as Any,
                "host": host as Any,
            ],
            displayStyle: .struct
        )
    }

    /// True for the entry that opens an RFC 5322 group (host NIL, mailbox = group name).
    public var isGroupStart: Bool { host == nil && mailbox != nil }

    /// True for the entry that closes an RFC 5322 group (mailbox and host NIL).
    public var isGroupEnd: Bool { host == nil && mailbox == nil }

    /// The entry that opens a group named `name`.
    public static func groupStart(_ name: ByteString) -> Address {
        Address(mailbox: name)
    }

    /// The entry that closes a group.
    public static let groupEnd = Address()
}

/// An address list entry seen through RFC 5322 group syntax: a single mailbox, or a
/// named group of mailboxes.
public enum AddressOrGroup: Sendable, Hashable {
    /// A mailbox outside any group.
    case address(Address)
    /// A group: its name (the start marker's `addr-mailbox`) and its members. A group
    /// whose end marker is missing holds the entries up to the end of the list.
    case group(name: ByteString, members: [Address])

    /// The flat wire form: a group becomes its start marker, members and end marker.
    public var flattened: [Address] {
        switch self {
        case .address(let address):
            return [address]
        case .group(let name, let members):
            var result = [Address.groupStart(name)]
            result.append(contentsOf: members)
            result.append(.groupEnd)
            return result
        }
    }
}

extension Sequence where Element == Address {
    /// The list with its RFC 5322 group markers turned into ``AddressOrGroup/group(name:members:)``
    /// values. An end marker outside a group is dropped; groups do not nest (RFC 5322),
    /// so a start marker inside a group closes the open one first.
    public var grouped: [AddressOrGroup] {
        var result: [AddressOrGroup] = []
        var groupName: ByteString?
        var members: [Address] = []
        for address in self {
            if address.isGroupEnd {
                if let name = groupName {
                    result.append(.group(name: name, members: members))
                    groupName = nil
                    members = []
                }
            } else if address.isGroupStart, let name = address.mailbox {
                if let open = groupName { result.append(.group(name: open, members: members)) }
                groupName = name
                members = []
            } else if groupName != nil {
                members.append(address)
            } else {
                result.append(.address(address))
            }
        }
        if let name = groupName { result.append(.group(name: name, members: members)) }
        return result
    }
}

extension ParserState {
    // address         = "(" addr-name SP addr-adl SP addr-mailbox SP
    //                   addr-host ")"
    // addr-adl        = nstring
    // addr-host       = nstring
    // addr-mailbox    = nstring
    // addr-name       = nstring
    /// Lenient: extra spaces, `()` for NIL, missing trailing fields (NIL), and literals
    /// counted in characters (see ``listNString(_:remaining:)``).
    mutating func address() throws(IMAPDecodingError) -> Address {
        try expect(ASCII.openParen, "address")
        skipExtraSpaces()
        // Fields are read into locals and the address built once (see bodyType1part).
        var name: ByteString? = nil
        var adl: ByteString? = nil
        var mailbox: ByteString? = nil
        var host: ByteString? = nil
        fields: do {
            if listEndsEarly() { break fields }
            name = try listNString("addr-name", remaining: 3)
            if listEndsEarly() { break fields }
            try sp("address")
            adl = try listNString("addr-adl", remaining: 2)
            if listEndsEarly() { break fields }
            try sp("address")
            mailbox = try listNString("addr-mailbox", remaining: 1)
            if listEndsEarly() { break fields }
            try sp("address")
            host = try listNString("addr-host", remaining: 0)
            skipExtraSpaces()
        }
        try expect(ASCII.closeParen, "address")
        return Address(name: name, adl: adl, mailbox: mailbox, host: host)
    }

    // env-from        = "(" 1*address ")" / nil
    // (env-sender, env-reply-to, env-to, env-cc, env-bcc are the same)
    /// An envelope address list; NIL gives `[]`. The addresses go to the frame's shared
    /// address chunk (``SharedList``). Lenient: `()`, spaces between addresses, and bare
    /// NIL entries inside the list (skipped).
    mutating func envAddressList(_ rule: String) throws(IMAPDecodingError) -> SharedList<Address> {
        if skipNil() { return SharedList() }
        guard skip(ASCII.openParen) else {
            throw error(rule, "expected an address list or NIL, found \(found())")
        }
        addressLists.begin()
        var empty = true
        while true {
            skipExtraSpaces()
            switch peek() {
            case ASCII.openParen?:
                let address = try address()
                try charge(Address.self, count: 1, first: false, rule)
                addressLists.append(address)
                empty = false
            case ASCII.closeParen?:
                if empty && !lenient {
                    throw error(rule, "an address list holds at least one address (or is NIL)")
                }
                index &+= 1
                return addressLists.finish()
            default:
                if lenient && skipNil() { continue }
                throw error(rule, "expected an address, found \(found())")
            }
        }
    }
}

extension IMAPWriter {
    // address         = "(" addr-name SP addr-adl SP addr-mailbox SP
    //                   addr-host ")"
    /// Writes one address entry.
    mutating func writeAddress(_ address: Address) {
        writeByte(ASCII.openParen)
        writeNString(address.name)
        writeSpace()
        writeNString(address.adl)
        writeSpace()
        writeNString(address.mailbox)
        writeSpace()
        writeNString(address.host)
        writeByte(ASCII.closeParen)
    }

    // env-from        = "(" 1*address ")" / nil
    /// Writes an address list; `[]` as NIL.
    mutating func writeEnvAddressList(_ list: SharedList<Address>) {
        if list.isEmpty {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        for address in list { writeAddress(address) }
        writeByte(ASCII.closeParen)
    }
}
