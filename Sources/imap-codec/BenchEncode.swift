import Foundation
import IMAPCodec

// `bench --encode`: the encoders' side of `bench`.

/// The decoded values of one file, encoded in the timed loop.
enum DecodedValues {
    case responses([Response])
    case commands([ClientMessage])
}

/// `bench --encode`: decodes each file once (not timed), then encodes the decoded values
/// repeatedly for at least a second (or `--rounds` times). MB/s counts the bytes written.
/// Responses are appended to one buffer reused from round to round
/// (`ResponseEncoder.encode(_:into:)`), as a server writing into its output buffer;
/// commands are encoded to their chunks (`CommandEncoder.encode(_:)`), as
/// a client sends them.
func benchEncodeCommand(_ options: Options) throws -> Int32 {
    if options.chunk != nil { throw CLIError.usage("bench --encode does not take --chunk") }
    var inputs: [DecodedValues] = []
    var undecodable = 0
    for file in options.files {
        let bytes = try readInput(file)
        let (values, errors) = decodeValues(bytes, direction: options.direction(for: file), strict: options.strict)
        inputs.append(values)
        undecodable += errors
    }
    let clock = ContinuousClock()
    var rounds = 0
    var frames = 0
    var errors = 0
    var totalBytes = 0
    var buffer: [UInt8] = []
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        for input in inputs {
            let (f, e, b) = encodeOnly(input, buffer: &buffer)
            frames += f
            errors += e
            totalBytes += b
        }
        rounds += 1
        elapsed = clock.now - start
    } while options.rounds.map { rounds < $0 } ?? (elapsed < .seconds(1))
    guard totalBytes > 0 else { throw CLIError.file("nothing to encode: no frame of the files decodes") }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let megabytes = Double(totalBytes) / 1_000_000
    print(String(format: "MB/s: %.1f frames/s: %.0f", megabytes / seconds, Double(frames) / seconds))
    if options.rounds != nil { print("rounds: \(rounds) frames: \(frames / rounds) per pass") }
    if errors > 0 { print("errors: \(errors / rounds) per pass (values the encoder refuses)") }
    if undecodable > 0 { print("undecodable: \(undecodable) frames left out") }
    return 0
}

/// Every value of `input` that decodes, and the number of frames that do not.
func decodeValues(_ input: [UInt8], direction: Direction, strict: Bool) -> (DecodedValues, Int) {
    var errors = 0
    switch direction {
    case .responses:
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: !strict))
        decoder.append(input)
        var values: [Response] = []
        while true {
            do throws(IMAPDecodingError) {
                guard let response = try decoder.next() else { break }
                values.append(response)
            } catch {
                errors += 1
            }
        }
        return (.responses(values), errors)
    case .commands:
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: !strict))
        decoder.append(input)
        var values: [ClientMessage] = []
        while true {
            do throws(IMAPDecodingError) {
                guard let event = try decoder.next() else { break }
                if case .message(let message) = event { values.append(message) }
            } catch {
                errors += 1
            }
        }
        return (.commands(values), errors)
    }
}

/// Encodes the values once: (frames, refused, bytes written).
func encodeOnly(_ input: DecodedValues, buffer: inout [UInt8]) -> (Int, Int, Int) {
    var errors = 0
    switch input {
    case .responses(let responses):
        let encoder = ResponseEncoder()
        buffer.removeAll(keepingCapacity: true)
        for response in responses {
            do throws(IMAPValueError) {
                try encoder.encode(response, into: &buffer)
            } catch {
                errors += 1
            }
        }
        return (responses.count, errors, buffer.count)
    case .commands(let messages):
        let encoder = CommandEncoder()
        var bytes = 0
        for message in messages {
            do throws(IMAPValueError) {
                for chunk in try encoder.encode(message) { bytes += chunk.bytes.count }
            } catch {
                errors += 1
            }
        }
        return (messages.count, errors, bytes)
    }
}
