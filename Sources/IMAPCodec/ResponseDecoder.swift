/// The client side's decoder: append the bytes a server sends, in any split, and pull out
/// typed ``Response`` values.
///
/// ```swift
/// var decoder = ResponseDecoder()
/// decoder.append(bytesFromSocket)
/// while true {
///     do {
///         guard let response = try decoder.next() else { break }  // needs more bytes
///         handle(response)
///     } catch {
///         log(error)  // one bad frame; the next call continues after it
///     }
/// }
/// ```
///
/// A frame that does not decode yields exactly one ``IMAPDecodingError`` and is skipped;
/// decoding continues with the next frame. Call ``discardBufferedBytes()`` when the
/// connection switches to TLS after STARTTLS: bytes received before the handshake must not
/// be trusted (the response-injection class of CVE-2021-33515, CVE-2020-15953).
public struct ResponseDecoder: Sendable {
    /// How the decoder reads.
    public struct Options: Sendable, Hashable {
        /// Size and nesting limits. Defaults: ``DecodingLimits/responses``.
        public var limits: DecodingLimits
        /// Accept real servers' grammar deviations (default true).
        public var lenient: Bool
        /// UTF8=ACCEPT is enabled: mailbox names arrive as UTF-8.
        public var utf8Accept: Bool
        /// Stream FETCH literals of at least this many bytes (message bodies) instead of
        /// buffering them: ``ResponseDecoder/nextEvent()`` hands out the response's values
        /// before the literal, the literal's bytes in chunks as they arrive, then the rest.
        /// Streamed literals are not bound by ``DecodingLimits/maxLiteralSize`` when read
        /// through ``ResponseDecoder/nextEvent()``; ``ResponseDecoder/next()`` gathers them back
        /// into whole responses, so it applies the literal and frame limits to them as to
        /// buffered ones. Nil (the default): no streaming.
        public var streamLiteralsAbove: Int64?

        /// Creates options.
        public init(
            limits: DecodingLimits = .responses,
            lenient: Bool = true,
            utf8Accept: Bool = false,
            streamLiteralsAbove: Int64? = nil
        ) {
            self.limits = limits
            self.lenient = lenient
            self.utf8Accept = utf8Accept
            self.streamLiteralsAbove = streamLiteralsAbove
        }
    }

    /// What ``ResponseDecoder/nextEvent()`` produced.
    public enum Event: Sendable, Hashable {
        /// A complete response.
        case response(Response)
        /// A FETCH response whose next data item is streamed: the items before it (since the
        /// previous streamed item of the same response), the streamed item with empty data,
        /// and the number of bytes that will follow as ``streamBytes(_:)``.
        /// (Indirect, so that every event stays a few words to move.)
        indirect case streamStart(
            sequenceNumber: UInt32,
            attributes: [MessageAttribute],
            streamed: MessageAttribute,
            byteCount: Int64
        )
        /// The next bytes of the streamed item.
        case streamBytes([UInt8])
        /// The end of a streamed FETCH response: its items after the last streamed one.
        case streamEnd(attributes: [MessageAttribute])
    }

    /// The options in force; change them between responses (e.g. after ENABLE UTF8=ACCEPT).
    public var options: Options {
        didSet { core.configure(options) }
    }

    /// The frames, the fast path, offsets, re-parsing and error placement (shared with
    /// ``CommandDecoder``).
    @usableFromInline var core: DecoderCore
    /// The sequence number of the FETCH response being streamed, if any.
    var streamingSequence: UInt32?

    /// Creates a decoder.
    public init(options: Options = Options()) {
        self.options = options
        self.core = DecoderCore(options: options, clientToServer: false)
    }

