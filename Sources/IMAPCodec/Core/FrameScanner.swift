/// The announcement of a literal at the end of a line: `{n}`, `{n+}`, `~{n}` or `~{n+}`.
public struct LiteralHeader: Sendable, Hashable {
    /// The number of bytes that follow the header's CRLF.
    public var count: Int64
    /// True for `{n+}` (RFC 7888): the sender does not wait for a continuation request.
    public var nonSynchronizing: Bool
    /// True for `~{n}` (literal8, RFC 3516): the bytes may include NUL.
    public var binary: Bool

    /// Creates a literal header.
    public init(count: Int64, nonSynchronizing: Bool, binary: Bool) {
        self.count = count
        self.nonSynchronizing = nonSynchronizing
        self.binary = binary
    }
}

/// Splits a byte stream into IMAP frames: a frame is a line ending in CRLF, where a line
/// that ends in a literal header is followed by exactly that many bytes and then continues.
///
/// The scanner keeps its place between calls: each byte is examined once however the
/// stream is split, and literal bytes are skipped by count, not examined. It never
/// allocates in advance from an announced count.
///
/// The scanner works on the unread bytes of an ``IMAPBuffer`` and reports ``Event``s;
/// ``FrameReader`` acts on them (hands out a frame, a literal announcement, drops bytes).
@usableFromInline
struct FrameScanner: Sendable {
    /// What the scanner found in the bytes it was given.
    enum Event: Sendable, Hashable {
        /// A complete frame: the first `length` unread bytes.
        case frame(length: Int)
        /// A literal header ended a line; its bytes come next. For a synchronizing literal
        /// sent by a client, the server must now answer with a continuation request (or
        /// refuse the literal) before the client sends the bytes. Nothing is consumed.
        case literal(LiteralHeader)
        /// A limit was exceeded or a literal header was malformed. The frame is rejected:
        /// the scanner now discards it, reporting the discarded bytes as ``skip(length:)``.
        indirect case error(IMAPDecodingError)
        /// The first `length` unread bytes belong to a rejected frame: drop them.
        case skip(length: Int)
        /// The first `length` unread bytes are the next bytes of a streamed literal
        /// (see ``FrameScanner/startStreaming()``): hand them out and drop them.
        case streamed(length: Int)
    }

    /// The limits enforced.
    var limits: DecodingLimits {
        didSet {
            freshQuietLineEnd = Self.quietLineEnd(lineStart: 0, dropped: 0, limits: limits)
            refreshQuietLineEnd()
        }
    }
    /// True when the bytes come from a client: a synchronizing literal that is refused
    /// is never sent, so the frame ends at the literal header's line.
    var clientToServer: Bool

    /// Bytes of the current frame already examined, counted from the first unread byte.
    @usableFromInline var scanned: Int = 0
    /// Offset (from the first unread byte) of the start of the current line.
    var lineStart: Int = 0
    /// Bytes of the current literal still to come.
    @usableFromInline var literalRemaining: Int64 = 0
    /// Bytes of the current frame already dropped (while discarding).
    var dropped: Int = 0
    /// True while the current frame is being discarded after an error.
    @usableFromInline var discarding = false

    /// Literals of at least this many bytes may be streamed instead of buffered: the
    /// scanner does not apply ``DecodingLimits/maxLiteralSize`` and the frame size limit to
    /// them when it announces them; the decoder then calls ``startStreaming()`` or
    /// ``checkBufferedLiteral(_:)``. Nil: no streaming.
    var streamingThreshold: Int64? = nil

    /// True while the bytes of the current literal are handed out as they arrive.
    @usableFromInline var streaming = false

    /// Total bytes the scanner has looked at (for verifying linear cost).
    var bytesExamined: Int { examined }
    @usableFromInline var examined: Int = 0

