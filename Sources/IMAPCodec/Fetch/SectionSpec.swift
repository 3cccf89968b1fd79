// Body sections of FETCH (RFC 9051 section 9), shared by commands and responses:
// section, section-spec, section-msgtext, section-part, section-text, header-list,
// header-fld-name, section-binary, partial.

/// Which part of a message a `BODY[...]` item names: a part path (`1.2`, empty for the
/// whole message) and what of that part (`HEADER`, `TEXT`, `MIME`, ...).
public struct SectionSpec: Sendable, Hashable, CustomStringConvertible {
    /// What of the part is meant.
    public enum Kind: Sendable, Hashable {
        /// The whole part (`BODY[]`, `BODY[1.2]`).
        case complete
        /// `HEADER`: the header of the message or of a message/rfc822 part.
        case header
        /// `HEADER.FIELDS (names)`: only these header fields.
        case headerFields([ByteString])
        /// `HEADER.FIELDS.NOT (names)`: all header fields but these.
        case headerFieldsNot([ByteString])
        /// `TEXT`: the body of the message or of a message/rfc822 part.
        case text
        /// `MIME`: the MIME header of a part (needs a part path).
        case mime
    }

    /// The part path: `[1, 2]` for `1.2`; empty for the top-level message.
    public var part: [UInt32]
    /// What of the part is meant.
    public var kind: Kind

    /// Creates a section.
    public init(part: [UInt32] = [], kind: Kind = .complete) {
        self.part = part
        self.kind = kind
    }

    /// The whole message: `BODY[]`.
    public static let complete = SectionSpec()
    /// The message header: `BODY[HEADER]`.
    public static let header = SectionSpec(kind: .header)
    /// The message text: `BODY[TEXT]`.
    public static let text = SectionSpec(kind: .text)

    /// The wire form, brackets included: `[1.2.HEADER]`.
    public var description: String {
        var writer = IMAPWriter()
        writer.writeSection(self)
        return String(decoding: writer.finishBytes(), as: UTF8.self)
    }
}

/// A byte range of a partial FETCH: `<offset.length>` (RFC 9051 `partial`).
public struct Partial: Sendable, Hashable {
    /// The 0-based offset of the first byte.
    public var offset: Int64
    /// The number of bytes (non-zero on the wire).
    public var length: Int64

    /// Creates a range.
    public init(offset: Int64, length: Int64) {
        self.offset = offset
        self.length = length
    }
}

extension ParserState {
    // section         = "[" [section-spec] "]"
    /// Lenient: spaces just inside the brackets.
    mutating func section() throws(IMAPDecodingError) -> SectionSpec {
        try expect(ASCII.openBracket, "section")
        skipExtraSpaces()
        if skip(ASCII.closeBracket) { return SectionSpec() }
        let spec = try sectionSpec()
        skipExtraSpaces()
        try expect(ASCII.closeBracket, "section")
        return spec
    }

    // section-spec    = section-msgtext / (section-part ["." section-text])
    // section-text    = section-msgtext / "MIME"
    /// Strict: `MIME` only after a part path.
    mutating func sectionSpec() throws(IMAPDecodingError) -> SectionSpec {
        guard let byte = peek(), ASCII.isDigit(byte) else {
            if !lenient && peek().map(ASCII.upper) == UInt8(ascii: "M") {
                throw error("section-spec", "MIME needs a part number")
            }
            return SectionSpec(part: [], kind: try sectionText())
        }
        let part = try sectionPart()
        if skip(ASCII.dot) {
            return SectionSpec(part: part, kind: try sectionText())
        }
        return SectionSpec(part: part, kind: .complete)
    }

    // section-part    = nz-number *("." nz-number)
    /// Stops before a "." that is not followed by a digit (the start of section-text).
    /// Lenient: a zero part number.
    mutating func sectionPart() throws(IMAPDecodingError) -> [UInt32] {
        var part: [UInt32] = []
        part.reserveCapacity(4)
        while true {
            try add(lenient ? try number("section-part") : try nzNumber("section-part"), to: &part, "section-part")
            guard peek() == ASCII.dot, let next = peek(1), ASCII.isDigit(next) else { return part }
            index &+= 1
            if part.count >= 1000 { throw error("section-part", "part path too long") }
        }
    }

    // section-text    = section-msgtext / "MIME"
    // section-msgtext = "HEADER" /
    //                   "HEADER.FIELDS" [".NOT"] SP header-list /
    //                   "TEXT"
    /// Lenient: no SP before the header list (`HEADER.FIELDS(DATE FROM)`), and any case.
    mutating func sectionText() throws(IMAPDecodingError) -> SectionSpec.Kind {
        switch peek().map(ASCII.upper) {
        case UInt8(ascii: "H")?:
            if skipKeyword("HEADER.FIELDS.NOT") {
                try headerListSP()
                return .headerFieldsNot(try headerList())
            }
            if skipKeyword("HEADER.FIELDS") {
                try headerListSP()
                return .headerFields(try headerList())
            }
            if skipKeyword("HEADER") { return .header }
        case UInt8(ascii: "T")?:
            if skipKeyword("TEXT") { return .text }
        case UInt8(ascii: "M")?:
            if skipKeyword("MIME") { return .mime }
        default: break
        }
        throw error(
            "section-msgtext",
            "expected HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME, found \(found())"
        )
    }

