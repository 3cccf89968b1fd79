// ANNOTATE-EXPERIMENT-1 (RFC 5257): per-message annotations. FETCH ANNOTATION
// (`fetch-att =/ "ANNOTATION" SP "(" entries SP attribs ")"`), STORE ANNOTATION
// (store-att-flags =/ att-annotate) and the ANNOTATION FETCH data item (msg-att-dynamic), and
// APPEND's (append-ext =/ att-annotate, Commands/Append.swift). An `entry` or `attrib` MUST NOT
// hold "*" or "%" (those are for `entry-match`): strict decoding rejects them, lenient reads
// them, the encoders refuse them. The ANNOTATION search and sort keys and the ANNOTATE select
// parameter are not read by name (the select parameter and the response codes
// `ANNOTATE TOOBIG`, `ANNOTATE TOOMANY` and `ANNOTATIONS ann-size` are kept by the generic
// forms).

/// An attribute of an annotation entry and its value (`att-value`, RFC 5257):
/// `value.priv "My comment"`.
public struct AnnotationAttributeValue: Sendable, Hashable {
    /// The attribute name (`attrib`, an astring): `value.priv`, `value.shared`, `size.priv` ...
    public var attribute: ByteString
    /// The value (`value = nstring / literal8`); nil is `NIL` (in STORE: remove it). A value
    /// holding NUL is written as a literal8.
    public var value: ByteString?

    /// Creates an attribute value.
    public init(attribute: ByteString, value: ByteString?) {
        self.attribute = attribute
        self.value = value
    }
}

/// An annotation entry with attribute values (`entry-att`, RFC 5257):
/// `/comment (value.priv "My comment" value.shared NIL)`.
public struct AnnotationEntry: Sendable, Hashable {
    /// The entry (`entry`, an astring): a slash-separated path such as `/comment`.
    public var entry: ByteString
    /// The attribute values, at least one (the encoders refuse none).
    public var values: [AnnotationAttributeValue]

    /// Creates an entry with its attribute values.
    public init(entry: ByteString, values: [AnnotationAttributeValue]) {
        self.entry = entry
        self.values = values
    }
}

/// What a FETCH ANNOTATION item asks for (`fetch-att =/ "ANNOTATION" ...`, RFC 5257):
/// `ANNOTATION (/comment value)` or `ANNOTATION ((/comment /altsubject) (value size))`.
public struct AnnotationFetch: Sendable, Hashable {
    /// The entries (`entry-match`), at least one; `*` and `%` are wildcards.
    public var entries: [ByteString]
    /// The attributes (`attrib`), at least one: `value`, `value.priv`, `size.shared` ...
    public var attributes: [ByteString]

    /// Creates a FETCH ANNOTATION item.
    public init(entries: [ByteString], attributes: [ByteString]) {
        self.entries = entries
        self.attributes = attributes
    }
}

/// The ANNOTATION FETCH data item (`msg-att-dynamic =/ "ANNOTATION" ...`, RFC 5257).
public enum AnnotationData: Sendable, Hashable {
    /// `ANNOTATION (entry-att ...)`: entries with their attribute values.
    case values([AnnotationEntry])
    /// `ANNOTATION (entry ...)`: the names of entries that changed (unsolicited).
    case entries([ByteString])
}

