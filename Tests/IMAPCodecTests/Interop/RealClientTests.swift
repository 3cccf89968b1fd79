import Foundation
import XCTest

@testable import IMAPCodec

/// Real IMAP clients against ``TestIMAPServer`` (a server built on the codec) on loopback:
/// Python's standard imaplib (`Tests/Interop/imaplib_client.py`, which asserts on its own
/// side) and curl's imap:// support (asserted here on curl's output and exit status).
/// Skipped when python3 or curl is not installed (`.ci/run` installs both).
final class RealClientTests: XCTestCase {
    /// The repository root, from this file's path (`Tests/IMAPCodecTests/Interop/...`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var seconds: Double
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var log: String { "exit \(status)\n--- stdout\n\(text)\n--- stderr\n\(stderr)" }
    }

    /// The first executable called `name` on PATH.
    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    func tool(_ name: String) throws -> URL {
        guard let url = Self.executable(name) else { throw XCTSkip("\(name) is not installed (.ci/run installs it)") }
        return url
    }

    /// Runs a program from the repository root, output in temporary files (no pipe
    /// deadlocks), killed after `timeout` seconds.
    func run(_ executable: URL, _ arguments: [String], timeout: Double = 60) throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "real-client-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Self.repositoryRoot
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        let start = Date()
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            done.wait()
            XCTFail("\(executable.lastPathComponent) \(arguments) timed out after \(timeout)s")
        }
        return Run(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: out),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            seconds: Date().timeIntervalSince(start)
        )
    }

    func startServer(_ options: TestIMAPServer.Options = .init()) throws -> TestIMAPServer {
        let server = try TestIMAPServer(options: options)
        addTeardownBlock { server.stop() }
        return server
    }

    /// The server reads with ``DecodingLimits/commandsBeforeAuthentication`` until LOGIN
    /// succeeds, then with ``DecodingLimits/commands``: a literal too large for a LOGIN is
    /// refused before, and the same size is accepted in an APPEND after.
    func testLimitsSwitchAtLogin() throws {
        let server = try startServer()
        let client = try IMAPTestClient(port: server.port)
        _ = try client.greeting()
        try client.write(Array("P1 LOGIN test {5000}\r\n".utf8))
        guard case .tagged(let refused) = try client.read() else { return XCTFail("\(client.log)") }
        XCTAssertEqual(refused.tag, Tag("P1"))
        XCTAssertEqual(refused.status, .bad)
        XCTAssertTrue(refused.text.text.stringValue.contains("4096"), "\(refused)")
        let long = "P2 NOOP " + String(repeating: "x", count: 20_000) + "\r\n"
        try client.write(Array(long.utf8))
        guard case .tagged(let tooLong) = try client.read() else { return XCTFail("\(client.log)") }
        XCTAssertEqual(tooLong.status, .bad)
        XCTAssertTrue(try client.run(.login(user: "test", password: "pass")).isOK)
        let message = ByteString(Array(("Subject: big\r\n\r\n" + String(repeating: "y", count: 5000)).utf8))
        let append = try client.run(
            .append(
                AppendCommand(
                    mailbox: MailboxName("INBOX"),
                    messages: NonEmptyArray(AppendMessage(data: .literal(message)))
                )
            )
        )
        XCTAssertTrue(append.isOK, "\(append)")
        XCTAssertEqual(append.continuations.count, 1)
    }

    // MARK: imaplib

    func runImaplib(literalPlus: Bool) throws {
        let python = try tool("python3")
        let server = try startServer(.init(literalPlus: literalPlus))
        let result = try run(
            python,
            ["Tests/Interop/imaplib_client.py", "\(server.port)"] + (literalPlus ? ["--literal-plus"] : [])
        )
        XCTAssertEqual(result.status, 0, result.log)
        XCTAssertTrue(result.text.contains("imaplib: all steps passed"), result.log)
        print(
            "imaplib session (LITERAL+ \(literalPlus ? "advertised" : "not advertised")): \(String(format: "%.2f", result.seconds)) s"
        )
    }

    /// LOGIN, LIST/LSUB/STATUS, EXAMINE, SELECT, FETCH (attributes, header fields, header,
    /// text, partial, BODY[] setting \Seen), APPEND with a synchronizing literal, a refused
    /// literal, SEARCH, STORE, IDLE with an EXISTS pushed by a second client, BAD replies,
    /// EXPUNGE, CLOSE, LOGOUT, and a failed LOGIN: all asserted by the script.
    func testImaplibSession() throws {
        try runImaplib(literalPlus: false)
    }

    /// The same session with LITERAL+ advertised, plus an APPEND with a `{n+}` literal that
    /// must get no continuation request.
    func testImaplibSessionWithLiteralPlus() throws {
        try runImaplib(literalPlus: true)
    }

    // MARK: curl

    func testCurl() throws {
        let curlTool = try tool("curl")
        let server = try startServer()
        let base = "imap://127.0.0.1:\(server.port)"
        let seeds = TestMailbox.seedMessages.map { Data($0.utf8) }
        var total = 0.0
        func curl(_ arguments: [String], user: String = "test:pass") throws -> Run {
            let result = try run(curlTool, ["-sS", "-v", "--max-time", "20", "--user", user] + arguments)
            total += result.seconds
            return result
        }
        func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

        // LIST (curl sends LIST "" * for a URL without a mailbox).
        var r = try curl(["\(base)/"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(
            r.text,
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
                + "* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\n",
            r.log
        )

        // LIST with the non-ASCII mailbox as the reference.
        r = try curl(["\(base)/Entw%26APw-rfe"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\n", r.log)

        // SELECT + UID FETCH BODY[]: the exact message bytes.
        r = try curl(["\(base)/INBOX;UID=1"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.stdout, seeds[0], r.log)

        // BODY[HEADER] and BODY[TEXT].
        r = try curl(["\(base)/INBOX;UID=2;SECTION=HEADER"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(text(r.stdout), String(text(seeds[1]).split(separator: "\r\n\r\n")[0]) + "\r\n\r\n", r.log)
        r = try curl(["\(base)/INBOX;UID=3;SECTION=TEXT"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "The numbers are in the attachment (not really).\r\n", r.log)

        // Partial fetches, one short enough to hold no CRLF: curl reads FETCH data only as a
        // literal, and ResponseEncoder always sends message data as one.
        for length in [20, 50] {
            r = try curl(["\(base)/INBOX;UID=1;PARTIAL=0.\(length)"])
            XCTAssertEqual(r.status, 0, r.log)
            XCTAssertEqual(r.stdout, seeds[0].prefix(length), r.log)
        }

        // FETCH by sequence number of HEADER.FIELDS (curl's MAILINDEX).
        r = try curl(["\(base)/INBOX;MAILINDEX=2;SECTION=HEADER.FIELDS%20(SUBJECT)"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "Subject: Lunch on Friday?\r\n\tfolded continuation\r\n\r\n", r.log)

        // SEARCH, as a custom command and as a URL query.
        r = try curl(["-X", "SEARCH SUBJECT lunch", "\(base)/INBOX"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "* SEARCH 2\r\n", r.log)
        r = try curl(["\(base)/INBOX?OR%20FROM%20bob%20SUBJECT%20report"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "* SEARCH 2 3\r\n", r.log)

        // APPEND (curl uploads with a synchronizing literal), then fetch it back.
        let upload = FileManager.default.temporaryDirectory.appendingPathComponent(
            "curl-upload-\(UUID().uuidString).eml"
        )
        let message = Data(
            "From: curl <curl@example.org>\r\nTo: test@example.org\r\nSubject: Uploaded by curl\r\n\r\nHi from curl.\r\n"
                .utf8
        )
        try message.write(to: upload)
        defer { try? FileManager.default.removeItem(at: upload) }
        r = try curl(["-T", upload.path, "\(base)/INBOX"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertTrue(r.stderr.contains("< + Ready for literal data"), r.log)
        XCTAssertTrue(r.stderr.contains("OK [APPENDUID 1700000000 4] APPEND completed"), r.log)
        r = try curl(["\(base)/INBOX;UID=4"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.stdout, message, r.log)

        // STORE, and SEARCH seeing its effect.
        r = try curl(["-X", "STORE 1 +FLAGS (\\Flagged)", "\(base)/INBOX"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n", r.log)
        r = try curl(["-X", "SEARCH FLAGGED", "\(base)/INBOX"])
        XCTAssertEqual(r.status, 0, r.log)
        XCTAssertEqual(r.text, "* SEARCH 1\r\n", r.log)

        // Failures: wrong password (CURLE_LOGIN_DENIED), unknown mailbox, unknown UID.
        r = try curl(["\(base)/"], user: "test:wrong")
        XCTAssertEqual(r.status, 67, r.log)
        XCTAssertTrue(r.stderr.contains("NO [AUTHENTICATIONFAILED]"), r.log)
        r = try curl(["\(base)/Nope;UID=1"])
        XCTAssertEqual(r.status, 67, r.log)  // curl reports a failed SELECT as CURLE_LOGIN_DENIED
        XCTAssertTrue(r.stderr.contains("NO [NONEXISTENT]"), r.log)
        r = try curl(["\(base)/INBOX;UID=99"])
        XCTAssertEqual(r.status, 78, r.log)  // CURLE_REMOTE_FILE_NOT_FOUND: OK without FETCH data
        XCTAssertEqual(r.text, "", r.log)

        // BAD for an unknown command and for one the decoder rejects (CURLE_QUOTE_ERROR).
        r = try curl(["-X", "FROBNICATE", "\(base)/INBOX"])
        XCTAssertEqual(r.status, 21, r.log)
        XCTAssertTrue(r.stderr.contains("< A004 BAD "), r.log)
        r = try curl(["-X", "FETCH x FLAGS", "\(base)/INBOX"])
        XCTAssertEqual(r.status, 21, r.log)
        XCTAssertTrue(r.stderr.contains("< A004 BAD seq-number: expected a number"), r.log)
        print("curl: 19 invocations in \(String(format: "%.2f", total)) s")
    }
}
