import XCTest

@testable import IMAPCodec

/// The relaxations of issue 17, item 4 (Fixtures/quirks/quirk-53 … quirk-71): what lenient
/// decoding reads from each real-server deviation, and the rule strict decoding names.
final class LenientRelaxationTests: XCTestCase {
    func untagged(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> UntaggedResponse {
        try untagged(Array(text.utf8), file: file, line: line)
    }

    func untagged(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> UntaggedResponse {
        guard case .untagged(let response) = try ResponseDecoder.decode(bytes) else {
            XCTFail("not an untagged response", file: file, line: line)
            throw NotUntagged()
        }
        return response
    }

    /// The rule strict decoding names for `text`, or nil when it accepts it.
    func strictRule(_ text: String) -> String? {
        strictRule(Array(text.utf8))
    }

    func strictRule(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ResponseDecoder.decode(bytes, options: .init(lenient: false))
            return nil
        } catch {
            return error.rule
        }
    }

    func fetch(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [MessageAttribute] {
        guard case .fetch(_, let items) = try untagged(text, file: file, line: line) else {
            XCTFail("not FETCH", file: file, line: line)
            return []
        }
        return items
    }

    /// quirk-53 (KDE kimap): QUOTA without a quota-root-name.
    func testQuotaWithoutRoot() throws {
        XCTAssertEqual(
            try untagged("* QUOTA (STORAGE 10 512)\r\n"),
            .quota(QuotaResponse(root: "", resources: [QuotaResource(name: .storage, usage: 10, limit: 512)]))
        )
        XCTAssertEqual(strictRule("* QUOTA (STORAGE 10 512)\r\n"), "quota-response")
        XCTAssertNil(strictRule("* QUOTA \"\" (STORAGE 10 512)\r\n"))
    }

    /// quirk-55 (enough_mail #1): HEADER.FIELDS without SP before its list, spaces in brackets.
    func testSectionMsgtextSpacing() throws {
        let items = try fetch("* 1 FETCH (BODY[HEADER.FIELDS(DATE FROM)] {0}\r\n)\r\n")
        XCTAssertEqual(
            items,
            [.bodySection(SectionSpec(part: [], kind: .headerFields(["DATE", "FROM"])), origin: nil, data: "")]
        )
        let not = try fetch("* 1 FETCH (BODY[ 1.header.fields.not(X) ] NIL)\r\n")
        XCTAssertEqual(
            not,
            [.bodySection(SectionSpec(part: [1], kind: .headerFieldsNot(["X"])), origin: nil, data: nil)]
        )
        XCTAssertEqual(strictRule("* 1 FETCH (BODY[HEADER.FIELDS(DATE FROM)] NIL)\r\n"), "section-msgtext")
        XCTAssertEqual(strictRule("* 1 FETCH (BODY[ TEXT] NIL)\r\n"), "section-msgtext")
        XCTAssertEqual(strictRule("* 1 FETCH (BODY[TEXT ] NIL)\r\n"), "section")
        XCTAssertNil(strictRule("* 1 FETCH (BODY[header.fields (DATE)] NIL)\r\n"))
    }

    /// quirk-57 (DBMail): a message/delivery-status part with an envelope, a body and lines.
    func testMessagePartOfOtherSubtypeWithEnvelope() throws {
        let text =
            "* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL"
            + " \"7BIT\" 30 (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 30 2) 2 NIL)"
            + " \"REPORT\"))\r\n"
        guard case .bodyStructure(.multipart(let multipart)) = try fetch(text).first,
            case .singlePart(let part) = multipart.parts.last, case .message(let message) = part.kind
        else { return XCTFail("no message part") }
        XCTAssertEqual(part.mediaSubtype, "DELIVERY-STATUS")
        XCTAssertEqual(message.envelope.subject, "s")
        XCTAssertEqual(message.lines, 2)
        XCTAssertNotNil(part.extension)
        XCTAssertEqual(strictRule(text), "body-fld-md5")
        // A basic part's extension data is still read as such.
        XCTAssertNotNil(try fetch("* 1 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"X\" NIL NIL NIL \"7BIT\" 1 NIL))\r\n").first)
    }

    /// quirk-59 (Exchange): an unquoted mailbox name holding tabs.
    func testUnquotedMailboxWithControlCharacters() throws {
        guard case .list(let list) = try untagged("* LIST () \"/\" INBOX/Da\tOggetto\t\r\n") else {
            return XCTFail("not LIST")
        }
        XCTAssertEqual(list.mailbox.bytes, ByteString(Array("INBOX/Da\tOggetto\t".utf8)))
        guard case .status(let status) = try untagged("* STATUS a\u{7F}b c (MESSAGES 1)\r\n") else {
            return XCTFail("not STATUS")
        }
        XCTAssertEqual(status.mailbox.bytes, ByteString(Array("a\u{7F}b c".utf8)))
        XCTAssertEqual(strictRule("* LIST () \"/\" INBOX/Da\tOggetto\r\n"), "CRLF")
        // NUL still ends it, and a literal8 header is not a name.
        XCTAssertNotNil(strictRule([UInt8]("* LIST () \"/\" a".utf8) + [0] + [UInt8]("b\r\n".utf8)))
        XCTAssertThrowsError(try untagged([UInt8]("* LIST () \"/\" a".utf8) + [0] + [UInt8]("b\r\n".utf8)))
    }

    /// quirk-61 (Office 365): no SP between FETCH data items.
    func testMsgAttWithoutSpaceBetweenItems() throws {
        XCTAssertEqual(
            try fetch("* 1 FETCH (BODY[] {2}\r\nhiUID 12 FLAGS (\\Seen)MODSEQ (3))\r\n"),
            [.bodySection(SectionSpec(), origin: nil, data: "hi"), .uid(12), .flags([.seen]), .modSeq(3)]
        )
        XCTAssertEqual(strictRule("* 1 FETCH (BODY[] {2}\r\nhiUID 12)\r\n"), "msg-att")
        // Anything but a letter still needs its SP.
        XCTAssertThrowsError(try fetch("* 1 FETCH (UID 12\"x\")\r\n"))
    }

    /// quirk-63 (MailKit #495, imap-codec #722): negative and unparenthesized MODSEQ.
    func testPermsgModsequence() throws {
        XCTAssertEqual(try fetch("* 1 FETCH (MODSEQ (-1))\r\n"), [.modSeq(0)])
        XCTAssertEqual(try fetch("* 1 FETCH (MODSEQ 624140003 UID 4)\r\n"), [.modSeq(624_140_003), .uid(4)])
        XCTAssertEqual(try fetch("* 1 FETCH (MODSEQ ( 5 ))\r\n"), [.modSeq(5)])
        XCTAssertEqual(strictRule("* 1 FETCH (MODSEQ (-1))\r\n"), "permsg-modsequence")
        XCTAssertEqual(strictRule("* 1 FETCH (MODSEQ 624140003)\r\n"), "fetch-mod-resp")
        // Still overflow-checked.
        XCTAssertThrowsError(try fetch("* 1 FETCH (MODSEQ 99999999999999999999)\r\n"))
    }

    /// quirk-65: an ID list whose last name has no value.
    func testIDParamsListOddCount() throws {
        XCTAssertEqual(
            try untagged("* ID (\"name\" \"Zimbra\" \"release\")\r\n"),
            .id([IDField(key: "name", value: "Zimbra"), IDField(key: "release", value: nil)])
        )
        XCTAssertEqual(try untagged("* ID (\"release\" )\r\n"), .id([IDField(key: "release", value: nil)]))
        XCTAssertEqual(strictRule("* ID (\"name\" \"Zimbra\" \"release\")\r\n"), "id-params-list")
    }

    /// quirk-67 (DavMail): body-fld-lines NIL, and missing after a message/rfc822 body.
    func testBodyFldLines() throws {
        let text = "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 NIL))\r\n"
        guard case .bodyStructure(.singlePart(let part)) = try fetch(text).first else { return XCTFail("no part") }
        XCTAssertEqual(part.kind, .text(lines: 0))
        XCTAssertEqual(strictRule(text), "body-fld-lines")
        let message =
            "* 1 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 10"
            + " (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)))\r\n"
        guard case .bodyStructure(.singlePart(let outer)) = try fetch(message).first,
            case .message(let inner) = outer.kind
        else { return XCTFail("no message part") }
        XCTAssertEqual(inner.lines, 0)
        XCTAssertEqual(strictRule(message), "body-type-msg")
    }

    /// quirk-69 (Cyrus): a MAILBOXID holding 8-bit bytes.
    func testMailboxIDWith8BitBytes() throws {
        let bytes = [UInt8]("* STATUS INBOX (MAILBOXID (F".utf8) + [0xA3, 0xE9] + [UInt8]("x))\r\n".utf8)
        guard case .status(let status) = try untagged(bytes) else { return XCTFail("not STATUS") }
        XCTAssertEqual(status.values, [.mailboxID(ByteString([0x46, 0xA3, 0xE9, 0x78]))])
        XCTAssertEqual(strictRule(bytes), "status-att-val")
        XCTAssertThrowsError(try ResponseEncoder().encode(.untagged(.status(status))))
    }

    /// quirk-71 (Gmail): keywords holding `]`.
    func testFlagKeywordWithCloseBracket() throws {
        let flags = try untagged("* FLAGS (\\Seen OIB-Seen-[Gmail]/Trash)\r\n")
        guard case .flags(let list) = flags else { return XCTFail("not FLAGS") }
        XCTAssertEqual(list.map(\.rawValue), ["\\Seen", "OIB-Seen-[Gmail]/Trash"])
        XCTAssertNil(Flag("OIB-Seen-[Gmail]/Trash"))
        guard case .condition(_, let text) = try untagged("* OK [PERMANENTFLAGS (a] \\*)] Flags\r\n") else {
            return XCTFail("not OK")
        }
        XCTAssertEqual(text.code, .permanentFlags([Flag.from("a]"), .wildcard]))
        XCTAssertEqual(text.text, "Flags")
        XCTAssertEqual(strictRule("* FLAGS (\\Seen OIB-Seen-[Gmail]/Trash)\r\n"), "flag-list")
        // The encoder writes the spelling as received; lenient decoding reads it back.
        let wire = try ResponseEncoder().encode(.untagged(flags))
        XCTAssertEqual(try ResponseDecoder.decode(wire), .untagged(flags))
    }
}

struct NotUntagged: Error {}

extension Flag {
    /// The flag the decoders make from `spelling` (their unchecked path).
    static func from(_ spelling: String) -> Flag {
        var spelling = spelling
        return spelling.withUTF8 { from(UnsafeRawBufferPointer($0)) }
    }
}
