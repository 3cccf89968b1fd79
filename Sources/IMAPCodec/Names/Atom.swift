/// An IMAP atom (`1*ATOM-CHAR`): a keyword or name the grammar leaves open, such as an
/// AUTHENTICATE mechanism (`PLAIN`, `XOAUTH2`), a COMPRESS algorithm (`DEFLATE`), the name
/// of a response code or the keyword of an untagged response IMAPCodec has no grammar for.
///
/// An atom is valid by construction: never empty, at most ``maximumLength`` bytes, with no
/// space, parenthesis, brace, quote, `%`, `*`, `]`, control character or 8-bit byte, so
/// writing it can never end a command or a response early. (It is deliberately not
/// `ExpressibleByStringLiteral`: `Atom("PLAIN X")` would then build an atom unchecked.)
/// Atoms compare ignoring ASCII case, as the IMAP keywords they stand for do, and keep the
/// spelling they were given or received in.
public struct Atom: Sendable, Hashable, CustomStringConvertible {
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// An atom spelled exactly `spelling`, which the caller knows is one.
    init(unchecked spelling: String) {
        self.name = RegistryName(spelling)
    }

    /// An atom from bytes the decoder has checked.
    init(decoded bytes: ByteString) {
        self.init(unchecked: bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
    }

    /// Creates an atom, or returns nil when `text` is empty or holds a byte that is no
    /// ATOM-CHAR.
    public init?(_ text: String) {
        guard RegistryName.problem(in: text, rule: "atom", backslash: .forbidden) == nil else { return nil }
        self.init(unchecked: text)
    }

    /// Creates an atom, or throws ``IMAPValueError`` naming the byte that is no ATOM-CHAR.
    public init(validating text: String) throws(IMAPValueError) {
        if let problem = RegistryName.problem(in: text, rule: "atom", backslash: .forbidden) { throw problem }
        self.init(unchecked: text)
    }

    /// The longest atom, and the longest name of every open registry: an atom cannot be
    /// split over lines as a literal can, and a line must stay well under a peer's limit.
    public static let maximumLength = RegistryName.maximumLength

    /// The atom as written on the wire.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case.
    public static func == (lhs: Atom, rhs: Atom) -> Bool { lhs.name == rhs.name }

    /// Hashes the upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }
}
