/// The server side's encoder: writes typed ``Response`` values as bytes.
///
/// String forms are chosen from the bytes (atom, quoted string or literal); literals in
/// responses never wait for a continuation.
public struct ResponseEncoder: Sendable {
    /// UTF8=ACCEPT is enabled: mailbox names and quoted strings may be UTF-8.
    public var utf8Accept: Bool
    /// The client enabled BINARY: strings holding NUL may be sent as literal8.
    public var binary: Bool

    /// Creates an encoder.
    public init(utf8Accept: Bool = false, binary: Bool = false) {
        self.utf8Accept = utf8Accept
        self.binary = binary
    }

    /// The bytes of `response`, CRLF included.
    public func encode(_ response: Response) -> [UInt8] {
        var writer = IMAPWriter(
            message: EncodingOptions(literalMode: .response, utf8Accept: utf8Accept, binary: binary)
        )
        writer.writeResponse(response)
        return writer.finishBytes()
    }

    /// Appends the bytes of `response` to `buffer`.
    public func encode(_ response: Response, into buffer: inout [UInt8]) {
        var writer = IMAPWriter(
            options: EncodingOptions(literalMode: .response, utf8Accept: utf8Accept, binary: binary)
        )
        swap(&writer.bytes, &buffer)
        writer.writeResponse(response)
        swap(&writer.bytes, &buffer)
    }
}
