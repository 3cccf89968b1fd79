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
struct IMAPWriter {
    var bytes: [UInt8] = []
    var chunks: [EncodedChunk] = []
    let options: EncodingOptions
    /// The first value that broke its rule, if any: the writer goes on (so that no `write`
    /// method needs to throw, and the common path checks nothing it need not), and the
    /// encoder throws this instead of returning the bytes.
    var failure: IMAPValueError?
    /// The field of the first value written that IMAPCodec has no grammar for (an `other`
    /// case: an unknown FETCH item, response code, untagged response, extension option):
    /// the encoder then decodes what was written and refuses it unless it reads back as
    /// exactly the value. Nil, the usual case, costs nothing.
    var readBack: String?

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

    /// Records that a value breaks its rule (the first such record wins).
    mutating func refuse(_ error: IMAPValueError) {
        if failure == nil { failure = error }
    }

    /// Notes that an `other` case is being written: see ``readBack``.
    mutating func needsReadBack(_ field: String) {
        if readBack == nil { readBack = field }
    }

    /// The error for a message whose bytes do not read back as it: `decoded` is what they
    /// read as (nil when they do not decode), `problem` the decoder's complaint.
    func readBackFailure(decoded: String?, problem: String?) -> IMAPValueError {
        IMAPValueError(
            kind: .ambiguous,
            field: readBack ?? "message",
            rule: "read-back",
            message: decoded.map { "the bytes read back as a different value: \($0)" }
                ?? "the bytes do not read back as one frame: \(problem ?? "incomplete")"
        )
    }

    /// Records that `field` holds a value its rule needs to be non-empty.
    mutating func refuseEmpty(_ field: String, _ rule: String) {
        refuse(IMAPValueError(kind: .empty, field: field, rule: rule, message: "needs at least one element"))
    }

