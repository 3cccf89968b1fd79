/// How a parser reads the grammar.
struct ParseOptions: Sendable, Hashable {
    /// Accept the deviations real servers and clients commit (extra or missing spaces,
    /// NIL where a string belongs, unescaped quotes, 8-bit atoms, bare LF ...) and decode
    /// them to the value the peer meant. On by default; turn off to enforce the ABNF.
    var lenient: Bool
    /// UTF8=ACCEPT (RFC 6855) is enabled: mailbox names travel as UTF-8 rather than
    /// modified UTF-7.
    var utf8Accept: Bool
    /// The deepest nesting of parenthesized lists accepted.
    var maxNestingDepth: Int
    /// Bytes of decoded values allowed per byte of the frame (``DecodingLimits/valueBytesPerFrameByte``).
    var valueBytesPerFrameByte: Int
    /// Bytes of decoded values allowed to any frame (``DecodingLimits/valueBytesPerFrame``).
    var valueBytesPerFrame: Int

    /// Creates options.
    init(
        lenient: Bool = true,
        utf8Accept: Bool = false,
        maxNestingDepth: Int = 100,
        valueBytesPerFrameByte: Int = 2,
        valueBytesPerFrame: Int = 16 << 20
    ) {
        self.lenient = lenient
        self.utf8Accept = utf8Accept
        self.maxNestingDepth = maxNestingDepth
        self.valueBytesPerFrameByte = valueBytesPerFrameByte
        self.valueBytesPerFrame = valueBytesPerFrame
    }

    /// Options reading with `limits` (nesting and value sizes).
    init(lenient: Bool, utf8Accept: Bool, limits: DecodingLimits) {
        self.init(
            lenient: lenient,
            utf8Accept: utf8Accept,
            maxNestingDepth: limits.maxNestingDepth,
            valueBytesPerFrameByte: limits.valueBytesPerFrameByte,
            valueBytesPerFrame: limits.valueBytesPerFrame
        )
    }

    /// The bytes of values a frame of `frameSize` bytes may decode into (never overflows).
    func valueBudget(frameSize: Int) -> Int {
        let (scaled, overflow) = frameSize.multipliedReportingOverflow(by: Swift.max(valueBytesPerFrameByte, 0))
        if overflow { return .max }
        let (total, sumOverflow) = scaled.addingReportingOverflow(valueBytesPerFrame)
        return sumOverflow ? (valueBytesPerFrame > 0 ? .max : scaled) : total
    }
}

/// A cursor over one complete frame. The grammar rules are methods on it, one per ABNF
/// rule, each named after its rule; they throw ``IMAPDecodingError`` and never trap.
///
/// The frame is complete (the frame scanner delivered it), so no rule needs a
/// "need more data" case: running out of bytes is a syntax error.
struct ParserState {
    /// The frame, CRLF and literal contents included.
    let bytes: [UInt8]
    /// The next byte to read.
    var index: Int
    /// Current nesting depth of parenthesized lists.
    var depth: Int = 0
    let options: ParseOptions
    /// The frame's envelope address lists, in shared chunks (``SharedList``).
    var addressLists = SharedListBuilder<Address>(initialCapacity: 8)
    /// The frame's body parameter lists, in shared chunks.
    var parameterLists = SharedListBuilder<BodyStructure.Parameter>(initialCapacity: 8)
    /// Bytes the frame's values may still take (``DecodingLimits/valueBytesPerFrameByte``):
    /// every list a rule builds charges its elements as it grows (``add(_:to:_:)``).
    var valueBudget: Int

    init(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) {
        self.bytes = bytes
        self.index = 0
        self.options = options
        self.valueBudget = options.valueBudget(frameSize: bytes.count)
    }

    var lenient: Bool { options.lenient }

    var isAtEnd: Bool { index >= bytes.count }

    /// The byte at the cursor, or nil at the end.
    @inline(__always)
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The byte `offset` bytes past the cursor, or nil past the end.
    @inline(__always)
    func peek(_ offset: Int) -> UInt8? {
        let i = index &+ offset
        return i >= 0 && i < bytes.count ? bytes[i] : nil
    }

    /// An error for `rule` at the cursor (or at `offset`).
    func error(
        _ rule: String,
        _ message: String,
        kind: IMAPDecodingError.Kind = .syntax,
        at offset: Int? = nil
    ) -> IMAPDecodingError {
        let at = offset ?? index
        return IMAPDecodingError(
            kind: kind,
            rule: rule,
            offset: at,
            message: message,
            excerpt: IMAPDecodingError.excerpt(of: bytes, at: at)
        )
    }

    /// What was found at the cursor, for error messages.
    func found() -> String {
        guard let byte = peek() else { return "end of input" }
        return "\"" + ASCII.escaped([byte]) + "\""
    }

    /// The atom at the cursor (up to 40 bytes) for error messages, or ``found()``.
    func foundWord() -> String {
        let end = scan { CharacterClass.isAtomChar($0) }
        guard end > index else { return found() }
        return "\"" + ASCII.escaped(bytes[index..<min(end, index + 40)]) + "\""
    }

