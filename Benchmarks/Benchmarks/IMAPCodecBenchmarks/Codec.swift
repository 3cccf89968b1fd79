import Benchmark
import IMAPCodec

/// What one pass over a workload did.
struct Counts {
    /// Frames seen: decoded values plus errors (one error per bad frame).
    var frames = 0
    /// Frames that did not decode (or values that were encoded with no output).
    var errors = 0
    /// Bytes read or written.
    var bytes = 0
}

/// Decodes a server-to-client stream fed `chunk` bytes at a time (all at once when nil).
/// Errors are counted, never fatal: the decoder skips the bad frame and continues. A piece
/// is a buffer pointer into the input, so the loop costs a few instructions a piece and the
/// figures measure the decoder.
@inline(never)
func decodeResponses(_ input: [UInt8], chunk: Int?, options: ResponseDecoder.Options = .init()) -> Counts {
    var decoder = ResponseDecoder(options: options)
    var counts = Counts(bytes: input.count)
    let step = max(1, chunk ?? input.count)
    let whole = step >= input.count
    if whole { decoder.append(input) }  // whole: the decoder adopts the array
    input.withUnsafeBufferPointer { all in
        var start = 0
        repeat {
            let end = whole ? all.count : min(all.count, start &+ step)
            if !whole { decoder.append(UnsafeBufferPointer(rebasing: all[start..<end])) }
            start = end
            while true {
                do throws(IMAPDecodingError) {
                    guard let response = try decoder.next() else { break }
                    blackHole(response)
                    counts.frames += 1
                } catch {
                    blackHole(error)
                    counts.frames += 1
                    counts.errors += 1
                }
            }
        } while start < all.count
    }
    if decoder.isInsideFrame { counts.errors += 1 }  // truncated stream
    return counts
}

/// Decodes a client-to-server stream fed `chunk` bytes at a time (all at once when nil).
/// A one-sided capture already holds the literals, so continuation requests are skipped.
@inline(never)
func decodeCommands(_ input: [UInt8], chunk: Int?, options: CommandDecoder.Options = .init()) -> Counts {
    var decoder = CommandDecoder(options: options)
    var counts = Counts(bytes: input.count)
    let step = max(1, chunk ?? input.count)
    let whole = step >= input.count
    if whole { decoder.append(input) }  // whole: the decoder adopts the array
    input.withUnsafeBufferPointer { all in
        var start = 0
        repeat {
            let end = whole ? all.count : min(all.count, start &+ step)
            if !whole { decoder.append(UnsafeBufferPointer(rebasing: all[start..<end])) }
            start = end
            while true {
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else { break }
                    if case .message(let message) = event {
                        blackHole(message)
                        counts.frames += 1
                    }
                } catch {
                    blackHole(error)
                    counts.frames += 1
                    counts.errors += 1
                }
            }
        } while start < all.count
    }
    if decoder.isInsideFrame { counts.errors += 1 }
    return counts
}

/// The responses of `input` that decode (errors dropped): the input of the encoding benchmark.
func decodedResponses(_ input: [UInt8]) -> (values: [Response], errors: Int) {
    var decoder = ResponseDecoder()
    decoder.append(input)
    var values: [Response] = []
    var errors = 0
    while true {
        do throws(IMAPDecodingError) {
            guard let response = try decoder.next() else { break }
            values.append(response)
        } catch {
            errors += 1
        }
    }
    return (values, errors)
}

/// The client messages of `input` that decode (errors dropped).
func decodedCommands(_ input: [UInt8]) -> (values: [ClientMessage], errors: Int) {
    var decoder = CommandDecoder()
    decoder.append(input)
    var values: [ClientMessage] = []
    var errors = 0
    while true {
        do throws(IMAPDecodingError) {
            guard let event = try decoder.next() else { break }
            if case .message(let message) = event { values.append(message) }
        } catch {
            errors += 1
        }
    }
    return (values, errors)
}

/// Encodes `responses` into one reused buffer.
@inline(never)
func encodeResponses(_ responses: [Response], buffer: inout [UInt8]) -> Counts {
    let encoder = ResponseEncoder()
    buffer.removeAll(keepingCapacity: true)
    var errors = 0
    for response in responses {
        do {
            try encoder.encode(response, into: &buffer)
        } catch {
            errors += 1
        }
    }
    blackHole(buffer)
    return Counts(frames: responses.count, errors: errors, bytes: buffer.count)
}

/// Encodes `messages` as a client sends them (chunks split at synchronizing literals).
@inline(never)
func encodeCommands(_ messages: [ClientMessage]) -> Counts {
    let encoder = CommandEncoder()
    var bytes = 0
    var errors = 0
    for message in messages {
        guard let chunks = try? encoder.encode(message) else {
            errors += 1
            continue
        }
        for chunk in chunks { bytes += chunk.bytes.count }
        blackHole(chunks)
    }
    return Counts(frames: messages.count, errors: errors, bytes: bytes)
}
