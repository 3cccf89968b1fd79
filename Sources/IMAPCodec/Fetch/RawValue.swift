// Raw values of unknown FETCH items and modifiers (and of unknown responses): kept as the
// bytes that were sent so they round-trip unchanged, except for how their literals are
// framed: whether a literal is synchronizing is transport, not content, so a raw value holds
// its literal headers as `{n}` / `~{n}` and the writer frames them by its literal mode.

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
        return try rawValue(start, index)
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
        return try rawValue(start, index)
    }

    /// The frame's bytes `start..<end` as a raw value: a slice of the frame, unless a literal
    /// header in it is not in the form the writer gives every literal (`{n+}`, or a count
    /// with leading zeros), in which case a copy with each such header written `{n}`.
    mutating func rawValue(_ start: Int, _ end: Int) throws(IMAPDecodingError) -> ByteString {
        let (value, copied) = rawValueBytes(start, end)
        // A copy (not a slice of the frame) is charged to the value budget.
        if copied { try charge(Self.allocationOverhead &+ value.count, "raw value") }
        return value
    }

    /// ``rawValue(_:_:)``'s bytes, and whether they are a copy.
    func rawValueBytes(_ start: Int, _ end: Int) -> (ByteString, copied: Bool) {
        bytes.withUnsafeBytes { all in
            let raw = UnsafeRawBufferPointer(rebasing: all[start..<end])
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            while i < raw.count {
                guard raw[i] == ASCII.openBrace, let header = RawLiteral.header(in: raw, at: i) else {
                    i &+= 1
                    continue
                }
                let digits = header.closeBrace &- (header.plus == nil ? 0 : 1) &- (i &+ 1)
                if header.plus != nil || (digits > 1 && raw[i &+ 1] == ASCII.zero) {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[copied...i]))
                    out.append(contentsOf: String(header.count).utf8)
                    copied = header.closeBrace
                }
                i = header.contentStart &+ header.count
            }
            if copied == 0 { return (slice(start, end), false) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[copied...]))
            return (ByteString(out), true)
        }
    }
}

/// Literal headers inside raw values.
enum RawLiteral {
    /// The literal header starting with the `{` at `start` in `raw`, when one is there and
    /// its bytes follow in full: `{` number64 [`+`] `}` CRLF and at least that many bytes.
    /// Gives the literal's byte count, where its `+` (if any) and its `}` are, and where its
    /// bytes start.
    static func header(
        in raw: UnsafeRawBufferPointer,
        at start: Int
    ) -> (count: Int, plus: Int?, closeBrace: Int, contentStart: Int)? {
        var i = start &+ 1
        var count = 0
        let digitsStart = i
        while i < raw.count, ASCII.isDigit(raw[i]) {
            let (times10, o1) = count.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(raw[i] &- ASCII.zero))
            if o1 || o2 { return nil }
            count = sum
            i &+= 1
        }
        guard i > digitsStart, i < raw.count else { return nil }
        var plus: Int? = nil
        if raw[i] == ASCII.plus {
            plus = i
            i &+= 1
        }
        guard i &+ 2 < raw.count, raw[i] == ASCII.closeBrace, raw[i &+ 1] == ASCII.cr, raw[i &+ 2] == ASCII.lf
        else { return nil }
        let contentStart = i &+ 3
        guard count <= raw.count &- contentStart else { return nil }
        return (count, plus, i, contentStart)
    }
}

extension RawLiteral {
    /// The offset of the first CR, LF or NUL in `raw` outside its complete literals, nil when
    /// there is none: what ``IMAPWriter/writeRaw(_:_:)`` refuses.
    static func firstForbiddenByte(in raw: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            if byte == ASCII.cr || byte == ASCII.lf || byte == 0 { return i }
            if byte == ASCII.openBrace, let header = header(in: raw, at: i) {
                i = header.contentStart &+ header.count
            } else {
                i &+= 1
            }
        }
        return nil
    }
}

