import Foundation
import XCTest

@testable import IMAPCodec

final class RecoveryAndMutationTests: XCTestCase {
    static func read(_ path: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/" + path)))
    }

    static func allResponses(_ bytes: [UInt8], lenient: Bool = true) -> (values: [Response], errors: Int) {
        var decoder = ResponseDecoder(options: .init(lenient: lenient))
        decoder.append(bytes)
        var values: [Response] = []
        var errors = 0
        while true {
            do {
                guard let r = try decoder.next() else { break }
                values.append(r)
            } catch {
                errors += 1
            }
        }
        return (values, errors)
    }

    static func allCommands(_ bytes: [UInt8], lenient: Bool = true) -> (values: [ClientMessage], errors: Int) {
        var decoder = CommandDecoder(options: .init(lenient: lenient))
        decoder.append(bytes)
        var values: [ClientMessage] = []
        var errors = 0
        while true {
            do {
                guard let event = try decoder.next() else { break }
                if case .message(let m) = event { values.append(m) }
            } catch {
                errors += 1
            }
        }
        return (values, errors)
    }

    /// Each hostile input between two valid sessions: the session after it decodes whole.
    func testEveryValidFrameAfterABadOneDecodes() throws {
        let responsesAfter = try Self.read("dovecot/curl-conn14.s2c")
        // The first complete lines of a client session (cut at a line end).
        let client = try Self.read("dovecot/imapclient.c2s")
        let cut = client.prefix(2000).lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let commandsAfter = Array(client[..<cut])
        let expectedResponses = Self.allResponses(responsesAfter).values
        let expectedCommands = Self.allCommands(commandsAfter).values
        XCTAssertFalse(expectedResponses.isEmpty)
        XCTAssertFalse(expectedCommands.isEmpty)
        let skip: Set<String> = [
            // Announce literals bigger than what follows: they rightly swallow the rest.
            "literal-2pow32.s2c", "literal-2gib-then-eof.s2c",
        ]
        let names = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory + "/hostile").sorted()
        for name in names where !skip.contains(name) {
            let hostile = try Self.read("hostile/" + name)
            let before = try Self.read("dovecot/curl-conn2.s2c")
            if name.hasSuffix(".s2c") {
                // The hostile bytes end at a line end the decoder can be sure of.
                let stream = before + hostile + Array("\r\n".utf8) + responsesAfter
                let values = Self.allResponses(stream).values
                XCTAssertEqual(Array(values.suffix(expectedResponses.count)), expectedResponses, name)
            } else {
                let stream = hostile + Array("\r\n".utf8) + commandsAfter
                let values = Self.allCommands(stream).values
                XCTAssertEqual(Array(values.suffix(expectedCommands.count)), expectedCommands, name)
            }
        }
    }

    /// Deterministic mutations of every fixture (byte flips, truncations, duplications,
    /// splices, changed literal counts): decoders return values or errors, never trap, and
    /// what they return re-encodes and decodes to the same value.
    func testMutatedFixturesDecodeOrFailCleanly() throws {
        var rng = SeededGenerator(seed: 20261126)
        var sources: [(name: String, bytes: [UInt8])] = []
        for folder in ["dovecot", "quirks"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory + "/" + folder).sorted()
            where name.hasSuffix(".s2c") || name.hasSuffix(".c2s") {
                let bytes = try Self.read(folder + "/" + name)
                // A window of at most 4 KB keeps each mutation cheap.
                let start = bytes.count > 4096 ? Int.random(in: 0..<(bytes.count - 4096), using: &rng) : 0
                sources.append((name, Array(bytes[start..<min(bytes.count, start + 4096)])))
            }
        }
        let encoder = ResponseEncoder()
        let commandEncoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
        var decodedValues = 0
        for round in 0..<3000 {
            let source = sources[round % sources.count]
            let other = sources[Int.random(in: 0..<sources.count, using: &rng)].bytes
            let mutated = Self.mutate(source.bytes, splice: other, using: &rng)
            let lenient = round % 3 != 0
            if source.name.hasSuffix(".s2c") {
                for response in Self.allResponses(mutated, lenient: lenient).values {
                    decodedValues += 1
                    guard let wire = try? encoder.encode(response) else { continue }  // refused: not written
                    XCTAssertEqual(
                        try ResponseDecoder.decode(wire, options: .init(lenient: lenient)),
                        response,
                        "\(source.name) round \(round): \(ASCII.escaped(wire.prefix(200)))"
                    )
                }
            } else {
                var decoder = CommandDecoder(options: .init(lenient: lenient))
                decoder.append(mutated)
                while true {
                    let mode = decoder.mode
                    let message: ClientMessage
                    do {
                        guard let event = try decoder.next() else { break }
                        guard case .message(let m) = event else { continue }
                        message = m
                    } catch {
                        continue
                    }
                    decodedValues += 1
                    var again = CommandDecoder(options: .init(lenient: lenient))
                    again.mode = mode
                    guard let chunks = try? commandEncoder.encode(message) else { continue }  // refused
                    again.append(chunks.flatMap(\.bytes))
                    var decoded: ClientMessage? = nil
                    while let e = try again.next() { if case .message(let m) = e { decoded = m } }
                    XCTAssertEqual(decoded, message, "\(source.name) round \(round)")
                }
            }
        }
        XCTAssertGreaterThan(decodedValues, 10_000)
    }

    static func mutate(_ input: [UInt8], splice: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return bytes }
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0...6, using: &rng) {
            case 0:  // flip a byte
                bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
            case 1:  // set a byte to an IMAP special
                bytes[i] =
                    [0x28, 0x29, 0x7B, 0x7D, 0x22, 0x5C, 0x20, 0x0D, 0x0A, 0x00, 0x2A, 0x5B, 0x5D][
                        Int.random(in: 0..<13, using: &rng)
                    ]
            case 2:  // truncate
                bytes.removeSubrange(i...)
            case 3:  // duplicate a run
                let end = min(bytes.count, i + Int.random(in: 1...64, using: &rng))
                bytes.insert(contentsOf: bytes[i..<end], at: i)
            case 4:  // splice in a piece of another fixture
                guard !splice.isEmpty else { break }
                let s = Int.random(in: 0..<splice.count, using: &rng)
                bytes.insert(contentsOf: splice[s..<min(splice.count, s + Int.random(in: 1...200, using: &rng))], at: i)
            case 5:  // change a literal count
                if let brace = bytes[i...].firstIndex(of: 0x7B), brace + 1 < bytes.count,
                    ASCII.isDigit(bytes[brace + 1])
                {
                    let counts = ["0", "1", "99999999999", "18446744073709551616", "4096"]
                    var end = brace + 1
                    while end < bytes.count, ASCII.isDigit(bytes[end]) { end += 1 }
                    bytes.replaceSubrange(
                        (brace + 1)..<end,
                        with: Array(counts[Int.random(in: 0..<counts.count, using: &rng)].utf8)
                    )
                }
            default:  // delete a run
                let end = min(bytes.count, i + Int.random(in: 1...16, using: &rng))
                bytes.removeSubrange(i..<end)
            }
            if bytes.isEmpty { break }
        }
        return bytes
    }
}
