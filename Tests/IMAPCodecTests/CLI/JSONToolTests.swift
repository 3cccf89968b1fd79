import Foundation
import XCTest

@testable import IMAPCodec

/// `imap-codec decode --json` and `imap-codec encode`, run as processes.
final class JSONToolTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    func run(_ arguments: [String], input: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = CommandLineToolTests.tool
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: fixturesDirectory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Standard input from a file: a pipe would fill before the tool reads it.
        let inputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("imap-codec-json-\(UInt64.random(in: 0...UInt64.max))")
        try (input ?? Data()).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The values of `decode --json` output lines.
    func values<T: Decodable>(_ output: Data, as type: T.Type) throws -> [T] {
        try output.split(separator: UInt8(ascii: "\n")).compactMap {
            try JSONDecoder().decode(JSONLine<T>.self, from: Data($0)).value
        }
    }

    func testDecodeJSONThenEncodeGivesBackTheValuesOfFixtures() throws {
        for name in ["curl", "fullsync", "imaplib", "curl-conn10", "curl-conn2"] {
            let s2c = "dovecot/\(name).s2c"
            let decoded = try run(["decode", "--json", s2c])
            XCTAssertEqual(decoded.status, 0)
            let original = decodeAll(
                responses: Array(try Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/" + s2c)))
            ).values
            XCTAssertEqual(try values(decoded.stdout, as: Response.self), original, s2c)
            let encoded = try run(["encode", "--responses", "-"], input: decoded.stdout)
            XCTAssertEqual(encoded.status, 0, encoded.stderr)
            XCTAssertEqual(decodeAll(responses: Array(encoded.stdout)).values, original, s2c)

            let c2s = "dovecot/\(name).c2s"
            let commands = try run(["decode", "--json", c2s])
            let sent = try values(commands.stdout, as: ClientMessage.self)
            XCTAssertFalse(sent.isEmpty)
            let bytes = try run(["encode", "--commands"], input: commands.stdout)
            // fullsync holds two values the encoder refuses (an empty HEADER.FIELDS list,
            // UNCHANGEDSINCE 2^64-1).
            XCTAssertEqual(bytes.status, name == "fullsync" ? 1 : 0, bytes.stderr)
            let again = decodeAll(commands: Array(bytes.stdout)).values
            if name == "fullsync" {
                XCTAssertEqual(again.count, sent.count - 2)
            } else {
                XCTAssertEqual(again, sent, c2s)
            }
        }
    }

    func testRefusedLinesNameTheLineAndTheField() throws {
        let input = """
            {"offset":0,"value":{"untagged":{"exists":3}}}
            {"value":{"tagged":{"tag":"A1","status":"ok","text":{"text":"a\\r\\n* 1 EXISTS"}}}}

            {"value":{"untagged":{"flags":["\\\\Seen","two words"]}}}
            not json
            {"offset":9,"error":{"rule":"x"}}
            {"value":{"untagged":{"other":{"keyword":"X","rest":"a\\r\\nb"}}}}
            {"value":{"untagged":{"recent":1}}}
            """
        let result = try run(["encode", "--responses"], input: Data(input.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "* 3 EXISTS\r\n* 1 RECENT\r\n")
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, result.stderr)
        XCTAssertTrue(lines[0].hasPrefix("imap-codec: line 2: value.tagged.text.text: "), result.stderr)
        XCTAssertTrue(lines[1].hasPrefix("imap-codec: line 4: value.untagged.flags[1]: "), result.stderr)
        XCTAssertTrue(lines[2].hasPrefix("imap-codec: line 5: not valid JSON"), result.stderr)
        // Refused by the encoder (IMAPValueError), with the field it names.
        XCTAssertTrue(lines[3].hasPrefix("imap-codec: line 7: value: "), result.stderr)
        XCTAssertTrue(lines[3].contains("untagged"), result.stderr)
    }

    func testBytesThatAreNotUTF8Survive() throws {
        let frame = Array("* 1 FETCH (BODY[] {4}\r\n".utf8) + [0xFF, 0xFE, 0x00, 0x80] + Array(")\r\n".utf8)
        let decoded = try run(["decode", "--json", "--responses", "-"], input: Data(frame))
        XCTAssertTrue(String(decoding: decoded.stdout, as: UTF8.self).contains(#"{"base64":"//4AgA=="}"#))
        // NUL needs a literal8: refused without BINARY, as the encoder's options say.
        let encoded = try run(["encode", "--responses"], input: decoded.stdout)
        XCTAssertEqual(encoded.status, 1)
        XCTAssertTrue(encoded.stderr.contains("line 1"), encoded.stderr)

        let eightBit = Array("* 1 FETCH (BODY[] {3}\r\n".utf8) + [0xFF, 0xC3, 0x80] + Array(")\r\n".utf8)
        let json = try run(["decode", "--json", "--responses", "-"], input: Data(eightBit))
        let bytes = try run(["encode", "--responses", "-"], input: json.stdout)
        XCTAssertEqual(bytes.status, 0, bytes.stderr)
        XCTAssertEqual(Array(bytes.stdout), eightBit)
    }

    func testEncodeUsageErrors() throws {
        for arguments in [
            ["encode", "a", "b"], ["encode", "--json"], ["encode", "--chunk", "5"], ["encode", "no-such-file"],
        ] {
            let result = try run(arguments, input: Data())
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("imap-codec: "), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(arguments)")
        }
        XCTAssertEqual(try run(["encode"], input: Data()).status, 0)
    }

    func testDecodeJSONErrorLines() throws {
        let result = try run(["decode", "--json", "hostile/literal-20-digits.s2c"])
        let first = result.stdout.split(separator: UInt8(ascii: "\n")).first.map { String(decoding: $0, as: UTF8.self) }
        XCTAssertTrue(first?.hasPrefix(#"{"offset":0,"error":{"kind":"#) == true, first ?? "")
        XCTAssertTrue(first?.contains(#""rule":"number64""#) == true, first ?? "")
    }
}

/// One line of `decode --json` output.
struct JSONLine<T: Decodable>: Decodable {
    var offset: Int
    var value: T?
}
