/// The client side's encoder: writes typed commands as bytes, split where the client must
/// wait for the server's continuation request.
///
/// ```swift
/// let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
/// for chunk in encoder.encode(.command(Command(tag: Tag("A1")!, .login(user: "bob", password: "p w")))) {
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

    /// The chunks of `message`; send them in order, waiting for a continuation request
    /// after each chunk that says so.
    public func encode(_ message: ClientMessage) -> [EncodedChunk] {
        var writer = IMAPWriter(options: options)
        writer.writeClientMessage(message)
        return writer.finish()
    }

    /// The chunks of `command`.
    public func encode(_ command: Command) -> [EncodedChunk] {
        encode(.command(command))
    }
}
