/// An entry and its value (`entry-value`, RFC 5464), in a METADATA response or SETMETADATA.
public struct MetadataEntryValue: Sendable, Hashable {
    /// The entry name, a slash-separated path such as `/private/comment`.
    public var entry: ByteString
    /// The value; nil (NIL) means absent (in SETMETADATA: remove the entry).
    public var value: ByteString?

    /// Creates an entry value.
    public init(entry: ByteString, value: ByteString?) {
        self.entry = entry
        self.value = value
    }
}

/// The body of a METADATA response.
public enum MetadataResponseBody: Sendable, Hashable {
    /// `entry-values`: entries with values, the answer to GETMETADATA.
    case values(NonEmptyArray<MetadataEntryValue>)
    /// `entry-list`: names of entries that changed (unsolicited).
    case entries(NonEmptyArray<ByteString>)
}

/// The data of a METADATA response (RFC 5464): what follows `METADATA SP`.
public struct MetadataResponse: Sendable, Hashable {
    /// The mailbox; the empty name stands for the server.
    public var mailbox: MailboxName
    /// The values or the entry names.
    public var body: MetadataResponseBody

    /// Creates METADATA data.
    public init(mailbox: MailboxName, body: MetadataResponseBody) {
        self.mailbox = mailbox
        self.body = body
    }
}

/// The DEPTH option of GETMETADATA (`scope-opt`).
public enum MetadataDepth: Sendable, Hashable {
    /// `0`: the entry only.
    case zero
    /// `1`: the entry and its children.
    case one
    /// `infinity`: the entry and all its descendants.
    case infinity
}

/// A GETMETADATA option (`getmetadata-option`).
public enum MetadataOption: Sendable, Hashable {
    /// `MAXSIZE n`: only values up to n octets.
    case maxSize(UInt32)
    /// `DEPTH 0/1/infinity`.
    case depth(MetadataDepth)
    /// Another option, with its optional value.
    case other(name: String, value: TaggedExtensionValue?)
}

/// The arguments of a GETMETADATA command: what follows `GETMETADATA SP`.
public struct GetMetadataCommand: Sendable, Hashable {
    /// The options; empty when absent.
    public var options: [MetadataOption]
    /// The mailbox; the empty name stands for the server.
    public var mailbox: MailboxName
    /// The entries (at least one).
    public var entries: NonEmptyArray<ByteString>

    /// Creates GETMETADATA arguments.
    public init(options: [MetadataOption] = [], mailbox: MailboxName, entries: NonEmptyArray<ByteString>) {
        self.options = options
        self.mailbox = mailbox
        self.entries = entries
    }
}

/// The arguments of a SETMETADATA command: what follows `SETMETADATA SP`.
public struct SetMetadataCommand: Sendable, Hashable {
    /// The mailbox; the empty name stands for the server.
    public var mailbox: MailboxName
    /// The entries to set (a nil value removes the entry); at least one.
    public var values: NonEmptyArray<MetadataEntryValue>

    /// Creates SETMETADATA arguments.
    public init(mailbox: MailboxName, values: NonEmptyArray<MetadataEntryValue>) {
        self.mailbox = mailbox
        self.values = values
    }
}

