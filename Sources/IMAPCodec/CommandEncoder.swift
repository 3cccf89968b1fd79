/// The client side's encoder: writes typed commands as bytes, split where the client must
/// wait for the server's continuation request.
///
/// ```swift
/// let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
/// for chunk in try encoder.encode(.command(Command(tag: Tag("A1")!, .login(user: "bob", password: "p w")))) {
///     socket.write(chunk.bytes)
///     if chunk.waitForContinuation { await server's "+ ..." }
/// }
/// ```
///
/// Every string is written in the form its bytes need (atom, quoted, literal); mailbox
/// names are modified UTF-7, or UTF-8 once UTF8=ACCEPT is enabled. Literals follow
/// ``EncodingOptions/literalMode``: synchronizing literals end a chunk with
/// ``EncodedChunk/waitForContinuation`` set; LITERAL+ makes every literal non-synchronizing;
/// LITERAL- (and IMAP4rev2) only those up to 4096 bytes.
public struct CommandEncoder: Sendable {
    /// How strings and literals are written.
    public var options: EncodingOptions

    /// Creates an encoder.
    public init(options: EncodingOptions = EncodingOptions()) {
        self.options = options
    }

    /// Creates an encoder that writes what the server's `capabilities` allow: LITERAL+
    /// makes every literal non-synchronizing; LITERAL- or IMAP4rev2 those up to 4096
    /// bytes; otherwise literals are synchronizing. BINARY allows literal8 for strings
    /// holding NUL. `enabled` are the extensions ENABLE turned on: with UTF8=ACCEPT,
    /// mailbox names and quoted strings are written as UTF-8.
    public init(capabilities: [Capability], enabled: [Capability] = []) {
        let mode: LiteralMode
        if capabilities.contains(.literalPlus) {
            mode = .nonSynchronizing
        } else if capabilities.contains(.literalMinus) || capabilities.contains(.imap4rev2) {
            mode = .literalMinus
        } else {
            mode = .synchronizing
        }
        self.options = EncodingOptions(
            literalMode: mode,
            utf8Accept: enabled.contains(.utf8Accept),
            binary: capabilities.contains(.binary)
        )
    }

    /// The chunks of `message`; send them in order, waiting for a continuation request
    /// after each chunk that says so. Throws when a value in it breaks its rule (see
    /// Docs/Security.md, "What the encoders guarantee"): the bytes would not read back as
    /// this one command.
    public func encode(_ message: ClientMessage) throws(IMAPValueError) -> [EncodedChunk] {
        // Written into stack scratch (the writer moves to memory of its own if the command
        // outgrows it); each chunk is copied once into an array of exactly its size.
        let result: Result<[EncodedChunk], IMAPValueError> = withUnsafeTemporaryAllocation(
            byteCount: IMAPWriter.scratchCapacity,
            alignment: 16
        ) { scratch in
            var writer = IMAPWriter(lent: scratch, options: options)
            writer.writeClientMessage(message)
            if let failure = writer.failure { return .failure(failure) }
            let chunks = writer.finish()
            if writer.readBack != nil {
                do throws(IMAPValueError) {
                    try readBack(chunks, as: message, writer)
                } catch {
                    return .failure(error)
                }
            }
            return .success(chunks)
        }
        return try result.get()
    }

    /// Refuses `chunks` unless they decode as exactly `message` (see ``IMAPWriter/readBack``).
    private func readBack(
        _ chunks: [EncodedChunk],
        as message: ClientMessage,
        _ writer: IMAPWriter
    )
        throws(IMAPValueError)
    {
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: false, utf8Accept: options.utf8Accept))
        for chunk in chunks { decoder.append(chunk.bytes) }
        do {
            while let event = try decoder.next() {
                guard case .message(let decoded) = event else { continue }  // a literal's handshake
                guard decoded == message, decoder.bufferedBytes.isEmpty else {
                    throw writer.readBackFailure(decoded: "\(decoded)", problem: nil)
                }
                return
            }
            throw writer.readBackFailure(decoded: nil, problem: nil)
        } catch let error as IMAPDecodingError {
            throw writer.readBackFailure(decoded: nil, problem: error.description)
        } catch let error as IMAPValueError {
            throw error
        } catch {
            throw writer.readBackFailure(decoded: nil, problem: "\(error)")
        }
    }

    /// The chunks of `command`.
    public func encode(_ command: Command) throws(IMAPValueError) -> [EncodedChunk] {
        try encode(.command(command))
    }
}
