import Foundation
import IMAPCodec
import XCTest

/// What the libFuzzer targets of Tests/Fuzz found, replayed through the same code paths
/// (FuzzHarness.swift is Tests/Fuzz/Harness.swift): each Fixtures/fuzz/TARGET-NAME.bin must
/// run without a trap and without a problem (a value that does not survive its round trip,
/// a decoder that stops consuming). See Docs/Fuzzing.md.
final class FuzzRegressionTests: XCTestCase {
    static let targets = ["roundtrip-responses", "roundtrip-commands", "responses", "commands", "values"]

    /// The fuzz fixtures, with the target each was found by.
    static func fixtures() throws -> [(name: String, target: String, bytes: [UInt8])] {
        let directory = fixturesDirectory + "/fuzz"
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .filter { $0.hasSuffix(".bin") }
            .map { name in
                let target = targets.first { name.hasPrefix($0 + "-") } ?? ""
                return (name, target, try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
            }
    }

    /// Runs one fixture through its target's harness.
    func replay(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard let fixture = try Self.fixtures().first(where: { $0.name == name }) else {
            return XCTFail("no Fixtures/fuzz/\(name)", file: file, line: line)
        }
        let harness = try XCTUnwrap(FuzzHarness.target(fixture.target), "no target for \(name)", file: file, line: line)
        XCTAssertEqual(harness(fixture.bytes), [], name, file: file, line: line)
    }

    func testEveryFuzzFixtureReplaysWithoutProblems() throws {
        for fixture in try Self.fixtures() {
            let harness = try XCTUnwrap(FuzzHarness.target(fixture.target), "\(fixture.name) names no target")
            XCTAssertEqual(harness(fixture.bytes), [], fixture.name)
        }
    }

    /// roundtrip-commands, 2026-11-27: an unknown FETCH item whose bracketed part held a
    /// synchronizing literal (`BOD[HEYA{0}` CRLF `DER]`) was written back verbatim under
    /// LITERAL+, so the re-decoded command asked for a continuation. Raw values now have
    /// their literals re-framed by the encoder's literal mode (`IMAPWriter.writeRaw`).
    func testSynchronizingLiteralInsideAnUnknownItem() throws {
        try replay("roundtrip-commands-raw-literal-in-unknown-item.bin")
    }

    /// roundtrip-responses, 2026-11-27, after the fix above: a literal header with leading
    /// zeros (`{061}`) in an unknown untagged response was kept as sent but written `{61}`.
    /// Raw values now hold every literal header in the writer's form.
    func testLiteralCountWithLeadingZerosInsideRawData() throws {
        try replay("roundtrip-responses-literal-count-leading-zeros.bin")
    }

    /// roundtrip-responses, 2026-11-27 (CI's 60-s run and a 10-min run): lenient decoding
    /// kept a 0 among SEARCH numbers, which the writer (nz-number only) wrote as 1. Lenient
    /// decoding now skips the 0, and a MODSEQ that follows no number, instead.
    func testZeroInSearchResult() throws {
        try replay("roundtrip-responses-zero-in-search-result.bin")
    }

    /// roundtrip-commands, 2026-11-27 (a 90-s run from the bare seeds): during AUTHENTICATE
    /// the line `d29uZ~{5}` was framed as announcing a literal8, so it swallowed the next
    /// bytes, and the response decoded as `d29uZ~{5}` alone; written back, it asked for a
    /// continuation. Outside command mode a literal header is now text that ends the line.
    func testLiteralHeaderInASASLResponse() throws {
        try replay("roundtrip-commands-literal-header-in-sasl-response.bin")
    }

    // MARK: - The harness itself

    func testChunkingKeepsEveryByte() {
        let stream = Array("* 1 FETCH (BODY[] {5}\r\nhello)\r\nA1 OK done\r\n".utf8)
        for chunking in [0, 1, 3, 7, 255] as [UInt8] {
            let input = FuzzHarness.Input([0, chunking] + stream)
            XCTAssertEqual(Array(input.pieces.joined()), stream, "chunking \(chunking)")
            if chunking > 0 { XCTAssertTrue(input.pieces.allSatisfy { $0.count <= Int(chunking) }) }
        }
    }

    func testHarnessesAcceptValidStreamsInEveryMode() {
        let responses = Array(
            "* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n* 1 FETCH (UID 7 BODY[] {11}\r\nhello world FLAGS (\\Seen))\r\n* 2 EXISTS\r\nA1 OK done\r\n"
                .utf8
        )
        let commands = Array(
            "A1 LOGIN bob {3}\r\np w\r\nA2 APPEND INBOX (\\Seen) {11+}\r\nhello world\r\nA3 IDLE\r\nDONE\r\nA4 AUTHENTICATE PLAIN\r\nAGJvYgBwdw==\r\nA5 FETCH 1:* (FLAGS)\r\n"
                .utf8
        )
        for flags in [0x00, 0x01, 0x02, 0x04, 0x08, 0x31, 0xF0] as [UInt8] {
            for chunking in [0, 1, 5] as [UInt8] {
                XCTAssertEqual(
                    FuzzHarness.responses([flags, chunking] + responses),
                    [],
                    "responses \(flags) \(chunking)"
                )
                XCTAssertEqual(
                    FuzzHarness.roundtripResponses([flags, chunking] + responses),
                    [],
                    "roundtrip-responses \(flags) \(chunking)"
                )
                XCTAssertEqual(FuzzHarness.commands([flags, chunking] + commands), [], "commands \(flags) \(chunking)")
                XCTAssertEqual(
                    FuzzHarness.roundtripCommands([flags, chunking] + commands),
                    [],
                    "roundtrip-commands \(flags) \(chunking)"
                )
            }
        }
        XCTAssertEqual(FuzzHarness.responses([]), [])
        XCTAssertEqual(FuzzHarness.commands([1]), [])
    }
}
