/// One complete command or response as it came off the wire, CRLF and literals included.
public struct IMAPFrame: Sendable, Hashable {
    /// The frame's bytes.
    public var bytes: [UInt8]
    /// Where the frame's first byte was in the stream fed to the decoder.
    public var streamOffset: Int

    /// Creates a frame.
    public init(bytes: [UInt8], streamOffset: Int) {
        self.bytes = bytes
        self.streamOffset = streamOffset
    }
}

/// Incremental framing: append bytes in any split, take out complete frames, without
/// parsing them (a proxy, a logger, an analyzer).
///
/// A frame is a line ending in CRLF, where a line that ends in a literal header (`{n}`,
/// `{n+}`, `~{n}`) is followed by n bytes and continues. The decoder keeps its place between
/// calls, so each byte is examined once however the stream is split, and it enforces
/// ``DecodingLimits``: a frame that breaks a limit yields one ``Event/error(_:)`` and its
/// bytes are dropped as they arrive, so memory stays bounded whatever the peer sends.
/// ``ResponseDecoder`` and ``CommandDecoder`` frame their input the same way.
///
/// ```swift
/// var frames = FrameDecoder(limits: .commands, clientToServer: true)
/// frames.append(bytesFromClient)
/// while let event = frames.next() {
///     switch event {
///     case .frame(let frame): forward(frame.bytes)
///     case .literal(let header): if !header.nonSynchronizing { sendContinuation() }
///     case .error(let error): log(error)
///     }
/// }
/// ```
public struct FrameDecoder: Sendable {
    /// What the decoder produced.
    public enum Event: Sendable, Hashable {
        /// A complete frame.
        case frame(IMAPFrame)
        /// A literal header ended a line and its bytes come next. When the peer is a client
        /// and the literal is synchronizing, the server must now send a continuation
        /// request, or refuse the literal with ``FrameDecoder/refuseLiteral()``.
        case literal(LiteralHeader)
        /// A frame broke a limit or its framing; its bytes are being dropped.
        indirect case error(IMAPDecodingError)
    }

    @usableFromInline var reader: FrameReader

    /// Creates a decoder. `clientToServer` is true on the server side (splitting commands):
    /// a synchronizing literal is then only sent after a continuation request.
    public init(limits: DecodingLimits, clientToServer: Bool) {
        reader = FrameReader(limits: limits, clientToServer: clientToServer)
    }

    /// The limits in force; change them between frames.
    public var limits: DecodingLimits {
        get { reader.limits }
        set { reader.limits = newValue }
    }

    /// Appends bytes received from the peer.
    @inlinable @inline(__always)
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        reader.append(bytes)
    }

    /// Appends bytes received from the peer. When nothing is buffered, a large array is
    /// adopted without copying.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        reader.append(bytes)
    }

    /// The next event, or nil when more bytes are needed.
    @inlinable
    public mutating func next() -> Event? {
        if reader.hasNothingNew() { return nil }
        return nextFromReader()
    }

    /// ``next()`` past its fast path.
    @usableFromInline
    mutating func nextFromReader() -> Event? {
        while let event = reader.next() {
            switch event {
            case .frame(let frame): return .frame(frame)
            case .literal(let header): return .literal(header)
            case .error(let error): return .error(error)
            case .literalBytes: continue  // only when streaming, which this decoder never starts
            }
        }
        return nil
    }

    /// Refuses the synchronizing literal just announced (the server answered the command
    /// with NO or BAD instead of a continuation request): the client will not send it,
    /// so the frame ends at the literal header and the next line is a new command.
    /// Returns the frame's bytes so far, for the server's error reply.
    @discardableResult
    public mutating func refuseLiteral() -> IMAPFrame {
        reader.refuseLiteral()
    }

    /// Bytes received and not yet handed out as frames. A client that switches to TLS
    /// after STARTTLS must discard these (see ``discardBufferedBytes()``): bytes the
    /// server sent before the handshake are not protected by it.
    public var bufferedBytes: ArraySlice<UInt8> { reader.bufferedBytes }

    /// Drops every buffered byte and any partial frame, returning how many were dropped.
    @discardableResult
    public mutating func discardBufferedBytes() -> Int {
        reader.discardBufferedBytes()
    }

    /// Bytes consumed from the stream so far.
    public var streamOffset: Int { reader.streamOffset }

    /// True while a frame has started but is not complete.
    public var isInsideFrame: Bool { reader.isInsideFrame }
}