extension ParserState {
    // metadata-resp     = "METADATA" SP mailbox SP
    //                     (entry-values / entry-list)
    // entry-list        = entry *(SP entry)
    /// Parses what follows `METADATA SP`; stops before CRLF. Lenient: extra and
    /// trailing spaces.
    mutating func metadataResp() throws(IMAPDecodingError) -> MetadataResponse {
        let mailbox = try mailbox()
        try sp("metadata-resp")
        if peek() == ASCII.openParen {
            return MetadataResponse(mailbox: mailbox, body: .values(try entryValues()))
        }
        var entries = [try entry()]
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
            try add(try entry(), to: &entries, "entry-list")
        }
        return MetadataResponse(mailbox: mailbox, body: .entries(NonEmptyArray(unchecked: entries)))
    }

    // entry             = astring
    //                     ; slash-separated path to entry
    //                     ; MUST NOT contain "*" or "%"
    mutating func entry() throws(IMAPDecodingError) -> ByteString {
        try astring()
    }

    // entry-values      = "(" entry-value *(SP entry-value) ")"
    // entry-value       = entry SP value
    // value             = nstring / literal8
    mutating func entryValues() throws(IMAPDecodingError) -> NonEmptyArray<MetadataEntryValue> {
        try expect(ASCII.openParen, "entry-values")
        var values: [MetadataEntryValue] = []
        skipExtraSpaces()
        while true {
            let name = try entry()
            try sp("entry-value")
            let value: ByteString? = peek() == ASCII.tilde ? try literal8() : try nstring()
            try add(MetadataEntryValue(entry: name, value: value), to: &values, "entry-values")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: values) }
            try sp("entry-values")
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: values) }
        }
    }

    // getmetadata       = "GETMETADATA" [SP getmetadata-options]
    //                                   SP mailbox SP entries
    // getmetadata-options = "(" getmetadata-option
    //                           *(SP getmetadata-option) ")"
    /// Parses what follows `GETMETADATA SP`; stops before CRLF.
    mutating func getmetadataArguments() throws(IMAPDecodingError) -> GetMetadataCommand {
        var options: [MetadataOption] = []
        if skip(ASCII.openParen) {
            skipExtraSpaces()
            while true {
                try add(try getmetadataOption(), to: &options, "getmetadata-options")
                if skip(ASCII.closeParen) { break }
                try sp("getmetadata-options")
                if lenient && skip(ASCII.closeParen) { break }
            }
            try sp("getmetadata")
        }
        let mailbox = try mailbox()
        try sp("getmetadata")
        return GetMetadataCommand(options: options, mailbox: mailbox, entries: try entries())
    }

    // getmetadata-option = tagged-ext-label [SP tagged-ext-val]
    // maxsize-opt       = "MAXSIZE" SP number
    // scope-opt         =  "DEPTH" SP ("0" / "1" / "infinity")
    mutating func getmetadataOption() throws(IMAPDecodingError) -> MetadataOption {
        if skipKeyword("MAXSIZE") {
            try sp("maxsize-opt")
            return .maxSize(try number("maxsize-opt"))
        }
        if skipKeyword("DEPTH") {
            try sp("scope-opt")
            if skipKeyword("INFINITY") { return .depth(.infinity) }
            if skipKeyword("0") { return .depth(.zero) }
            if skipKeyword("1") { return .depth(.one) }
            throw error("scope-opt", "expected 0, 1 or infinity, found \(found())")
        }
        let name = try taggedExtLabel("getmetadata-option")
        var value: TaggedExtensionValue? = nil
        if peek() == ASCII.space, let next = peek(1), Self.startsTaggedExtVal(next) {
            index &+= 1
            value = try taggedExtVal()
        }
        return .other(name: name, value: value)
    }

    // entries           = entry /
    //                     "(" entry *(SP entry) ")"
    mutating func entries() throws(IMAPDecodingError) -> NonEmptyArray<ByteString> {
        guard skip(ASCII.openParen) else { return NonEmptyArray(try entry()) }
        var entries: [ByteString] = []
        skipExtraSpaces()
        while true {
            try add(try entry(), to: &entries, "entries")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: entries) }
            try sp("entries")
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: entries) }
        }
    }

    // setmetadata       = "SETMETADATA" SP mailbox
    //                                   SP entry-values
    /// Parses what follows `SETMETADATA SP`; stops before CRLF.
    mutating func setmetadataArguments() throws(IMAPDecodingError) -> SetMetadataCommand {
        let mailbox = try mailbox()
        try sp("setmetadata")
        return SetMetadataCommand(mailbox: mailbox, values: try entryValues())
    }
}

extension IMAPWriter {
    /// Writes what follows `METADATA SP`.
    mutating func writeMetadataResp(_ response: MetadataResponse) {
        writeMailbox(response.mailbox)
        writeSpace()
        switch response.body {
        case .values(let values): writeEntryValues(values)
        case .entries(let entries):
            for (i, entry) in entries.enumerated() {
                if i > 0 { writeSpace() }
                writeAString(entry)
            }
        }
    }

    /// Writes `entry-values`. A value holding NUL is written as literal8.
    mutating func writeEntryValues(_ values: NonEmptyArray<MetadataEntryValue>) {
        writeByte(ASCII.openParen)
        for (i, value) in values.enumerated() {
            if i > 0 { writeSpace() }
            writeAString(value.entry)
            writeSpace()
            // value           = nstring / literal8: a value holding NUL as a literal8 (the
            // grammar has one here whether or not the peer announced BINARY).
            if let data = value.value, data.withUnsafeBytes(WordBytes.firstZero) != nil {
                writeLiteral(data, "METADATA value", binary: true)
            } else {
                writeNString(value.value, "METADATA value")
            }
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes what follows `GETMETADATA SP`.
    mutating func writeGetmetadataArguments(_ command: GetMetadataCommand) {
        if !command.options.isEmpty {
            writeByte(ASCII.openParen)
            for (i, option) in command.options.enumerated() {
                if i > 0 { writeSpace() }
                switch option {
                case .maxSize(let n):
                    write("MAXSIZE ")
                    writeNumber(n)
                case .depth(.zero): write("DEPTH 0")
                case .depth(.one): write("DEPTH 1")
                case .depth(.infinity): write("DEPTH infinity")
                case .other(let name, let value):
                    needsReadBack("GETMETADATA option")
                    writeLabel(name, "GETMETADATA option name")
                    if let value {
                        writeSpace()
                        writeTaggedExtVal(value)
                    }
                }
            }
            write(") ")
        }
        writeMailbox(command.mailbox)
        writeSpace()
        if command.entries.count == 1 {
            writeAString(command.entries.first)
        } else {
            writeByte(ASCII.openParen)
            for (i, entry) in command.entries.enumerated() {
                if i > 0 { writeSpace() }
                writeAString(entry)
            }
            writeByte(ASCII.closeParen)
        }
    }

    /// Writes what follows `SETMETADATA SP`.
    mutating func writeSetmetadataArguments(_ command: SetMetadataCommand) {
        writeMailbox(command.mailbox)
        writeSpace()
        writeEntryValues(command.values)
    }
}
