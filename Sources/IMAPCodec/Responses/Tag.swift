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
