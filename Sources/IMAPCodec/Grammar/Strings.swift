// Strings of the IMAP grammar (RFC 9051 section 9): atom, astring, nstring, string,
// quoted, literal, literal8, tag, text.

extension ParserState {
    // atom            = 1*ATOM-CHAR
    /// Lenient: bytes above 0x7F count as ATOM-CHARs (servers send unquoted 8-bit names).
    mutating func atom(_ rule: String = "atom") throws(IMAPDecodingError) -> ByteString {
        let start = index
        let lenient = self.lenient
        let end = scan { CharacterClass.isAtomChar($0) || (lenient && $0 >= 0x80) }
        guard end > start else { throw error(rule, "expected an atom, found \(found())") }
        index = end
        return slice(start, end)
    }

    /// The extent of an atom at the cursor without consuming it (empty when none).
    func atomExtent() -> Range<Int> {
        let lenient = self.lenient
        return index..<scan { CharacterClass.isAtomChar($0) || (lenient && $0 >= 0x80) }
    }

    // astring         = 1*ASTRING-CHAR / string
    mutating func astring() throws(IMAPDecodingError) -> ByteString {
        switch peek() {
        case ASCII.dquote?, ASCII.openBrace?, ASCII.tilde?:
            if peek() == ASCII.tilde && peek(1) != ASCII.openBrace { break }
            return try string("astring")
        default: break
        }
        let start = index
        let lenient = self.lenient
        let end = scan { CharacterClass.isAStringChar($0) || (lenient && $0 >= 0x80) }
        guard end > start else { throw error("astring", "expected an atom or a string, found \(found())") }
        index = end
        return slice(start, end)
    }

    // nil             = "NIL"
    /// Consumes `NIL` (any case) if it is next.
    @inline(__always)
    mutating func skipNil() -> Bool {
        let i = index
        guard i &+ 3 <= bytes.count, bytes[i] | 0x20 == 0x6E, bytes[i &+ 1] | 0x20 == 0x69,
            bytes[i &+ 2] | 0x20 == 0x6C
        else { return false }
        if i &+ 3 < bytes.count && CharacterClass.isAtomChar(bytes[i &+ 3]) { return false }
        index = i &+ 3
        return true
    }

    // nstring         = string / nil
    mutating func nstring() throws(IMAPDecodingError) -> ByteString? {
        if skipNil() { return nil }
        return try string("nstring")
    }

    // string          = quoted / literal
    /// Lenient: also literal8 (`~{n}`), which some servers send where a string belongs.
    mutating func string(_ rule: String = "string") throws(IMAPDecodingError) -> ByteString {
        switch peek() {
        case ASCII.dquote?: return try quoted()
        case ASCII.openBrace?: return try literal()
        case ASCII.tilde? where lenient: return try literal8()
        default: throw error(rule, "expected a quoted string or a literal, found \(found())")
        }
    }

    // quoted          = DQUOTE *QUOTED-CHAR DQUOTE
    // QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> /
    //                   "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
    // quoted-specials = DQUOTE / "\"
    /// Lenient: a DQUOTE that is not followed by a delimiter (SP, ")", "]", end of line)
    /// is part of the string (servers forget to escape quotes); a backslash before any
    /// other byte stands for itself; bytes that are not UTF-8 are kept.
    mutating func quoted() throws(IMAPDecodingError) -> ByteString {
        let open = index
        try expect(ASCII.dquote, "quoted")
        let start = index
        var i = start
        var escapes = false
        var highBytes = false
        let count = bytes.count
        while true {
            // Plain printable ASCII is the common case: skip straight to the next byte that
            // needs a look.
            i = firstQuotedSpecial(from: i)
            guard i < count else { throw error("quoted", "unterminated quoted string", at: open) }
            let byte = bytes[i]
            if byte == ASCII.dquote {
                if lenient, i + 1 < count, !Self.isDelimiterAfterQuoted(bytes[i + 1]) {
                    escapes = true
                    i += 1
                    continue
                }
                break
            }
            if byte == ASCII.backslash {
                escapes = true
                i += 2
                continue
            }
            if byte == ASCII.cr || byte == ASCII.lf {
                throw error("quoted", "line ends inside a quoted string", at: open)
            }
            if byte == 0 { throw error("QUOTED-CHAR", "NUL byte in a quoted string", at: i) }
            if byte >= 0x80 { highBytes = true }
            i += 1
        }
        index = i + 1
        if highBytes && !lenient && !UTF8Validation.isValid(bytes[start..<i]) {
            throw error("QUOTED-CHAR", "bytes in a quoted string are not UTF-8", at: start)
        }
        if !escapes { return slice(start, i) }
        return try unescapeQuoted(start, i)
    }

    /// The index of the first byte from `start` that is not a plain QUOTED-CHAR (see
    /// ``specialLanes(_:)``), or the end of the frame.
    @inline(__always)
    func firstQuotedSpecial(from start: Int) -> Int {
        bytes.withUnsafeBytes { Self.firstQuotedSpecial(in: $0, from: start) }
    }