    /// The largest value of ``scanned`` that the fast paths may bring the current line to:
    /// -1 unless the scanner is in a plain line (not in a literal, not streaming or dropping
    /// a frame), else where the line or the frame would break its limit, whichever comes
    /// first. One comparison then answers everything but the LF search. Derived from the
    /// other fields by ``refreshQuietLineEnd()``, which every method that changes them
    /// calls (the fast paths change only ``scanned``, and ``literalRemaining`` within a
    /// literal); debug builds check it on every fast path.
    @usableFromInline var quietLineEnd: Int = -1

    /// Creates a scanner.
    init(limits: DecodingLimits, clientToServer: Bool) {
        self.limits = limits
        self.clientToServer = clientToServer
        freshQuietLineEnd = Self.quietLineEnd(lineStart: 0, dropped: 0, limits: limits)
        refreshQuietLineEnd()
    }

    /// ``quietLineEnd`` at the start of a frame, which depends only on the limits.
    var freshQuietLineEnd: Int = -1

    /// Recomputes ``quietLineEnd``.
    mutating func refreshQuietLineEnd() {
        quietLineEnd = computedQuietLineEnd()
    }

    /// What ``quietLineEnd`` must be in the current state.
    @usableFromInline
    func computedQuietLineEnd() -> Int {
        guard literalRemaining == 0, !streaming, !discarding, !endsAfterFlush else { return -1 }
        return Self.quietLineEnd(lineStart: lineStart, dropped: dropped, limits: limits)
    }

    /// Where a line that starts at `lineStart`, in a frame of which `dropped` bytes are gone,
    /// breaks the line or the frame limit, whichever comes first.
    static func quietLineEnd(lineStart: Int, dropped: Int, limits: DecodingLimits) -> Int {
        let (lineEnd, lineOverflow) = lineStart.addingReportingOverflow(limits.maxLineLength)
        // Any limits the caller sets, however large or negative, without overflowing.
        let (frameEnd, frameOverflow) = limits.maxFrameSize.subtractingReportingOverflow(Int64(dropped))
        let lineLimit = lineOverflow ? (limits.maxLineLength > 0 ? Int.max : -1) : lineEnd
        return Swift.min(lineLimit, frameOverflow ? -1 : Int(clamping: Swift.max(frameEnd, -1)))
    }

    /// True when the scanner is in the middle of a frame.
    var isInsideFrame: Bool { scanned > 0 || dropped > 0 }

    /// Bytes of the current frame already dropped from the buffer.
    var droppedSoFar: Int { dropped }

    /// Bytes of the current frame seen so far (for error offsets).
    var frameProgress: Int { dropped + scanned }

