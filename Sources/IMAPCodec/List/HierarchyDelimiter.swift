// The hierarchy delimiter of LIST and NAMESPACE, and the lenient reading of mailbox
// names that servers send unquoted although they hold spaces.

extension ParserState {
    // (DQUOTE QUOTED-CHAR DQUOTE / nil)
    // QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> /
    //                   "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
    /// A hierarchy delimiter: one quoted ASCII character, or NIL (flat namespace).
    /// Lenient: `""` is read as NIL.
    mutating func hierarchyDelimiter(_ rule: String) throws(IMAPDecodingError) -> Character? {
        if skipNil() { return nil }
        let start = index
        try expect(ASCII.dquote, rule)
        var char: UInt8
        guard let first = peek() else { throw error(rule, "expected a delimiter, found end of input") }
        if first == ASCII.dquote {
            if lenient {
                index &+= 1
                return nil
            }
            throw error(rule, "empty hierarchy delimiter (use NIL)")
        }
        if first == ASCII.backslash {
            guard let escaped = peek(1), escaped == ASCII.dquote || escaped == ASCII.backslash || lenient else {
                throw error("quoted-specials", "backslash must be followed by a quote or a backslash")
            }
            char = escaped
            index &+= 2
        } else {
            guard first >= 0x20 && first < 0x7F else {
                throw error("QUOTED-CHAR", "hierarchy delimiter must be one printable ASCII character", at: start)
            }
            char = first
            index &+= 1
        }
        try expect(ASCII.dquote, rule)
        return Character(Unicode.Scalar(char))
    }

    /// A mailbox name. Lenient: when the name was sent as an atom and more atoms follow
    /// on the same line separated by single spaces (not a `(`, a quoted string or the end),
    /// they are part of the name: `* STATUS My files (UIDNEXT 1)` names `My files`.
    mutating func mailboxAllowingSpaces() throws(IMAPDecodingError) -> MailboxName {
        guard lenient, let first = peek(), first != ASCII.dquote, first != ASCII.openBrace, first != ASCII.tilde else {
            return try mailbox()
        }
        let start = index
        guard Self.isUnquotedMailboxByte(first) else {
            throw error("astring", "expected an atom or a string, found \(found())")
        }
        _ = unquotedMailbox()
        while peek() == ASCII.space, let next = peek(1), Self.isUnquotedMailboxByte(next) {
            index &+= 1
            _ = unquotedMailbox()
        }
        return try mailboxName(wire: slice(start, index))
    }
}

extension IMAPWriter {
    /// Writes a hierarchy delimiter: `"c"` (escaped when needed) or NIL. Refused unless it is
    /// one printable ASCII character (what the decoders read).
    mutating func writeHierarchyDelimiter(_ character: Character?) {
        guard let character else {
            writeNil()
            return
        }
        guard let delimiter = character.asciiValue, delimiter >= 0x20 && delimiter < 0x7F else {
            return refuse(
                IMAPValueError(
                    kind: .forbiddenByte,
                    field: "hierarchy delimiter",
                    rule: "QUOTED-CHAR",
                    message: "\(String(character).debugDescription) is not one printable ASCII character"
                )
            )
        }
        writeByte(ASCII.dquote)
        if delimiter == ASCII.dquote || delimiter == ASCII.backslash { writeByte(ASCII.backslash) }
        writeByte(delimiter)
        writeByte(ASCII.dquote)
    }
}
