import IMAPCodec

/// What happened to one frame in decode → encode → decode.
enum RoundtripResult {
    case same
    case undecodable
    case mismatch(offset: Int, detail: String)
}

/// Decodes every frame of a stream, encodes each value, decodes the bytes again and
/// compares the two values.
func roundtripStream(
    _ input: [UInt8],
    direction: Direction,
    strict: Bool,
    peer: [UInt8]?,
    _ body: (RoundtripResult) -> Void
) {
    switch direction {
    case .responses:
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: !strict))
        let encoder = ResponseEncoder()
        decoder.append(input)
        while true {
            do throws(IMAPDecodingError) {
                guard let response = try decoder.next() else { break }
                let offset = decoder.frameOffset
                let bytes: [UInt8]
                do throws(IMAPValueError) {
                    bytes = try encoder.encode(response)
                } catch {
                    body(.mismatch(offset: offset, detail: "the encoder refuses the decoded value: \(error)"))
                    continue
                }
                do throws(IMAPDecodingError) {
                    let again = try ResponseDecoder.decode(bytes, options: ResponseDecoder.Options(lenient: !strict))
                    body(again == response ? .same : .mismatch(offset: offset, detail: escape(bytes)))
                } catch {
                    body(
                        .mismatch(
                            offset: offset,
                            detail: "re-encoded bytes do not decode: \(error) in \(escape(bytes))"
                        )
                    )
                }
            } catch {
                body(.undecodable)
            }
        }
    case .commands:
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: !strict))
        var server = PeerTranscript(peer)
        let encoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
        decoder.append(input)
        while true {
            let mode = decoder.mode
            do throws(IMAPDecodingError) {
                guard let event = try decoder.next() else { break }
                let offset = decoder.frameOffset
                switch event {
                case .continuationRequired:
                    if !server.acceptsLiteral(tag: leadingTag(decoder.bufferedBytes)) {
                        decoder.refuseLiteral()
                        body(.undecodable)
                    }
                case .appendStart, .appendBytes, .appendEnd:
                    break  // no streaming here
                case .message(let message):
                    if case .command(let command) = message {
                        switch command.kind {
                        case .authenticate, .idle: server.skipExchange(tag: command.tag.description)
                        default: break
                        }
                    }
                    let bytes: [UInt8]
                    do throws(IMAPValueError) {
                        bytes = try encoder.encode(message).flatMap(\.bytes)
                    } catch {
                        body(.mismatch(offset: offset, detail: "the encoder refuses the decoded value: \(error)"))
                        continue
                    }
                    var second = CommandDecoder(options: CommandDecoder.Options(lenient: !strict))
                    second.mode = mode
                    second.append(bytes)
                    do throws(IMAPDecodingError) {
                        var again: ClientMessage? = nil
                        while let event = try second.next() {
                            if case .message(let m) = event { again = m }
                        }
                        body(again == message ? .same : .mismatch(offset: offset, detail: escape(bytes)))
                    } catch {
                        body(
                            .mismatch(
                                offset: offset,
                                detail: "re-encoded bytes do not decode: \(error) in \(escape(bytes))"
                            )
                        )
                    }
                }
            } catch {
                body(.undecodable)
            }
        }
    }
}
