/// A message flag: a system flag (`\Seen`), a keyword (`$Forwarded`, `Work`) or a flag
/// extension (`\Whatever`). An open set: unknown flags round-trip unchanged.
///
/// Flags compare case-insensitively, as RFC 9051 requires; a well-known flag is written in
/// its registered spelling, any other in the spelling it was given or received in.
public struct Flag: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates a flag from its wire form (`\\Seen`, `$Junk`, `Work`), or returns nil when it is not one (a keyword is an atom other than `NIL`, an extension `\\` plus an atom; `\\*` is accepted for PERMANENTFLAGS).
    /// A well-known flag in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates a flag from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form, e.g. `\\Seen` or `$Junk`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

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

    /// The well-known values.
    static let known: [Flag] = [
        .seen, .answered, .flagged, .deleted, .draft, .recent, .wildcard,
        .mdnSent, .forwarded, .junk, .notJunk, .phishing,
    ]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    /// True for a system flag or flag extension (starts with `\`).
    public var isSystemOrExtension: Bool { name.spelling.utf8.first == ASCII.backslash }

    static func problem(in spelling: String) -> IMAPValueError? {
        if spelling == "\\*" { return nil }
        if spelling.utf8.count == 3 && ASCII.equalsCaseInsensitive(spelling, "NIL") {
            return IMAPValueError(
                kind: .ambiguous,
                field: "flag",
                rule: "flag-keyword",
                message: "NIL is read as no flag, not as a keyword"
            )
        }
        return RegistryName.problem(in: spelling, rule: "flag", backslash: .optional)
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
    /// they belong. Lenient: a bare `\` (an empty flag-extension) is kept as is, and a
    /// keyword may hold `]` (resp-specials): Gmail creates keywords such as
    /// `OIB-Seen-[Gmail]/Trash` and sends them bare in FLAGS and PERMANENTFLAGS. A flag is
    /// always inside a parenthesized list there, so its `]` cannot end a response code.
    /// Such a flag keeps its spelling (the decoders' unchecked path, as 8-bit keywords do):
    /// `Flag("a]b")` is nil, and the encoder writes the spelling as received.
    mutating func flag() throws(IMAPDecodingError) -> Flag {
        let start = index
        if skip(ASCII.backslash) {
            if skip(ASCII.star) { return .wildcard }
            if atomExtent().isEmpty {
                if lenient { return Flag(uncheckedRawValue: "\\") }
                throw error("flag-extension", "expected an atom after \"\\\"")
            }
        } else if lenient {
            // flag-keyword    = ... / atom; lenient: 1*(ASTRING-CHAR / 8-bit)
            let end = scan { CharacterClass.isAStringChar($0) || $0 >= 0x80 }
            guard end > start else { throw error("flag", "expected an atom or a flag, found \(found())") }
            index = end
            return try withName(start..<index, "flag") { Flag.from($0) }
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
        writeBytes(flag.name.spelling.utf8)
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