    /// Consumes `byte` if it is next.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        if index < bytes.count && bytes[index] == byte {
            index &+= 1
            return true
        }
        return false
    }

    /// Consumes `byte` or fails naming `rule`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ rule: String) throws(IMAPDecodingError) {
        if index < bytes.count && bytes[index] == byte {
            index &+= 1
            return
        }
        throw expectationFailure(byte, rule)
    }

    @inline(never)
    func expectationFailure(_ byte: UInt8, _ rule: String) -> IMAPDecodingError {
        error(rule, "expected \"\(ASCII.escaped([byte]))\", found \(found())")
    }

    /// `SP`. Lenient: one or more spaces.
    @inline(__always)
    mutating func sp(_ rule: String = "SP") throws(IMAPDecodingError) {
        let i = index
        if i < bytes.count && bytes[i] == ASCII.space {
            index = i &+ 1
            // A second space is rare: only then take the lenient path.
            if index < bytes.count && bytes[index] == ASCII.space && lenient { while skip(ASCII.space) {} }
            return
        }
        throw expectationFailure(ASCII.space, rule)
    }

    /// Lenient only: skips any spaces at the cursor. Strict: does nothing.
    mutating func skipExtraSpaces() {
        if lenient { while skip(ASCII.space) {} }
    }

    /// `CRLF`. Lenient: trailing spaces before it, and a bare LF.
    mutating func crlf() throws(IMAPDecodingError) {
        if lenient {
            while skip(ASCII.space) {}
            _ = skip(ASCII.cr)
            if skip(ASCII.lf) { return }
            throw error("CRLF", "expected end of line, found \(found())")
        }
        if skip(ASCII.cr) && skip(ASCII.lf) { return }
        throw error("CRLF", "expected CRLF, found \(found())")
    }

    /// True at CR or LF, or at the end.
    var atLineEnd: Bool {
        guard let byte = peek() else { return true }
        return byte == ASCII.cr || byte == ASCII.lf
    }

    /// Consumes `keyword` (given in upper case ASCII) if it is next, ignoring case, and
    /// not followed by another atom character.
    ///
    /// Grammar rules try several keywords in a row at one place, so a mismatch must be
    /// cheap: the byte after the keyword's length is checked first (a longer or shorter
    /// word at the cursor is rejected without comparing letters), then the letters.
    @inline(__always)
    mutating func skipKeyword(_ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        let end = index &+ count
        guard end <= bytes.count else { return false }
        if end < bytes.count && CharacterClass.isAtomChar(bytes[end]) { return false }
        guard matchesUppercase(keyword.utf8Start, count) else { return false }
        index = end
        return true
    }

    /// Consumes `keyword` (upper case ASCII) if it is next, ignoring case, whatever follows.
    @inline(__always)
    mutating func skipPrefix(_ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard index &+ count <= bytes.count, matchesUppercase(keyword.utf8Start, count) else { return false }
        index &+= count
        return true
    }

    /// True when the `count` bytes at the cursor (the caller checked they exist) equal
    /// the upper case ASCII at `base`, ignoring case.
    func matchesUppercase(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            guard let frame = p.baseAddress else { return count == 0 }
            let at = frame + index
            var k = 0
            while k < count {
                if ASCII.upper(at[k]) != base[k] { return false }
                k &+= 1
            }
            return true
        }
    }

    /// Consumes `keyword` or fails naming `rule`.
    mutating func expectKeyword(_ keyword: StaticString, _ rule: String) throws(IMAPDecodingError) {
        if !skipKeyword(keyword) {
            throw error(rule, "expected \(keyword), found \(found())")
        }
    }

    /// Enters a parenthesized list, enforcing the nesting limit.
    mutating func enterNesting(_ rule: String) throws(IMAPDecodingError) {
        depth += 1
        if depth > options.maxNestingDepth {
            throw error(rule, "nesting deeper than \(options.maxNestingDepth)", kind: .nestingTooDeep)
        }
    }

    /// Leaves a parenthesized list.
    mutating func leaveNesting() {
        depth -= 1
    }

    /// The end of the run of bytes from the cursor for which `predicate` holds.
    func scan(while predicate: (UInt8) -> Bool) -> Int {
        var i = index
        while i < bytes.count && predicate(bytes[i]) { i &+= 1 }
        return i
    }

    /// A slice of the frame as a byte string (no copy).
    func slice(_ start: Int, _ end: Int) -> ByteString {
        ByteString(bytes, start..<end)
    }
}

/// Byte classes of the IMAP grammar, as 128-bit masks (no tables, no allocation).
enum CharacterClass {
    // ATOM-CHAR = <any CHAR except atom-specials>
    // atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
    static let atomLow: UInt64 = 0xffff_f8da_0000_0000
    static let atomHigh: UInt64 = 0x77ff_ffff_cfff_ffff

    @inline(__always)
    static func isAtomChar(_ byte: UInt8) -> Bool {
        if byte < 64 { return atomLow & (1 &<< UInt64(byte)) != 0 }
        if byte < 128 { return atomHigh & (1 &<< UInt64(byte &- 64)) != 0 }
        return false
    }

