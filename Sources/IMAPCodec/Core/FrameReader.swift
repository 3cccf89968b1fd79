/// Incremental framing, the machinery under ``ResponseDecoder``, ``CommandDecoder`` and the
/// public ``FrameDecoder``: the input buffer and the frame scanner, the stream offset, and
/// the hooks the decoders use to stream a literal, refuse or reject one, and look at the
/// frame so far. Bytes of a frame that breaks a limit are dropped as
/// they arrive, so memory stays bounded whatever the peer sends.
@usableFromInline
struct FrameReader: Sendable {
    /// What the reader produced.
    enum Event: Sendable, Hashable {
        /// A complete frame.
        case frame(IMAPFrame)
        /// A literal header ended a line and its bytes come next. When the peer is a client
        /// and the literal is synchronizing, the server must now send a continuation
        /// request, or refuse the literal with ``FrameReader/refuseLiteral()``.
        case literal(LiteralHeader)
        /// A frame broke a limit or its framing; its bytes are being dropped.
        indirect case error(IMAPDecodingError)
        /// The next bytes of a literal being streamed (see ``FrameReader/beginStreaming()``).
        case literalBytes([UInt8])
    }

    @usableFromInline var buffer = IMAPBuffer()
    @usableFromInline var scanner: FrameScanner
    /// Bytes consumed from the stream so far.
    private(set) var streamOffset: Int = 0

    /// Creates a reader. `clientToServer` is true on the server side (decoding commands).
    init(limits: DecodingLimits, clientToServer: Bool) {
        scanner = FrameScanner(limits: limits, clientToServer: clientToServer)
    }

    /// The limits in force.
    var limits: DecodingLimits {
        get { scanner.limits }
        set { scanner.limits = newValue }
    }

    /// Appends bytes received from the peer.
    @inlinable @inline(__always)
    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes received from the peer. When nothing is buffered, a large array is
    /// adopted without copying.
    @inlinable
    mutating func append(_ bytes: [UInt8]) {
        buffer.append(bytes)
    }

    /// Bytes received and not yet handed out as frames. A client that switches to TLS
    /// after STARTTLS must discard these (see ``discardBufferedBytes()``): bytes the
    /// server sent before the handshake are not protected by it.
    var bufferedBytes: ArraySlice<UInt8> { buffer.readableView }

    /// Drops every buffered byte and any partial frame, returning how many were dropped.
    @discardableResult
    mutating func discardBufferedBytes() -> Int {
        let count = buffer.readableBytes
        buffer.consume(count)
        streamOffset += count
        scanner.reset()
        return count
    }

    /// True while a frame has started but is not complete.
    var isInsideFrame: Bool { scanner.isInsideFrame || buffer.readableBytes > 0 }

    /// Total bytes examined by the frame scanner (a cost counter for tests).
    var bytesExamined: Int { scanner.bytesExamined }

    /// Refuses the synchronizing literal just announced (the server answered the command
    /// with NO or BAD instead of a continuation request): the client will not send it,
    /// so the frame ends at the literal header and the next line is a new command.
    /// Returns the frame's bytes so far, for the server's error reply.
    @discardableResult
    mutating func refuseLiteral() -> IMAPFrame {
        let length = scanner.abandonFrame()
        let offset = streamOffset
        let bytes = buffer.readBytes(length)
        streamOffset += length
        return IMAPFrame(bytes: bytes, streamOffset: offset)
    }

    /// Literals of at least this many bytes are announced without the literal and frame
    /// size limits, so that the caller can stream them (``beginStreaming()``) or buffer
    /// them within the limits (``checkBufferedLiteral(_:)``). Nil (the default): never.
    var streamingThreshold: Int64? {
        get { scanner.streamingThreshold }
        set { scanner.streamingThreshold = newValue }
    }

    /// The bytes of the current frame received so far (after a ``Event/literal(_:)``
    /// event: up to and including the literal header's CRLF).
    var currentFrameBytes: ArraySlice<UInt8> { buffer.readableView.prefix(scanner.scanned) }

    /// Streams the literal just announced: takes out the frame's bytes before it, which are
    /// returned; the literal's bytes then come as ``Event/literalBytes(_:)`` as they arrive,
    /// and the rest of the frame after them as a ``Event/frame(_:)`` of its own.
    mutating func beginStreaming() -> IMAPFrame {
        let length = scanner.startStreaming()
        let offset = streamOffset
        let bytes = buffer.readBytes(length)
        streamOffset += length
        return IMAPFrame(bytes: bytes, streamOffset: offset)
    }

    /// Counts the literal being streamed toward its frame's size limit (see
    /// ``FrameScanner/countStreamedLiteralTowardFrame(_:)``).
    mutating func countStreamedLiteralTowardFrame(_ count: Int64) {
        scanner.countStreamedLiteralTowardFrame(count)
    }

    /// Declines to stream the literal just announced: it will be buffered as part of its
    /// frame if the limits allow; otherwise the error is returned and the frame dropped.
    mutating func checkBufferedLiteral(_ header: LiteralHeader) -> IMAPDecodingError? {
        guard case .error(var error)? = scanner.checkBufferedLiteral(header) else { return nil }
        error.frameOffset = streamOffset
        if error.tag == nil { error.tag = Self.leadingTag(buffer.readableView) }
        return error
    }

