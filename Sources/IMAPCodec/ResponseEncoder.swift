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
        // Written into stack scratch (the writer moves to memory of its own if the response
        // outgrows it), then copied once into an array of exactly its size.
        let result: Result<[UInt8], IMAPValueError> = withUnsafeTemporaryAllocation(
            byteCount: IMAPWriter.scratchCapacity,
            alignment: 16
        ) { scratch in
            var writer = IMAPWriter(lent: scratch, options: options)
            writer.writeResponse(response)
            if let failure = writer.failure { return .failure(failure) }
            let bytes = writer.finishBytes()
            if writer.readBack != nil {
                do throws(IMAPValueError) {
                    try readBack(bytes[...], as: response, writer)
                } catch {
                    return .failure(error)
                }
            }
            return .success(bytes)
        }
        return try result.get()
    }

    /// The options the writer gets.
    private var options: EncodingOptions {
        EncodingOptions(literalMode: .response, utf8Accept: utf8Accept, binary: binary)
    }

    /// Refuses `bytes` unless they decode as exactly `response` (see ``IMAPWriter/readBack``).
    private func readBack(
        _ bytes: ArraySlice<UInt8>,
        as response: Response,
        _ writer: IMAPWriter
    ) throws(IMAPValueError) {
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: false, utf8Accept: utf8Accept))
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
        // Written straight into the free capacity of `buffer`, all of it (grown for a typical
        // response when it has less); a response that outgrows it moves to the writer's own
        // memory and is appended from there.
        var failure: IMAPValueError?
        var outgrown: IMAPWriter?
        let lent = Swift.max(IMAPWriter.scratchCapacity, buffer.capacity &- buffer.count)
        buffer.append(addingCapacity: lent) { span in
            span.withUnsafeMutableBufferPointer { free, initialized in
                var writer = IMAPWriter(
                    lent: UnsafeMutableRawBufferPointer(
                        rebasing: UnsafeMutableRawBufferPointer(free)[initialized...]
                    ),
                    options: options
                )
                writer.writeResponse(response)
                if let error = writer.failure {
                    failure = error
                } else if writer.readBack != nil {
                    do throws(IMAPValueError) {
                        let bytes = Array(writer.written)
                        try readBack(bytes[...], as: response, writer)
                    } catch {
                        failure = error
                    }
                }
                if failure != nil { return }
                if writer.isInLentMemory {
                    initialized &+= writer.count
                } else {
                    outgrown = writer
                }
            }
        }
        if let failure { throw failure }
        if let outgrown { buffer.append(contentsOf: outgrown.written) }
    }
}
