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
        /// With ``Options/streamLiteralsAbove`` set: an APPEND whose next message is
        /// streamed. `messages` are the complete messages before it (since the previous
        /// streamed one); `message` has the streamed message's flags and date and empty data.
        /// When `synchronizing`, send a continuation request (or refuse the literal) first.
        /// (Indirect, so that every event stays a few words to move.)
        indirect case appendStart(
            tag: Tag,
            mailbox: MailboxName,
            messages: [AppendMessage],
            message: AppendMessage,
            byteCount: Int64,
            synchronizing: Bool
        )
        /// The next bytes of the streamed message.
        case appendBytes([UInt8])
        /// The end of a streamed APPEND: the complete messages after the last streamed one.
        case appendEnd(messages: [AppendMessage])
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
        /// Stream APPEND messages of at least this many bytes instead of buffering them
        /// (``Event/appendStart(tag:mailbox:messages:message:byteCount:synchronizing:)``,
        /// ``Event/appendBytes(_:)``, ``Event/appendEnd(messages:)``). Streamed messages
        /// are not bound by ``DecodingLimits/maxLiteralSize``. Nil (the default): no streaming.
        public var streamLiteralsAbove: Int64?

        /// Creates options.
        public init(
            limits: DecodingLimits = .commands,
            lenient: Bool = true,
            utf8Accept: Bool = false,
            literalMinus: Bool = false,
            streamLiteralsAbove: Int64? = nil
        ) {
            self.limits = limits
            self.lenient = lenient
            self.utf8Accept = utf8Accept
            self.literalMinus = literalMinus
            self.streamLiteralsAbove = streamLiteralsAbove
        }
    }

    /// The options in force.
    public var options: Options {
        didSet { core.configure(options) }
    }

    /// The APPEND being streamed, if any.
    var streamingAppend: (tag: Tag, mailbox: MailboxName)?

    /// The kind of line expected next.
    public var mode: Mode = .command

    /// The frames, the fast path, offsets, re-parsing and error placement (shared with
    /// ``ResponseDecoder``).
    @usableFromInline var core: DecoderCore

    /// Creates a decoder.
    public init(options: Options = Options()) {
        self.options = options
        self.core = DecoderCore(options: options, clientToServer: true)
    }

    /// Appends bytes received from the client.
    @inlinable @inline(__always)
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        core.append(bytes)
    }

    /// Appends bytes received from the client. When nothing is buffered, a large array is
    /// adopted without copying.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        core.append(bytes)
    }

    /// The next event, or nil when more bytes are needed. Throws for a command that does
    /// not decode (it is skipped: call again for the rest).
    @inlinable
    public mutating func next() throws(IMAPDecodingError) -> Event? {
        if core.hasNothingNew() { return nil }
        return try nextFromFrames()
    }

    /// ``next()`` past its fast path.
    @usableFromInline
    mutating func nextFromFrames() throws(IMAPDecodingError) -> Event? {
        do {
            return try nextLocated()
        } catch {
            core.frameOffset = error.frameOffset
            throw error
        }
    }

    /// ``next()``, keeping ``frameOffset`` at the start of the command each event belongs
    /// to (a streamed APPEND's events all report where it began).
    mutating func nextLocated() throws(IMAPDecodingError) -> Event? {
        while let event = core.frames.next() {
            switch event {
            case .frame(let frame):
                if let streaming = streamingAppend {
                    // Parsed before the APPEND is forgotten: an error in it carries its tag.
                    defer { streamingAppend = nil }
                    return .appendEnd(messages: try appendFragmentMessages(frame, tag: streaming.tag))
                }
                core.frameOffset = frame.streamOffset
                return .message(try decode(frame))
            case .literal(let header):
                if !lineIsCommand() {
                    // A SASL response or the line that ends IDLE has no literals: `{5}` at
                    // its end is text, and the line ends with it (no continuation is due).
                    let frame = core.frames.refuseLiteral()
                    core.frameOffset = frame.streamOffset
                    return .message(try decode(frame))
                }
                if header.nonSynchronizing && options.literalMinus && header.count > 4096 {
                    streamingAppend = nil
                    throw core.frames.rejectFrame(
                        at: header,
                        IMAPDecodingError(
                            kind: .literalTooLarge,
                            rule: "literal",
                            offset: 0,
                            message: "non-synchronizing literal of \(header.count) bytes exceeds LITERAL- (4096)"
                        )
                    )
                }
                if let threshold = options.streamLiteralsAbove, header.count >= threshold {
                    if let start = appendStart() {
                        let head = core.frames.beginStreaming()
                        if streamingAppend == nil { core.frameOffset = head.streamOffset }
                        streamingAppend = (start.tag, start.mailbox)
                        return .appendStart(
                            tag: start.tag,
                            mailbox: start.mailbox,
                            messages: start.before,
                            message: start.message,
                            byteCount: header.count,
                            synchronizing: !header.nonSynchronizing
                        )
                    }
                    if let error = core.frames.checkBufferedLiteral(header) {
                        streamingAppend = nil
                        throw error
                    }
                }
                if header.nonSynchronizing { continue }
                if streamingAppend == nil { core.frameOffset = core.streamOffset }
                return .continuationRequired(header)
            case .literalBytes(let bytes):
                return .appendBytes(bytes)
            case .error(let error):
                streamingAppend = nil
                throw error
            }
        }
        return nil
    }

    /// Whether the line being framed will be read as a command, so that a literal header at
    /// its end announces a literal (``readsAsCommand(_:mode:lenient:)`` on the bytes so far).
    func lineIsCommand() -> Bool {
        Self.readsAsCommand(core.frames.currentFrameBytes, mode: mode, lenient: options.lenient)
    }

    /// Whether `line` is read as a command in `mode`: always in command mode; while
    /// authenticating or idling only when lenient decoding leaves the exchange for a line that
    /// is not part of it: one with a space (no SASL response has one) while authenticating,
    /// one not starting with the keyword `DONE` while idling. ``decodeLine(_:)`` decides by
    /// it, and so does the framing of literals, so the two never disagree.
    static func readsAsCommand<C: Collection>(_ line: C, mode: Mode, lenient: Bool) -> Bool where C.Element == UInt8 {
        switch mode {
        case .command:
            return true
        case .authenticating:
            return lenient && line.contains(ASCII.space)
        case .idling:
            guard lenient else { return false }
            let head = line.prefix(5)
            let startsWithDone =
                head.count >= 4 && ASCII.equalsCaseInsensitive(head.prefix(4), doneBytes)
                && (head.count == 4 || !CharacterClass.isAtomChar(head[head.index(head.startIndex, offsetBy: 4)]))
            return !startsWithDone
        }
    }

    static let doneBytes = Array("DONE".utf8)

    /// When the frame so far is an APPEND whose last message's literal was just announced:
    /// the command's tag and mailbox, the complete messages before it, and its options.
    mutating func appendStart() -> (tag: Tag, mailbox: MailboxName, before: [AppendMessage], message: AppendMessage)? {
        guard mode == .command,
            let synthetic = core.frameWithEmptyLiteral(
                head: streamingAppend == nil ? [] : Self.fragmentHead,
                tail: "\r\n"
            ),
            let command = core.parseSynthetic(synthetic, { parser throws(IMAPDecodingError) in try parser.command() }),
            case .append(let append) = command.kind
        else { return nil }
        var messages = append.messages.array
        if let current = streamingAppend {
            guard messages.count >= 2 else { return nil }
            messages.removeFirst()
            guard let message = messages.popLast() else { return nil }
            return (current.tag, current.mailbox, messages, message)
        }
        guard let message = messages.popLast() else { return nil }
        switch message.data {
        case .literal, .binary: return (command.tag, append.mailbox, messages, message)
        case .catenate, .utf8: return nil
        }
    }

    /// `x APPEND x {0}` CRLF: a head that makes the rest of an APPEND a whole command.
    static let fragmentHead = Array("x APPEND x {0}\r\n".utf8)

    /// The messages in `frame`, the part of an APPEND that follows a streamed message; an
    /// error in it carries the APPEND's `tag`.
    func appendFragmentMessages(_ frame: IMAPFrame, tag: Tag) throws(IMAPDecodingError) -> [AppendMessage] {
        let command = try core.parseFragment(frame, head: Self.fragmentHead, tag: tag) {
            parser throws(IMAPDecodingError) in
            try parser.command()
        }
        guard case .append(let append) = command.kind else { return [] }
        return Array(append.messages.dropFirst())
    }

    /// Refuses the synchronizing literal just announced: the rest of that command is
    /// dropped and the next line is read as a new command. Returns the command's tag, if
    /// one could be read, for the `tag NO`/`BAD` reply.
    @discardableResult
    public mutating func refuseLiteral() -> Tag? {
        if let streaming = streamingAppend {
            // A refused streamed message: the rest of the APPEND never comes.
            streamingAppend = nil
            _ = core.frames.refuseLiteral()
            return streaming.tag
        }
        let frame = core.frames.refuseLiteral()
        return FrameReader.leadingTag(frame.bytes[...])
    }

    /// Decodes one complete line in the current mode; an error carries the line's tag when
    /// it is read as a command.
    mutating func decode(_ frame: IMAPFrame) throws(IMAPDecodingError) -> ClientMessage {
        // Not through `DecoderCore.parse`: a closure around the mutating `decodeLine` cost
        // about 10 instructions a command (W4 +0.18 %).
        let tagged = mode == .command || Self.readsAsCommand(frame.bytes, mode: mode, lenient: options.lenient)
        var parser = ParserState(frame.bytes, options: core.parseOptions)
        do {
            return try decodeLine(&parser)
        } catch {
            throw DecoderCore.located(error, in: frame, tagged: tagged)
        }
    }

    mutating func decodeLine(_ parser: inout ParserState) throws(IMAPDecodingError) -> ClientMessage {
        if Self.readsAsCommand(parser.bytes, mode: mode, lenient: options.lenient) {
            // Lenient: a command while authenticating ends the exchange; one while idling
            // is read and the idle goes on until DONE.
            if mode == .authenticating { mode = .command }
        } else {
            switch mode {
            case .idling:
                // idle            = "IDLE" CRLF "DONE"
                guard parser.skipKeyword("DONE") else {
                    throw parser.error("idle", "expected DONE, found \(parser.found())")
                }
                try parser.crlf()
                guard parser.isAtEnd else { throw parser.error("idle", "expected the end of the line after DONE") }
                mode = .command
                return .idleDone
            case .authenticating:
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
            case .command:
                break
            }
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
    public var bufferedBytes: ArraySlice<UInt8> { core.bufferedBytes }

    /// Drops all buffered bytes, returning how many, and any APPEND being streamed. A server
    /// must do this when it starts TLS: commands pipelined before the handshake must not be
    /// executed (CVE-2021-33515).
    @discardableResult
    public mutating func discardBufferedBytes() -> Int {
        streamingAppend = nil
        return core.discardBufferedBytes()
    }

    /// Bytes consumed from the stream so far.
    public var streamOffset: Int { core.streamOffset }

    /// Where, in the stream, the command of the event most recently returned (or the frame
    /// of the error most recently thrown) starts; for ``Event/continuationRequired(_:)``, the
    /// command whose literal it announces. Every event of a streamed APPEND reports where the
    /// command began. Read it after ``next()``: ``streamOffset`` read before the call is not
    /// the same when the call first skips the rest of a bad frame.
    public var frameOffset: Int { core.frameOffset }

    /// True when a command has started but is not complete.
    public var isInsideFrame: Bool { core.isInsideFrame }
}

extension CommandDecoder.Options: DecoderOptions {}
