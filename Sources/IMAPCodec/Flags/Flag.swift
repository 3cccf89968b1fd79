/// A message flag: a system flag (`\Seen`), a keyword (`$Forwarded`, `Work`) or a flag
/// extension (`\Whatever`). An open set: unknown flags round-trip unchanged.
///
/// Flags compare case-insensitively, as RFC 9051 requires; the spelling first seen is
/// kept for writing.
public struct Flag: Sendable, Hashable, CustomStringConvertible {
    /// The flag as written on the wire, e.g. `\Seen` or `$Junk`.
    public let rawValue: String

    @usableFromInline
    init(uncheckedRawValue: String) {
        self.rawValue = uncheckedRawValue
    }

    /// Creates a flag from its wire form (`\Seen`, `$Junk`, `Work`). Returns nil when
    /// the text is not a valid flag: a keyword is an atom, an extension `\` plus an atom.
    public init?(_ rawValue: String) {
        var body = Substring(rawValue)
        if body.first == "\\" { body = body.dropFirst() }
        guard !body.isEmpty, body.utf8.allSatisfy(CharacterClass.isAtomChar) else {
            // `\*` is only meaningful in PERMANENTFLAGS; it is accepted as a flag value.
            if rawValue == "\\*" {
                self.rawValue = rawValue
                return
            }
            return nil
        }
        self.rawValue = rawValue
    }

    /// `\Answered`
    public static let answered = Flag(uncheckedRawValue: "\\Answered")
    /// `\Flagged`
    public static let flagged = Flag(uncheckedRawValue: "\\Flagged")
    /// `\Deleted`
    public static let deleted = Flag(uncheckedRawValue: "\\Deleted")
    /// `\Seen`
    public static let seen = Flag(uncheckedRawValue: "\\Seen")
    /// `\Draft`
    public static let draft = Flag(uncheckedRawValue: "\\Draft")
    /// `\Recent` (IMAP4rev1 only; fetched, never stored).
    public static let recent = Flag(uncheckedRawValue: "\\Recent")
    /// `\*` in PERMANENTFLAGS: new keywords may be created.
    public static let wildcard = Flag(uncheckedRawValue: "\\*")
    /// `$MDNSent`
    public static let mdnSent = Flag(uncheckedRawValue: "$MDNSent")
    /// `$Forwarded`
    public static let forwarded = Flag(uncheckedRawValue: "$Forwarded")
    /// `$Junk`
    public static let junk = Flag(uncheckedRawValue: "$Junk")
    /// `$NotJunk`
    public static let notJunk = Flag(uncheckedRawValue: "$NotJunk")
    /// `$Phishing`
    public static let phishing = Flag(uncheckedRawValue: "$Phishing")

    @usableFromInline
    static let interned: [Flag] = [
        .seen, .answered, .flagged, .deleted, .draft, .recent, .wildcard,
        .mdnSent, .forwarded, .junk, .notJunk, .phishing,
    ]

    /// True for a system flag or flag extension (starts with `\`).
    public var isSystemOrExtension: Bool { rawValue.utf8.first == ASCII.backslash }

    /// The wire form.
    public var description: String { rawValue }

    /// Compares ignoring ASCII case.
    public static func == (lhs: Flag, rhs: Flag) -> Bool {
        ASCII.equalsCaseInsensitive(lhs.rawValue, rhs.rawValue)
    }

    /// Hashes the lowercased bytes.
    public func hash(into hasher: inout Hasher) {
        for byte in rawValue.utf8 { hasher.combine(ASCII.lower(byte)) }
    }

    /// The interned flags by their spelling, ignoring case.
    static let table = InternTable(interned, spelling: \.rawValue, ignoringCase: true)

    /// The interned flag equal to `bytes` (ignoring case, with the interned spelling), or
    /// a new one keeping the received spelling.
    static func from(_ bytes: UnsafeRawBufferPointer) -> Flag {
        table.value(for: bytes) ?? Flag(uncheckedRawValue: String(decoding: bytes, as: UTF8.self))
    }
}

extension ParserState {
    // flag            = "\Answered" / "\Flagged" / "\Deleted" /
    //                   "\Seen" / "\Draft" / flag-keyword / flag-extension
    // flag-keyword    = "$MDNSent" / "$Forwarded" / "$Junk" /
    //                   "$NotJunk" / "$Phishing" / atom
    // flag-extension  = "\" atom
    // flag-perm       = flag / "\*"
    /// Also accepts `\*` (flag-perm) and `\Recent` (flag-fetch); the caller decides where
    /// they belong. Lenient: a bare `\` (an empty flag-extension) is kept as is.
    mutating func flag() throws(IMAPDecodingError) -> Flag {
        let start = index
        if skip(ASCII.backslash) {
            if skip(ASCII.star) { return .wildcard }
            if atomExtent().isEmpty {
                if lenient { return Flag(uncheckedRawValue: "\\") }
                throw error("flag-extension", "expected an atom after \"\\\"")
            }
        }
        _ = try atom("flag")
        return try withName(start..<index, "flag") { Flag.from($0) }
    }

    // flag-list       = "(" [flag *(SP flag)] ")"
    /// Lenient: extra spaces, and NIL in place of the list or of a flag (ignored).
    mutating func flagList() throws(IMAPDecodingError) -> [Flag] {
        if lenient && skipNil() { return [] }
        try expect(ASCII.openParen, "flag-list")
        var flags: [Flag] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return flags }
        while true {
            if lenient && skipNil() {
                // Some servers put NIL in flag lists; it is not a flag.
            } else if lenient && peek() == ASCII.openParen {
                // A nested group inside a flag list (seen in PERMANENTFLAGS): flatten it.
                try enterNesting("flag-list")
                try add(contentsOf: try flagList(), to: &flags, "flag-list")
                leaveNesting()
            } else {
                let flag = try flag()
                try add(flag, to: &flags, expected: 8, last: peek() == ASCII.closeParen, "flag-list")
            }
            if skip(ASCII.closeParen) { return flags }
            try sp("flag-list")
            if lenient && skip(ASCII.closeParen) { return flags }
        }
    }
}

extension IMAPWriter {
    /// Writes a flag as its wire form.
    mutating func writeFlag(_ flag: Flag) {
        writeBytes(flag.rawValue.utf8)
    }

    // flag-list       = "(" [flag *(SP flag)] ")"
    mutating func writeFlagList(_ flags: [Flag]) {
        writeByte(ASCII.openParen)
        for (i, flag) in flags.enumerated() {
            if i > 0 { writeByte(ASCII.space) }
            writeFlag(flag)
        }
        writeByte(ASCII.closeParen)
    }
}