extension IMAPWriter {
    /// Writes a raw value (kept as sent), framing the literals inside it as
    /// ``writeLiteral(_:_:binary:)`` frames every literal: `{3}` CRLF `abc` goes out as
    /// `{3+}` under LITERAL+, and as a chunk that waits for a continuation request when
    /// literals synchronize. Everything else is written unchanged; a `{` that does not start
    /// a complete literal is an ordinary byte.
    ///
    /// Refused: CR, LF or NUL outside a literal (they would end the frame or break it), and
    /// bytes ending in what reads as a literal header (`{5}`, `{5+}`): at the end of a line the
    /// peer would take the next bytes for that literal.
    mutating func writeRaw(_ data: ByteString, _ field: String) {
        data.withUnsafeBytes { raw in
            var copied = 0  // raw[..<copied] has been written
            var i = 0
            while i < raw.count {
                let byte = raw[i]
                if byte == ASCII.cr || byte == ASCII.lf || byte == 0 {
                    return refuse(.forbidden(byte, at: i, field: field, rule: "raw value"))
                }
                guard byte == ASCII.openBrace, let header = RawLiteral.header(in: raw, at: i) else {
                    i &+= 1
                    continue
                }
                // `~{`: a literal8, unless the `~` is the last byte of the previous literal.
                let binary = i > copied && raw[i &- 1] == ASCII.tilde
                writeRawBytes(UnsafeRawBufferPointer(rebasing: raw[copied..<(binary ? i &- 1 : i)]))
                let end = header.contentStart &+ header.count
                writeLiteral(
                    ByteString(bytes: UnsafeRawBufferPointer(rebasing: raw[header.contentStart..<end])),
                    field,
                    binary: binary
                )
                i = end
                copied = end
            }
            if Self.endsInLiteralHeader(UnsafeRawBufferPointer(rebasing: raw[copied...])) {
                return refuse(
                    IMAPValueError(
                        kind: .ambiguous,
                        field: field,
                        rule: "raw value",
                        message: "ends in a literal header: the peer would read the next bytes as its literal"
                    )
                )
            }
            writeRawBytes(UnsafeRawBufferPointer(rebasing: raw[copied...]))
        }
    }

    /// Writes the name of an item IMAPCodec has no grammar for (`X-FOO`, `X-SECTION[1 (A)]`)
    /// as ``writeRaw(_:_:)`` writes a value, and refused also when it is empty or holds,
    /// outside `[...]` and literals, a byte that would end the name (SP, a parenthesis, a
    /// quote) or an 8-bit byte (no ATOM-CHAR).
    mutating func writeRawName(_ name: ByteString, _ field: String) {
        if name.isEmpty { return refuseEmpty(field, "raw name") }
        let bad = name.withUnsafeBytes { raw -> Int? in
            var brackets = 0
            var i = 0
            while i < raw.count {
                let byte = raw[i]
                if byte == ASCII.openBrace, let header = RawLiteral.header(in: raw, at: i) {
                    i = header.contentStart &+ header.count
                    continue
                }
                if byte == ASCII.openBracket { brackets &+= 1 }
                if byte == ASCII.closeBracket && brackets > 0 { brackets &-= 1 }
                if brackets == 0
                    && (byte == ASCII.space || byte == ASCII.openParen || byte == ASCII.closeParen
                        || byte == ASCII.dquote || byte >= 0x80)
                {
                    return i
                }
                i &+= 1
            }
            return nil
        }
        if let bad {
            return refuse(.forbidden(name.withUnsafeBytes { $0[bad] }, at: bad, field: field, rule: "raw name"))
        }
        writeRaw(name, field)
    }

    /// True when `raw` ends in `{` number `}` or `{` number `+}`: what a reader takes for a
    /// literal header when a line ends there.
    static func endsInLiteralHeader(_ raw: UnsafeRawBufferPointer) -> Bool {
        var i = raw.count &- 1
        guard i >= 0, raw[i] == ASCII.closeBrace else { return false }
        i &-= 1
        if i >= 0 && raw[i] == ASCII.plus { i &-= 1 }
        var digits = 0
        while i >= 0 && raw[i] >= ASCII.zero && raw[i] <= ASCII.zero &+ 9 {
            digits &+= 1
            i &-= 1
        }
        return digits > 0 && i >= 0 && raw[i] == ASCII.openBrace
    }
}