    /// Appends bytes received from the server.
    @inlinable @inline(__always)
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        core.append(bytes)
    }

    /// Appends bytes received from the server. When nothing is buffered, a large array is
    /// adopted without copying.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        core.append(bytes)
    }

    /// The next response, or nil when more bytes are needed. Throws for a frame that does
    /// not decode (it is skipped: call again for the rest).
    ///
    /// With ``Options/streamLiteralsAbove`` set, this still returns whole responses (it
    /// gathers the streamed bytes, within ``DecodingLimits/maxLiteralSize`` and
    /// ``DecodingLimits/maxFrameSize``: a response past them is one error, and skipped);
    /// use ``nextEvent()`` to receive larger ones in pieces.
    @inlinable
    public mutating func next() throws(IMAPDecodingError) -> Response? {
        if core.hasNothingNew() { return nil }
        return try nextFromFrames()
    }

    /// ``next()`` past its fast path.
    @usableFromInline
    mutating func nextFromFrames() throws(IMAPDecodingError) -> Response? {
        if options.streamLiteralsAbove == nil && streamingSequence == nil {
            while let event = core.frames.next() {
                switch event {
                case .frame(let frame):
                    core.frameOffset = frame.streamOffset
                    return try Self.decode(frame, options: core.parseOptions)
                case .literal, .literalBytes:
                    continue
                case .error(let error):
                    core.frameOffset = error.frameOffset
                    throw error
                }
            }
            return nil
        }
        gathersStreamedLiterals = true
        defer { gathersStreamedLiterals = false }
        do {
            return try nextGathered()
        } catch {
            // A response that broke a limit is dropped by the frame scanner; one error.
            gathering = nil
            gatheredBytes = []
            throw error
        }
    }

    /// ``next()`` with streaming on: whole responses, streamed literals gathered back into
    /// their items within the same literal and frame limits as buffered ones.
    mutating func nextGathered() throws(IMAPDecodingError) -> Response? {
        while let event = try nextEvent() {
            switch event {
            case .response(let response):
                return response
            case .streamStart(let sequence, let attributes, let streamed, _):
                finishGatheredItem()
                if gathering == nil { gathering = (sequence, []) }
                gathering?.attributes.append(contentsOf: attributes)
                gathering?.attributes.append(streamed)
            case .streamBytes(let bytes):
                gatheredBytes.append(contentsOf: bytes)
            case .streamEnd(let attributes):
                finishGatheredItem()
                guard let (sequence, before) = gathering else { continue }
                gathering = nil
                return .untagged(.fetch(sequence, before + attributes))
            }
        }
        return nil
    }

    /// True while ``next()`` reads events to gather them into whole responses: streamed
    /// literals are then held to the limits of buffered ones (``nextEventLocated()``).
    var gathersStreamedLiterals = false

    /// A streamed response being gathered by ``next()``: its items so far, the last one
    /// waiting for ``gatheredBytes``.
    var gathering: (sequence: UInt32, attributes: [MessageAttribute])?
    var gatheredBytes: [UInt8] = []

    /// Gives the last gathered item its streamed bytes.
    mutating func finishGatheredItem() {
        guard gathering != nil, let last = gathering?.attributes.popLast() else { return }
        gathering?.attributes.append(last.replacingData(ByteString(gatheredBytes)))
        gatheredBytes = []
    }

    /// The next event, or nil when more bytes are needed: whole responses, and with
    /// ``Options/streamLiteralsAbove`` set, FETCH responses in pieces around their large
    /// literals. Throws for a frame that does not decode (it is skipped).
    @inlinable
    public mutating func nextEvent() throws(IMAPDecodingError) -> Event? {
        if core.hasNothingNew() { return nil }
        return try nextEventFromFrames()
    }

    /// ``nextEvent()`` past its fast path.
    @usableFromInline
    mutating func nextEventFromFrames() throws(IMAPDecodingError) -> Event? {
        do {
            return try nextEventLocated()
        } catch {
            core.frameOffset = error.frameOffset
            throw error
        }
    }

    /// ``nextEvent()``, keeping ``frameOffset`` at the start of the response each event
    /// belongs to (a streamed response's events all report where it began).
    mutating func nextEventLocated() throws(IMAPDecodingError) -> Event? {
        while let event = core.frames.next() {
            switch event {
            case .frame(let frame):
                if let sequence = streamingSequence {
                    // The rest of a streamed FETCH response, after its last streamed literal.
                    streamingSequence = nil
                    return .streamEnd(attributes: try decodeFetchFragment(sequence: sequence, frame))
                }
                core.frameOffset = frame.streamOffset
                return .response(try Self.decode(frame, options: core.parseOptions))
            case .literal(let header):
                guard let threshold = options.streamLiteralsAbove, header.count >= threshold else { continue }
                if gathersStreamedLiterals, var error = core.frames.checkBufferedLiteral(header) {
                    // next() gathers the literal back into its response: the same limits as
                    // a buffered literal, and the scanner drops the response as it would.
                    if streamingSequence != nil { error.frameOffset = core.frameOffset }
                    streamingSequence = nil
                    throw error
                }
                if let start = streamStart(header) {
                    let head = core.frames.beginStreaming()
                    if streamingSequence == nil { core.frameOffset = head.streamOffset }
                    if gathersStreamedLiterals {
                        // What follows the literal is held to the frame limit with it.
                        core.frames.countStreamedLiteralTowardFrame(header.count)
                    }
                    streamingSequence = start.sequence
                    return .streamStart(
                        sequenceNumber: start.sequence,
                        attributes: start.before,
                        streamed: start.item,
                        byteCount: header.count
                    )
                }
                if !gathersStreamedLiterals, let error = core.frames.checkBufferedLiteral(header) {
                    streamingSequence = nil
                    throw error
                }
            case .literalBytes(let bytes):
                return .streamBytes(bytes)
            case .error(let error):
                streamingSequence = nil
                throw error
            }
        }
        return nil
    }

    /// When the frame so far is a FETCH response whose last item's value is the literal
    /// just announced: the items before it and that item (with empty data).
    mutating func streamStart(
        _ header: LiteralHeader
    ) -> (sequence: UInt32, before: [MessageAttribute], item: MessageAttribute)? {
        // The same bytes with the literal announced as empty, and the response closed.
        let head = streamingSequence.map(Self.fragmentHead) ?? []
        guard let synthetic = core.frameWithEmptyLiteral(head: head, tail: ")\r\n"),
            case .untagged(.fetch(let sequence, var items))? = core.parseSynthetic(
                synthetic,
                { parser throws(IMAPDecodingError) in try parser.response() }
            )
        else { return nil }
        if let streaming = streamingSequence {
            // Behind the fragment head: its item first, then the part's own items.
            guard items.count >= 2 else { return nil }
            items.removeFirst()
            guard let item = items.popLast(), item.isStreamable else { return nil }
            return (streaming, items, item)
        }
        guard let item = items.popLast(), item.isStreamable else { return nil }
        return (sequence, items, item)
    }

    /// The items of `frame`, the part of a FETCH response that follows a streamed literal.
    func decodeFetchFragment(sequence: UInt32, _ frame: IMAPFrame) throws(IMAPDecodingError) -> [MessageAttribute] {
        let response = try core.parseFragment(frame, head: Self.fragmentHead(sequence), tag: nil) {
            parser throws(IMAPDecodingError) in
            try parser.response()
        }
        guard case .untagged(.fetch(_, var items)) = response else {
            throw IMAPDecodingError(
                kind: .syntax,
                rule: "msg-att",
                offset: 0,
                frameOffset: frame.streamOffset,
                message: "not a FETCH response"
            )
        }
        if !items.isEmpty { items.removeFirst() }
        return items
    }

    /// `* n FETCH (BODY[] {0}` CRLF: a head that makes a fragment a whole response.
    static func fragmentHead(_ sequence: UInt32) -> [UInt8] {
        Array("* \(sequence) FETCH (BODY[] {0}\r\n".utf8)
    }

    /// Decodes one complete frame.
    static func decode(_ frame: IMAPFrame, options: ParseOptions) throws(IMAPDecodingError) -> Response {
        try DecoderCore.parse(frame, options: options) { parser throws(IMAPDecodingError) in try parser.response() }
    }

    /// Decodes a buffer holding exactly one complete response.
    public static func decode(_ bytes: [UInt8], options: Options = Options()) throws(IMAPDecodingError) -> Response {
        try decode(IMAPFrame(bytes: bytes, streamOffset: 0), options: options.parseOptions)
    }

    /// Bytes received and not yet decoded.
    public var bufferedBytes: ArraySlice<UInt8> { core.bufferedBytes }

    /// Drops all buffered bytes (after STARTTLS), returning how many, and any response
    /// being streamed or gathered: what follows is a new stream.
    @discardableResult
    public mutating func discardBufferedBytes() -> Int {
        streamingSequence = nil
        gathering = nil
        gatheredBytes = []
        return core.discardBufferedBytes()
    }

    /// Bytes consumed from the stream so far.
    public var streamOffset: Int { core.streamOffset }

    /// Where, in the stream, the response most recently returned (or the frame of the error
    /// most recently thrown) starts. Every event of a streamed response reports where the
    /// response began. Read it after ``next()`` or ``nextEvent()``: ``streamOffset`` read
    /// before the call is not the same when the call first skips the rest of a bad frame.
    public var frameOffset: Int { core.frameOffset }

    /// True when a response has started but is not complete.
    public var isInsideFrame: Bool { core.isInsideFrame }
}

extension ResponseDecoder.Options: DecoderOptions {}