    /// Rejects the frame whose literal was just announced, for a reason the caller found
    /// (e.g. a LITERAL- violation): the frame is dropped as it arrives (a non-synchronizing
    /// literal's bytes come anyway; a synchronizing one is never sent).
    mutating func rejectFrame(at header: LiteralHeader, _ error: IMAPDecodingError) -> IMAPDecodingError {
        _ = scanner.reject(error, lineComplete: true, header: header)
        var located = error
        located.frameOffset = streamOffset
        if located.tag == nil { located.tag = Self.leadingTag(buffer.readableView) }
        return located
    }

    /// True when ``next()`` would return nil: the bytes received since the last call are
    /// more of a buffered literal that is not complete yet, or a few bytes (at most
    /// ``quietCheckLimit``) more of a plain line. They are examined (or counted) here, so
    /// a stream fed in small pieces costs a few instructions per piece until a frame can
    /// end, not the scanner's layers. The decoders call this before their general path.
    @inlinable
    mutating func hasNothingNew() -> Bool {
        let unexamined = buffer.readableBytes &- scanner.scanned
        if scanner.literalRemaining > 0 { return scanner.countsLiteralBytes(unexamined) }
        if unexamined <= buffer.pendingCount {
            // The new bytes are the last of those waiting in the buffer's own bytes (a stream
            // fed a byte at a time): read them there, without touching the storage.
            guard scanner.mayExamineLineBytes(unexamined) else { return false }
            let end = Swift.min(buffer.pendingCount, IMAPBuffer.pendingCapacity)
            let lineFeed = withUnsafeBytes(of: &buffer.pending) { pending in
                var i = Swift.max(0, end &- unexamined)
                while i < end {
                    if pending[i] == ASCII.lf { return true }
                    i &+= 1
                }
                return false
            }
            if lineFeed { return false }
            scanner.scanned &+= unexamined
            scanner.examined &+= unexamined
            return true
        }
        guard unexamined <= Self.quietCheckLimit else { return false }
        if unexamined > 16 { return examinesLineBytes(unexamined) }
        buffer.flush()
        let start = buffer.readerIndex &+ scanner.scanned
        return buffer.storage.withUnsafeBytes { all in
            scanner.examinesFewLineBytes(all, from: start, count: unexamined)
        }
    }

    /// The case of ``hasNothingNew()`` for more than 16 bytes, out of line (a vector search;
    /// the inlined byte loop is cheaper for fewer).
    @usableFromInline
    mutating func examinesLineBytes(_ unexamined: Int) -> Bool {
        buffer.flush()
        let start = buffer.readerIndex &+ scanner.scanned
        return buffer.storage.withUnsafeBufferPointer { all in
            scanner.examinesLineBytes(all, from: start, count: unexamined)
        }
    }

    /// The most unexamined bytes ``hasNothingNew()`` looks at (a socket read of a few
    /// hundred bytes or less: about 170 instructions less per 64-byte piece of a long line
    /// than the general path); more go to the scanner's general path.
    @inlinable static var quietCheckLimit: Int { 256 }

    /// The next event, or nil when more bytes are needed.
    mutating func next() -> Event? {
        buffer.flush()
        while true {
            let unread = buffer.readerIndex..<buffer.writerIndex
            let event = buffer.storage.withUnsafeBufferPointer { all in
                scanner.next(UnsafeBufferPointer(rebasing: all[unread]))
            }
            switch event {
            case nil:
                return nil
            case .frame(let length)?:
                let offset = streamOffset
                let bytes = buffer.readBytes(length)
                streamOffset += length
                return .frame(IMAPFrame(bytes: bytes, streamOffset: offset))
            case .literal(let header)?:
                return .literal(header)
            case .skip(let length)?:
                buffer.consume(length)
                streamOffset += length
            case .streamed(let length)?:
                let bytes = buffer.readBytes(length)
                streamOffset += length
                return .literalBytes(bytes)
            case .error(var error)?:
                error.frameOffset = streamOffset - scanner.droppedSoFar
                if error.excerpt.isEmpty {
                    // From the buffered bytes in place: copying the frame up to the offset of a
                    // line too long would cost the line's length again.
                    error.excerpt = IMAPDecodingError.excerpt(
                        of: buffer.readableView,
                        at: error.offset - scanner.droppedSoFar
                    )
                }
                if error.tag == nil, scanner.droppedSoFar == 0 {
                    error.tag = Self.leadingTag(buffer.readableView)
                }
                return .error(error)
            }
        }
    }

    /// The first token of a frame when it is a tag followed by a space (for `tag BAD`
    /// replies): 1 to 255 tag characters, so always a valid ``Tag``.
    static func leadingTag(_ bytes: ArraySlice<UInt8>) -> Tag? {
        var end = bytes.startIndex
        while end < bytes.endIndex, end - bytes.startIndex < 256, CharacterClass.isTagChar(bytes[end]) {
            end += 1
        }
        guard end > bytes.startIndex, end < bytes.endIndex, bytes[end] == ASCII.space else { return nil }
        return Tag(unchecked: ByteString(bytes[bytes.startIndex..<end]))
    }
}
