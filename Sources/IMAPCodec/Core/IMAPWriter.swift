/// How an encoder writes literals, from the capabilities the peer announced.
public enum LiteralMode: Sendable, Hashable {
    /// `{n}` then wait for the server's continuation request (IMAP4rev1 without extensions).
    case synchronizing
    /// `{n+}` for every literal (LITERAL+, RFC 7888).
    case nonSynchronizing
    /// `{n+}` up to 4096 bytes, `{n}` beyond (LITERAL-, RFC 7888; IMAP4rev2).
    case literalMinus
    /// Server to client: `{n}` with no continuation handshake.
    case response
}

/// Options for writing IMAP.
public struct EncodingOptions: Sendable, Hashable {
    /// How literals are written.
    public var literalMode: LiteralMode
    /// UTF8=ACCEPT is enabled (RFC 6855): mailbox names are written as UTF-8, and UTF-8
    /// is allowed inside quoted strings.
    public var utf8Accept: Bool
    /// The peer accepts literal8 (`~{n}`, BINARY): strings holding NUL use it.
    public var binary: Bool

    /// Creates options.
    public init(literalMode: LiteralMode = .synchronizing, utf8Accept: Bool = false, binary: Bool = false) {
        self.literalMode = literalMode
        self.utf8Accept = utf8Accept
        self.binary = binary
    }
}

/// One piece of an encoded command or response.
public struct EncodedChunk: Sendable, Hashable {
    /// The bytes to send.
    public var bytes: [UInt8]
    /// True when the sender must wait for a continuation request (`+ ...`) from the
    /// server after sending these bytes and before sending the next chunk: they end with
    /// a synchronizing literal header.
    public var waitForContinuation: Bool

    /// Creates a chunk.
    public init(bytes: [UInt8], waitForContinuation: Bool) {
        self.bytes = bytes
        self.waitForContinuation = waitForContinuation
    }
}

/// Writes grammar rules into bytes: the mirror of ``ParserState``. Each `write` method
/// is named after the rule it produces and chooses the string form (atom, quoted,
/// literal) from the bytes, so callers never write grammar by hand.
@usableFromInline
struct IMAPWriter {
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var chunks: [EncodedChunk] = []
    @usableFromInline let options: EncodingOptions

    init(options: EncodingOptions = EncodingOptions()) {
        self.options = options
    }

    /// A writer for one whole message (a command or a response), with room for a typical
    /// one reserved at once instead of growing through 16, 32, 64... bytes.
    init(message options: EncodingOptions) {
        self.options = options
        bytes.reserveCapacity(Self.messageCapacity)
    }

    /// The bytes reserved for a message before writing it.
    static let messageCapacity = 256

    /// Finishes: all chunks, the last one not waiting.
    mutating func finish() -> [EncodedChunk] {
        if !bytes.isEmpty || chunks.isEmpty {
            chunks.append(EncodedChunk(bytes: bytes, waitForContinuation: false))
            bytes = []
        }
        let result = chunks
        chunks = []
        return result
    }

    /// All bytes, ignoring continuation points (for responses and tests).
    mutating func finishBytes() -> [UInt8] {
        if chunks.isEmpty {
            // One chunk (always so for responses): its bytes, without copying them.
            var all: [UInt8] = []
            swap(&all, &bytes)
            return all
        }
        var all: [UInt8] = []
        for chunk in finish() { all.append(contentsOf: chunk.bytes) }
        return all
    }

    @inline(__always)
    mutating func writeByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func writeBytes<C: Sequence>(_ data: C) where C.Element == UInt8 {
        bytes.append(contentsOf: data)
    }

    /// Writes ASCII text given as a static string (keywords, punctuation).
    mutating func write(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func writeSpace() { bytes.append(ASCII.space) }

    mutating func writeCRLF() {
        bytes.append(ASCII.cr)
        bytes.append(ASCII.lf)
    }

    // number / number64 / nz-number
    mutating func writeNumber<T: BinaryInteger>(_ value: T) {
        if value == 0 {
            bytes.append(ASCII.zero)
            return
        }
        var v = UInt64(clamping: value)
        // Reverse into a small stack buffer, then append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var n = 0
            while v > 0 && n < 20 {
                buffer[n] = ASCII.zero &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
                n &+= 1
            }
            while n > 0 {
                n &-= 1
                bytes.append(buffer[n])
            }
        }
    }

    /// Writes `NIL`.
    mutating func writeNil() { write("NIL") }

