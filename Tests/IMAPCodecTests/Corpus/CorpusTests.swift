import Foundation
import XCTest

@testable import IMAPCodec

/// The captured sessions in Fixtures/: real Dovecot traffic with real clients, and real
/// servers' grammar violations.
final class CorpusTests: XCTestCase {
    static func files(_ folder: String, _ suffix: String) throws -> [(String, [UInt8])] {
        let directory = fixturesDirectory + "/" + folder
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .filter { $0.hasSuffix(suffix) }
            .map { ($0, try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)))) }
    }

    /// Decodes all responses of a stream: the values, and the errors.
    static func responses(_ bytes: [UInt8], lenient: Bool) -> (values: [Response], errors: [IMAPDecodingError]) {
        decodeAll(responses: bytes, options: .init(lenient: lenient))
    }

    func testEveryServerResponseDecodes() throws {
        let files = try Self.files("dovecot", ".s2c") + Self.files("quirks", ".s2c")
        XCTAssertGreaterThan(files.count, 50)
        var total = 0
        for (name, bytes) in files {
            let (values, errors) = Self.responses(bytes, lenient: true)
            XCTAssertEqual(errors, [], name)
            XCTAssertFalse(values.isEmpty, name)
            total += values.count
        }
        XCTAssertGreaterThan(total, 15_000)
    }

    func testStrictModeRejectsEveryQuirk() throws {
        // quirk-05's angle brackets inside addr-mailbox and addr-host are odd but valid
        // strings: the grammar allows them, so strict mode must accept them too.
        for (name, bytes) in try Self.files("quirks", ".s2c") where name != "quirk-05.s2c" {
            let (_, errors) = Self.responses(bytes, lenient: false)
            XCTAssertFalse(errors.isEmpty, "strict mode accepted \(name)")
            for error in errors {
                XCTAssertFalse(error.rule.isEmpty)
                XCTAssertFalse(error.message.isEmpty)
            }
        }
    }

    /// Every command the server accepted decodes; those that do not were answered BAD.
    func testEveryCommandTheServerAcceptedDecodes() throws {
        var checked = 0
        for (name, bytes) in try Self.files("dovecot", ".c2s") {
            let serverSide = try Array(
                Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/dovecot/" + name.dropLast(4) + ".s2c"))
            )
            let server = Self.responses(serverSide, lenient: true).values
            var statusByTag: [String: TaggedStatus] = [:]
            for case .tagged(let tagged) in server { statusByTag[tagged.tag.description] = tagged.status }
            var transcript = Transcript(server)
            var decoder = CommandDecoder()
            decoder.append(bytes)
            while true {
                do {
                    guard let event = try decoder.next() else { break }
                    switch event {
                    case .continuationRequired:
                        let tag = String(decoding: decoder.bufferedBytes.prefix { $0 != 0x20 }, as: UTF8.self)
                        if !transcript.acceptsLiteral(tag: tag) { decoder.refuseLiteral() }
                    case .message(.command(let command)):
                        checked += 1
                        switch command.kind {
                        case .idle, .authenticate: transcript.skipExchange(tag: command.tag.description)
                        default: break
                        }
                    case .message: checked += 1
                    case .appendStart, .appendBytes, .appendEnd: XCTFail("streaming is off")
                    }
                } catch {
                    let tag = error.tag?.description ?? ""
                    XCTAssertEqual(statusByTag[tag], .bad, "\(name): \(error) — the server did not answer BAD")
                }
            }
        }
        XCTAssertGreaterThan(checked, 6000)
    }

    /// decode → encode → decode gives equal values for every frame, both directions, except
    /// where lenient decoding kept what the grammar forbids and the encoder refuses to write
    /// it: exactly the refusals listed here.
    func testCorpusRoundTrip() throws {
        let encoder = ResponseEncoder()
        var refused: [String: Int] = [:]
        for (name, bytes) in try Self.files("dovecot", ".s2c") + Self.files("quirks", ".s2c") {
            for response in Self.responses(bytes, lenient: true).values {
                let wire: [UInt8]
                do {
                    wire = try encoder.encode(response)
                } catch {
                    refused["\(name): \(error.field)", default: 0] += 1
                    continue
                }
                XCTAssertEqual(
                    try ResponseDecoder.decode(wire),
                    response,
                    "\(name): \(String(decoding: wire, as: UTF8.self))"
                )
            }
        }
        let commandEncoder = CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing))
        for (name, bytes) in try Self.files("dovecot", ".c2s") {
            var decoder = CommandDecoder()
            decoder.append(bytes)
            while true {
                let mode = decoder.mode
                let event: CommandDecoder.Event
                do {
                    guard let next = try decoder.next() else { break }
                    event = next
                } catch {
                    continue
                }
                guard case .message(let message) = event else { continue }
                var again = CommandDecoder()
                again.mode = mode
                do {
                    again.append(try commandEncoder.encode(message).flatMap(\.bytes))
                } catch {
                    refused["\(name): \(error.field)", default: 0] += 1
                    continue
                }
                var decoded: ClientMessage? = nil
                while let e = try again.next() { if case .message(let m) = e { decoded = m } }
                XCTAssertEqual(decoded, message, name)
            }
        }
        XCTAssertEqual(
            refused,
            [
                // imaptest's `BODY[HEADER.FIELDS ()]`: Dovecot takes it, the grammar has no empty list.
                "fullsync.c2s: HEADER.FIELDS names": 1,
                // imaptest's `UNCHANGEDSINCE 18446744073709551615`: mod-sequence-valzer stops at 2^63-1.
                "fullsync.c2s: UNCHANGEDSINCE": 1,
                // Purelymail's `HIGHESTMODSEQ 0`: mod-sequence-value starts at 1.
                "quirk-41.s2c: HIGHESTMODSEQ": 1,
                // Domino's `()` for the body of a message/rfc822 part: body-type-msg needs a body.
                "quirk-09.s2c: MESSAGE part body": 1,
                "quirk-43.s2c: MESSAGE part body": 1,
                // quirk-69's MAILBOXID holds 8-bit bytes (Cyrus): lenient decoding keeps them, the
                // encoder refuses an objectid outside its charset.
                "quirk-69.s2c: STATUS MAILBOXID": 1,
                "quirk-69.s2c: MAILBOXID": 1,
                // quirk-63's negative MODSEQ, read as 0: mod-sequence-value starts at 1.
                "quirk-63.s2c: FETCH MODSEQ": 1,
                // quirk-57's message/delivery-status carrying an envelope (DBMail), read as a
                // message part: body-type-msg is only MESSAGE/RFC822 or MESSAGE/GLOBAL.
                "quirk-57.s2c: body part kind": 1,
                // Gmail's and Dovecot's multiparts without parts: body-type-mpart is 1*body.
                "quirk-11.s2c: multipart parts": 1,
                "quirk-19.s2c: multipart parts": 1,
            ]
        )
    }
}

/// The server's side of a session, to follow the continuation handshake of a one-sided
/// command stream (which synchronizing literals were refused).
struct Transcript {
    enum Step {
        case continuation
        case tagged(String)
    }
    var steps: [Step] = []
    var position = 0

    init(_ responses: [Response]) {
        for response in responses {
            switch response {
            case .continuation: steps.append(.continuation)
            case .tagged(let t): steps.append(.tagged(t.tag.description))
            case .untagged: continue
            }
        }
    }

    mutating func acceptsLiteral(tag: String) -> Bool {
        while position < steps.count {
            defer { position += 1 }
            switch steps[position] {
            case .continuation: return true
            case .tagged(let t) where t == tag: return false
            case .tagged: continue
            }
        }
        return true
    }

    mutating func skipExchange(tag: String) {
        while position < steps.count {
            defer { position += 1 }
            if case .tagged(let t) = steps[position], t == tag { return }
        }
    }
}
