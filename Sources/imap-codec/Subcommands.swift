import Foundation
import IMAPCodec

/// `decode`: one line per frame.
func decodeCommand(_ input: Input, file: String?, options: Options) {
    let peer = file.flatMap { peerTranscript(of: $0, options) }
    decodeStream(
        input,
        direction: options.direction(for: file),
        strict: options.strict,
        chunk: options.chunk,
        peer: peer,
        stream: options.stream,
        json: options.json
    ) { decoded in
        switch decoded {
        case .value(let offset, let text):
            print(options.json ? "{\"offset\":\(offset),\"value\":\(text)}" : "\(offset): \(text)")
        case .note(let offset, let text):
            print(options.json ? "{\"offset\":\(offset),\"note\":\(jsonString(text))}" : "\(offset): \(text)")
        case .error(let offset, let error):
            print(options.json ? "{\"offset\":\(offset),\"error\":\(jsonError(error))}" : "\(offset): error: \(error)")
        }
    }
}

/// `check`: silent for good frames; `FILE:OFFSET: RULE: MESSAGE` for bad ones.
func checkCommand(_ options: Options) throws -> Int32 {
    var frames = 0
    var errors = 0
    var bytes = 0
    for file in options.files {
        let input = try readInput(file)
        bytes += input.count
        decodeStream(
            .bytes(input),
            direction: options.direction(for: file),
            strict: options.strict,
            peer: peerTranscript(of: file, options),
            describing: false
        ) { decoded in
            frames += 1
            if case .error(let offset, let error) = decoded {
                errors += 1
                print("\(file):\(offset): \(error.rule): \(error.message)")
            }
        }
    }
    print("frames: \(frames) errors: \(errors) bytes: \(bytes)")
    return errors == 0 ? 0 : 1
}

/// The server's side of a `.c2s` capture: the sibling `.s2c` file, when there is one.
func peerTranscript(of file: String, _ options: Options) -> [UInt8]? {
    guard options.direction(for: file) == .commands, file.hasSuffix(".c2s") else { return nil }
    return FileManager.default.contents(atPath: String(file.dropLast(4)) + ".s2c").map { Array($0) }
}

/// `roundtrip`: decode, encode, decode; counts mismatches (frames that do not decode
/// are counted apart).
func roundtripCommand(_ options: Options) throws -> Int32 {
    var frames = 0
    var undecodable = 0
    var mismatches = 0
    for file in options.files {
        let input = try readInput(file)
        roundtripStream(
            input,
            direction: options.direction(for: file),
            strict: options.strict,
            peer: peerTranscript(of: file, options)
        ) { result in
            frames += 1
            switch result {
            case .same: break
            case .undecodable: undecodable += 1
            case .mismatch(let offset, let detail):
                mismatches += 1
                print("\(file):\(offset): mismatch: \(detail)")
            }
        }
    }
    print("frames: \(frames) undecodable: \(undecodable) mismatches: \(mismatches)")
    return mismatches == 0 ? 0 : 1
}

/// `bench`: decodes the files repeatedly for at least a second (or `--rounds` times),
/// `--chunk` bytes at a time, to typed values (nothing is printed or described per frame).
func benchCommand(_ options: Options) throws -> Int32 {
    if options.encode { return try benchEncodeCommand(options) }
    var inputs: [(bytes: [UInt8], direction: Direction)] = []
    for file in options.files { inputs.append((try readInput(file), options.direction(for: file))) }
    let totalBytes = inputs.reduce(0) { $0 + $1.bytes.count }
    guard totalBytes > 0 else { throw CLIError.file("nothing to decode: the files are empty") }
    let clock = ContinuousClock()
    var rounds = 0
    var frames = 0
    var errors = 0
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        for input in inputs {
            let (f, e) = decodeOnly(
                input.bytes,
                direction: input.direction,
                strict: options.strict,
                chunk: options.chunk
            )
            frames += f
            errors += e
        }
        rounds += 1
        elapsed = clock.now - start
    } while options.rounds.map { rounds < $0 } ?? (elapsed < .seconds(1))
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let megabytes = Double(totalBytes * rounds) / 1_000_000
    print(String(format: "MB/s: %.1f frames/s: %.0f", megabytes / seconds, Double(frames) / seconds))
    if options.rounds != nil { print("rounds: \(rounds) frames: \(frames / rounds) per pass") }
    if errors > 0 { print("errors: \(errors / rounds) per pass") }
    return 0
}

/// Decodes `input` to values and drops them: (frames, errors).
func decodeOnly(_ input: [UInt8], direction: Direction, strict: Bool, chunk: Int?) -> (Int, Int) {
    var frames = 0
    var errors = 0
    let step = max(1, chunk ?? input.count)
    switch direction {
    case .responses:
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(lenient: !strict))
        let whole = step >= input.count
        if whole { decoder.append(input) }  // the decoder adopts the array
        input.withUnsafeBufferPointer { all in
            var start = 0
            repeat {
                let end = whole ? all.count : min(all.count, start &+ step)
                // A piece is a buffer pointer into the input: the loop costs a few
                // instructions a piece, so the figures measure the decoder.
                if !whole { decoder.append(UnsafeBufferPointer(rebasing: all[start..<end])) }
                start = end
                while true {
                    do throws(IMAPDecodingError) {
                        guard try decoder.next() != nil else { break }
                        frames += 1
                    } catch {
                        errors += 1
                    }
                }
            } while start < all.count
        }
    case .commands:
        var decoder = CommandDecoder(options: CommandDecoder.Options(lenient: !strict))
        let whole = step >= input.count
        if whole { decoder.append(input) }  // the decoder adopts the array
        input.withUnsafeBufferPointer { all in
            var start = 0
            repeat {
                let end = whole ? all.count : min(all.count, start &+ step)
                // A piece is a buffer pointer into the input: the loop costs a few
                // instructions a piece, so the figures measure the decoder.
                if !whole { decoder.append(UnsafeBufferPointer(rebasing: all[start..<end])) }
                start = end
                while true {
                    do throws(IMAPDecodingError) {
                        guard let event = try decoder.next() else { break }
                        if case .message = event { frames += 1 }
                    } catch {
                        errors += 1
                    }
                }
            } while start < all.count
        }
    }
    return (frames, errors)
}