    /// The `SP` of `"HEADER.FIELDS" [".NOT"] SP header-list`; lenient: none before `(`.
    mutating func headerListSP() throws(IMAPDecodingError) {
        if lenient && peek() == ASCII.openParen { return }
        try sp("section-msgtext")
    }

    // header-list     = "(" header-fld-name *(SP header-fld-name) ")"
    // header-fld-name = astring
    /// Lenient: an empty list, extra spaces.
    mutating func headerList() throws(IMAPDecodingError) -> [ByteString] {
        try expect(ASCII.openParen, "header-list")
        var names: [ByteString] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) {
            if lenient { return names }
            throw error("header-list", "expected at least one header field name")
        }
        while true {
            try add(try headerFldName(), to: &names, "header-list")
            if skip(ASCII.closeParen) { return names }
            try sp("header-list")
            if lenient && skip(ASCII.closeParen) { return names }
        }
    }

    // header-fld-name = astring
    mutating func headerFldName() throws(IMAPDecodingError) -> ByteString {
        try astring()
    }

    // section-binary  = "[" [section-part] "]"
    mutating func sectionBinary() throws(IMAPDecodingError) -> [UInt32] {
        try expect(ASCII.openBracket, "section-binary")
        if skip(ASCII.closeBracket) { return [] }
        let part = try sectionPart()
        try expect(ASCII.closeBracket, "section-binary")
        return part
    }

    // partial         = "<" number64 "." nz-number64 ">"
    /// RFC 9051 widens RFC 3501's `"<" number "." nz-number ">"` to 63 bits.
    /// Lenient: a zero length.
    mutating func partial() throws(IMAPDecodingError) -> Partial {
        try expect(ASCII.lessThan, "partial")
        let offset = try number64("partial")
        try expect(ASCII.dot, "partial")
        let length = lenient ? try number64("partial") : try nzNumber64("partial")
        try expect(ASCII.greaterThan, "partial")
        return Partial(offset: offset, length: length)
    }
}

extension IMAPWriter {
    // section         = "[" [section-spec] "]"
    mutating func writeSection(_ section: SectionSpec) {
        writeByte(ASCII.openBracket)
        writeSectionSpec(section)
        writeByte(ASCII.closeBracket)
    }

    // section-spec    = section-msgtext / (section-part ["." section-text])
    mutating func writeSectionSpec(_ section: SectionSpec) {
        // section-text    = section-msgtext / "MIME"  ; only after a section-part
        if section.kind == .mime && section.part.isEmpty {
            return refuse(
                IMAPValueError(
                    kind: .empty,
                    field: "section MIME",
                    rule: "section-spec",
                    message: "MIME needs a part number: the header of the whole message is HEADER"
                )
            )
        }
        writeSectionPart(section.part)
        if section.kind == .complete { return }
        if !section.part.isEmpty { writeByte(ASCII.dot) }
        writeSectionText(section.kind)
    }

    // section-part    = nz-number *("." nz-number)
    mutating func writeSectionPart(_ part: [UInt32]) {
        for (i, number) in part.enumerated() {
            if i > 0 { writeByte(ASCII.dot) }
            writeNZNumber(number, "section part")
        }
    }

    // section-text    = section-msgtext / "MIME"
    mutating func writeSectionText(_ kind: SectionSpec.Kind) {
        switch kind {
        case .complete: break
        case .header: write("HEADER")
        case .headerFields(let names):
            write("HEADER.FIELDS ")
            writeHeaderList(names)
        case .headerFieldsNot(let names):
            write("HEADER.FIELDS.NOT ")
            writeHeaderList(names)
        case .text: write("TEXT")
        case .mime: write("MIME")
        }
    }

    // header-list     = "(" header-fld-name *(SP header-fld-name) ")"
    mutating func writeHeaderList(_ names: [ByteString]) {
        if names.isEmpty { return refuseEmpty("HEADER.FIELDS names", "header-list") }
        writeByte(ASCII.openParen)
        for (i, name) in names.enumerated() {
            if i > 0 { writeSpace() }
            writeAString(name)
        }
        writeByte(ASCII.closeParen)
    }

    // section-binary  = "[" [section-part] "]"
    mutating func writeSectionBinary(_ part: [UInt32]) {
        writeByte(ASCII.openBracket)
        writeSectionPart(part)
        writeByte(ASCII.closeBracket)
    }

    // partial         = "<" number64 "." nz-number64 ">"
    mutating func writePartial(_ partial: Partial) {
        writeByte(ASCII.lessThan)
        writeNumber(partial.offset)
        writeByte(ASCII.dot)
        writeNZNumber(partial.length, "partial length")
        writeByte(ASCII.greaterThan)
    }
}