    /// Records that `field` holds a name longer than a line should carry.
    mutating func refuseTooLong(_ field: String, _ rule: String) {
        refuse(
            IMAPValueError(
                kind: .tooLong,
                field: field,
                rule: rule,
                message:
                    "longer than \(RegistryName.maximumLength) bytes: too long for one line, and the grammar has no literal here"
            )
        )
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

    // tagged-ext-label    = tagged-label-fchar *tagged-label-char
    // tagged-label-fchar  = ALPHA / "-" / "_" / "."
    // tagged-label-char   = tagged-label-fchar / DIGIT / ":"
    /// Writes the name of an extension parameter or option (RFC 4466): refused when it is not
    /// a `tagged-ext-label`.
    mutating func writeLabel(_ name: String, _ field: String) {
        let bad = name.utf8.enumerated().first { i, byte in
            let upper = ASCII.upper(byte)
            let first = (upper >= 0x41 && upper <= 0x5A) || byte == ASCII.minus || byte == 0x5F || byte == 0x2E
            return i == 0 ? !first : !(first || ASCII.isDigit(byte) || byte == 0x3A)
        }
        if name.isEmpty { return refuseEmpty(field, "tagged-ext-label") }
        if name.utf8.count > RegistryName.maximumLength { return refuseTooLong(field, "tagged-ext-label") }
        if let (offset, byte) = bad {
            return refuse(.forbidden(byte, at: offset, field: field, rule: "tagged-ext-label"))
        }
        writeBytes(name.utf8)
    }

    // atom            = 1*ATOM-CHAR
    /// Writes bytes that must form an atom: refused (see ``refuse(_:)``) when they are empty
    /// or hold a byte that is not an ATOM-CHAR.
    mutating func writeAtom(_ atom: ByteString, _ field: String, rule: String = "atom") {
        atom.withUnsafeBytes { writeAtom($0, field, rule: rule) }
    }

    /// ``writeAtom(_:_:rule:)`` for an ``Atom`` (checked all the same: a lenient decoder
    /// keeps 8-bit bytes in atoms).
    mutating func writeAtom(_ atom: Atom, _ field: String, rule: String = "atom") {
        writeAtom(atom.name.spelling, field, rule: rule)
    }

    /// ``writeAtom(_:_:rule:)`` for a string.
    mutating func writeAtom(_ atom: String, _ field: String, rule: String = "atom") {
        var atom = atom
        atom.withUTF8 { writeAtom(UnsafeRawBufferPointer($0), field, rule: rule) }
    }

    mutating func writeAtom(_ raw: UnsafeRawBufferPointer, _ field: String, rule: String) {
        if raw.isEmpty { return refuseEmpty(field, rule) }
        if raw.count > RegistryName.maximumLength { return refuseTooLong(field, rule) }
        if let bad = raw.firstIndex(where: { !CharacterClass.isAtomChar($0) }) {
            return refuse(.forbidden(raw[bad], at: bad, field: field, rule: rule))
        }
        bytes.append(contentsOf: raw)
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
    /// An atom when the bytes allow one and it is short enough to keep the line readable
    /// (a long run goes out as a string, which becomes a literal past ``quotedLimit``).
    mutating func writeAString(_ data: ByteString, _ field: String = "astring") {
        if data.count <= Self.quotedLimit && Self.isAtomSafe(data) {
            writeBytes(data)
        } else {
            writeString(data, field)
        }
    }

    // string          = quoted / literal
    // literal8        = "~{" number64 "}" CRLF *OCTET
    /// Quoted when the bytes allow it, else a literal. NUL is in no CHAR8: a string holding
    /// one is written as a literal8 only where the grammar has one (`binary`: APPEND data,
    /// BINARY fetch data) and the peer accepts them (``EncodingOptions/binary``); anywhere
    /// else it is refused.
    mutating func writeString(_ data: ByteString, _ field: String = "string", binary: Bool = false) {
        if data.count <= Self.quotedLimit && data.withUnsafeBytes(Self.isPlainQuoted) {
            // The common case, checked eight bytes at a time: quoted as it is, in one copy.
            bytes.append(ASCII.dquote)
            writeBytes(data)
            bytes.append(ASCII.dquote)
            return
        }
        if isQuotedSafe(data) {
            writeQuoted(data)
            return
        }
        if let nul = data.withUnsafeBytes(WordBytes.firstZero) {
            guard binary && options.binary else {
                return refuse(
                    IMAPValueError(
                        kind: .forbiddenByte,
                        field: field,
                        rule: binary ? "literal8" : "literal",
                        message: binary
                            ? "NUL needs a literal8, and the peer has not announced BINARY"
                            : "NUL is allowed only in a literal8, which this place does not take",
                        offset: nul
                    )
                )
            }
            return writeLiteralBytes(data, binary: true)
        }
        writeLiteralBytes(data, binary: false)
    }

    // nstring         = string / nil
    mutating func writeNString(_ data: ByteString?, _ field: String = "nstring") {
        if let data { writeString(data, field) } else { writeNil() }
    }

    /// Writes `data` where the grammar takes only a quoted string (`charset`, the NOUPDATE
    /// and CANCELUPDATE tags, CHILDINFO options): refused when the bytes cannot be quoted.
    mutating func writeQuotedOnly(_ data: ByteString, _ field: String) {
        if data.count > Self.quotedLimit { return refuseTooLong(field, "quoted") }
        if let bad = firstUnquotable(data) {
            return refuse(.forbidden(data.withUnsafeBytes { $0[bad] }, at: bad, field: field, rule: "quoted"))
        }
        writeQuoted(data)
    }

    // charset         = atom / quoted
    /// An atom when it can be, else quoted, else refused.
    mutating func writeCharset(_ charset: String, _ field: String = "charset") {
        writeCharset(ByteString(charset), field)
    }

    /// ``writeCharset(_:_:)`` for bytes.
    mutating func writeCharset(_ charset: ByteString, _ field: String = "charset") {
        if charset.count > RegistryName.maximumLength { return refuseTooLong(field, "charset") }
        if Self.isAtomSafe(charset) && !charset.withUnsafeBytes({ $0.contains(ASCII.closeBracket) }) {
            writeBytes(charset)
        } else {
            writeQuotedOnly(charset, field)
        }
    }

    /// The offset of the first byte of `data` that a quoted string cannot hold (CR, LF, NUL;
    /// 8-bit bytes unless UTF8=ACCEPT allows valid UTF-8), nil when there is none.
    func firstUnquotable(_ data: ByteString) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            if let bad = raw.firstIndex(where: { $0 == 0 || $0 == ASCII.cr || $0 == ASCII.lf }) { return bad }
            guard let high = raw.firstIndex(where: { $0 >= 0x80 }) else { return nil }
            return options.utf8Accept && UTF8Validation.isValid(raw) ? nil : high
        }
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
    /// ``EncodingOptions/literalMode`` says. A literal (not a literal8) holding NUL is refused:
    /// NUL is no CHAR8. Whether a literal8 may stand here is the caller's to know.
    mutating func writeLiteral(_ data: ByteString, _ field: String, binary: Bool = false) {
        if !binary, let nul = data.withUnsafeBytes(WordBytes.firstZero) {
            return refuse(
                IMAPValueError(
                    kind: .forbiddenByte,
                    field: field,
                    rule: "literal",
                    message: "NUL is allowed only in a literal8",
                    offset: nul
                )
            )
        }
        writeLiteralBytes(data, binary: binary)
    }

    /// ``writeLiteral(_:_:binary:)`` without the check, for bytes known to be fine.
    mutating func writeLiteralBytes(_ data: ByteString, binary: Bool) {
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
