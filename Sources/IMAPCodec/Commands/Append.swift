/// `APPEND`: one message (IMAP4rev1/rev2) or several (MULTIAPPEND, RFC 3502).
public struct AppendCommand: Sendable, Hashable {
    /// Where the messages go.
    public var mailbox: MailboxName
    /// The messages, at least one.
    public var messages: NonEmptyArray<AppendMessage>

    /// Creates an APPEND of `messages`.
    public init(mailbox: MailboxName, messages: NonEmptyArray<AppendMessage>) {
        self.mailbox = mailbox
        self.messages = messages
    }
}

/// One message of an APPEND: `append-opts SP append-data`.
public struct AppendMessage: Sendable, Hashable {
    /// The flags to set, or nil to omit the flag list.
    public var flags: [Flag]?
    /// The internal date, or nil to let the server choose.
    public var internalDate: IMAPDateTime?
    /// The extensions to the message's metadata (`append-ext`, RFC 4466), after the date.
    public var extensions: [AppendExtension]
    /// The message.
    public var data: AppendData

    /// Creates a message to append.
    public init(
        flags: [Flag]? = nil,
        internalDate: IMAPDateTime? = nil,
        extensions: [AppendExtension] = [],
        data: AppendData
    ) {
        self.flags = flags
        self.internalDate = internalDate
        self.extensions = extensions
        self.data = data
    }
}

/// An extension to an APPEND message's metadata (`append-ext`, RFC 4466):
/// `APPEND box (\Seen) name value {12}`.
public enum AppendExtension: Sendable, Hashable {
    /// `ANNOTATION (entry-att ...)` (RFC 5257): the annotations the message starts with.
    case annotation([AnnotationEntry])
    /// An extension this codec does not know: its name (`append-ext-name`, a
    /// `tagged-ext-label`) and its value (`append-ext-value`, a `tagged-ext-val`). A name
    /// that reads back as the message data (`CATENATE`, `UTF8`) is refused by the encoder.
    case other(name: String, value: TaggedExtensionValue)
}

/// The message of an APPEND.
public enum AppendData: Sendable, Hashable {
    /// The message bytes as a literal.
    case literal(ByteString)
    /// The message bytes as a literal8 (`~{n}`, BINARY, RFC 3516): may hold NUL.
    case binary(ByteString)
    /// `CATENATE (part ...)` (RFC 4469): the message assembled from text and URLs.
    case catenate(NonEmptyArray<CatenatePart>)
    /// `UTF8 (~{n})` (RFC 6855): a message with UTF-8 headers.
    case utf8(ByteString)
}

/// A part of a CATENATE append.
public enum CatenatePart: Sendable, Hashable {
    /// `TEXT literal`
    case text(ByteString)
    /// `URL astring`: an IMAP URL of a message or part.
    case url(ByteString)
}

extension ParserState {
    // append          = "APPEND" SP mailbox 1*append-message       (RFC 3502, 4466)
    // append-message  = append-opts SP append-data
    // append-opts     = [SP flag-list] [SP date-time] *(SP append-ext)
    // append-data     = literal / literal8 / append-data-ext
    // append-data     =/ "CATENATE" SP "(" cat-part *(SP cat-part) ")"   (RFC 4469)
    // append-data     =/ "UTF8" SP "(" literal8 ")"                      (RFC 6855)
    /// After `APPEND SP`.
    mutating func appendArguments() throws(IMAPDecodingError) -> AppendCommand {
        let mailbox = try self.mailbox()
        var messages: [AppendMessage] = []
        repeat {
            try sp("append")
            try add(try appendMessage(), to: &messages, "append")
        } while peek() == ASCII.space
        return AppendCommand(mailbox: mailbox, messages: NonEmptyArray(unchecked: messages))
    }

    mutating func appendMessage() throws(IMAPDecodingError) -> AppendMessage {
        var flags: [Flag]? = nil
        var date: IMAPDateTime? = nil
        if peek() == ASCII.openParen {
            flags = try flagList()
            try sp("append-opts")
        }
        if peek() == ASCII.dquote {
            date = try dateTime()
            try sp("append-opts")
        }
        var extensions: [AppendExtension] = []
        while let byte = peek(), Self.isTaggedLabelFChar(byte), !atAppendDataKeyword() {
            try add(try appendExt(), to: &extensions, "append-ext")
            try sp("append-opts")
        }
        return AppendMessage(flags: flags, internalDate: date, extensions: extensions, data: try appendData())
    }

