import Foundation
import XCTest

@testable import IMAPCodec

/// Lists the grammar needs an element in. Most are `NonEmptyArray`: they cannot be built
/// empty, by hand (NonEmptyArrayTests), from JSON or by a decoder. The few that stay arrays
/// because lenient decoding reads them empty from real peers are refused by the encoders
/// (`.empty`, naming the field and the rule) rather than written as `()`.
final class EmptyListTests: XCTestCase {
    let tag = Tag("A1")!

    func refused(_ kind: CommandKind, field: String, rule: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try CommandEncoder().encode(Command(tag: tag, kind)), "\(kind)", file: file, line: line) {
            error in
            let error = error as? IMAPValueError
            XCTAssertEqual(error?.kind, .empty, "\(kind)", file: file, line: line)
            XCTAssertEqual(error?.field, field, file: file, line: line)
            XCTAssertEqual(error?.rule, rule, file: file, line: line)
        }
    }

    func refused(_ response: Response, field: String, rule: String, file: StaticString = #filePath, line: UInt = #line)
    {
        var buffer: [UInt8] = [1]
        XCTAssertThrowsError(
            try ResponseEncoder().encode(response, into: &buffer),
            "\(response)",
            file: file,
            line: line
        ) {
            error in
            let error = error as? IMAPValueError
            XCTAssertEqual(error?.kind, .empty, "\(response)", file: file, line: line)
            XCTAssertEqual(error?.field, field, file: file, line: line)
            XCTAssertEqual(error?.rule, rule, file: file, line: line)
        }
        XCTAssertEqual(buffer, [1], "a refused response leaves the buffer as it was", file: file, line: line)
    }

    /// The lists that stay arrays, because lenient decoding reads them empty today
    /// (`BODY[HEADER.FIELDS ()]` is in the Dovecot corpus, `FETCH 1 ()` has a quirk test;
    /// `* 1 FETCH ()`, `QUOTA "" ()` and `CHILDINFO ()` are deliberate leniencies of their
    /// parsers), are refused by the writer.
    func testCommandsRefuseEmptyLists() {
        refused(.fetch(SequenceSet(1), .list([])), field: "FETCH items", rule: "fetch")
        refused(
            .fetch(SequenceSet(1), .list([.bodySection(SectionSpec(kind: .headerFieldsNot([])))])),
            field: "HEADER.FIELDS names",
            rule: "header-list"
        )
    }

    func testResponsesRefuseEmptyLists() {
        refused(.untagged(.fetch(1, [])), field: "FETCH data items", rule: "msg-att")
        refused(.untagged(.quota(QuotaResponse(root: "", resources: []))), field: "QUOTA resources", rule: "quota-list")
        refused(
            .untagged(
                .list(MailboxListData(attributes: [], delimiter: "/", mailbox: "A", extendedItems: [.childInfo([])]))
            ),
            field: "CHILDINFO options",
            rule: "childinfo-extended-item"
        )
    }

    /// The lists that are `NonEmptyArray` cannot come out of JSON empty either.
    func testJSONRefusesEmptyNonEmptyLists() {
        let cases: [(String, (Data) throws -> Any)] = [
            (#"{"mailbox":"INBOX","attributes":[]}"#, { try JSONDecoder().decode(StatusCommand.self, from: $0) }),
            (#"{"mailbox":"","entries":[]}"#, { try JSONDecoder().decode(GetMetadataCommand.self, from: $0) }),
            (#"{"name":"X","values":[]}"#, { try JSONDecoder().decode(NamespaceExtension.self, from: $0) }),
            (#"{"enable":[]}"#, { try JSONDecoder().decode(CommandKind.self, from: $0) }),
            (#"{"addTo":[]}"#, { try JSONDecoder().decode(SearchReturnData.self, from: $0) }),
            (#"{"keys":[]}"#, { try JSONDecoder().decode(SearchProgram.self, from: $0) }),
            (#"{"mailbox":"A","messages":[]}"#, { try JSONDecoder().decode(AppendCommand.self, from: $0) }),
            (#"{"and":[]}"#, { try JSONDecoder().decode(SearchKey.self, from: $0) }),
        ]
        for (text, decode) in cases {
            XCTAssertThrowsError(try decode(Data(text.utf8)), text) { error in
                XCTAssertTrue("\(error)".contains("at least one element"), "\(text): \(error)")
            }
        }
    }

    /// Decoders build the lists from what they read; an empty one is an error, strict or
    /// lenient, where the value cannot hold it.
    func testDecodersRefuseEmptyNonEmptyLists() {
        for lenient in [false, true] {
            for line in [
                "A1 STATUS INBOX ()\r\n", "A1 LIST \"\" * RETURN (STATUS ())\r\n", "A1 SORT () UTF-8 ALL\r\n",
                "A1 GETMETADATA INBOX ()\r\n", "A1 SETMETADATA INBOX ()\r\n", "A1 LIST \"\" ()\r\n",
                "A1 CANCELUPDATE\r\n", "A1 ENABLE\r\n", "A1 SEARCH ()\r\n", "A1 SEARCH\r\n",
            ] {
                var decoder = CommandDecoder(options: .init(lenient: lenient))
                decoder.append(Array(line.utf8))
                XCTAssertThrowsError(try decoder.next(), "\(line) lenient: \(lenient)")
            }
        }
    }

    /// Real servers send some of these lists empty; lenient decoding keeps reading them
    /// (and the encoders refuse to write them back), strict decoding refuses them.
    func testLenientDecodingStillReadsEmptyListsServersSend() throws {
        func decode(_ text: String, lenient: Bool) throws -> Response? {
            var decoder = ResponseDecoder(options: .init(lenient: lenient))
            decoder.append(Array(text.utf8))
            return try decoder.next()
        }
        for text in ["* 1 FETCH ()\r\n", "* QUOTA \"\" ()\r\n", "* LIST (\\HasChildren) \"/\" A (CHILDINFO ())\r\n"] {
            XCTAssertNotNil(try decode(text, lenient: true), text)
            XCTAssertThrowsError(try decode(text, lenient: false), text)
        }
    }
}
