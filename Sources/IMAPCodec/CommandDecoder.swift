/// The server side's decoder: append the bytes a client sends, in any split, and pull out
/// typed ``ClientMessage`` values.
///
/// Synchronizing literals: when a command announces `{n}`, ``next()`` returns
/// ``Event/continuationRequired(_:)`` before the literal's bytes exist. Send a continuation
/// request (`+ Ready`) and keep reading, or refuse the literal with ``refuseLiteral()``
/// (answering `tag NO`/`BAD`): the client will not send it, so the decoder drops the rest of
/// that command and reads the next line as a new command (RFC 9051 §7.5, RFC 7888).
///
/// Modes: after `AUTHENTICATE` the client sends SASL responses (base64 lines, or `*` to
/// cancel); after `IDLE` it sends `DONE`. The decoder enters ``Mode/authenticating`` and
/// ``Mode/idling`` when it decodes those commands, and leaves them on `*` and `DONE`. The
/// server sets ``mode`` back to ``Mode/command`` when it ends the exchange itself (the
/// tagged response to AUTHENTICATE, or a refused IDLE). A line holding a space cannot be
/// base64, so in lenient mode such a line during authentication is read as a command.
///
/// A malformed command yields one ``IMAPDecodingError`` carrying its tag when one could be
/// read, so the server can answer `tag BAD ...`; the next command decodes normally.
public struct CommandDecoder: Sendable {
    /// What kind of line the decoder expects.
    public enum Mode: Sendable, Hashable {
        /// Tagged commands.
        case command
        /// SASL responses to AUTHENTICATE challenges.
        case authenticating
        /// `DONE` ending IDLE.
        case idling
    }

    /// What ``next()`` produced.
    public enum Event: Sendable, Hashable {
        /// A complete client message.
        case message(ClientMessage)
        /// A synchronizing literal was announced: send a continuation request (or call
        /// ``CommandDecoder/refuseLiteral()``) before the client sends its bytes.
        case continuationRequired(LiteralHeader)
    }

    /// How the decoder reads.
    public struct Options: Sendable, Hashable {
        /// Size and nesting limits. Defaults: ``DecodingLimits/commands``.
        public var limits: DecodingLimits
        /// Accept common client deviations (default true).
        public var lenient: Bool
        /// UTF8=ACCEPT is enabled: mailbox names arrive as UTF-8.
        public var utf8Accept: Bool
        /// The server advertises LITERAL- (RFC 7888): non-synchronizing literals above
        /// 4096 bytes are errors.
        public var literalMinus: Bool

        /// Creates options.
        public init(limits: DecodingLimits = .commands, lenient: Bool = true, utf8Accept: Bool = false, literalMinus: Bool = false) {
            self.limits = limits
            self.lenient = lenient
            self.utf8Accept = utf8Accept
            self.literalMinus = literalMinus
        }
    }

    /// The options in force.
    public var options: Options {
        didSet { frames.limits = options.limits }
    }

    /// The kind of line expected next.
    public var mode: Mode = .command

    var frames: FrameDecoder

    /// Creates a decoder.
    public init(options: Options = Options()) {
        self.options = options
        self.frames = FrameDecoder(limits: options.limits, clientToServer: true)
    }

    /// Appends bytes received from the client.
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        frames.append(bytes)
    }

    /// The next event, or nil when more bytes are needed. Throws for a command that does
    /// not decode (it is skipped: call again for the rest).
    public mutating func next() throws(IMAPDecodingError) -> Event? {
        while let event = frames.next() {
            switch event {
            case .frame(let frame):
                return .message(try decode(frame))
            case .literal(let header):
                if header.nonSynchronizing {
                    if options.literalMinus && header.count > 4096 {
                        throw IMAPDecodingError(
                            kind: .literalTooLarge, rule: "literal", offset: 0, frameOffset: frames.streamOffset,
                            message: "non-synchronizing literal of \(header.count) bytes exceeds LITERAL- (4096)",
                            tag: FrameDecoder.leadingTag(frames.bufferedBytes))
                    }
                    continue
                }
                return .continuationRequired(header)
            case .error(let error):
                throw error
            }
        }
        return nil
    }

    /// Refuses the synchronizing literal just announced: the rest of that command is
    /// dropped and the next line is read as a new command. Returns the command's tag, if
    /// one could be read, for the `tag NO`/`BAD` reply.
    @discardableResult
    public mutating func refuseLiteral() -> Tag? {
        let frame = frames.refuseLiteral()
        return FrameDecoder.leadingTag(frame.bytes[...]).flatMap(Tag.init)
    }

    func parseOptions() -> ParseOptions {
        ParseOptions(lenient: options.lenient, utf8Accept: options.utf8Accept, maxNestingDepth: options.limits.maxNestingDepth)
    }

    mutating func decode(_ frame: IMAPFrame) throws(IMAPDecodingError) -> ClientMessage {
        var parser = ParserState(frame.bytes, options: parseOptions())
        do {
            let message = try decodeLine(&parser)
            return message
        } catch {
            var located = error
            located.frameOffset = frame.streamOffset
            if located.tag == nil && mode == .command {
                located.tag = FrameDecoder.leadingTag(frame.bytes[...])
            }
            throw located
        }
    }

    mutating func decodeLine(_ parser: inout ParserState) throws(IMAPDecodingError) -> ClientMessage {
        switch mode {
        case .idling:
            // idle            = "IDLE" CRLF "DONE"
            if parser.skipKeyword("DONE") {
                try parser.crlf()
                if parser.isAtEnd {
                    mode = .command
                    return .idleDone
                }
            }
            if !options.lenient { throw parser.error("idle", "expected DONE, found \(parser.found())") }
            parser.index = 0
        case .authenticating:
            let isCommandLike = parser.bytes.contains(ASCII.space)
            if !(options.lenient && isCommandLike) {
                // authenticate    = "AUTHENTICATE" SP auth-type [SP initial-resp] *(CRLF base64)
                if parser.peek() == ASCII.star && (parser.peek(1) == ASCII.cr || parser.peek(1) == ASCII.lf) {
                    parser.index += 1
                    try parser.crlf()
                    mode = .command
                    return .authenticationCancel
                }
                let response = try parser.base64()
                try parser.crlf()
                return .authenticationResponse(response)
            }
            mode = .command
        case .command:
            break
        }
        let command = try parser.command()
        switch command.kind {
        case .authenticate: mode = .authenticating
        case .idle: mode = .idling
        default: break
        }
        return .command(command)
    }

    /// Bytes received and not yet decoded (discard them after STARTTLS).
    public var bufferedBytes: ArraySlice<UInt8> { frames.bufferedBytes }

    /// Drops all buffered bytes, returning how many. A server must do this when it starts
    /// TLS: commands pipelined before the handshake must not be executed (CVE-2021-33515).
    @discardableResult
    public mutating func discardBufferedBytes() -> Int { frames.discardBufferedBytes() }

    /// Bytes consumed from the stream so far.
    public var streamOffset: Int { frames.streamOffset }

    /// True when a command has started but is not complete.
    public var isInsideFrame: Bool { frames.isInsideFrame }
}