    /// Examines `bytes` (all unread bytes, the same first byte as on the previous call
    /// unless the decoder consumed some) and returns the next event, or nil when every
    /// byte has been examined and more are needed.
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>) -> Event? {
        if endsAfterFlush { return endDiscard() }
        while true {
            if streaming {
                // Streamed literal bytes are handed out at once; `scanned` stays 0.
                let available = bytes.count
                if available == 0 { return nil }
                let take = Int(min(Int64(available), literalRemaining))
                literalRemaining -= Int64(take)
                examined += take
                if literalRemaining == 0 {
                    streaming = false
                    refreshQuietLineEnd()
                }
                return .streamed(length: take)
            }
            if literalRemaining > 0 {
                let available = bytes.count - scanned
                if available <= 0 { return flushDiscarded() }
                let take = Int(min(Int64(available), literalRemaining))
                scanned += take
                literalRemaining -= Int64(take)
                examined += take
                if literalRemaining > 0 { return flushDiscarded() }
                lineStart = scanned
                refreshQuietLineEnd()
                continue
            }
            guard let lf = Self.firstLineFeed(bytes, from: scanned) else {
                examined += bytes.count - scanned
                scanned = bytes.count
                if !discarding {
                    if let error = checkLineAndFrame(lineEnd: scanned, complete: false, header: nil) { return error }
                }
                return flushDiscarded()
            }
            examined += lf + 1 - scanned
            scanned = lf + 1
            let header: LiteralHeader?
            do {
                header = try Self.literalHeader(bytes, lineStart: lineStart, lf: lf)
            } catch {
                if discarding { return endDiscard() }
                // An unusable count: the peer's framing cannot be trusted past this line.
                var located = error
                located.offset += dropped
                return reject(located, lineComplete: true, header: nil)
            }
            if discarding {
                // Literals still announced in a discarded frame: their bytes follow
                // unless the peer waits for a continuation that will never come.
                if let header, header.nonSynchronizing || !clientToServer {
                    literalRemaining = header.count
                    lineStart = scanned
                    continue
                }
                return endDiscard()
            }
            if let error = checkLineAndFrame(lineEnd: scanned, complete: true, header: header) { return error }
            guard let header else {
                let length = scanned
                reset()
                return .frame(length: length)
            }
            examined += 24
            if let threshold = streamingThreshold, header.count >= threshold {
                // The decoder decides: stream it, or buffer it within the limits.
                literalRemaining = header.count
                lineStart = scanned
                refreshQuietLineEnd()
                return .literal(header)
            }
            if let error = checkBufferedLiteral(header) { return error }
            literalRemaining = header.count
            lineStart = scanned
            refreshQuietLineEnd()
            return .literal(header)
        }
    }

    /// The fast path of ``next(_:)`` for bytes that arrive a few at a time: when the scanner
    /// is in the middle of a plain line (not in a literal, not dropping a frame) and the
    /// `count` unexamined bytes from `start` of `storage` hold no LF and break no limit,
    /// examines them and returns true (``next(_:)`` would return nil). Otherwise examines
    /// nothing and returns false.
    mutating func examinesLineBytes(_ storage: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Bool {
        guard mayExamineLineBytes(count),
            start >= 0, count >= 0, start &+ count <= storage.count,
            Self.firstLineFeed(UnsafeBufferPointer(rebasing: storage[start..<(start &+ count)]), from: 0) == nil
        else { return false }
        scanned &+= count
        examined &+= count
        return true
    }

    /// True when `count` more bytes of a plain line may be examined on a fast path: the
    /// scanner is in a line (not in a literal, not streaming or dropping a frame), and
    /// they break neither the line nor the frame limit (the general path reports those):
    /// one comparison with ``quietLineEnd``.
    @inlinable @inline(__always)
    func mayExamineLineBytes(_ count: Int) -> Bool {
        // Debug builds (the tests) check that every change of state refreshed it.
        assert(quietLineEnd == computedQuietLineEnd(), "quietLineEnd is stale")
        return count >= 0 && scanned &+ count <= quietLineEnd
    }

    /// ``examinesLineBytes(_:from:count:)`` for a few bytes, one by one, in code inlined
    /// into the decoder's caller.
    @inlinable
    mutating func examinesFewLineBytes(_ storage: UnsafeRawBufferPointer, from start: Int, count: Int) -> Bool {
        guard mayExamineLineBytes(count), start >= 0, start &+ count <= storage.count else { return false }
        var i = start
        let end = start &+ count
        while i < end {
            if storage[i] == ASCII.lf { return false }
            i &+= 1
        }
        scanned &+= count
        examined &+= count
        return true
    }

    /// The fast path of ``next(_:)`` inside a buffered literal: when the `count` unexamined
    /// bytes are all part of the literal (which goes on after them), counts them and
    /// returns true (``next(_:)`` would return nil). Literal bytes are counted, never
    /// looked at, and their limits were checked when the literal was announced.
    @inlinable
    mutating func countsLiteralBytes(_ count: Int) -> Bool {
        guard !streaming, !discarding, !endsAfterFlush, Int64(count) < literalRemaining else { return false }
        scanned &+= count
        literalRemaining &-= Int64(count)
        examined &+= count
        return true
    }

    /// Applies the limits to a literal that will be buffered; returns the error (and starts
    /// discarding the frame) when it breaks one.
    mutating func checkBufferedLiteral(_ header: LiteralHeader) -> Event? {
        if header.count > limits.maxLiteralSize {
            return reject(
                IMAPDecodingError(
                    kind: .literalTooLarge,
                    rule: "literal",
                    offset: frameProgress,
                    message: "literal of \(header.count) bytes exceeds the limit of \(limits.maxLiteralSize)"
                ),
                lineComplete: true,
                header: header
            )
        }
        let (frameTotal, frameOverflow) = Int64(frameProgress).addingReportingOverflow(header.count)
        if frameOverflow || frameTotal > limits.maxFrameSize {
            return reject(
                IMAPDecodingError(
                    kind: .frameTooLarge,
                    rule: "literal",
                    offset: frameProgress,
                    message: "frame would exceed the limit of \(limits.maxFrameSize) bytes"
                ),
                lineComplete: true,
                header: header
            )
        }
        return nil
    }

    /// Streams the literal just announced: returns the length of the frame's bytes before
    /// it (the decoder takes them out of the buffer); the literal's bytes then come as
    /// ``Event/streamed(length:)`` events, and the frame continues after them.
    mutating func startStreaming() -> Int {
        let prefix = scanned
        dropped += scanned
        scanned = 0
        lineStart = 0
        streaming = literalRemaining > 0
        refreshQuietLineEnd()
        return prefix
    }

    /// Counts the `count` bytes of the literal being streamed toward the frame's size, for a
    /// decoder that gathers the literal back into its frame: what follows the literal is then
    /// held to ``DecodingLimits/maxFrameSize`` with it, as if it had been buffered.
    mutating func countStreamedLiteralTowardFrame(_ count: Int64) {
        // Bounded: the decoder checked the sum against the frame limit, but whatever limits a
        // caller sets it must not wrap, nor leave `dropped + scanned` room to overflow.
        let (sum, overflow) = Int64(dropped).addingReportingOverflow(Swift.max(count, 0))
        dropped = overflow ? Int.max >> 1 : Swift.min(Int(clamping: sum), Int.max >> 1)
        refreshQuietLineEnd()
    }

    /// Abandons the current frame after a refused synchronizing literal (the server
    /// answered the command instead of sending a continuation request): the client will
    /// not send the literal, so the bytes seen so far are the whole frame.
    /// Returns how many unread bytes to drop.
    mutating func abandonFrame() -> Int {
        let length = scanned
        reset()
        return length
    }

    mutating func reset() {
        scanned = 0
        lineStart = 0
        literalRemaining = 0
        dropped = 0
        discarding = false
        endsAfterFlush = false
        streaming = false
        quietLineEnd = freshQuietLineEnd
    }

    /// Drops the bytes of a rejected frame examined so far, but the last few of a line:
    /// the line may end in a literal header, which must be read whole to know whether
    /// the frame goes on (dropping part of it would end the frame early and read the
    /// literal's bytes as frames of their own, however the bytes were split).
    mutating func flushDiscarded() -> Event? {
        guard discarding else { return nil }
        let line = scanned - Swift.max(lineStart, 0)
        let kept = literalRemaining > 0 ? 0 : Swift.min(line, Self.literalHeaderReach)
        let length = scanned - kept
        guard length > 0 else { return nil }
        dropped += length
        lineStart -= length
        scanned = kept
        return .skip(length: length)
    }

    /// The most bytes a literal header ends a line with, from the byte before its `{` (a
    /// `~`) to its CR: `~{` twenty digits `+}` CR is 25.
    static let literalHeaderReach = 32

    mutating func endDiscard() -> Event {
        let length = scanned
        reset()
        return .skip(length: length)
    }

    /// Starts discarding the current frame and returns the error that explains why.
    /// When the line is complete, `header` is the literal it announced, if any.
    mutating func reject(_ error: IMAPDecodingError, lineComplete: Bool, header: LiteralHeader?) -> Event {
        discarding = true
        guard lineComplete else {  // discard up to the line's end
            refreshQuietLineEnd()
            return .error(error)
        }
        if let header, header.nonSynchronizing || !clientToServer {
            // The literal's bytes come anyway: drop them as they arrive, then the rest.
            literalRemaining = header.count
            lineStart = scanned
        } else {
            // No literal follows (or a refused synchronizing one, which is never sent):
            // the frame ends with this line.
            endsAfterFlush = true
        }
        refreshQuietLineEnd()
        return .error(error)
    }

    /// True when a rejected frame ends with the bytes already scanned.
    @usableFromInline var endsAfterFlush = false

    mutating func checkLineAndFrame(lineEnd: Int, complete: Bool, header: LiteralHeader?) -> Event? {
        let lineLength = lineEnd - lineStart
        if lineLength > limits.maxLineLength {
            return reject(
                IMAPDecodingError(
                    kind: .lineTooLong,
                    rule: "CRLF",
                    offset: dropped + lineStart + limits.maxLineLength,
                    message: "line longer than the limit of \(limits.maxLineLength) bytes"
                ),
                lineComplete: complete,
                header: header
            )
        }
        if Int64(frameProgress) > limits.maxFrameSize {
            return reject(
                IMAPDecodingError(
                    kind: .frameTooLarge,
                    rule: "CRLF",
                    offset: Int(clamping: limits.maxFrameSize),
                    message: "frame longer than the limit of \(limits.maxFrameSize) bytes"
                ),
                lineComplete: complete,
                header: header
            )
        }
        return nil
    }

    /// The offset of the first LF at or after `start`, or nil.
    static func firstLineFeed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let end = bytes.count
        // Sixteen bytes at a time (one vector compare), eight (WordBytes), then byte by byte
        // from the word that holds it.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let lf = SIMD16<UInt8>(repeating: ASCII.lf)
            while i &+ 16 <= end {
                let vector = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                if any(vector .== lf) { break }
                i &+= 16
            }
            while i &+ 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if WordBytes.lanes(of: word, equalTo: ASCII.lf) != 0 { break }
                i &+= 8
            }
        }
        while i < end {
            if bytes[i] == ASCII.lf { return i }
            i &+= 1
        }
        return nil
    }

    /// Recognizes a literal header ending the line whose LF is at `lf`:
    /// `literal = "{" number64 ["+"] "}" CRLF *CHAR8` and `literal8 = "~{" number64 "}" CRLF *OCTET`
    /// (RFC 9051; `~{n+}` from RFC 4466/7888). Returns nil when the line ends otherwise.
    static func literalHeader(
        _ bytes: UnsafeBufferPointer<UInt8>,
        lineStart: Int,
        lf: Int
    ) throws(IMAPDecodingError) -> LiteralHeader? {
        let lineStart = max(lineStart, 0)
        var i = lf - 1
        if i >= lineStart && bytes[i] == ASCII.cr { i -= 1 }
        guard i >= lineStart, bytes[i] == ASCII.closeBrace else { return nil }
        i -= 1
        var nonSync = false
        if i >= lineStart && bytes[i] == ASCII.plus {
            nonSync = true
            i -= 1
        }
        let digitsEnd = i + 1
        while i >= lineStart && ASCII.isDigit(bytes[i]) && digitsEnd - i <= 20 { i -= 1 }
        guard i >= lineStart, bytes[i] == ASCII.openBrace else { return nil }
        let digitsStart = i + 1
        guard digitsStart < digitsEnd else { return nil }
        let binary = i > lineStart && bytes[i - 1] == ASCII.tilde
        var value: Int64 = 0
        for j in digitsStart..<digitsEnd {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[j] &- ASCII.zero))
            if o1 || o2 {
                throw IMAPDecodingError(
                    kind: .numberOutOfRange,
                    rule: "number64",
                    offset: digitsStart,
                    message: "literal count exceeds 2^63-1"
                )
            }
            value = s
        }
        return LiteralHeader(count: value, nonSynchronizing: nonSync, binary: binary)
    }
}