extension ParserState {
    // fetch-att        =/ "ANNOTATION" SP "(" entries SP attribs ")"
    /// After `ANNOTATION` in a FETCH command.
    mutating func fetchAnnotateOpt() throws(IMAPDecodingError) -> FetchAttribute {
        try sp("fetch-att")
        try expect(ASCII.openParen, "fetch-att")
        skipExtraSpaces()
        let entries = try annotationList("entries") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.entryMatch()
        }
        try sp("fetch-att")
        let attributes = try annotationList("attribs") { (s: inout ParserState) throws(IMAPDecodingError) in
            try s.annotationName("attrib")
        }
        skipExtraSpaces()
        try expect(ASCII.closeParen, "fetch-att")
        return .annotation(AnnotationFetch(entries: entries, attributes: attributes))
    }

    // entries          = entry-match /
    //                    "(" entry-match *(SP entry-match) ")"
    // attribs          = attrib / "(" attrib *(SP attrib) ")"
    /// One item bare, or one or more in parentheses.
    mutating func annotationList(
        _ rule: String,
        _ item: (inout ParserState) throws(IMAPDecodingError) -> ByteString
    ) throws(IMAPDecodingError) -> [ByteString] {
        var list: [ByteString] = []
        guard skip(ASCII.openParen) else {
            try add(try item(&self), to: &list, rule)
            return list
        }
        skipExtraSpaces()
        while true {
            try add(try item(&self), to: &list, rule)
            if skip(ASCII.closeParen) { return list }
            try sp(rule)
            if lenient && skip(ASCII.closeParen) { return list }
        }
    }

    // entry-match      = list-mailbox
    // list-mailbox     = 1*list-char / string
    // list-char        = ATOM-CHAR / list-wildcards / resp-specials
    /// The bytes as sent (an entry path is not a mailbox name: no modified UTF-7).
    mutating func entryMatch() throws(IMAPDecodingError) -> ByteString {
        if peek() == ASCII.dquote || peek() == ASCII.openBrace { return try string("entry-match") }
        let start = index
        while let byte = peek(),
            CharacterClass.isAtomChar(byte) || byte == ASCII.star || byte == 0x25 || byte == ASCII.closeBracket
                || (lenient && byte >= 0x80)
        {
            index &+= 1
        }
        if index == start { throw error("entry-match", "expected an entry, found \(found())") }
        return slice(start, index)
    }

    // entry            = astring
    //                    ; MUST NOT contain "*" or "%"
    // attrib           = astring
    //                    ; MUST NOT contain "*" or "%"
    /// An `entry` or `attrib`. Strict: no "*" or "%" (the wildcards of `entry-match`).
    /// Lenient: read as sent.
    mutating func annotationName(_ rule: String) throws(IMAPDecodingError) -> ByteString {
        let start = index
        let name = try astring()
        if !lenient, name.bytes.contains(where: { $0 == ASCII.star || $0 == 0x25 }) {
            throw error(rule, "an annotation \(rule) has no \"*\" or \"%\" (wildcards)", at: start)
        }
        return name
    }

    // att-annotate     = "ANNOTATION" SP "(" entry-att *(SP entry-att) ")"
    /// After `ANNOTATION` (STORE).
    mutating func attAnnotate() throws(IMAPDecodingError) -> [AnnotationEntry] {
        try sp("att-annotate")
        try expect(ASCII.openParen, "att-annotate")
        skipExtraSpaces()
        var entries: [AnnotationEntry] = []
        while true {
            let entry = try annotationName("entry")
            try sp("entry-att")
            try add(AnnotationEntry(entry: entry, values: try attValues()), to: &entries, "att-annotate")
            if skip(ASCII.closeParen) { return entries }
            try sp("att-annotate")
            if lenient && skip(ASCII.closeParen) { return entries }
        }
    }

    // entry-att        = entry SP "(" att-value *(SP att-value) ")"
    // att-value        = attrib SP value
    // value            = nstring / literal8
    /// At `(`, after the entry.
    mutating func attValues() throws(IMAPDecodingError) -> [AnnotationAttributeValue] {
        try enterNesting("entry-att")
        try expect(ASCII.openParen, "entry-att")
        skipExtraSpaces()
        var values: [AnnotationAttributeValue] = []
        while true {
            let attribute = try annotationName("attrib")
            try sp("att-value")
            let value: ByteString? = peek() == ASCII.tilde ? try literal8() : try nstring()
            try add(AnnotationAttributeValue(attribute: attribute, value: value), to: &values, "entry-att")
            if skip(ASCII.closeParen) { break }
            try sp("entry-att")
            if lenient && skip(ASCII.closeParen) { break }
        }
        leaveNesting()
        return values
    }

    // msg-att-dynamic  =/ "ANNOTATION" SP
    //                     ( "(" entry-att *(SP entry-att) ")" /
    //                       "(" entry *(SP entry) ")" )
    /// After `ANNOTATION` in FETCH data: the form is told by what follows the first entry
    /// (SP and "(" for attribute values).
    mutating func msgAttAnnotation() throws(IMAPDecodingError) -> MessageAttribute {
        try sp("msg-att-dynamic")
        try expect(ASCII.openParen, "msg-att-dynamic")
        skipExtraSpaces()
        let first = try annotationName("entry")
        if atSpaceThenParen() {
            var entries: [AnnotationEntry] = []
            var entry = first
            while true {
                try sp("entry-att")
                try add(AnnotationEntry(entry: entry, values: try attValues()), to: &entries, "msg-att-dynamic")
                if skip(ASCII.closeParen) { return .annotation(.values(entries)) }
                try sp("msg-att-dynamic")
                if lenient && skip(ASCII.closeParen) { return .annotation(.values(entries)) }
                entry = try annotationName("entry")
            }
        }
        var names: [ByteString] = []
        try add(first, to: &names, "msg-att-dynamic")
        while true {
            if skip(ASCII.closeParen) { return .annotation(.entries(names)) }
            try sp("msg-att-dynamic")
            if lenient && skip(ASCII.closeParen) { return .annotation(.entries(names)) }
            try add(try annotationName("entry"), to: &names, "msg-att-dynamic")
        }
    }
}

