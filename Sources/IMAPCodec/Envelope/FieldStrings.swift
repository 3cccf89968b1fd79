// Field-level helpers shared by the ENVELOPE and BODYSTRUCTURE rules: an `nstring` or
// `string` that names the rule it fills, the lenient relaxations common to both
// (NIL where a string belongs, "()" where an nstring belongs, negative sizes), and the
// recovery of literals whose count a server gave in characters instead of bytes.

extension ParserState {
    /// An `nstring` filling the field `rule`, so errors name the field.
    ///
    /// Lenient: an empty parenthesized list `()` stands for NIL (servers send it for
    /// absent values, e.g. `body-fld-loc`).
    @inline(__always)
    mutating func fieldNString(_ rule: String) throws(IMAPDecodingError) -> ByteString? {
        if peek() == ASCII.dquote { return try quoted() }
        if skipNil() { return nil }
        return try fieldNStringSlowPath(rule)
    }

    /// ``fieldNString(_:)`` past a quoted string and NIL: literals, the lenient `()`, errors.
    mutating func fieldNStringSlowPath(_ rule: String) throws(IMAPDecodingError) -> ByteString? {
        switch peek() {
        case ASCII.openBrace?, ASCII.tilde?:
            return try string(rule)
        case ASCII.openParen?:
            if lenient && skipEmptyList() { return nil }
        default:
            break
        }
        throw error(rule, "expected a string or NIL, found \(found())")
    }

    /// A `string` filling the field `rule`. Lenient: NIL (and `()`) stand for the empty
    /// string, which is written back as `""`.
    @inline(__always)
    mutating func fieldString(_ rule: String) throws(IMAPDecodingError) -> ByteString {
        if peek() == ASCII.dquote { return try quoted() }
        return try fieldStringSlowPath(rule)
    }

    /// ``fieldString(_:)`` past a quoted string: literals, the lenient forms, errors.
    mutating func fieldStringSlowPath(_ rule: String) throws(IMAPDecodingError) -> ByteString {
        switch peek() {
        case ASCII.openBrace?, ASCII.tilde?:
            return try string(rule)
        case ASCII.openParen?:
            if lenient && skipEmptyList() { return ByteString([]) }
        default:
            if lenient && skipNil() { return ByteString([]) }
        }
        throw error(rule, "expected a string, found \(found())")
    }

    /// Consumes `()` (spaces allowed inside) if it is next.
    mutating func skipEmptyList() -> Bool {
        guard peek() == ASCII.openParen else { return false }
        var i = index &+ 1
        while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 }
        guard i < bytes.count && bytes[i] == ASCII.closeParen else { return false }
        index = i &+ 1
        return true
    }

    /// A size (`number` / `number64`) filling the field `rule`. Lenient: a negative
    /// number (servers send -1 for "unknown") reads as 0.
    mutating func fieldSize(_ rule: String) throws(IMAPDecodingError) -> Int64 {
        if lenient && peek() == ASCII.minus && peek(1).map(ASCII.isDigit) == true {
            index &+= 1
            _ = try number64(rule)
            return 0
        }
        return try number64(rule)
    }

    /// Consumes the `SP` that introduces an optional trailing element (`[SP x]`) and
    /// returns true when one follows. Lenient: spaces before the closing `)` are not an
    /// element. Strict: a single SP means an element follows.
    mutating func optionalSP() -> Bool {
        guard peek() == ASCII.space else { return false }
        index &+= 1
        if lenient {
            while skip(ASCII.space) {}
            if peek() == ASCII.closeParen { return false }
        }
        return true
    }

    /// Lenient: true (consuming the spaces) when the list closes here, i.e. when the
    /// remaining trailing fields of a fixed-length list are missing. Strict: false.
    @inline(__always)
    mutating func listEndsEarly() -> Bool {
        guard lenient else { return false }
        // The usual case, one SP and then a value, is decided by two bytes.
        if index &+ 1 < bytes.count && bytes[index] == ASCII.space {
            let next = bytes[index &+ 1]
            if next != ASCII.space && next != ASCII.closeParen { return false }
        }
        return listEndsAfterSpaces()
    }

    /// ``listEndsEarly()`` past any number of spaces.
    mutating func listEndsAfterSpaces() -> Bool {
        var i = index
        while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 }
        if i < bytes.count && bytes[i] == ASCII.closeParen {
            index = i
            return true
        }
        return false
    }
}

// MARK: - Literals counted in characters

extension ParserState {
    /// An `nstring` field of a fixed-length list (envelope or address), followed by
    /// `remaining` more values and `)`.
    ///
    /// Lenient: a literal whose count the server gave in characters rather than bytes
    /// (seen from Java-based gateways) is re-measured. The frame scanner already split
    /// the frame using the byte count, so all the bytes are here; what went wrong is only
    /// where the literal ends. When the byte count leaves a tail that cannot be the
    /// rest of the list, and counting the same number of Unicode scalars (or UTF-16 code
    /// units) leaves one that can, the literal is taken to end there. The check is a pure
    /// look-ahead (no backtracking) and only runs for literals holding non-ASCII bytes.
    @inline(__always)
    mutating func listNString(_ rule: String, remaining: Int) throws(IMAPDecodingError) -> ByteString? {
        // The common forms first, without the general rule's dispatch.
        if peek() == ASCII.dquote { return try quoted() }
        if skipNil() { return nil }
        return try listNStringSlowPath(rule, remaining: remaining)
    }

    /// ``listNString(_:remaining:)`` for literals and the lenient forms.
    mutating func listNStringSlowPath(_ rule: String, remaining: Int) throws(IMAPDecodingError) -> ByteString? {
        let isLiteral = peek() == ASCII.openBrace || peek() == ASCII.tilde
        let value = try fieldNString(rule)
        guard lenient, isLiteral, let value else { return value }
        return recountLiteral(value, remaining: remaining)
    }