    /// `ASTRING-CHAR = ATOM-CHAR / resp-specials`
    @inline(__always)
    static func isAStringChar(_ byte: UInt8) -> Bool {
        isAtomChar(byte) || byte == ASCII.closeBracket
    }

    /// `tag = 1*<any ASTRING-CHAR except "+">`
    @inline(__always)
    static func isTagChar(_ byte: UInt8) -> Bool {
        byte != ASCII.plus && isAStringChar(byte)
    }

    /// `list-char = ATOM-CHAR / list-wildcards / resp-specials`
    @inline(__always)
    static func isListChar(_ byte: UInt8) -> Bool {
        isAStringChar(byte) || byte == ASCII.percent || byte == ASCII.star
    }
}

extension ParserState {
    /// Appends `element`, just parsed, to `list`, a list a rule is building, and charges it
    /// (its stride, and an allocation's overhead for the list's first element) to the
    /// frame's ``valueBudget``: a frame cannot decode into values many times its size,
    /// whatever its lists hold. The spare capacity of a list that grew is not charged: a
    /// large list's spare pages are not touched, so they cost address space, not memory.
    @inline(__always)
    mutating func add<Element>(_ element: Element, to list: inout [Element], _ rule: String) throws(IMAPDecodingError) {
        if list.isEmpty {
            // A list's first element pays for its allocation and any storage reserved for it.
            try charge(Element.self, count: Swift.max(list.capacity, 1), first: true, rule)
        } else {
            try charge(MemoryLayout<Element>.stride, rule)
        }
        list.append(element)
    }

    /// ``add(_:to:_:)`` sizing a new list's storage as ``Swift/Array/appendParsed(_:expected:last:)`` does.
    @inline(__always)
    mutating func add<Element>(
        _ element: Element,
        to list: inout [Element],
        expected: Int,
        last: Bool,
        _ rule: String
    ) throws(IMAPDecodingError) {
        if list.isEmpty {
            let reserved = list.capacity == 0 ? (last ? 1 : expected) : list.capacity
            try charge(Element.self, count: Swift.max(reserved, 1), first: true, rule)
        } else {
            try charge(MemoryLayout<Element>.stride, rule)
        }
        list.appendParsed(element, expected: expected, last: last)
    }

    /// ``add(_:to:_:)`` for the elements of a list parsed on its own (a nested group).
    @inline(__always)
    mutating func add<Element>(
        contentsOf elements: [Element],
        to list: inout [Element],
        _ rule: String
    ) throws(IMAPDecodingError) {
        try charge(Element.self, count: elements.count, first: list.isEmpty, rule)
        list.append(contentsOf: elements)
    }

    /// Charges `count` elements of a list, and an allocation when they are its `first`.
    @inline(__always)
    mutating func charge<Element>(_: Element.Type, count: Int, first: Bool, _ rule: String) throws(IMAPDecodingError) {
        try charge(MemoryLayout<Element>.stride &* count &+ (first ? Self.allocationOverhead : 0), rule)
    }

    /// Charges the box of an `indirect` case holding a `Payload` (the list that holds the
    /// case charges only its stride).
    @inline(__always)
    mutating func chargeBox<Payload>(_: Payload.Type, _ rule: String) throws(IMAPDecodingError) {
        try charge(MemoryLayout<Payload>.stride &+ Self.allocationOverhead, rule)
    }

    /// Charges `bytes` of decoded values to the frame's ``valueBudget``.
    @inline(__always)
    mutating func charge(_ bytes: Int, _ rule: String) throws(IMAPDecodingError) {
        valueBudget &-= bytes
        if valueBudget < 0 { throw valuesTooLarge(rule) }
    }

    /// Charges the storage of a `String` or array of `count` bytes made from the frame
    /// (nothing for a small string, which is inline).
    @inline(__always)
    mutating func chargeString(_ count: Int, _ rule: String) throws(IMAPDecodingError) {
        if count > 15 { try charge(Self.allocationOverhead &+ count, rule) }
    }

    /// What an allocation costs beyond its contents: an array's or a box's header and the
    /// allocator's rounding.
    static let allocationOverhead = 48

    @inline(never)
    func valuesTooLarge(_ rule: String) -> IMAPDecodingError {
        let limit = options.valueBudget(frameSize: bytes.count)
        return error(
            rule,
            "the values of this \(bytes.count)-byte frame would take more than \(options.valueBytesPerFrameByte) × "
                + "\(bytes.count) + \(options.valueBytesPerFrame) = \(limit) bytes "
                + "(DecodingLimits.valueBytesPerFrameByte, .valueBytesPerFrame)",
            kind: .valuesTooLarge
        )
    }
}

extension Array {
    /// Appends an element parsed from a list. The first append sizes the storage: for
    /// one element when `last` says the list ends with it, else for `expected`, so a list
    /// of typical length costs one allocation instead of one per doubling, and a
    /// one-element list (the common `from` address, a single parameter) holds no spare room.
    @inline(__always)
    mutating func appendParsed(_ element: Element, expected: Int, last: Bool) {
        if capacity == 0 { reserveCapacity(last ? 1 : expected) }
        append(element)
    }
}