extension IMAPWriter {
    // fetch-att        =/ "ANNOTATION" SP "(" entries SP attribs ")"
    /// One entry or attribute is written bare, more in parentheses; none is refused.
    mutating func writeFetchAnnotateOpt(_ fetch: AnnotationFetch) {
        write("ANNOTATION (")
        writeAnnotationList(fetch.entries, "FETCH ANNOTATION entries", "entries")
        writeSpace()
        writeAnnotationList(fetch.attributes, "FETCH ANNOTATION attributes", "attribs")
        writeByte(ASCII.closeParen)
    }

    // entries          = entry-match / "(" entry-match *(SP entry-match) ")"
    // attribs          = attrib / "(" attrib *(SP attrib) ")"
    /// Entries bare when every byte is a `list-char` (so `/*` stays as sent), else as a
    /// string; attributes as astrings, refused with "*" or "%".
    mutating func writeAnnotationList(_ list: [ByteString], _ field: String, _ rule: String) {
        guard let first = list.first else { return refuseEmpty(field, rule) }
        let item: (inout IMAPWriter, ByteString) -> Void =
            rule == "entries"
            ? { $0.writeEntryMatch($1, field) } : { $0.writeAnnotationName($1, field, rule: "attrib") }
        if list.count == 1 { return item(&self, first) }
        writeByte(ASCII.openParen)
        for (i, element) in list.enumerated() {
            if i > 0 { writeSpace() }
            item(&self, element)
        }
        writeByte(ASCII.closeParen)
    }

    // entry-match      = list-mailbox
    // list-mailbox     = 1*list-char / string
    mutating func writeEntryMatch(_ entry: ByteString, _ field: String) {
        let bare = entry.withUnsafeBytes { raw in
            !raw.isEmpty && raw.count <= 1024
                && raw.allSatisfy {
                    CharacterClass.isAtomChar($0) || $0 == ASCII.star || $0 == 0x25 || $0 == ASCII.closeBracket
                }
        }
        if bare { writeBytes(entry) } else { writeAString(entry, field) }
    }

    // entry            = astring   ; MUST NOT contain "*" or "%"
    // attrib           = astring   ; MUST NOT contain "*" or "%"
    /// An `entry` or `attrib` as an astring; refused when it holds "*" or "%".
    mutating func writeAnnotationName(_ name: ByteString, _ field: String, rule: String) {
        if let offset = name.bytes.firstIndex(where: { $0 == ASCII.star || $0 == 0x25 }) {
            let byte = name.bytes[offset]
            return refuse(.forbidden(byte, at: offset &- name.bytes.startIndex, field: field, rule: rule))
        }
        writeAString(name, field)
    }

    // att-annotate     = "ANNOTATION" SP "(" entry-att *(SP entry-att) ")"
    mutating func writeAttAnnotate(_ entries: [AnnotationEntry], _ field: String, _ rule: String) {
        if entries.isEmpty { return refuseEmpty(field, rule) }
        write("ANNOTATION (")
        for (i, entry) in entries.enumerated() {
            if i > 0 { writeSpace() }
            writeEntryAtt(entry, field)
        }
        writeByte(ASCII.closeParen)
    }

    // entry-att        = entry SP "(" att-value *(SP att-value) ")"
    // att-value        = attrib SP value
    // value            = nstring / literal8
    mutating func writeEntryAtt(_ entry: AnnotationEntry, _ field: String) {
        if entry.values.isEmpty { return refuseEmpty(field + " values", "entry-att") }
        writeAnnotationName(entry.entry, field + " entry", rule: "entry")
        write(" (")
        for (i, value) in entry.values.enumerated() {
            if i > 0 { writeSpace() }
            writeAnnotationName(value.attribute, field + " attribute", rule: "attrib")
            writeSpace()
            // A value holding NUL as a literal8, which the grammar has here.
            if let data = value.value, data.withUnsafeBytes(WordBytes.firstZero) != nil {
                writeLiteral(data, field + " value", binary: true)
            } else {
                writeNString(value.value, field + " value")
            }
        }
        writeByte(ASCII.closeParen)
    }

    // msg-att-dynamic  =/ "ANNOTATION" SP ( "(" entry-att *(SP entry-att) ")" /
    //                                       "(" entry *(SP entry) ")" )
    mutating func writeAnnotationData(_ data: AnnotationData) {
        switch data {
        case .values(let entries): writeAttAnnotate(entries, "FETCH ANNOTATION", "msg-att-dynamic")
        case .entries(let names):
            if names.isEmpty { return refuseEmpty("FETCH ANNOTATION entries", "msg-att-dynamic") }
            write("ANNOTATION (")
            for (i, name) in names.enumerated() {
                if i > 0 { writeSpace() }
                writeAnnotationName(name, "FETCH ANNOTATION entry", rule: "entry")
            }
            writeByte(ASCII.closeParen)
        }
    }
}
