// MULTISEARCH (RFC 7377): the ESEARCH command with its IN (...) source options. The
// response correlators (MAILBOX, UIDVALIDITY) are in Search/ESearchResponse.swift.

/// Which mailboxes an ESEARCH command searches (`filter-mailboxes`, RFC 5465 as updated by
/// RFC 7377).
public enum SearchMailboxFilter: Sendable, Hashable {
    /// `selected`: the selected mailbox.
    case selected
    /// `inboxes`: the mailboxes new mail is delivered to.
    case inboxes
    /// `personal`: the user's personal mailboxes.
    case personal
    /// `subscribed`: the subscribed mailboxes.
    case subscribed
    /// `subtree mailbox...`: the mailboxes and all mailboxes below them (at least one).
    case subtree([MailboxName])
    /// `subtree-one mailbox...`: the mailboxes and their children (at least one).
    case subtreeOne([MailboxName])
    /// `mailboxes mailbox...`: exactly these mailboxes (at least one).
    case mailboxes([MailboxName])
}

/// A scope option of an ESEARCH source (`scope-option`): RFC 7377 defines none, so every
/// option is an extension, kept as its name and value.
public struct SearchScopeOption: Sendable, Hashable {
    /// `scope-option-name`, a tagged-ext-label.
    public var name: String
    /// `scope-option-value`, when given.
    public var value: TaggedExtensionValue?

    /// Creates a scope option.
    public init(name: String, value: TaggedExtensionValue? = nil) {
        self.name = name
        self.value = value
    }
}

/// The `IN (...)` of an ESEARCH command (`esearch-source-opts`).
public struct SearchSource: Sendable, Hashable {
    /// The mailbox filters (`source-mbox`, at least one).
    public var filters: [SearchMailboxFilter]
    /// The scope options; empty when absent (the grammar has no empty list).
    public var scopeOptions: [SearchScopeOption]

    /// Creates a source.
    public init(filters: [SearchMailboxFilter], scopeOptions: [SearchScopeOption] = []) {
        self.filters = filters
        self.scopeOptions = scopeOptions
    }
}

/// The arguments of an ESEARCH command (RFC 7377): what follows `ESEARCH SP`.
public struct ESearchCommand: Sendable, Hashable {
    /// The mailboxes to search; nil (no `IN`) for the selected mailbox.
    public var source: SearchSource?
    /// The return options, charset and keys, as for SEARCH.
    public var program: SearchProgram

    /// Creates ESEARCH arguments.
    public init(source: SearchSource? = nil, program: SearchProgram) {
        self.source = source
        self.program = program
    }
}

extension ParserState {
    // esearch =  "ESEARCH" [SP esearch-source-opts]
    //         [SP search-return-opts] SP search-program
    /// Parses what follows `ESEARCH SP`; stops before CRLF.
    mutating func esearchArguments() throws(IMAPDecodingError) -> ESearchCommand {
        var source: SearchSource? = nil
        if skipKeyword("IN") {
            source = try esearchSourceOpts()
            try sp("esearch")
        }
        return ESearchCommand(source: source, program: try searchProgram())
    }

    // esearch-source-opts =  "IN" SP "(" source-mbox [SP
    //         "(" scope-options ")"] ")"
    // source-mbox =  filter-mailboxes *(SP filter-mailboxes)
    // scope-options =  scope-option *(SP scope-option)
    /// After `IN`.
    mutating func esearchSourceOpts() throws(IMAPDecodingError) -> SearchSource {
        try sp("esearch-source-opts")
        try expect(ASCII.openParen, "esearch-source-opts")
        skipExtraSpaces()
        var source = SearchSource(filters: [])
        try add(try filterMailboxes(), to: &source.filters, "source-mbox")
        while true {
            if skip(ASCII.closeParen) { return source }
            try sp("esearch-source-opts")
            if lenient && skip(ASCII.closeParen) { return source }
            if peek() == ASCII.openParen {
                index &+= 1
                skipExtraSpaces()
                while true {
                    try add(try scopeOption(), to: &source.scopeOptions, "scope-options")
                    if skip(ASCII.closeParen) { break }
                    try sp("scope-options")
                    if lenient && skip(ASCII.closeParen) { break }
                }
                skipExtraSpaces()
                try expect(ASCII.closeParen, "esearch-source-opts")
                return source
            }
            try add(try filterMailboxes(), to: &source.filters, "source-mbox")
        }
    }

