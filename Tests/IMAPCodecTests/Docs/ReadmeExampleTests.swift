import IMAPCodec
import XCTest

/// The README's examples, compiled and checked (public API only).
final class ReadmeExampleTests: XCTestCase {
    func testClientExample() throws {
        let encoder = CommandEncoder(capabilities: [.imap4rev1, .literalPlus])
        let login = Command(tag: Tag("A1")!, .login(user: "alice", password: "pass word"))
        let chunks = try encoder.encode(login)
        XCTAssertEqual(chunks.map { String(decoding: $0.bytes, as: UTF8.self) }, ["A1 LOGIN alice \"pass word\"\r\n"])

        var decoder = ResponseDecoder()
        decoder.append(Array("* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\nA1 OK done\r\n".utf8))
        var seen: [Response] = []
        while let response = try decoder.next() { seen.append(response) }
        XCTAssertEqual(
            seen.first,
            .untagged(.fetch(1, [.uid(7), .bodySection(SectionSpec(), origin: nil, data: "hello")]))
        )
        XCTAssertEqual(seen.count, 2)
    }

    func testServerExample() throws {
        var commands = CommandDecoder()
        commands.append(Array("A2 APPEND INBOX {11}\r\n".utf8))
        guard case .continuationRequired(let literal)? = try commands.next() else { return XCTFail() }
        XCTAssertEqual(literal.count, 11)
        let bytes = try ResponseEncoder().encode(
            .ok(Tag("A2")!, code: .appendUID(uidValidity: 1, uids: SequenceSet(42)), "APPEND done")
        )
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "A2 OK [APPENDUID 1 42] APPEND done\r\n")
        XCTAssertEqual(
            "\(Response.no(Tag("A3")!, "No mailbox \"x\r\n* 5 EXISTS\""))",
            "A3 NO No mailbox \"x  * 5 EXISTS\""
        )
    }
}
