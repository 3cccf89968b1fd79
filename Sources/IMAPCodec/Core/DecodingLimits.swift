/// Bounds a decoder enforces on untrusted input. Every limit is settable; the defaults
/// are safe for the side the decoder serves.
///
/// Commands and responses need different defaults: a server protects itself from
/// clients with short command lines (64 KiB, as Dovecot and Cyrus do), while a client
/// must accept a `SEARCH` response listing millions of numbers from the server it
/// chose to talk to.
public struct DecodingLimits: Sendable, Hashable {
    /// The longest line in bytes, CRLF included and literal contents excluded.
    public var maxLineLength: Int
    /// The largest literal (`{n}`, `{n+}`, `~{n}`) in bytes.
    public var maxLiteralSize: Int64
    /// The largest frame (all lines and literals of one command or response) in bytes.
    public var maxFrameSize: Int64
    /// The deepest nesting of parenthesized lists (BODYSTRUCTURE, search keys, ...).
    public var maxNestingDepth: Int

    /// Creates limits with the given values.
    public init(maxLineLength: Int, maxLiteralSize: Int64, maxFrameSize: Int64, maxNestingDepth: Int) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxFrameSize = maxFrameSize
        self.maxNestingDepth = maxNestingDepth
    }

    /// Defaults for decoding responses (client side): lines up to 64 MiB (a SEARCH of
    /// several million UIDs), literals up to 256 MiB, frames up to 512 MiB, nesting 100.
    /// Stream literals (see the decoder's streaming option) to handle larger bodies.
    public static let responses = DecodingLimits(
        maxLineLength: 64 << 20, maxLiteralSize: 256 << 20, maxFrameSize: 512 << 20, maxNestingDepth: 100)

    /// Defaults for decoding commands (server side): lines up to 64 KiB, literals up to
    /// 64 MiB (an APPEND), frames up to 96 MiB, nesting 32.
    public static let commands = DecodingLimits(
        maxLineLength: 64 << 10, maxLiteralSize: 64 << 20, maxFrameSize: 96 << 20, maxNestingDepth: 32)
}
