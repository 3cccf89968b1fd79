// Raw values of unknown FETCH items and modifiers: kept as the bytes that were sent so
// they round-trip unchanged.

extension ParserState {
    /// One value of an unknown item, from the cursor to the next top-level SP, ")" or end
    /// of line: a parenthesized list (balanced, quoted strings and literals skipped as
    /// units), a quoted string, a literal or literal8, or a run of other bytes in which
    /// "[...]" groups may hold spaces. Returns the bytes as sent. Iterative: the depth of
    /// parentheses is bounded by `maxNestingDepth`.
    mutating func fetchRawValue(_ rule: String) throws(IMAPDecodingError) -> ByteString {
        let start = index
        var parens = 0
        var brackets = 0
        loop: while true {
            guard let byte = peek() else {
                if parens == 0 && brackets == 0 { break loop }
                throw error(rule, "unterminated value", at: start)
            }
            switch byte {
            case ASCII.openParen:
                parens &+= 1
                if parens > options.maxNestingDepth {
                    throw error(rule, "nesting deeper than \(options.maxNestingDepth)", kind: .nestingTooDeep)
                }
                index &+= 1
            case ASCII.closeParen:
                if parens == 0 { break loop }
                parens &-= 1
                index &+= 1
                if parens == 0 && brackets == 0 { break loop }
            case ASCII.dquote:
                _ = try quoted()
                if parens == 0 && brackets == 0 { break loop }
            case ASCII.openBrace:
                _ = try literal()
                if parens == 0 && brackets == 0 { break loop }
            case ASCII.tilde where peek(1) == ASCII.openBrace:
                _ = try literal8()
                if parens == 0 && brackets == 0 { break loop }
            case ASCII.openBracket:
                brackets &+= 1
                index &+= 1
            case ASCII.closeBracket:
                if brackets > 0 { brackets &-= 1 }
                index &+= 1
            case ASCII.space:
                if parens == 0 && brackets == 0 { break loop }
                index &+= 1
            case ASCII.cr, ASCII.lf:
                if parens == 0 && brackets == 0 { break loop }
                throw error(rule, "line ends inside a value", at: start)
            default:
                index &+= 1
            }
        }
        guard index > start else { throw error(rule, "expected a value, found \(found())") }
        return slice(start, index)
    }

    /// The name of an unknown FETCH item: ATOM-CHARs, where a "[...]" group (which may
    /// hold spaces, lists and strings) and a following "<...>" belong to the name.
    mutating func fetchRawName(_ rule: String) throws(IMAPDecodingError) -> ByteString {
        let start = index
        while let byte = peek() {
            if byte == ASCII.openBracket {
                // The bracketed part: skip as one raw value starting at "[".
                _ = try fetchRawValue(rule)
                break
            }
            if !CharacterClass.isAtomChar(byte) && !(lenient && byte >= 0x80) { break }
            index &+= 1
        }
        guard index > start else { throw error(rule, "expected an item name, found \(found())") }
        return slice(start, index)
    }
}
