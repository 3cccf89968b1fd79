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

        /// Creates options.
        public init(limits: DecodingLimits = .responses, lenient: Bool = true, utf8Accept: Bool = false) {
            self.limits = limits
            self.lenient = lenient
            self.utf8Accept = utf8Accept
        }
    }

    /// The options in force; change them between responses (e.g. after ENABLE UTF8=ACCEPT).
    public var options: Options {
        didSet { frames.limits = options.limits }
    }

    var frames: FrameDecoder

    /// Creates a decoder.
    public init(options: Options = Options()) {
        self.options = options
        self.frames = FrameDecoder(limits: options.limits, clientToServer: false)
    }

    /// Appends bytes received from the server.
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        frames.append(bytes)
    }

    /// The next response, or nil when more bytes are needed. Throws for a frame that does
    /// not decode (it is skipped: call again for the rest).
    public mutating func next() throws(IMAPDecodingError) -> Response? {
        while let event = frames.next() {
            switch event {
            case .frame(let frame):
                return try Self.decode(frame, options: options)
            case .literal:
                continue
            case .error(let error):
                throw error
            }
        }
        return nil
    }

    /// Decodes one complete frame.
    static func decode(_ frame: IMAPFrame, options: Options) throws(IMAPDecodingError) -> Response {
        var parser = ParserState(
            frame.bytes,
            options: ParseOptions(
                lenient: options.lenient, utf8Accept: options.utf8Accept,
                maxNestingDepth: options.limits.maxNestingDepth))
        do {
            return try parser.response()
        } catch {
            var located = error
            located.frameOffset = frame.streamOffset
            if located.tag == nil { located.tag = FrameDecoder.leadingTag(frame.bytes[...]) }
            throw located
        }
    }

    /// Decodes a buffer holding exactly one complete response.
    public static func decode(_ bytes: [UInt8], options: Options = Options()) throws(IMAPDecodingError) -> Response {
        try decode(IMAPFrame(bytes: bytes, streamOffset: 0), options: options)
    }

    /// Bytes received and not yet decoded.
    public var bufferedBytes: ArraySlice<UInt8> { frames.bufferedBytes }

    /// Drops all buffered bytes (after STARTTLS), returning how many.
    @discardableResult
    public mutating func discardBufferedBytes() -> Int { frames.discardBufferedBytes() }

    /// Bytes consumed from the stream so far.
    public var streamOffset: Int { frames.streamOffset }

    /// True when a response has started but is not complete.
    public var isInsideFrame: Bool { frames.isInsideFrame }
}