    /// Writes an atom's bytes as they are (the caller's type guarantees ATOM-CHARs).
    mutating func writeAtom(_ atom: ByteString) {
        writeBytes(atom)
    }

    /// Writes the bytes of `data` as they are.
    mutating func writeBytes(_ data: ByteString) {
        data.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// True when `data` can be sent as an atom in an astring position.
    static func isAtomSafe(_ data: ByteString) -> Bool {
        !data.isEmpty && data.withUnsafeBytes({ $0.allSatisfy(CharacterClass.isAStringChar) })
    }

    /// True when `data` can be sent as a quoted string: no CR, LF or NUL; 8-bit bytes
    /// only as valid UTF-8 and only where allowed; not too long to read comfortably.
    func isQuotedSafe(_ data: ByteString) -> Bool {
        guard data.count <= Self.quotedLimit else { return false }
        var high = false
        return data.withUnsafeBytes { raw in
            for byte in raw {
                if byte == 0 || byte == ASCII.cr || byte == ASCII.lf { return false }
                if byte >= 0x80 { high = true }
            }
            if high { return options.utf8Accept && UTF8Validation.isValid(raw) }
            return true
        }
    }

    /// The longest string written quoted; longer ones go as literals.
    static let quotedLimit = 1024

    /// True when every byte of `raw` is a plain QUOTED-CHAR (printable ASCII or DEL, neither
    /// DQUOTE nor backslash), so the string goes out quoted as it is: the parser's search,
    /// eight bytes at a time (``ParserState/firstQuotedSpecial(in:from:)``).
    static func isPlainQuoted(_ raw: UnsafeRawBufferPointer) -> Bool {
        ParserState.firstQuotedSpecial(in: raw, from: 0) == raw.count
    }

    // astring         = 1*ASTRING-CHAR / string
    mutating func writeAString(_ data: ByteString) {
        if Self.isAtomSafe(data) {
            writeBytes(data)
        } else {
            writeString(data)
        }
    }

    // string          = quoted / literal
    mutating func writeString(_ data: ByteString) {
        if data.count <= Self.quotedLimit && data.withUnsafeBytes(Self.isPlainQuoted) {
            // The common case, checked eight bytes at a time: quoted as it is, in one copy.
            bytes.append(ASCII.dquote)
            writeBytes(data)
            bytes.append(ASCII.dquote)
            return
        }
        if isQuotedSafe(data) {
            writeQuoted(data)
        } else {
            writeLiteral(data, binary: options.binary && data.withUnsafeBytes({ $0.contains(0) }))
        }
    }

    // nstring         = string / nil
    mutating func writeNString(_ data: ByteString?) {
        if let data { writeString(data) } else { writeNil() }
    }

    // quoted          = DQUOTE *QUOTED-CHAR DQUOTE
    /// The bytes go out in runs (one copy each) between the bytes that need a backslash,
    /// not one append per byte.
    mutating func writeQuoted(_ data: ByteString) {
        bytes.append(ASCII.dquote)
        data.withUnsafeBytes { raw in
            var run = 0
            for i in raw.indices where raw[i] == ASCII.dquote || raw[i] == ASCII.backslash {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[run..<i]))
                bytes.append(ASCII.backslash)
                run = i  // the byte itself starts the next run
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[run...]))
        }
        bytes.append(ASCII.dquote)
    }

    // literal         = "{" number64 ["+"] "}" CRLF *CHAR8
    // literal8        = "~{" number64 "}" CRLF *OCTET
    /// Writes a literal (`binary`: a literal8), synchronizing or not as
    /// ``EncodingOptions/literalMode`` says.
    mutating func writeLiteral(_ data: ByteString, binary: Bool = false) {
        if binary { bytes.append(ASCII.tilde) }
        bytes.append(ASCII.openBrace)
        writeNumber(data.count)
        let synchronizing: Bool
        switch options.literalMode {
        case .synchronizing: synchronizing = true
        case .nonSynchronizing: synchronizing = false
        case .literalMinus: synchronizing = data.count > 4096
        case .response: synchronizing = false
        }
        if !synchronizing && options.literalMode != .response { bytes.append(ASCII.plus) }
        bytes.append(ASCII.closeBrace)
        writeCRLF()
        if synchronizing {
            chunks.append(EncodedChunk(bytes: bytes, waitForContinuation: true))
            bytes = []
        }
        writeBytes(data)
    }
}
