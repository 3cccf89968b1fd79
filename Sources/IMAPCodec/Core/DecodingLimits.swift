/// Bounds a decoder enforces on untrusted input. Every limit is settable; the defaults
/// are safe for the side the decoder serves.
///
/// Commands and responses need different defaults: a server protects itself from
/// clients with short command lines (64 KiB, as Dovecot and Cyrus do), while a client
/// must accept a `SEARCH` response listing millions of numbers from the server it
/// chose to talk to. A server reads commands with the still smaller
/// ``commandsBeforeAuthentication`` until the client has logged in.
///
/// The first four limits bound the bytes a decoder buffers; the last two bound what a
/// frame decodes into. A frame of `n` bytes may decode into values whose storage (the
/// lists of flags, strings, addresses, body parts, search keys, fetch items, APPEND
/// messages, numbers ...) takes at most
/// `valueBytesPerFrameByte × n + valueBytesPerFrame` bytes; past that its decoding stops
/// with ``IMAPDecodingError/Kind/valuesTooLarge``. Real frames use a fraction of the
/// default: a frame needs at least two bytes for each list item, and most items take far
/// more. A frame built to make its decoder allocate (a million one-letter labels, a
/// million one-byte literals) is refused before its values outgrow it by more than that.
public struct DecodingLimits: Sendable, Hashable {
    /// The longest line in bytes, CRLF included and literal contents excluded.
    public var maxLineLength: Int
    /// The largest literal (`{n}`, `{n+}`, `~{n}`) in bytes.
    public var maxLiteralSize: Int64
    /// The largest frame (all lines and literals of one command or response) in bytes.
    public var maxFrameSize: Int64
    /// The deepest nesting of parenthesized lists (BODYSTRUCTURE, search keys, ...).
    public var maxNestingDepth: Int
    /// How many bytes of decoded values a frame may take per byte it holds (beyond
    /// ``valueBytesPerFrame``): 2 by default. Values are counted by what
    /// their lists hold and what their items allocate; while a list grows, its old and new
    /// storage are both resident for a moment, and the frame is held too, so decoding a
    /// frame of `n` bytes costs at most about `(1 + 2 × valueBytesPerFrameByte) n +
    /// 2 × valueBytesPerFrame` bytes of memory, and measures less (Docs/Security.md).
    public var valueBytesPerFrameByte: Int
    /// How many bytes of decoded values any frame may take, whatever its size.
    public var valueBytesPerFrame: Int

    /// Creates limits with the given values. The value limits default to those of
    /// ``commands`` (2 bytes per frame byte plus 256 KiB), the cautious side: limits built
    /// for responses should allow more (``responses`` has 16 MiB, for a THREAD over a
    /// million messages).
    public init(
        maxLineLength: Int,
        maxLiteralSize: Int64,
        maxFrameSize: Int64,
        maxNestingDepth: Int,
        valueBytesPerFrameByte: Int = 2,
        valueBytesPerFrame: Int = 256 << 10
    ) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxFrameSize = maxFrameSize
        self.maxNestingDepth = maxNestingDepth
        self.valueBytesPerFrameByte = valueBytesPerFrameByte
        self.valueBytesPerFrame = valueBytesPerFrame
    }

    /// Defaults for decoding responses (client side): lines up to 64 MiB (a SEARCH of
    /// several million UIDs), literals up to 256 MiB, frames up to 512 MiB, nesting 100;
    /// values up to 2 bytes per frame byte plus 16 MiB (a THREAD response takes 2.8 to 3.5
    /// bytes per byte, an envelope of 20,000 recipients 2.7: the allowance takes a THREAD
    /// over a million messages). Stream literals (see the decoder's streaming option) to
    /// handle larger bodies.
    public static let responses = DecodingLimits(
        maxLineLength: 64 << 20,
        maxLiteralSize: 256 << 20,
        maxFrameSize: 512 << 20,
        maxNestingDepth: 100,
        valueBytesPerFrameByte: 2,
        valueBytesPerFrame: 16 << 20
    )

    /// Defaults for decoding commands (server side) once the client has authenticated:
    /// lines up to 64 KiB, literals up to 64 MiB (an APPEND), frames up to 96 MiB,
    /// nesting 32; values up to 2 bytes per frame byte plus 256 KiB (a command's values
    /// are small, or are literals that share the frame: what takes more is an attack).
    public static let commands = DecodingLimits(
        maxLineLength: 64 << 10,
        maxLiteralSize: 64 << 20,
        maxFrameSize: 96 << 20,
        maxNestingDepth: 32,
        valueBytesPerFrameByte: 2,
        valueBytesPerFrame: 256 << 10
    )

    /// Defaults for decoding commands before the client has authenticated, when anyone
    /// can connect: lines up to 16 KiB (an AUTHENTICATE line carrying a Kerberos ticket),
    /// literals up to 4 KiB (a LOGIN name or password), frames up to 32 KiB, nesting 8;
    /// values up to 2 bytes per frame byte plus 16 KiB. A connection then costs the
    /// decoder at most about 250 KiB, so a server holds thousands before anyone has
    /// logged in. Switch to ``commands`` (the decoder's `options.limits`) when LOGIN or
    /// AUTHENTICATE succeeds. Dovecot's login process is the model: it reads a client
    /// into a 4 KiB buffer and SASL responses into 8 KiB before handing the connection
    /// to the IMAP process.
    public static let commandsBeforeAuthentication = DecodingLimits(
        maxLineLength: 16 << 10,
        maxLiteralSize: 4 << 10,
        maxFrameSize: 32 << 10,
        maxNestingDepth: 8,
        valueBytesPerFrameByte: 2,
        valueBytesPerFrame: 16 << 10
    )

}
