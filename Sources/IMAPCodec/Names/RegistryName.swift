// The machinery shared by the open registries: Flag, Capability, MailboxAttribute,
// StatusAttribute, QuotaResourceName, SortKey and ThreadAlgorithm. Each is a name from a
// set that grows with extensions; unknown names round-trip, well-known ones are interned.
//
// One spelling policy for all of them: names compare ignoring ASCII case (RFC 9051 section
// 9: "the ABNF is case-insensitive"); a well-known name, given or received in any case, is
// the registered value and is written in its registered spelling (`\SEEN` is `Flag.seen`,
// written `\Seen`); any other name keeps the spelling it was given or received in.

/// The stored form of a registry name: the spelling written on the wire, and that spelling
/// with ASCII letters upper-cased, made once so that `==` and `hash` compare it as it is
/// instead of folding case on every call (as swift-http-types' `HTTPField.Name`). When the
/// spelling has no lower-case letter the two share one string.
struct RegistryName: Sendable, Hashable {
    /// The spelling written on the wire.
    let spelling: String
    /// ``spelling`` upper-cased (ASCII only): what equality and hashing compare.
    let folded: String

    init(_ spelling: String) {
        self.spelling = spelling
        if spelling.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            self.folded = String(decoding: spelling.utf8.map(ASCII.upper), as: UTF8.self)
        } else {
            self.folded = spelling
        }
    }

    static func == (lhs: RegistryName, rhs: RegistryName) -> Bool {
        lhs.folded == rhs.folded
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(folded)
    }

    /// Where a name may have a leading `\`.
    enum Backslash {
        /// Never (`Capability`, `StatusAttribute`, ...): `atom`.
        case forbidden
        /// Optionally (`Flag`): `atom` or `"\" atom`.
        case optional
        /// Always (`MailboxAttribute`): `"\" atom`.
        case required
    }

    /// The longest name (``Atom/maximumLength``).
    static let maximumLength = 1024

    /// What makes `spelling` no name of `rule`, nil when it is one: empty, longer than
    /// ``maximumLength``, or a byte that is no ATOM-CHAR (after the leading `\` the rule allows).
    static func problem(in spelling: String, rule: String, backslash: Backslash) -> IMAPValueError? {
        let utf8 = spelling.utf8
        if utf8.count > maximumLength {
            return IMAPValueError(
                kind: .tooLong,
                field: rule,
                rule: rule,
                message: "longer than \(maximumLength) bytes"
            )
        }
        var start = utf8.startIndex
        if utf8.first == ASCII.backslash && backslash != .forbidden {
            start = utf8.index(after: start)
        } else if backslash == .required {
            return IMAPValueError(
                kind: .forbiddenByte,
                field: rule,
                rule: rule,
                message: "must start with \"\\\"",
                offset: 0
            )
        }
        if start == utf8.endIndex {
            return IMAPValueError(kind: .empty, field: rule, rule: rule, message: "needs an atom")
        }
        var offset = utf8.distance(from: utf8.startIndex, to: start)
        for byte in utf8[start...] {
            if !CharacterClass.isAtomChar(byte) { return .forbidden(byte, at: offset, field: rule, rule: rule) }
            offset &+= 1
        }
        return nil
    }
}

/// A type of an open registry: a ``RegistryName`` with its well-known values interned.
/// Each conforming type writes its public `==`, `hash(into:)`, `rawValue` and `description`
/// as one line each over ``name``; everything else is here.
protocol OpenRegistry: Sendable {
    /// The stored name.
    var name: RegistryName { get }
    init(name: RegistryName)
    /// The well-known values, by their spelling ignoring case.
    static var table: InternTable<Self> { get }
    /// What keeps `spelling` from being a value of this registry, nil when nothing does.
    static func problem(in spelling: String) -> IMAPValueError?
}

extension OpenRegistry {
    /// A value spelled exactly `spelling`, which the caller knows is valid.
    init(uncheckedRawValue spelling: String) {
        self.init(name: RegistryName(spelling))
    }

    /// The interned table of `values` (ignoring case, as every registry compares).
    static func makeTable(_ values: [Self]) -> InternTable<Self> {
        InternTable(values, spelling: \.name.spelling, ignoringCase: true)
    }

    /// The well-known value equal to `bytes` (in its registered spelling), or a new value
    /// keeping the spelling of `bytes`: the decoders' path (the grammar has checked the bytes).
    @inline(__always)
    static func from(_ bytes: UnsafeRawBufferPointer) -> Self {
        table.value(for: bytes) ?? Self(uncheckedRawValue: String(decoding: bytes, as: UTF8.self))
    }

    /// `spelling` checked: the well-known value equal to it, a new value, or the error.
    static func validated(_ spelling: String) -> Result<Self, IMAPValueError> {
        if let problem = problem(in: spelling) { return .failure(problem) }
        var spelling = spelling
        return .success(spelling.withUTF8 { from(UnsafeRawBufferPointer($0)) })
    }
}
