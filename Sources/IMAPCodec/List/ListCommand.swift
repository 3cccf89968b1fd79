/// A LIST selection option (`list-select-opt`, RFC 5258, 6154).
public enum ListSelectOption: Sendable, Hashable {
    /// `SUBSCRIBED`: only subscribed mailboxes.
    case subscribed
    /// `REMOTE`: include remote mailboxes.
    case remote
    /// `RECURSIVEMATCH`: report children that match the other options (CHILDINFO).
    case recursiveMatch
    /// `SPECIAL-USE` (RFC 6154): only mailboxes with a special-use attribute.
    case specialUse
    /// Another option: its name and optional `option-value` components.
    case other(name: String, value: [TaggedExtensionComponent]?)
}

/// A LIST return option (`return-option`, RFC 5258, 5819, 6154, 8440).
public enum ListReturnOption: Sendable, Hashable {
    /// `SUBSCRIBED`: return `\Subscribed`.
    case subscribed
    /// `CHILDREN`: return `\HasChildren` / `\HasNoChildren`.
    case children
    /// `SPECIAL-USE` (RFC 6154): return special-use attributes.
    case specialUse
    /// `MYRIGHTS` (RFC 8440): return MYRIGHTS responses.
    case myRights
    /// `STATUS (...)` (RFC 5819): return STATUS responses with these attributes.
    case status(NonEmptyArray<StatusAttribute>)
    /// Another option: its name and optional `option-value` components.
    case other(name: String, value: [TaggedExtensionComponent]?)
}

/// The arguments of a LIST command (RFC 9051, 5258): what follows `LIST SP`.
public struct ListCommand: Sendable, Hashable {
    /// Selection options; empty when absent (`()` and no list are equivalent).
    public var selectOptions: [ListSelectOption]
    /// The reference name (often `""`).
    public var reference: MailboxName
    /// One or more patterns (`list-mailbox`), which may hold the wildcards `*` and `%`.
    public var patterns: NonEmptyArray<MailboxName>
    /// Return options; empty when absent (`RETURN ()` and none are equivalent).
    public var returnOptions: [ListReturnOption]

    /// Creates LIST arguments.
    public init(
        selectOptions: [ListSelectOption] = [],
        reference: MailboxName,
        patterns: NonEmptyArray<MailboxName>,
        returnOptions: [ListReturnOption] = []
    ) {
        self.selectOptions = selectOptions
        self.reference = reference
        self.patterns = patterns
        self.returnOptions = returnOptions
    }
}

/// The arguments of an LSUB command (IMAP4rev1): what follows `LSUB SP`.
public struct LSubCommand: Sendable, Hashable {
    /// The reference name.
    public var reference: MailboxName
    /// The pattern, which may hold the wildcards `*` and `%`.
    public var pattern: MailboxName

    /// Creates LSUB arguments.
    public init(reference: MailboxName, pattern: MailboxName) {
        self.reference = reference
        self.pattern = pattern
    }
}

extension ParserState {
    // list            = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat
    //                   [SP list-return-opts]
    /// Parses what follows `LIST SP`; stops before CRLF.
    mutating func listArguments() throws(IMAPDecodingError) -> ListCommand {
        var selectOptions: [ListSelectOption] = []
        if peek() == ASCII.openParen {
            selectOptions = try listSelectOpts()
            try sp("list")
        }
        let reference = try mailbox()
        try sp("list")
        let patterns = try mboxOrPat()
        var returnOptions: [ListReturnOption] = []
        if peek() == ASCII.space {
            let save = index
            skipExtraSpaces()
            if lenient && atLineEnd {
                index = save
            } else {
                if !lenient { index &+= 1 }
                returnOptions = try listReturnOpts()
            }
        }
        return ListCommand(
            selectOptions: selectOptions,
            reference: reference,
            patterns: patterns,
            returnOptions: returnOptions
        )
    }

    // lsub            = "LSUB" SP mailbox SP list-mailbox
    /// Parses what follows `LSUB SP`; stops before CRLF.
    mutating func lsubArguments() throws(IMAPDecodingError) -> LSubCommand {
        let reference = try mailbox()
        try sp("lsub")
        return LSubCommand(reference: reference, pattern: try listMailbox())
    }

