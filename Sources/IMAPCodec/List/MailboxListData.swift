/// An extended data item of a LIST response (`mbox-list-extended-item`, RFC 5258/9051).
public enum ListExtendedItem: Sendable, Hashable {
    /// `CHILDINFO ("SUBSCRIBED" ...)`: the selection options that a child matched
    /// (RFC 5258), upper-cased names as the server sent them.
    case childInfo([ByteString])
    /// `OLDNAME (mailbox)`: the name before a RENAME (RFC 9051).
    case oldName(MailboxName)
    /// Any other item: its tag and value, kept for round trips.
    case other(tag: ByteString, value: TaggedExtensionValue)
}

/// The data of a LIST or LSUB response: `* LIST (\HasNoChildren) "/" Sent`.
public struct MailboxListData: Sendable, Hashable {
    /// The mailbox attributes, in the order received.
    public var attributes: [MailboxAttribute]
    /// The hierarchy delimiter, or nil when the server has none (NIL). On the wire it is one
    /// printable ASCII character; the encoders refuse any other.
    public var delimiter: Character?
    /// The mailbox.
    public var mailbox: MailboxName
    /// The extended data items (RFC 5258), empty when absent.
    public var extendedItems: [ListExtendedItem]

    /// Creates LIST data.
    public init(
        attributes: [MailboxAttribute],
        delimiter: Character?,
        mailbox: MailboxName,
        extendedItems: [ListExtendedItem] = []
    ) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.mailbox = mailbox
        self.extendedItems = extendedItems
    }
}

extension ParserState {
    // mailbox-list    = "(" [mbx-list-flags] ")" SP
    //                   (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                   [SP mbox-list-extended]
    //                     ; This is the list information pointed to by the ABNF
    //                     ; item "mailbox-data", which is defined above
    /// Parses what follows `LIST SP` or `LSUB SP`; stops before CRLF. Lenient: extra
    /// spaces, a bare `\` attribute, an unquoted mailbox name holding spaces.
    mutating func mailboxList() throws(IMAPDecodingError) -> MailboxListData {
        let attributes = try mbxListFlagList()
        try sp("mailbox-list")
        let delimiter = try hierarchyDelimiter("mailbox-list")
        try sp("mailbox-list")
        let mailbox = try mailboxAllowingSpaces()
        var items: [ListExtendedItem] = []
        if peek() == ASCII.space {
            let save = index
            skipExtraSpaces()
            if lenient && atLineEnd {
                index = save
            } else {
                if !lenient { index &+= 1 }
                items = try mboxListExtended()
            }
        }
        return MailboxListData(attributes: attributes, delimiter: delimiter, mailbox: mailbox, extendedItems: items)
    }

    // mbox-list-extended =  "(" [mbox-list-extended-item
    //                       *(SP mbox-list-extended-item)] ")"
    // mbox-list-extended-item = mbox-list-extended-item-tag SP
    //                           tagged-ext-val
    // mbox-list-extended-item-tag = astring
    mutating func mboxListExtended() throws(IMAPDecodingError) -> [ListExtendedItem] {
        try expect(ASCII.openParen, "mbox-list-extended")
        var items: [ListExtendedItem] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return items }
        while true {
            try add(try mboxListExtendedItem(), to: &items, "mbox-list-extended")
            if skip(ASCII.closeParen) { return items }
            try sp("mbox-list-extended")
            if lenient && skip(ASCII.closeParen) { return items }
        }
    }

    // childinfo-extended-item =  "CHILDINFO" SP "("
    //             list-select-base-opt-quoted
    //             *(SP list-select-base-opt-quoted) ")"
    // list-select-base-opt-quoted =  DQUOTE list-select-base-opt DQUOTE
    // oldname-extended-item =  "OLDNAME" SP "(" mailbox ")"
    mutating func mboxListExtendedItem() throws(IMAPDecodingError) -> ListExtendedItem {
        let tag = try astring()
        try sp("mbox-list-extended-item")
        if tag.matchesKeyword("CHILDINFO") {
            try expect(ASCII.openParen, "childinfo-extended-item")
            var options: [ByteString] = []
            skipExtraSpaces()
            if lenient && skip(ASCII.closeParen) { return .childInfo(options) }
            while true {
                try add(lenient ? try astring() : try quoted(), to: &options, "childinfo-extended-item")
                if skip(ASCII.closeParen) { return .childInfo(options) }
                try sp("childinfo-extended-item")
            }
        }
        if tag.matchesKeyword("OLDNAME") {
            try expect(ASCII.openParen, "oldname-extended-item")
            skipExtraSpaces()
            let name = try mailbox()
            skipExtraSpaces()
            try expect(ASCII.closeParen, "oldname-extended-item")
            return .oldName(name)
        }
        return .other(tag: tag, value: try taggedExtVal())
    }
}

extension IMAPWriter {
    /// Writes `mailbox-list` (what follows `LIST SP` / `LSUB SP`).
    mutating func writeMailboxList(_ data: MailboxListData) {
        writeMbxListFlagList(data.attributes)
        writeSpace()
        writeHierarchyDelimiter(data.delimiter)
        writeSpace()
        writeMailbox(data.mailbox)
        if !data.extendedItems.isEmpty {
            writeSpace()
            writeMboxListExtended(data.extendedItems)
        }
    }

    /// Writes `mbox-list-extended`.
    mutating func writeMboxListExtended(_ items: [ListExtendedItem]) {
        writeByte(ASCII.openParen)
        for (i, item) in items.enumerated() {
            if i > 0 { writeSpace() }
            switch item {
            case .childInfo(let options):
                if options.isEmpty { return refuseEmpty("CHILDINFO options", "childinfo-extended-item") }
                write("CHILDINFO (")
                for (k, option) in options.enumerated() {
                    if k > 0 { writeSpace() }
                    writeQuotedOnly(option, "CHILDINFO option")
                }
                writeByte(ASCII.closeParen)
            case .oldName(let name):
                write("OLDNAME (")
                writeMailbox(name)
                writeByte(ASCII.closeParen)
            case .other(let tag, let value):
                needsReadBack("LIST extended item")
                writeAString(tag)
                writeSpace()
                writeTaggedExtVal(value)
            }
        }
        writeByte(ASCII.closeParen)
    }
}

extension ByteString {
    /// True when the bytes equal the ASCII `text` ignoring case.
    func matchesKeyword(_ text: StaticString) -> Bool {
        let buffer = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return count == buffer.count && ASCII.equalsCaseInsensitive(bytes, buffer)
    }
}
