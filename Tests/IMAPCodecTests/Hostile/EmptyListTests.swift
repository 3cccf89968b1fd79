import XCTest

@testable import IMAPCodec

/// Lists the grammar needs an element in: the encoders refuse an empty one (`.empty`,
/// naming the field and the rule) rather than write `()`, which a strict decoder refuses
/// and a lenient one reads as a different value. The lists that are `NonEmptyArray` cannot
/// be built empty at all (NonEmptyArrayTests).
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

    func testCommandsRefuseEmptyLists() {
        refused(
            .status(StatusCommand(mailbox: "A", attributes: [])),
            field: "STATUS attributes",
            rule: "status-att-list"
        )
        refused(
            .list(ListCommand(reference: "", patterns: [])),
            field: "LIST patterns",
            rule: "mbox-or-pat"
        )
        refused(
            .list(ListCommand(reference: "", patterns: ["*"], returnOptions: [.status([])])),
            field: "STATUS attributes",
            rule: "status-att-list"
        )
        refused(
            .sort(SortArguments(criteria: [], keys: [.all])),
            field: "SORT criteria",
            rule: "sort-criteria"
        )
        refused(.fetch(SequenceSet(1), .list([])), field: "FETCH items", rule: "fetch")
        refused(
            .getMetadata(GetMetadataCommand(mailbox: "A", entries: [])),
            field: "GETMETADATA entries",
            rule: "entries"
        )
        refused(
            .setMetadata(SetMetadataCommand(mailbox: "A", values: [])),
            field: "METADATA values",
            rule: "entry-values"
        )
        refused(
            .append(AppendCommand(mailbox: "A", messages: [AppendMessage(data: .catenate([]))])),
            field: "CATENATE parts",
            rule: "catenate"
        )
    }

    func testResponsesRefuseEmptyLists() {
        refused(.untagged(.fetch(1, [])), field: "FETCH data items", rule: "msg-att")
        refused(.untagged(.quota(QuotaResponse(root: "", resources: []))), field: "QUOTA resources", rule: "quota-list")
        refused(
            .untagged(.metadata(MetadataResponse(mailbox: "A", body: .entries([])))),
            field: "METADATA entries",
            rule: "entry-list"
        )
        refused(
            .untagged(.metadata(MetadataResponse(mailbox: "A", body: .values([])))),
            field: "METADATA values",
            rule: "entry-values"
        )
        refused(
            .untagged(.esearch(ESearchResponse(data: [.addTo([])]))),
            field: "ESEARCH ADDTO/REMOVEFROM updates",
            rule: "ret-data-addto"
        )
        refused(
            .untagged(.esearch(ESearchResponse(data: [.removeFrom([])]))),
            field: "ESEARCH ADDTO/REMOVEFROM updates",
            rule: "ret-data-addto"
        )
        refused(
            .untagged(
                .list(MailboxListData(attributes: [], delimiter: "/", mailbox: "A", extendedItems: [.childInfo([])]))
            ),
            field: "CHILDINFO options",
            rule: "childinfo-extended-item"
        )
        let description = NamespaceDescription(
            prefix: "",
            delimiter: "/",
            extensions: [NamespaceExtension(name: "X", values: [])]
        )
        refused(
            .untagged(.namespace(NamespaceResponse(personal: [description], otherUsers: [], shared: []))),
            field: "NAMESPACE extension values",
            rule: "namespace-response-extension"
        )
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