    // filter-mailboxes = filter-mailboxes-selected / filter-mailboxes-other
    // filter-mailboxes-selected =  "selected"
    // filter-mailboxes-other = "inboxes" / "personal" / "subscribed" /
    //                 ( "subtree" SP one-or-more-mailbox ) /
    //                 ( "mailboxes" SP one-or-more-mailbox )
    // filter-mailboxes-other =/  ("subtree-one" SP one-or-more-mailbox)
    mutating func filterMailboxes() throws(IMAPDecodingError) -> SearchMailboxFilter {
        if skipKeyword("SELECTED") { return .selected }
        if skipKeyword("INBOXES") { return .inboxes }
        if skipKeyword("PERSONAL") { return .personal }
        if skipKeyword("SUBSCRIBED") { return .subscribed }
        if skipKeyword("SUBTREE") { return .subtree(try oneOrMoreMailbox()) }
        if skipKeyword("SUBTREE-ONE") { return .subtreeOne(try oneOrMoreMailbox()) }
        if skipKeyword("MAILBOXES") { return .mailboxes(try oneOrMoreMailbox()) }
        throw error(
            "filter-mailboxes",
            "expected selected, inboxes, personal, subscribed, subtree, subtree-one or mailboxes, found \(foundWord())"
        )
    }

    // one-or-more-mailbox = mailbox / many-mailboxes
    // many-mailboxes  = "(" mailbox *(SP mailbox) ")"
    /// `SP one-or-more-mailbox`.
    mutating func oneOrMoreMailbox() throws(IMAPDecodingError) -> [MailboxName] {
        try sp("one-or-more-mailbox")
        guard skip(ASCII.openParen) else { return [try mailbox()] }
        skipExtraSpaces()
        var mailboxes: [MailboxName] = []
        while true {
            try add(try mailbox(), to: &mailboxes, "many-mailboxes")
            if skip(ASCII.closeParen) { return mailboxes }
            try sp("many-mailboxes")
            if lenient && skip(ASCII.closeParen) { return mailboxes }
        }
    }

    // scope-option =  scope-option-name [SP scope-option-value]
    // scope-option-name =  tagged-ext-label
    // scope-option-value =  tagged-ext-val
    mutating func scopeOption() throws(IMAPDecodingError) -> SearchScopeOption {
        let name = try taggedExtLabel("scope-option")
        var value: TaggedExtensionValue? = nil
        if peek() == ASCII.space, let next = peek(1), Self.startsTaggedExtVal(next) {
            index &+= 1
            value = try taggedExtVal()
        }
        return SearchScopeOption(name: name, value: value)
    }
}

extension IMAPWriter {
    // esearch =  "ESEARCH" [SP esearch-source-opts]
    //         [SP search-return-opts] SP search-program
    /// Writes what follows `ESEARCH SP`.
    mutating func writeESearchArguments(_ command: ESearchCommand) {
        if let source = command.source {
            writeESearchSourceOpts(source)
            writeSpace()
        }
        writeSearchProgram(command.program)
    }

    // esearch-source-opts =  "IN" SP "(" source-mbox [SP
    //         "(" scope-options ")"] ")"
    mutating func writeESearchSourceOpts(_ source: SearchSource) {
        if source.filters.isEmpty { return refuseEmpty("ESEARCH source mailboxes", "source-mbox") }
        write("IN (")
        for (i, filter) in source.filters.enumerated() {
            if i > 0 { writeSpace() }
            switch filter {
            case .selected: write("selected")
            case .inboxes: write("inboxes")
            case .personal: write("personal")
            case .subscribed: write("subscribed")
            case .subtree(let mailboxes): writeFilterMailboxes("subtree", mailboxes)
            case .subtreeOne(let mailboxes): writeFilterMailboxes("subtree-one", mailboxes)
            case .mailboxes(let mailboxes): writeFilterMailboxes("mailboxes", mailboxes)
            }
        }
        if !source.scopeOptions.isEmpty {
            needsReadBack("ESEARCH scope option")
            write(" (")
            for (i, option) in source.scopeOptions.enumerated() {
                if i > 0 { writeSpace() }
                writeLabel(option.name, "ESEARCH scope option name")
                if let value = option.value {
                    writeSpace()
                    writeTaggedExtVal(value)
                }
            }
            writeByte(ASCII.closeParen)
        }
        writeByte(ASCII.closeParen)
    }

    // one-or-more-mailbox = mailbox / many-mailboxes
    /// Writes `name SP one-or-more-mailbox`: one mailbox bare, several in parentheses.
    mutating func writeFilterMailboxes(_ name: StaticString, _ mailboxes: [MailboxName]) {
        if mailboxes.isEmpty { return refuseEmpty("ESEARCH \(name) mailboxes", "one-or-more-mailbox") }
        write(name)
        writeSpace()
        if mailboxes.count == 1 { return writeMailbox(mailboxes[0]) }
        writeByte(ASCII.openParen)
        for (i, mailbox) in mailboxes.enumerated() {
            if i > 0 { writeSpace() }
            writeMailbox(mailbox)
        }
        writeByte(ASCII.closeParen)
    }
}
