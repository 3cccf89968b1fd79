import XCTest

@testable import IMAPCodec

/// Gmail's XLIST command and `* XLIST` responses, both directions.
final class XListTests: XCTestCase {
    // The exchange from Google's XLIST documentation.
    static let responses = [
        #"* XLIST (\HasNoChildren \Inbox) "/" "Inbox""#,
        #"* XLIST (\Noselect \HasChildren) "/" "[Gmail]""#,
        #"* XLIST (\HasNoChildren \AllMail) "/" "[Gmail]/All Mail""#,
        #"* XLIST (\HasNoChildren \Drafts) "/" "[Gmail]/Drafts""#,
        #"* XLIST (\HasNoChildren \Important) "/" "[Gmail]/Important""#,
        #"* XLIST (\HasNoChildren \Sent) "/" "[Gmail]/Sent Mail""#,
        #"* XLIST (\HasNoChildren \Spam) "/" "[Gmail]/Spam""#,
        #"* XLIST (\HasNoChildren \Starred) "/" "[Gmail]/Starred""#,
        #"* XLIST (\HasNoChildren \Trash) "/" "[Gmail]/Trash""#,
    ]

    func testCommand() throws {
        for lenient in [false, true] {
            let (values, errors) = decodeAll(
                commands: Array("a004 XLIST \"\" \"*\"\r\na005 xlist \"\" %\r\n".utf8),
                options: CommandDecoder.Options(lenient: lenient)
            )
            XCTAssertEqual(errors.count, 0)
            XCTAssertEqual(
                values,
                [
                    .command(
                        Command(
                            tag: Tag("a004")!,
                            .xlist(LSubCommand(reference: MailboxName(""), pattern: MailboxName("*")))
                        )
                    ),
                    .command(
                        Command(
                            tag: Tag("a005")!,
                            .xlist(LSubCommand(reference: MailboxName(""), pattern: MailboxName("%")))
                        )
                    ),
                ]
            )
        }
        let chunks = try CommandEncoder().encode(
            Command(tag: Tag("a004")!, .xlist(LSubCommand(reference: MailboxName(""), pattern: MailboxName("*"))))
        )
        XCTAssertEqual(chunks.flatMap(\.bytes), Array("a004 XLIST \"\" *\r\n".utf8))
        let (_, errors) = decodeAll(commands: Array("a XLIST \"\"\r\n".utf8))
        XCTAssertEqual(errors.first?.rule, "xlist")
    }

    func testResponses() throws {
        let text = Self.responses.joined(separator: "\r\n") + "\r\n"
        for lenient in [false, true] {
            let (values, errors) = decodeAll(
                responses: Array(text.utf8),
                options: ResponseDecoder.Options(lenient: lenient)
            )
            XCTAssertEqual(errors.count, 0)
            XCTAssertEqual(values.count, Self.responses.count)
            XCTAssertEqual(
                values.first,
                .untagged(
                    .xlist(
                        MailboxListData(
                            attributes: [.hasNoChildren, MailboxAttribute("\\Inbox")!],
                            delimiter: "/",
                            mailbox: .inbox
                        )
                    )
                )
            )
            guard case .untagged(.xlist(let allMail)) = values[2] else { return XCTFail("\(values[2])") }
            XCTAssertEqual(allMail.mailbox, MailboxName("[Gmail]/All Mail"))
            XCTAssertEqual(allMail.attributes.last, MailboxAttribute("\\AllMail"))
            // Written back in the writer's one form (INBOX as INBOX, atoms bare), which reads
            // back strictly as the same values.
            var written: [UInt8] = []
            for value in values { written += try ResponseEncoder().encode(value) }
            XCTAssertTrue(
                String(decoding: written, as: UTF8.self).hasPrefix(#"* XLIST (\HasNoChildren \Inbox) "/" INBOX"#)
            )
            let again = decodeAll(responses: written, options: ResponseDecoder.Options(lenient: false))
            XCTAssertEqual(again.errors.count, 0)
            XCTAssertEqual(again.values, values)
        }
    }

    func testOtherWithTheKeywordIsRefused() {
        let response = Response.untagged(.other(keyword: Atom("XLIST")!, rest: " () \"/\" x"))
        XCTAssertThrowsError(try ResponseEncoder().encode(response)) { error in
            XCTAssertEqual((error as? IMAPValueError)?.kind, .ambiguous)
        }
    }
}