    // list-mailbox    = 1*list-char / string
    // list-char       = ATOM-CHAR / list-wildcards / resp-specials
    /// Lenient: 8-bit bytes count as list-chars.
    mutating func listMailbox() throws(IMAPDecodingError) -> MailboxName {
        switch peek() {
        case ASCII.dquote?, ASCII.openBrace?:
            return try mailboxName(wire: try string("list-mailbox"))
        case ASCII.tilde? where lenient && peek(1) == ASCII.openBrace:
            return try mailboxName(wire: try string("list-mailbox"))
        default: break
        }
        let lenient = self.lenient
        let start = index
        let end = scan { CharacterClass.isListChar($0) || (lenient && $0 >= 0x80) }
        guard end > start else { throw error("list-mailbox", "expected a mailbox pattern, found \(found())") }
        index = end
        return try mailboxName(wire: slice(start, end))
    }

    // mbox-or-pat     = list-mailbox / patterns
    // patterns        = "(" list-mailbox *(SP list-mailbox) ")"
    mutating func mboxOrPat() throws(IMAPDecodingError) -> NonEmptyArray<MailboxName> {
        guard skip(ASCII.openParen) else { return NonEmptyArray(try listMailbox()) }
        var patterns: [MailboxName] = []
        skipExtraSpaces()
        while true {
            try add(try listMailbox(), to: &patterns, "list-mailbox")
            if skip(ASCII.closeParen) { return NonEmptyArray(unchecked: patterns) }
            try sp("patterns")
            if lenient && skip(ASCII.closeParen) { return NonEmptyArray(unchecked: patterns) }
        }
    }

    // list-select-opts =  "(" [
    //                     (*(list-select-opt SP) list-select-base-opt
    //                     *(SP list-select-opt))
    //                     / (list-select-independent-opt
    //                     *(SP list-select-independent-opt))
    //                     ] ")"
    // list-select-opt =  list-select-base-opt / list-select-independent-opt
    //                    / list-select-mod-opt
    // list-select-base-opt =  "SUBSCRIBED" / option-extension
    // list-select-independent-opt =  "REMOTE" / option-extension
    // list-select-mod-opt =  "RECURSIVEMATCH" / option-extension
    /// The rule that RECURSIVEMATCH needs a base option is left to the server.
    mutating func listSelectOpts() throws(IMAPDecodingError) -> [ListSelectOption] {
        try expect(ASCII.openParen, "list-select-opts")
        var options: [ListSelectOption] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return options }
        while true {
            if skipKeyword("SUBSCRIBED") {
                try add(.subscribed, to: &options, "list-select-opts")
            } else if skipKeyword("REMOTE") {
                try add(.remote, to: &options, "list-select-opts")
            } else if skipKeyword("RECURSIVEMATCH") {
                try add(.recursiveMatch, to: &options, "list-select-opts")
            } else if skipKeyword("SPECIAL-USE") {
                try add(.specialUse, to: &options, "list-select-opts")
            } else {
                let (name, value) = try optionExtension("list-select-opt")
                try add(.other(name: name, value: value), to: &options, "list-select-opts")
            }
            if skip(ASCII.closeParen) { return options }
            try sp("list-select-opts")
            if lenient && skip(ASCII.closeParen) { return options }
        }
    }

    // list-return-opts =  "RETURN" SP
    //                     "(" [return-option *(SP return-option)] ")"
    // return-option   = "SUBSCRIBED" / "CHILDREN" / status-option /
    //                   option-extension
    // return-option   =/ "SPECIAL-USE"     ; RFC 6154
    // return-option   =/ "MYRIGHTS"        ; RFC 8440
    mutating func listReturnOpts() throws(IMAPDecodingError) -> [ListReturnOption] {
        try expectKeyword("RETURN", "list-return-opts")
        try sp("list-return-opts")
        try expect(ASCII.openParen, "list-return-opts")
        var options: [ListReturnOption] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return options }
        while true {
            if skipKeyword("SUBSCRIBED") {
                try add(.subscribed, to: &options, "list-return-opts")
            } else if skipKeyword("CHILDREN") {
                try add(.children, to: &options, "list-return-opts")
            } else if skipKeyword("SPECIAL-USE") {
                try add(.specialUse, to: &options, "list-return-opts")
            } else if skipKeyword("MYRIGHTS") {
                try add(.myRights, to: &options, "list-return-opts")
            } else if skipKeyword("STATUS") {
                try sp("status-option")
                try add(.status(try statusAttList("status-option")), to: &options, "list-return-opts")
            } else {
                let (name, value) = try optionExtension("return-option")
                try add(.other(name: name, value: value), to: &options, "list-return-opts")
            }
            if skip(ASCII.closeParen) { return options }
            try sp("list-return-opts")
            if lenient && skip(ASCII.closeParen) { return options }
        }
    }

    // option-extension = (option-standard-tag / option-vendor-tag)
    //                    [SP option-value]
    // option-standard-tag =  atom
    // option-vendor-tag =  vendor-token "-" atom
    // option-value =  "(" option-val-comp ")"
    // option-val-comp =  astring /
    //                    option-val-comp *(SP option-val-comp) /
    //                    "(" option-val-comp ")"
    mutating func optionExtension(_ rule: String) throws(IMAPDecodingError) -> (String, [TaggedExtensionComponent]?) {
        let name = try atom(rule)
        var value: [TaggedExtensionComponent]? = nil
        if peek() == ASCII.space && peek(1) == ASCII.openParen {
            index &+= 1
            value = try taggedExtCompList()
        }
        try chargeString(name.count, rule)
        return (String(decoding: name.bytes, as: UTF8.self), value)
    }
}

