import XCTest

@testable import IMAPCodec

final class TagGeneratorTests: XCTestCase {
    func testTagsCountUpFromThePrefix() {
        var tags = TagGenerator()
        XCTAssertEqual([tags.next(), tags.next(), tags.next()].map(\.description), ["A1", "A2", "A3"])
        XCTAssertEqual(tags.counter, 4)
        var custom = TagGenerator(prefix: "imap.", first: 99)
        XCTAssertEqual(custom?.next().description, "imap.99")
        XCTAssertEqual(custom?.next().description, "imap.100")
        var bare = TagGenerator(prefix: "")
        XCTAssertEqual(bare?.next().description, "1")
    }

    func testPrefixesThatNoTagMayHoldAreRefused() {
        for prefix in ["A B", "A+", "x(", "{1}", "é", "a\r\n", "*"] {
            XCTAssertNil(TagGenerator(prefix: prefix), prefix)
        }
    }

    func testEveryTagIsDistinctAndDecodesAsTheTagOfItsCommand() throws {
        var tags = TagGenerator(prefix: "Z", first: UInt64.max - 2)!
        var seen = Set<Tag>()
        for _ in 0..<3 {
            let tag = tags.next()
            XCTAssertTrue(seen.insert(tag).inserted)
            let bytes = try CommandEncoder().encode(Command(tag: tag, .noop)).flatMap(\.bytes)
            var decoder = CommandDecoder()
            decoder.append(bytes)
            guard case .message(.command(let command))? = try decoder.next() else { return XCTFail("\(bytes)") }
            XCTAssertEqual(command.tag, tag)
        }
        XCTAssertEqual(tags.next().description, "Z0")  // the counter wraps after 2^64 tags
    }

    /// The example in TagGenerator's documentation.
    func testTheDocumentedExample() {
        var tags = TagGenerator()
        let login = Command(tag: tags.next(), .login(user: "alice", password: "secret"))
        let select = Command(tag: tags.next(), .select(SelectCommand(mailbox: .inbox)))
        XCTAssertEqual([login.tag, select.tag].map(\.description), ["A1", "A2"])
    }
}
