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

    /// The bytes of `response`, CRLF included. Throws when a value in it breaks its rule (see
    /// Docs/Security.md, "What the encoders guarantee"): the bytes would not read back as
    /// this one response.
    public func encode(_ response: Response) throws(IMAPValueError) -> [UInt8] {
        var writer = IMAPWriter(
            message: EncodingOptions(literalMode: .response, utf8Accept: utf8Accept, binary: binary)
        )
        writer.writeResponse(response)
        if let failure = writer.failure { throw failure }
        let bytes = writer.finishBytes()
        if writer.readBack != nil { try readBack(bytes[...], as: response, writer) }
        return bytes
    }

    /// Refuses `bytes` unless they decode as exactly `response` (see ``IMAPWriter/readBack``).
    private func readBack(
        _ bytes: ArraySlice<UInt8>,
        as response: Response,
        _ writer: IMAPWriter
    ) throws(IMAPValueError) {
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(utf8Accept: utf8Accept))
        decoder.append(bytes)
        do {
            guard let decoded = try decoder.next() else { throw writer.readBackFailure(decoded: nil, problem: nil) }
            guard decoded == response, decoder.bufferedBytes.isEmpty else {
                throw writer.readBackFailure(decoded: "\(decoded)", problem: nil)
            }
        } catch let error as IMAPDecodingError {
            throw writer.readBackFailure(decoded: nil, problem: error.description)
        } catch let error as IMAPValueError {
            throw error
        } catch {
            throw writer.readBackFailure(decoded: nil, problem: "\(error)")
        }
    }

    /// Appends the bytes of `response` to `buffer`. When it throws, `buffer` is as it was.
    public func encode(_ response: Response, into buffer: inout [UInt8]) throws(IMAPValueError) {
        var writer = IMAPWriter(
            options: EncodingOptions(literalMode: .response, utf8Accept: utf8Accept, binary: binary)
        )
        let count = buffer.count
        swap(&writer.bytes, &buffer)
        writer.writeResponse(response)
        swap(&writer.bytes, &buffer)
        if let failure = writer.failure {
            buffer.removeSubrange(count...)
            throw failure
        }
        if writer.readBack != nil {
            do {
                try readBack(buffer[count...], as: response, writer)
            } catch {
                buffer.removeSubrange(count...)
                throw error
            }
        }
    }
}
