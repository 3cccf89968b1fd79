/// A command tag, such as `A001`: what correlates a command with its tagged response.
public struct Tag: Sendable, Hashable, CustomStringConvertible {
    /// The tag's bytes (ASTRING-CHARs except `+`).
    public let bytes: ByteString

    /// Creates a tag. Returns nil unless `text` is 1 or more ASTRING-CHARs other than `+`.
    public init?(_ text: String) {
        let bytes = ByteString(text)
        guard !bytes.isEmpty, bytes.withUnsafeBytes({ $0.allSatisfy(CharacterClass.isTagChar) }) else { return nil }
        self.bytes = bytes
    }

    init(unchecked bytes: ByteString) {
        self.bytes = bytes
    }

    /// The tag as text.
    public var description: String { bytes.stringValue }
}

/// Makes the tags of a client's commands: a prefix and a counter, `A1`, `A2`, `A3`, ...
///
/// Every tag it makes differs from the ones it made before (RFC 9051 section 2.2.1 asks a
/// client for a different tag for each command), so a tagged response always names one
/// command.
///
/// ```swift
/// var tags = TagGenerator()
/// let login = Command(tag: tags.next(), .login(user: "alice", password: "secret"))  // A1
/// let select = Command(tag: tags.next(), .select(SelectCommand(mailbox: .inbox)))   // A2
/// ```
public struct TagGenerator: Sendable, Hashable {
    /// What every tag starts with.
    public let prefix: String
    /// The number the next tag ends with.
    public private(set) var counter: UInt64

    /// Creates a generator of `A1`, `A2`, ...
    public init() {
        self.prefix = "A"
        self.counter = 1
    }

    /// Creates a generator of `prefix` followed by `first`, `first + 1`, ... Returns nil
    /// unless `prefix` is made of tag characters (ASTRING-CHARs other than `+`; it may be
    /// empty, since the number is one).
    public init?(prefix: String, first: UInt64 = 1) {
        guard prefix.utf8.allSatisfy(CharacterClass.isTagChar) else { return nil }
        self.prefix = prefix
        self.counter = first
    }

    /// The next tag.
    public mutating func next() -> Tag {
        var text = prefix
        text += String(counter)
        counter &+= 1
        return Tag(unchecked: ByteString(text))
    }
}
