import Foundation
import XCTest

/// The `imap-codec` tool, run as a process (the test target depends on it, so it is built
/// next to the test bundle).
final class CommandLineToolTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [Substring] { stdout.split(separator: "\n") }
    }

    /// The tool in the build directory: next to the test bundle on Linux (where
    /// `Bundle(for:)` is that directory), or next to the `.xctest` bundle on macOS.
    static let tool: URL = {
        let bundle = Bundle(for: CommandLineToolTests.self).bundleURL
        var candidates = [bundle, bundle.deletingLastPathComponent()]
        if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
        let found = candidates.map { $0.appendingPathComponent("imap-codec") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return found ?? bundle.appendingPathComponent("imap-codec")
    }()

    func run(_ arguments: String...) throws -> Run { try run(arguments) }

    func testToolIsBuilt() {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.tool.path), Self.tool.path)
    }

    func testDecodeShowsTheFrameAfterABadOneAtItsOwnOffset() throws {
        let result = try run("decode", "hostile/literal-20-digits.s2c")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.lines.count, 2, result.stdout)
        XCTAssertTrue(result.lines.first?.hasPrefix("0: error: number64") == true, result.stdout)
        XCTAssertTrue(result.lines.last?.hasPrefix("42: Response.tagged(") == true, result.stdout)
    }

    func testDecodeAndCheckAgreeOnACaptureWithRefusedLiterals() throws {
        // fullsync.s2c refuses literals of fullsync.c2s; both subcommands read it.
        let check = try run("check", "--commands", "dovecot/fullsync.c2s")
        let decode = try run("decode", "--commands", "dovecot/fullsync.c2s")
        let checkErrors = check.lines.dropLast().count
        XCTAssertGreaterThan(checkErrors, 0)
        XCTAssertEqual(check.lines.last.map(String.init), "frames: 339 errors: \(checkErrors) bytes: 19143")
        XCTAssertEqual(decode.lines.filter { $0.contains(": error: ") }.count, checkErrors)
        XCTAssertEqual(decode.lines.filter { $0.contains("literal refused by the server") }.count, 1)
    }

    func testDirectionFollowsTheFileNameUnlessGiven() throws {
        let inferred = try run("check", "dovecot/curl.c2s")
        XCTAssertEqual(inferred.status, 0, inferred.stdout)
        XCTAssertEqual(inferred.lines.last.map(String.init), "frames: 4 errors: 0 bytes: 96")
        let forced = try run("check", "--responses", "dovecot/curl.c2s")
        XCTAssertEqual(forced.status, 1)
        XCTAssertEqual(forced.lines.count, 5, forced.stdout)
        for line in forced.lines.dropLast() {
            XCTAssertTrue(line.hasPrefix("dovecot/curl.c2s:"), String(line))
            XCTAssertEqual(line.split(separator: ":").count >= 4, true, String(line))
        }
    }

    func testUsageErrorsAndHelp() throws {
        let help = try run("decode", "--help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: imap-codec decode"))
        for arguments in [
            ["decode", "dovecot"], ["check", "--json", "dovecot/curl.s2c"], ["decode", "--stream", "0"],
            ["decode", "dovecot/curl.s2c", "dovecot/curl.c2s"], ["decode", "--bogus"], ["frob"],
            ["check", "no-such-file"],
        ] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("imap-codec: "), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
        }
    }

    func testStreamSizeAndChunkOptions() throws {
        let whole = try run("decode", "dovecot/curl.s2c")
        let chunked = try run("decode", "--chunk", "3", "dovecot/curl.s2c")
        XCTAssertEqual(whole.status, 0)
        XCTAssertEqual(chunked.stdout, whole.stdout)
        let streamed = try run("decode", "--stream", "1", "dovecot/fetchmail.s2c")
        XCTAssertEqual(streamed.status, 0)
        XCTAssertTrue(streamed.stdout.contains("stream start: FETCH"), streamed.stdout)
    }

    /// `bench --rounds N` decodes exactly N times (a fixed amount of work, for instruction
    /// counts) and says how many frames one pass decoded: as many as `check` finds, in
    /// whole files and in small pieces.
    func testBenchRounds() throws {
        let check = try run("check", "dovecot/curl.s2c")
        let checked = try XCTUnwrap(check.stdout.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        XCTAssertGreaterThan(checked, 0)
        for arguments in [["bench", "--rounds", "3"], ["bench", "--rounds", "2", "--chunk", "7"]] {
            let result = try run(arguments + ["dovecot/curl.s2c"])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.hasPrefix("MB/s: "), result.stdout)
            XCTAssertTrue(result.stdout.contains("rounds: \(arguments[2]) frames: \(checked) per pass"), result.stdout)
        }
        XCTAssertEqual(try run("bench", "--rounds", "0", "dovecot/curl.s2c").status, 2)
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.tool
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: fixturesDirectory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}
