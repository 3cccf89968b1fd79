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

/// Memory of a writer's own, for when the memory it was lent runs out (or it was lent none):
/// one allocation, the bytes after the object's header. Its elements stay where they are
/// while it lives, which is what lets the writer keep a pointer to them next to it.
typealias WriterStorage = ManagedBuffer<Void, UInt8>

extension ManagedBuffer where Header == Void, Element == UInt8 {
    /// New storage for at least `capacity` bytes.
    static func writerStorage(capacity: Int) -> WriterStorage {
        WriterStorage.create(minimumCapacity: capacity) { _ in }
    }

    /// The start of the bytes.
    var base: UnsafeMutableRawPointer { withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) } }
}

/// Writes grammar rules into bytes: the mirror of ``ParserState``. Each `write` method
/// is named after the rule it produces and chooses the string form (atom, quoted,
/// literal) from the bytes, so callers never write grammar by hand.
///
/// The bytes go to `base[0..<count]`, and `base[count..<capacity]` is free: a write checks
/// the free space and copies, with no array bookkeeping per byte. The memory is either lent
/// by the caller for the writer's lifetime (``init(lent:options:)``: an encoder's stack
/// scratch or the free capacity of its caller's array) or the writer's own
/// (``WriterStorage``), which it moves to when the lent memory runs out. Copies of a writer
/// share the memory: write through one only.
struct IMAPWriter {
    /// The start of the memory written into.
    private(set) var base: UnsafeMutableRawPointer
    /// The bytes written (of the current chunk).
    private(set) var count = 0
    /// The bytes `base` has room for.
    private(set) var capacity: Int
    /// The memory `base` points into when it is the writer's own; nil while it is lent.
    private var storage: WriterStorage?
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
        let storage = WriterStorage.writerStorage(capacity: Self.ownCapacity)
        self.storage = storage
        self.base = storage.base
        self.capacity = storage.capacity
    }

    /// A writer over `memory`, which must stay valid (and untouched by anyone else) while the
    /// writer or a copy of it is used. Empty memory is fine: the writer then allocates.
    init(lent memory: UnsafeMutableRawBufferPointer, options: EncodingOptions) {
        self.options = options
        if let start = memory.baseAddress, !memory.isEmpty {
            self.base = start
            self.capacity = memory.count
        } else {
            let storage = WriterStorage.writerStorage(capacity: Self.ownCapacity)
            self.storage = storage
            self.base = storage.base
            self.capacity = storage.capacity
        }
    }

    /// The first size of the writer's own memory.
    static let ownCapacity = 256

    /// The stack scratch an encoder lends a writer for one message: at most 1024 bytes, so
    /// that `withUnsafeTemporaryAllocation` always takes it from the stack.
    static let scratchCapacity = 1024

    /// True while the writer writes into the memory it was lent (it has not outgrown it).
    var isInLentMemory: Bool { storage == nil }

    /// The bytes written so far (of the current chunk), valid until the next write.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The bytes written so far (of the current chunk), as an array; setting it replaces them.
    var bytes: [UInt8] {
        get { Array(written) }
        set {
            count = 0
            newValue.withUnsafeBytes { writeRawBytes($0) }
        }
    }

    /// Makes room for `n` more bytes, in memory of the writer's own when the current memory
    /// is too small.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if capacity &- count < n { grow(n) }
    }

    @inline(never)
    mutating func grow(_ n: Int) {
        let needed = count + n
        let newCapacity = Swift.max(needed, capacity < Int.max / 2 ? capacity * 2 : needed, Self.ownCapacity)
        let new = WriterStorage.writerStorage(capacity: newCapacity)
        new.base.copyMemory(from: base, byteCount: count)
        storage = new
        base = new.base
        capacity = new.capacity
    }

    /// Takes the bytes written as one array, leaving the writer empty.
    mutating func takeBytes() -> [UInt8] {
        let result = Array(written)
        count = 0
        return result
    }

    /// Finishes: all chunks, the last one not waiting.
    mutating func finish() -> [EncodedChunk] {
        if count > 0 || chunks.isEmpty {
            chunks.append(EncodedChunk(bytes: takeBytes(), waitForContinuation: false))
        }
        let result = chunks
        chunks = []
        return result
    }

    /// All bytes, ignoring continuation points (for responses and tests).
    mutating func finishBytes() -> [UInt8] {
        if chunks.isEmpty { return takeBytes() }  // one chunk (always so for responses)
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
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    /// Writes two bytes (`byte0` first).
    @inline(__always)
    mutating func writeBytes(_ byte0: UInt8, _ byte1: UInt8) {
        reserve(2)
        base.storeBytes(of: UInt16(byte0) | UInt16(byte1) << 8, toByteOffset: count, as: UInt16.self)
        count &+= 2
    }

    /// Writes the bytes of `raw` as they are, in one copy.
    @inline(__always)
    mutating func writeRawBytes(_ raw: UnsafeRawBufferPointer) {
        guard let start = raw.baseAddress else { return }
        let n = raw.count
        reserve(n)
        Self.copy(from: start, to: base + count, n)
        count &+= n
    }

    /// Copies `n` bytes: up to 16 inline with two (overlapping) loads and stores of a word
    /// or half a word, longer runs through `memcpy`. Most writes are a few bytes (keywords,
    /// numbers, short strings), where the call to `memcpy` cost more than the copy.
    @inline(__always)
    static func copy(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, _ n: Int) {
        if n >= 8 {
            if n > 16 { return target.copyMemory(from: source, byteCount: n) }
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: n &- 4, as: UInt32.self)
        } else if n > 0 {
            // 1 to 3 bytes: the first, the middle one (the first again for n = 1) and the last.
            target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
            target.storeBytes(
                of: source.load(fromByteOffset: n >> 1, as: UInt8.self),
                toByteOffset: n >> 1,
                as: UInt8.self
            )
            target.storeBytes(
                of: source.load(fromByteOffset: n &- 1, as: UInt8.self),
                toByteOffset: n &- 1,
                as: UInt8.self
            )
        }
    }

    mutating func writeBytes<C: Sequence>(_ data: C) where C.Element == UInt8 {
        for byte in data { writeByte(byte) }
    }

    /// ``writeBytes(_:)`` for a string's UTF-8, in one copy.
    mutating func writeBytes(_ data: String.UTF8View) {
        if data.withContiguousStorageIfAvailable({ writeRawBytes(UnsafeRawBufferPointer($0)) }) == nil {
            for byte in data { writeByte(byte) }
        }
    }

    /// Writes ASCII text given as a static string (keywords, punctuation).
    @inline(__always)
    mutating func write(_ text: StaticString) {
        writeRawBytes(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func writeSpace() { writeByte(ASCII.space) }

    @inline(__always)
    mutating func writeCRLF() { writeBytes(ASCII.cr, ASCII.lf) }

    // number / number64 / nz-number
    /// Refused when negative: no rule of the grammar has a sign (a negative count was
    /// written as 0).
    mutating func writeNumber<T: BinaryInteger>(_ value: T) {
        if T.isSigned && value < 0 {
            return refuse(
                IMAPValueError(kind: .malformed, field: "number", rule: "number", message: "\(value) is negative")
            )
        }
        writeDigits(UInt64(clamping: value))
    }

    // nz-number       = digit-nz *DIGIT
    /// Refused when zero or negative (a zero was written as 1).
    mutating func writeNZNumber<T: BinaryInteger>(_ value: T, _ field: String) {
        if value <= 0 {
            return refuse(
                IMAPValueError(kind: .malformed, field: field, rule: "nz-number", message: "\(value) is not positive")
            )
        }
        writeDigits(UInt64(clamping: value))
    }

    // number          = 1*DIGIT
    //                     ; Unsigned 32-bit integer (0 <= n < 4,294,967,296)
    /// A `number` the model holds in 64 bits: refused when negative or above 2^32-1.
    mutating func writeNumber32(_ value: Int64, _ field: String) {
        if value < 0 || value > Int64(UInt32.max) {
            return refuse(
                IMAPValueError(
                    kind: .malformed,
                    field: field,
                    rule: "number",
                    message: "\(value) is not an unsigned 32-bit number"
                )
            )
        }
        writeDigits(UInt64(value))
    }

    // number64        = 1*DIGIT
    //                     ; Unsigned 63-bit integer (0 <= n <= 9,223,372,036,854,775,807)
    /// A `number64` the model holds unsigned: refused above 2^63-1.
    mutating func writeNumber64(_ value: UInt64, _ field: String) {
        if value > UInt64(Int64.max) {
            return refuse(
                IMAPValueError(
                    kind: .malformed,
                    field: field,
                    rule: "number64",
                    message: "\(value) is above 9223372036854775807"
                )
            )
        }
        writeDigits(value)
    }

    // mod-sequence-value  = 1*DIGIT
    //                        ;; Positive unsigned 63-bit integer (mod-sequence)
    //                        ;; (1 <= n <= 9,223,372,036,854,775,807).
    /// Refused when 0 or above 2^63-1 (RFC 7162). `rule` names the place's rule where it
    /// has one of its own (`permsg-modsequence`).
    mutating func writeModSequenceValue(_ value: UInt64, _ field: String, rule: String = "mod-sequence-value") {
        if value == 0 || value > UInt64(Int64.max) {
            return refuse(
                IMAPValueError(
                    kind: .malformed,
                    field: field,
                    rule: rule,
                    message: "\(value) is not a mod-sequence from 1 to 9223372036854775807"
                )
            )
        }
        writeDigits(value)
    }

    // mod-sequence-valzer = "0" / mod-sequence-value
    /// Refused when above 2^63-1 (RFC 7162).
    mutating func writeModSequenceValzer(_ value: UInt64, _ field: String) {
        if value > UInt64(Int64.max) {
            return refuse(
                IMAPValueError(
                    kind: .malformed,
                    field: field,
                    rule: "mod-sequence-valzer",
                    message: "\(value) is not a mod-sequence from 0 to 9223372036854775807"
                )
            )
        }
        writeDigits(value)
    }

    /// The decimal digits of `value`, written backwards from their last place.
    mutating func writeDigits(_ value: UInt64) {
        if value < 10 {
            writeByte(ASCII.zero &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        reserve(digits)
        var v = value
        var i = count &+ digits
        repeat {
            i &-= 1
            base.storeBytes(of: ASCII.zero &+ UInt8(truncatingIfNeeded: v % 10), toByteOffset: i, as: UInt8.self)
            v /= 10
        } while v > 0
        count &+= digits
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
        writeRawBytes(raw)
    }

    /// Writes the bytes of `data` as they are.
    @inline(__always)
    mutating func writeBytes(_ data: ByteString) {
        data.withUnsafeBytes { writeRawBytes($0) }
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
    /// Quoted when the bytes allow it, else a literal. NUL is in no CHAR8: a string holding
    /// one is refused (the few places with a literal8, APPEND data, BINARY data and METADATA
    /// values, write it through ``writeLiteral(_:_:binary:)``).
    mutating func writeString(_ data: ByteString, _ field: String = "string") {
        if data.count <= Self.quotedLimit && data.withUnsafeBytes(Self.isPlainQuoted) {
            // The common case, checked eight bytes at a time: quoted as it is, in one copy.
            data.withUnsafeBytes { raw in
                let n = raw.count
                reserve(n + 2)
                base.storeBytes(of: ASCII.dquote, toByteOffset: count, as: UInt8.self)
                if let start = raw.baseAddress { Self.copy(from: start, to: base + (count &+ 1), n) }
                base.storeBytes(of: ASCII.dquote, toByteOffset: count &+ 1 &+ n, as: UInt8.self)
                count &+= n &+ 2
            }
            return
        }
        if isQuotedSafe(data) {
            writeQuoted(data)
            return
        }
        writeLiteral(data, field)  // refused when it holds NUL
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
        writeByte(ASCII.dquote)
        data.withUnsafeBytes { raw in
            var run = 0
            for i in raw.indices where raw[i] == ASCII.dquote || raw[i] == ASCII.backslash {
                writeRawBytes(UnsafeRawBufferPointer(rebasing: raw[run..<i]))
                writeByte(ASCII.backslash)
                run = i  // the byte itself starts the next run
            }
            writeRawBytes(UnsafeRawBufferPointer(rebasing: raw[run...]))
        }
        writeByte(ASCII.dquote)
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
        if binary { writeByte(ASCII.tilde) }
        writeByte(ASCII.openBrace)
        writeNumber(data.count)
        let synchronizing: Bool
        switch options.literalMode {
        case .synchronizing: synchronizing = true
        case .nonSynchronizing: synchronizing = false
        case .literalMinus: synchronizing = data.count > 4096
        case .response: synchronizing = false
        }
        if !synchronizing && options.literalMode != .response { writeByte(ASCII.plus) }
        writeByte(ASCII.closeBrace)
        writeCRLF()
        if synchronizing {
            chunks.append(EncodedChunk(bytes: takeBytes(), waitForContinuation: true))
        }
        writeBytes(data)
    }
}