    /// True when the next word is `CATENATE` or `UTF8`, the `append-data-ext` forms this
    /// codec reads as message data (nothing consumed).
    func atAppendDataKeyword() -> Bool {
        var probe = self
        return probe.skipKeyword("CATENATE") || probe.skipKeyword("UTF8")
    }

    // append-ext      = append-ext-name SP append-ext-value
    // append-ext-name = tagged-ext-label
    // append-ext-value= tagged-ext-val
    /// An `append-data-ext` (`tagged-ext`) other than CATENATE and UTF8 has the same shape
    /// and is read as an `append-ext`: an APPEND message's data is a literal, a literal8,
    /// CATENATE or UTF8.
    mutating func appendExt() throws(IMAPDecodingError) -> AppendExtension {
        // append-ext       =/ att-annotate                         ; RFC 5257
        if skipKeyword("ANNOTATION") { return .annotation(try attAnnotate()) }
        let name = try taggedExtLabel("append-ext-name")
        try sp("append-ext")
        return .other(name: name, value: try taggedExtVal())
    }

    mutating func appendData() throws(IMAPDecodingError) -> AppendData {
        switch peek() {
        case ASCII.openBrace?: return .literal(try literal())
        case ASCII.tilde?: return .binary(try literal8())
        default: break
        }
        if skipKeyword("CATENATE") {
            try sp("append-data")
            try expect(ASCII.openParen, "append-data")
            var parts: [CatenatePart] = []
            repeat {
                // cat-part        = text-literal / url
                // text-literal    = "TEXT" SP literal
                // url             = "URL" SP astring
                if skipKeyword("TEXT") {
                    try sp("text-literal")
                    try add(.text(try literal()), to: &parts, "cat-part")
                } else if skipKeyword("URL") {
                    try sp("url")
                    try add(.url(try astring()), to: &parts, "cat-part")
                } else {
                    throw error("cat-part", "expected TEXT or URL, found \(found())")
                }
            } while skip(ASCII.space)
            try expect(ASCII.closeParen, "append-data")
            return .catenate(NonEmptyArray(unchecked: parts))
        }
        if skipKeyword("UTF8") {
            try sp("append-data")
            try expect(ASCII.openParen, "append-data")
            let data = try literal8()
            try expect(ASCII.closeParen, "append-data")
            return .utf8(data)
        }
        throw error("append-data", "expected a literal, CATENATE or UTF8, found \(found())")
    }
}

extension IMAPWriter {
    /// After `APPEND `.
    mutating func writeAppendArguments(_ append: AppendCommand) {
        writeMailbox(append.mailbox)
        for message in append.messages { writeAppendMessage(message) }
    }

    /// `append-message` with its leading SP: `[SP flag-list] [SP date-time] SP append-data`.
    mutating func writeAppendMessage(_ message: AppendMessage) {
        if let flags = message.flags {
            writeSpace()
            writeFlagList(flags)
        }
        if let date = message.internalDate {
            writeSpace()
            writeDateTime(date)
        }
        for appendExtension in message.extensions {
            writeSpace()
            writeAppendExt(appendExtension)
        }
        writeSpace()
        switch message.data {
        case .literal(let bytes): writeLiteral(bytes, "APPEND message")
        case .binary(let bytes):
            // append-data     = literal8 (RFC 3516), for a server that announced BINARY.
            guard options.binary else {
                return refuse(
                    IMAPValueError(
                        kind: .forbiddenByte,
                        field: "APPEND message",
                        rule: "literal8",
                        message: "a literal8 needs a server that announced BINARY (EncodingOptions.binary)"
                    )
                )
            }
            writeLiteral(bytes, "APPEND message", binary: true)
        case .catenate(let parts):
            write("CATENATE (")
            for (i, part) in parts.enumerated() {
                if i > 0 { writeSpace() }
                switch part {
                case .text(let bytes):
                    write("TEXT ")
                    writeLiteral(bytes, "CATENATE TEXT")
                case .url(let url):
                    write("URL ")
                    writeAString(url, "CATENATE URL")
                }
            }
            writeByte(ASCII.closeParen)
        case .utf8(let bytes):
            write("UTF8 (")
            writeLiteral(bytes, "APPEND UTF8 message", binary: true)
            writeByte(ASCII.closeParen)
        }
    }

    // append-ext      = append-ext-name SP append-ext-value
    mutating func writeAppendExt(_ appendExtension: AppendExtension) {
        switch appendExtension {
        case .annotation(let entries): writeAttAnnotate(entries, "APPEND ANNOTATION", "att-annotate")
        case .other(let name, let value):
            needsReadBack("APPEND extension")
            writeLabel(name, "APPEND extension name")
            writeSpace()
            writeTaggedExtVal(value)
        }
    }
}
