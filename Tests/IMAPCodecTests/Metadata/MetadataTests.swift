import XCTest

@testable import IMAPCodec

private func metadata(_ s: inout ParserState) throws(IMAPDecodingError) -> MetadataResponse { try s.metadataResp() }
private func getmetadata(_ s: inout ParserState) throws(IMAPDecodingError) -> GetMetadataCommand {
    try s.getmetadataArguments()
}
private func setmetadata(_ s: inout ParserState) throws(IMAPDecodingError) -> SetMetadataCommand {
    try s.setmetadataArguments()
}

final class MetadataTests: XCTestCase {
    func testDovecot() throws {
        let note = "This is a note\r\nthat spans two lines, ok"
        var r = try parse(
            #""" (/shared/comment NIL /shared/admin NIL /private/vendor/imapcorp/note {"#
                + "\(note.utf8.count)}\r\n\(note))",
            metadata
        )
        XCTAssertEqual(r.mailbox.bytes, "")
        XCTAssertEqual(
            r.body,
            .values(
                NonEmptyArray(
                    MetadataEntryValue(entry: "/shared/comment", value: nil),
                    MetadataEntryValue(entry: "/shared/admin", value: nil),
                    MetadataEntryValue(entry: "/private/vendor/imapcorp/note", value: ByteString(note))
                )
            )
        )
        r = try parse("INBOX (/private/vendor/imapcorp/color {7}\r\n#ff0000)", metadata)
        XCTAssertEqual(
            r.body,
            .values(NonEmptyArray(MetadataEntryValue(entry: "/private/vendor/imapcorp/color", value: "#ff0000")))
        )

        var g = try parse(#"(DEPTH infinity) INBOX (/private /shared)"#, getmetadata)
        XCTAssertEqual(
            g,
            GetMetadataCommand(
                options: [.depth(.infinity)],
                mailbox: .inbox,
                entries: NonEmptyArray("/private", "/shared")
            )
        )
        g = try parse(#"(MAXSIZE 10 DEPTH 1) INBOX (/private/vendor)"#, getmetadata)
        XCTAssertEqual(g.options, [.maxSize(10), .depth(.one)])
        g = try parse(#""" /private/vendor/imapcorp/note"#, getmetadata)
        XCTAssertEqual(
            g,
            GetMetadataCommand(mailbox: MailboxName(bytes: ""), entries: NonEmptyArray("/private/vendor/imapcorp/note"))
        )

        var s = try parse(
            ##"INBOX (/shared/comment "shared comment" /private/vendor/imapcorp/color "#ff0000")"##,
            setmetadata
        )
        XCTAssertEqual(s.values.map(\.value), ["shared comment", "#ff0000"])
        s = try parse(#"INBOX (/private/vendor/imapcorp/color NIL)"#, setmetadata)
        XCTAssertEqual(s.values.array, [MetadataEntryValue(entry: "/private/vendor/imapcorp/color", value: nil)])
    }

    func testRFCExamples() throws {
        // RFC 5464 4.4: unsolicited entry-list
        let r = try parse("INBOX /shared/comment /private/comment", metadata)
        XCTAssertEqual(r.body, .entries(NonEmptyArray("/shared/comment", "/private/comment")))
        // literal8 value and options with a vendor extension
        let b = try parse("INBOX (/private/bin ~{3}\r\na\u{0}b)", metadata)
        XCTAssertEqual(
            b.body,
            .values(NonEmptyArray(MetadataEntryValue(entry: "/private/bin", value: ByteString([0x61, 0, 0x62]))))
        )
        XCTAssertEqual(
            try parse("(X-OPT X-FLAG 5 DEPTH 0) INBOX /a", getmetadata).options,
            [.other(name: "X-OPT", value: nil), .other(name: "X-FLAG", value: .number(5)), .depth(.zero)]
        )
    }

    func testRejects() {
        assertRejects("INBOX", rule: "metadata-resp", metadata)
        assertRejects("INBOX ()", rule: "astring", metadata)
        assertRejects("INBOX (/a)", rule: "entry-value", metadata)
        assertRejects("(DEPTH 2) INBOX /a", rule: "scope-opt", getmetadata)
        assertRejects("(MAXSIZE x) INBOX /a", rule: "maxsize-opt", getmetadata)
        assertRejects("INBOX", rule: "getmetadata", getmetadata)
        assertRejects("INBOX /a \"b\"", rule: "entry-values", setmetadata)
        XCTAssertEqual(try parseLine("INBOX /a /b ", metadata).body, .entries(NonEmptyArray("/a", "/b")))
    }

    func testWriterBinary() {
        let s = SetMetadataCommand(
            mailbox: .inbox,
            values: NonEmptyArray(
                MetadataEntryValue(entry: "/private/x", value: ByteString([0x61, 0])),
                MetadataEntryValue(entry: "/private/y", value: nil)
            )
        )
        XCTAssertEqual(written { $0.writeSetmetadataArguments(s) }, "INBOX (/private/x ~{2}\r\na\u{0} /private/y NIL)")
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 5464)
        for _ in 0..<400 {
            let r = g.metadataResponse()
            assertRoundTrip(r, write: { $0.writeMetadataResp(r) }, parse: metadata)
            let c = g.getMetadataCommand()
            assertRoundTrip(c, write: { $0.writeGetmetadataArguments(c) }, parse: getmetadata)
            let s = g.setMetadataCommand()
            assertRoundTrip(s, write: { $0.writeSetmetadataArguments(s) }, parse: setmetadata)
        }
    }
}