    /// The index of the first byte of `p` from `start` that is not a plain QUOTED-CHAR (see
    /// ``specialLanes(_:)``), or `p.count`. Eight bytes at a time while eight remain, then
    /// byte by byte. (The writer uses it too, to find strings it can quote as they are.)
    @inline(__always)
    static func firstQuotedSpecial(in p: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = p.baseAddress else { return start }
        let count = p.count
        var j = start
        while j &+ 8 <= count {
            let word = UInt64(littleEndian: (base + j).loadUnaligned(as: UInt64.self))
            let lanes = specialLanes(word)
            if lanes != 0 { return j &+ lanes.trailingZeroBitCount &>> 3 }
            j &+= 8
        }
        while j < count {
            let b = base.load(fromByteOffset: j, as: UInt8.self)
            if b == ASCII.dquote || b == ASCII.backslash || b < 0x20 || b >= 0x80 { return j }
            j &+= 1
        }
        return j
    }

    /// The lanes of `word` (see ``WordBytes``) that hold a byte that is not a plain
    /// QUOTED-CHAR: a DQUOTE, a backslash, a control byte (below 0x20: NUL, CR, LF ...) or
    /// a byte above 0x7F. The lowest set bit is the first such byte.
    @inline(__always)
    static func specialLanes(_ word: UInt64) -> UInt64 {
        WordBytes.lanes(of: word, below: 0x20) | WordBytes.lanes(of: word, equalTo: ASCII.dquote)
            | WordBytes.lanes(of: word, equalTo: ASCII.backslash) | WordBytes.highLanes(of: word)
    }

    static func isDelimiterAfterQuoted(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.closeParen || byte == ASCII.closeBracket
            || byte == ASCII.cr || byte == ASCII.lf
    }

    mutating func unescapeQuoted(_ start: Int, _ end: Int) throws(IMAPDecodingError) -> ByteString {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == ASCII.backslash && i + 1 < end {
                let next = bytes[i + 1]
                if next == ASCII.dquote || next == ASCII.backslash {
                    out.append(next)
                    i += 2
                    continue
                }
                if !lenient {
                    throw error("quoted-specials", "backslash must be followed by a quote or a backslash", at: i)
                }
            }
            out.append(byte)
            i += 1
        }
        // A copy longer than a ByteString holds inline keeps its array.
        if out.count > ByteString.inlineCapacity { try charge(Self.allocationOverhead &+ out.count, "quoted") }
        return ByteString(out)
    }

    // literal         = "{" number64 ["+"] "}" CRLF *CHAR8
    //                     ; <number64> represents the number of CHAR8s.
    // CHAR8           = %x01-ff
    /// The literal's bytes are a slice of the frame: no copy. Strict: no NUL bytes.
    mutating func literal() throws(IMAPDecodingError) -> ByteString {
        try expect(ASCII.openBrace, "literal")
        return try literalTail(rule: "literal", binary: false)
    }

    // literal8        = "~{" number64 "}" CRLF *OCTET
    //                     ; <number64> represents the number of OCTETs in the response string.
    mutating func literal8() throws(IMAPDecodingError) -> ByteString {
        try expect(ASCII.tilde, "literal8")
        try expect(ASCII.openBrace, "literal8")
        return try literalTail(rule: "literal8", binary: true)
    }

    /// After `{`: the count, optional `+`, `}`, CRLF and the bytes.
    mutating func literalTail(rule: String, binary: Bool) throws(IMAPDecodingError) -> ByteString {
        let count = try number64()
        _ = skip(ASCII.plus)
        try expect(ASCII.closeBrace, rule)
        if !skip(ASCII.cr) && !lenient { throw error(rule, "expected CRLF after the literal header") }
        try expect(ASCII.lf, rule)
        let start = index
        guard count <= Int64(bytes.count - start) else {
            throw error(rule, "literal of \(count) bytes runs past the end of the frame", kind: .truncated)
        }
        let end = start + Int(count)
        if !binary && !lenient, let nul = bytes[start..<end].firstIndex(of: 0) {
            throw error("CHAR8", "NUL byte in a literal (use literal8)", at: nul)
        }
        index = end
        return slice(start, end)
    }

    // tag             = 1*<any ASTRING-CHAR except "+">
    mutating func tag() throws(IMAPDecodingError) -> ByteString {
        let start = index
        let end = scan { CharacterClass.isTagChar($0) }
        guard end > start else { throw error("tag", "expected a tag, found \(found())") }
        index = end
        return slice(start, end)
    }

    // text            = 1*(TEXT-CHAR / UTF8-2 / UTF8-3 / UTF8-4)
    // TEXT-CHAR       = <any CHAR except CR and LF>
    /// Everything up to the end of the line. Lenient: may be empty, and bytes that are
    /// not UTF-8 are kept. Strict: at least one byte, valid UTF-8, no NUL.
    mutating func text() throws(IMAPDecodingError) -> ByteString {
        let start = index
        let end = scan { $0 != ASCII.cr && $0 != ASCII.lf }
        if !lenient {
            guard end > start else { throw error("text", "expected text, found \(found())") }
            if let nul = bytes[start..<end].firstIndex(of: 0) {
                throw error("TEXT-CHAR", "NUL byte in text", at: nul)
            }
            if !UTF8Validation.isValid(bytes[start..<end]) {
                throw error("text", "text is not UTF-8", at: start)
            }
        }
        index = end
        return slice(start, end)
    }
}

/// UTF-8 validation over bytes (RFC 3629), without building a String.
enum UTF8Validation {
    static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