    /// See ``listNString(_:remaining:)``.
    mutating func recountLiteral(_ value: ByteString, remaining: Int) -> ByteString {
        guard value.withUnsafeBytes({ $0.contains(where: { $0 >= 0x80 }) }) else { return value }
        if tailCloses(at: index, values: remaining) { return value }
        let start = index - value.count  // the literal's bytes end at the cursor
        for utf16 in [false, true] {
            if let end = advance(characters: value.count, from: start, utf16: utf16),
                end != index, tailCloses(at: end, values: remaining)
            {
                index = end
                return slice(start, end)
            }
        }
        return value
    }

    /// The index after `count` characters of UTF-8 from `start` (scalars, or UTF-16
    /// code units when `utf16`), or nil when the frame ends first.
    func advance(characters count: Int, from start: Int, utf16: Bool) -> Int? {
        var i = start
        var left = count
        let end = bytes.count
        while left > 0 {
            guard i < end else { return nil }
            let lead = bytes[i]
            let length: Int
            if lead < 0x80 {
                length = 1
            } else if lead >= 0xF0 && lead < 0xF8 {
                length = 4
            } else if lead >= 0xE0 {
                length = 3
            } else if lead >= 0xC0 {
                length = 2
            } else {
                length = 1
            }
            i &+= length
            left &-= (utf16 && length == 4) ? 2 : 1
        }
        return i <= end ? i : nil
    }

    /// Look-ahead: true when the bytes from `position` are up to `values` space-separated
    /// values (each NIL, a number, a string, or a balanced parenthesized list) and then
    /// `)`. Does not move the cursor.
    func tailCloses(at position: Int, values: Int) -> Bool {
        var i = position
        var seen = 0
        while true {
            var spaces = 0
            while i < bytes.count && bytes[i] == ASCII.space {
                i &+= 1
                spaces &+= 1
            }
            guard i < bytes.count else { return false }
            if bytes[i] == ASCII.closeParen { return true }
            guard seen < values, spaces > 0, let next = skipValue(at: i) else { return false }
            i = next
            seen &+= 1
        }
    }

    /// Look-ahead: the end of the value at `position` (NIL, number, quoted string with the
    /// lenient quoting rules, literal, or balanced list), or nil when there is none.
    func skipValue(at position: Int) -> Int? {
        var i = position
        var depth = 0
        let end = bytes.count
        repeat {
            guard i < end else { return nil }
            let byte = bytes[i]
            switch byte {
            case ASCII.openParen:
                depth &+= 1
                i &+= 1
            case ASCII.closeParen:
                guard depth > 0 else { return nil }
                depth &-= 1
                i &+= 1
            case ASCII.space where depth > 0:
                i &+= 1
            case ASCII.dquote:
                guard let next = skipQuoted(at: i) else { return nil }
                i = next
            case ASCII.openBrace, ASCII.tilde:
                guard let next = skipLiteral(at: i) else { return nil }
                i = next
            default:
                // An atom-like token: NIL, a number, or (inside a list) anything else.
                let start = i
                while i < end, bytes[i] != ASCII.space, bytes[i] != ASCII.openParen,
                    bytes[i] != ASCII.closeParen, bytes[i] != ASCII.cr, bytes[i] != ASCII.lf
                {
                    i &+= 1
                }
                if i == start { return nil }
                if depth == 0 && !isNilOrNumber(start, i) { return nil }
            }
        } while depth > 0
        return i
    }

    private func isNilOrNumber(_ start: Int, _ end: Int) -> Bool {
        if end &- start == 3 && ASCII.upper(bytes[start]) == 0x4E && ASCII.upper(bytes[start &+ 1]) == 0x49
            && ASCII.upper(bytes[start &+ 2]) == 0x4C
        {
            return true
        }
        var i = start
        if bytes[i] == ASCII.minus { i &+= 1 }
        guard i < end else { return false }
        while i < end {
            if !ASCII.isDigit(bytes[i]) { return false }
            i &+= 1
        }
        return true
    }

    /// Look-ahead over a quoted string as ``quoted()`` reads it in lenient mode.
    private func skipQuoted(at position: Int) -> Int? {
        var i = position &+ 1
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if byte == ASCII.backslash {
                i &+= 2
                continue
            }
            if byte == ASCII.cr || byte == ASCII.lf { return nil }
            if byte == ASCII.dquote {
                if i &+ 1 < end && !Self.isDelimiterAfterQuoted(bytes[i &+ 1]) {
                    i &+= 1
                    continue
                }
                return i &+ 1
            }
            i &+= 1
        }
        return nil
    }

    /// Look-ahead over `{n}` / `{n+}` / `~{n}` CRLF and n bytes.
    private func skipLiteral(at position: Int) -> Int? {
        var i = position
        let end = bytes.count
        if bytes[i] == ASCII.tilde { i &+= 1 }
        guard i < end, bytes[i] == ASCII.openBrace else { return nil }
        i &+= 1
        var count = 0
        var digits = 0
        while i < end, ASCII.isDigit(bytes[i]) {
            guard digits < 15 else { return nil }
            count = count &* 10 &+ Int(bytes[i] &- ASCII.zero)
            digits &+= 1
            i &+= 1
        }
        guard digits > 0 else { return nil }
        if i < end && bytes[i] == ASCII.plus { i &+= 1 }
        guard i < end, bytes[i] == ASCII.closeBrace else { return nil }
        i &+= 1
        if i < end && bytes[i] == ASCII.cr { i &+= 1 }
        guard i < end, bytes[i] == ASCII.lf else { return nil }
        i &+= 1
        guard count <= end &- i else { return nil }
        return i &+ count
    }
}
