/// What a decoder's options say about reading, whatever the decoder: the ``ResponseDecoder``
/// and ``CommandDecoder`` options conform, and ``DecoderCore`` reads them through it.
protocol DecoderOptions {
    /// Size and nesting limits.
    var limits: DecodingLimits { get }
    /// Accept the peer's grammar deviations.
    var lenient: Bool { get }
    /// UTF8=ACCEPT is enabled.
    var utf8Accept: Bool { get }
    /// Literals of at least this many bytes may be streamed; nil: none.
    var streamLiteralsAbove: Int64? { get }
}

extension DecoderOptions {
    /// The options the grammar rules read.
    var parseOptions: ParseOptions {
        ParseOptions(lenient: lenient, utf8Accept: utf8Accept, limits: limits)
    }
}

/// The shell that ``ResponseDecoder`` and ``CommandDecoder`` share, written once: the frames
/// (``FrameReader``) and the options that drive them, the fast path of `append` and `next()`,
/// where the frame of the last value or error starts (``frameOffset``), the parse of a frame
/// with its errors placed in the stream, the synthetic re-parse that tells whether the literal
/// just announced can be streamed (bounded by a ``ReparseBudget``), the parse of the rest of a
/// frame after a streamed literal, and the discarding of buffered bytes after STARTTLS.
///
/// What each decoder adds is its grammar (a response, a command line in its mode) and its own
/// streaming state (the FETCH response or the APPEND being streamed).
@usableFromInline
struct DecoderCore: Sendable {
    /// The input, framed.
    @usableFromInline var frames: FrameReader
    /// The options the grammar rules read, derived from the decoder's options.
    private(set) var parseOptions: ParseOptions
    /// Bounds the re-reading of a frame's start by ``frameWithEmptyLiteral(head:tail:)``.
    var reparse = ReparseBudget()
    /// Where, in the stream, the frame of the value most recently returned (or of the error
    /// most recently thrown) starts: the decoders' `frameOffset`.
    var frameOffset: Int = 0

    /// Creates the core of a decoder reading with `options`; `clientToServer` is true on the
    /// server side (decoding commands).
    init(options: some DecoderOptions, clientToServer: Bool) {
        frames = FrameReader(limits: options.limits, clientToServer: clientToServer)
        frames.streamingThreshold = options.streamLiteralsAbove
        parseOptions = options.parseOptions
    }

    /// Reads with `options` from the next frame on.
    mutating func configure(_ options: some DecoderOptions) {
        frames.limits = options.limits
        frames.streamingThreshold = options.streamLiteralsAbove
        parseOptions = options.parseOptions
    }

    /// Appends bytes received from the peer.
    @inlinable @inline(__always)
    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        frames.append(bytes)
    }

    /// Appends bytes received from the peer; a large array is adopted when nothing is buffered.
    @inlinable @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        frames.append(bytes)
    }

    /// The fast path the decoders' `next()` takes first: true when no event can be ready
    /// (``FrameReader/hasNothingNew()``).
    @inlinable @inline(__always)
    mutating func hasNothingNew() -> Bool {
        frames.hasNothingNew()
    }

    /// Parses the complete frame `frame` with `rule`. A failure carries the frame's place in
    /// the stream and, when `tagged` (the frame is read as a command or response that has a
    /// tag), the frame's leading tag.
    @inline(__always)
    static func parse<Value>(
        _ frame: IMAPFrame,
        options: ParseOptions,
        tagged: Bool = true,
        _ rule: (inout ParserState) throws(IMAPDecodingError) -> Value
    ) throws(IMAPDecodingError) -> Value {
        var parser = ParserState(frame.bytes, options: options)
        do {
            return try rule(&parser)
        } catch {
            throw located(error, in: frame, tagged: tagged)
        }
    }

    /// `error`, raised parsing `frame`, with the frame's place in the stream and, when
    /// `tagged`, the frame's leading tag (unless the error names one already).
    static func located(_ error: IMAPDecodingError, in frame: IMAPFrame, tagged: Bool) -> IMAPDecodingError {
        var located = error
        located.frameOffset = frame.streamOffset
        if tagged && located.tag == nil { located.tag = FrameReader.leadingTag(frame.bytes[...]) }
        return located
    }

    /// Parses synthetic bytes (``frameWithEmptyLiteral(head:tail:)``) with `rule`; nil when
    /// they do not parse.
    func parseSynthetic<Value>(
        _ bytes: [UInt8],
        _ rule: (inout ParserState) throws(IMAPDecodingError) -> Value
    ) -> Value? {
        var parser = ParserState(bytes, options: parseOptions)
        return try? rule(&parser)
    }

    /// The frame so far, up to the literal header just announced, with that literal
    /// announced as `{0}` (or `~{0}`) and the frame closed by `tail`, behind `head`: bytes
    /// that parse as a whole frame exactly when the literal is the value of the rule being
    /// read at that point, which tells a decoder whether it may stream the literal, with the
    /// whole grammar and no second parser. `head` makes a whole frame of what follows a
    /// streamed literal (empty for a frame's first part).
    ///
    /// Nil when the frame holds no `{`, or when re-reading it would pass the
    /// ``ReparseBudget`` (many large literals in one frame: they are then buffered).
    mutating func frameWithEmptyLiteral(head: [UInt8], tail: StaticString) -> [UInt8]? {
        let prefix = frames.currentFrameBytes
        guard let brace = prefix.lastIndex(of: ASCII.openBrace),
            reparse.allows(prefixLength: prefix.count, partStart: frames.streamOffset)
        else { return nil }
        var synthetic = head
        synthetic.reserveCapacity(head.count + (brace - prefix.startIndex) + 5 + tail.utf8CodeUnitCount)
        synthetic.append(contentsOf: prefix[..<brace])
        synthetic.append(contentsOf: Self.emptyLiteral)
        tail.withUTF8Buffer { synthetic.append(contentsOf: $0) }
        return synthetic
    }

    /// `{0}` CRLF.
    static let emptyLiteral: [UInt8] = Array("{0}\r\n".utf8)

    /// Parses `frame`, the part of a frame that follows a streamed literal, behind `head`
    /// (which makes it a whole frame) with `rule`. A failure's offset counts from the part's
    /// first byte; it carries the part's place in the stream and `tag` (the tag of the
    /// frame's first part, if it has one).
    func parseFragment<Value>(
        _ frame: IMAPFrame,
        head: [UInt8],
        tag: Tag?,
        _ rule: (inout ParserState) throws(IMAPDecodingError) -> Value
    ) throws(IMAPDecodingError) -> Value {
        var parser = ParserState(head + frame.bytes, options: parseOptions)
        do {
            return try rule(&parser)
        } catch {
            var located = error
            located.offset = Swift.max(0, error.offset - head.count)
            located.frameOffset = frame.streamOffset
            located.tag = tag
            throw located
        }
    }

    /// Bytes received and not yet decoded.
    var bufferedBytes: ArraySlice<UInt8> { frames.bufferedBytes }

    /// Drops all buffered bytes and any partial frame (after STARTTLS), returning how many;
    /// the decoder forgets its own streaming state.
    mutating func discardBufferedBytes() -> Int {
        reparse = ReparseBudget()
        return frames.discardBufferedBytes()
    }

    /// Bytes consumed from the stream so far.
    var streamOffset: Int { frames.streamOffset }

    /// True when a frame has started but is not complete.
    var isInsideFrame: Bool { frames.isInsideFrame }
}