extension IMAPWriter {
    /// Writes what follows `LIST SP`.
    mutating func writeListArguments(_ command: ListCommand) {
        if !command.selectOptions.isEmpty {
            writeListSelectOpts(command.selectOptions)
            writeSpace()
        }
        writeMailbox(command.reference)
        writeSpace()
        writeMboxOrPat(command.patterns)
        if !command.returnOptions.isEmpty {
            writeSpace()
            writeListReturnOpts(command.returnOptions)
        }
    }

    /// Writes what follows `LSUB SP`.
    mutating func writeLSubArguments(_ command: LSubCommand) {
        writeMailbox(command.reference)
        writeSpace()
        writeListMailbox(command.pattern)
    }

    /// Writes `list-mailbox`: bare when every byte is a list-char, else a string.
    mutating func writeListMailbox(_ pattern: MailboxName) {
        let raw =
            options.utf8Accept && pattern.bytes.withUnsafeBytes({ $0.contains(0x26) })
            ? ByteString(pattern.utf8Bytes) : pattern.bytes
        if !raw.isEmpty && raw.count <= Self.quotedLimit
            && raw.withUnsafeBytes({ $0.allSatisfy(CharacterClass.isListChar) })
        {
            writeBytes(raw)
        } else {
            writeString(raw)
        }
    }

    /// Writes `mbox-or-pat`: one pattern bare, several in parentheses.
    mutating func writeMboxOrPat(_ patterns: NonEmptyArray<MailboxName>) {
        if patterns.count == 1 {
            writeListMailbox(patterns.first)
            return
        }
        writeByte(ASCII.openParen)
        for (i, pattern) in patterns.enumerated() {
            if i > 0 { writeSpace() }
            writeListMailbox(pattern)
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes `list-select-opts`.
    mutating func writeListSelectOpts(_ options: [ListSelectOption]) {
        writeByte(ASCII.openParen)
        for (i, option) in options.enumerated() {
            if i > 0 { writeSpace() }
            switch option {
            case .subscribed: write("SUBSCRIBED")
            case .remote: write("REMOTE")
            case .recursiveMatch: write("RECURSIVEMATCH")
            case .specialUse: write("SPECIAL-USE")
            case .other(let name, let value): writeOptionExtension(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes `list-return-opts`.
    mutating func writeListReturnOpts(_ options: [ListReturnOption]) {
        write("RETURN (")
        for (i, option) in options.enumerated() {
            if i > 0 { writeSpace() }
            switch option {
            case .subscribed: write("SUBSCRIBED")
            case .children: write("CHILDREN")
            case .specialUse: write("SPECIAL-USE")
            case .myRights: write("MYRIGHTS")
            case .status(let attributes):
                write("STATUS ")
                writeStatusAttList(attributes)
            case .other(let name, let value): writeOptionExtension(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes `option-extension`.
    mutating func writeOptionExtension(_ name: String, _ value: [TaggedExtensionComponent]?) {
        // option-extension = (option-standard-tag / option-vendor-tag) [SP option-value]
        // option-standard-tag = atom; option-vendor-tag = vendor-token "-" atom
        needsReadBack("LIST option")
        writeAtom(name, "LIST option name")
        if let value {
            writeSpace()
            writeTaggedExtCompList(value)
        }
    }
}
