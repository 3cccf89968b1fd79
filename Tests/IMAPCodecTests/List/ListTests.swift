import XCTest

@testable import IMAPCodec

private func list(_ s: inout ParserState) throws(IMAPDecodingError) -> MailboxListData { try s.mailboxList() }
private func listArgs(_ s: inout ParserState) throws(IMAPDecodingError) -> ListCommand { try s.listArguments() }

final class ListTests: XCTestCase {
    func testDovecotListLines() throws {
        var data = try parse(#"(\HasNoChildren \UnMarked \Archive) "/" Archive"#, list)
        XCTAssertEqual(data.attributes, [.hasNoChildren, .unmarked, .archive])
        XCTAssertEqual(data.attributes[1].rawValue, "\\Unmarked", "a well-known name takes its registered spelling")
        XCTAssertEqual(data.delimiter, "/")
        XCTAssertEqual(data.mailbox, MailboxName(bytes: "Archive"))

        data = try parse(#"(\HasNoChildren \Marked) "/" Entw&APw-rfe"#, list)
        XCTAssertEqual(data.mailbox.name, "Entwürfe")
        XCTAssertEqual(data.mailbox, MailboxName("Entwürfe"))

        data = try parse(#"() "/" "Reports \"Q1\"""#, list)
        XCTAssertEqual(data.attributes, [])
        XCTAssertEqual(data.mailbox.bytes, #"Reports "Q1""#)

        data = try parse(#"(\HasChildren) "/" Lists (CHILDINFO ("SUBSCRIBED"))"#, list)
        XCTAssertEqual(data.extendedItems, [.childInfo(["SUBSCRIBED"])])

        data = try parse(#"(\Noselect) "/" """#, list)
        XCTAssertEqual(data.mailbox.bytes, "")
        XCTAssertEqual(data.attributes, [.noSelect])

        data = try parse(#"() "/" INBOX"#, list)
        XCTAssertTrue(data.mailbox.isInbox)
        data = try parse(#"() "/" inbox"#, list)
        XCTAssertTrue(data.mailbox.isInbox)
    }

    func testRFCExamples() throws {
        // RFC 9051 6.3.9
        var data = try parse(#"(\Noselect) "/" """#, list)
        XCTAssertEqual(data.delimiter, "/")
        data = try parse(#"(\Noselect) "." #news."#, list)
        XCTAssertEqual(data.mailbox.bytes, "#news.")
        data = try parse(#"() NIL Foo"#, list)
        XCTAssertNil(data.delimiter)
        // RFC 5258 5: \NonExistent with CHILDINFO
        data = try parse(#"(\NonExistent) "/" "Fruit/Peach" ("CHILDINFO" ("SUBSCRIBED"))"#, list)
        XCTAssertEqual(data.attributes, [.nonExistent])
        XCTAssertEqual(data.extendedItems, [.childInfo(["SUBSCRIBED"])])
        // RFC 9051 OLDNAME
        data = try parse(#"() "/" "NewMailbox" ("OLDNAME" ("OldMailbox"))"#, list)
        XCTAssertEqual(data.extendedItems, [.oldName(MailboxName(bytes: "OldMailbox"))])
        // unknown extended item kept
        data = try parse(#"() "." Foo (X-THING (a "b c" (d)) X-NUM 42 X-SET 1:5,7)"#, list)
        XCTAssertEqual(
            data.extendedItems,
            [
                .other(tag: "X-THING", value: .list([.astring("a"), .astring("b c"), .list([.astring("d")])])),
                .other(tag: "X-NUM", value: .number(42)),
                .other(
                    tag: "X-SET",
                    value: .sequenceSet(SequenceSet([.range(.number(1), .number(5)), .single(.number(7))])!)
                ),
            ]
        )
        // escaped delimiter
        data = try parse(#"() "\\" Foo"#, list)
        XCTAssertEqual(data.delimiter, "\\")
    }

    func testAttributes() {
        XCTAssertEqual(MailboxAttribute("\\unmarked"), .unmarked)
        XCTAssertEqual(MailboxAttribute("\\UnMarked")?.hashValue, MailboxAttribute.unmarked.hashValue)
        XCTAssertNil(MailboxAttribute("Sent"))
        XCTAssertNil(MailboxAttribute("\\"))
        XCTAssertNil(MailboxAttribute("\\a b"))
        XCTAssertEqual(MailboxAttribute("\\Important"), .important)
    }

    /// quirk-49: a bare `\` attribute.
    func testQuirk49BareBackslash() throws {
        let line = #"(\HasChildren \) "." "Archive""#
        let data = try parse(line, lenient: true, list)
        XCTAssertEqual(data.attributes.map(\.rawValue), ["\\HasChildren", "\\"])
        XCTAssertEqual(data.mailbox.bytes, "Archive")
        assertRejects(line, rule: "flag-extension", list)
    }

    /// quirk-51 as it shows in LIST: an unquoted name with spaces at the end of the line.
    func testUnquotedNameWithSpaces() throws {
        let line = #"(\HasNoChildren) "/" My files"#
        let data = try parse(line, lenient: true, list)
        XCTAssertEqual(data.mailbox.bytes, "My files")
        let withExt = try parse(#"() "/" My old files (CHILDINFO ("SUBSCRIBED"))"#, lenient: true, list)
        XCTAssertEqual(withExt.mailbox.bytes, "My old files")
        XCTAssertEqual(withExt.extendedItems, [.childInfo(["SUBSCRIBED"])])
        assertRejects(line, rule: "mbox-list-extended", list)
        // Trailing spaces are left for CRLF.
        var state = ParserState(Array(#"() "/" Sent  "#.utf8) + [13, 10], options: ParseOptions(lenient: true))
        XCTAssertEqual(try state.mailboxList().mailbox.bytes, "Sent")
        XCTAssertNoThrow(try state.crlf())
    }

    func testRejects() {
        assertRejects(#"\Noselect "/" Foo"#, rule: "mailbox-list", list)
        assertRejects(#"() "//" Foo"#, rule: "mailbox-list", list)
        assertRejects(#"() "" Foo"#, rule: "mailbox-list", list)
        assertRejects(#"(Noselect) "/" Foo"#, rule: "mbx-list-flags", list)
        assertRejects(#"()  "/" Foo"#, rule: "mailbox-list", list)
        assertRejects("() \"\u{1}\" Foo", rule: "QUOTED-CHAR", list)
        assertRejects(#"() "/" Foo (CHILDINFO (SUBSCRIBED))"#, rule: "quoted", list)
        assertRejects(#"() "/" Foo (OLDNAME Bar)"#, rule: "oldname-extended-item", list)
        assertRejects(#"() "/" Foo (X-A b)"#, rule: "tagged-ext-val", list)
        // lenient: "" delimiter is NIL
        XCTAssertNil(try parse(#"() "" Foo"#, lenient: true, list).delimiter)
    }

    func testListCommandCorpus() throws {
        var cmd = try parse(#""" "*""#, listArgs)
        XCTAssertEqual(
            cmd,
            ListCommand(reference: MailboxName(bytes: ""), patterns: NonEmptyArray(MailboxName(bytes: "*")))
        )
        cmd = try parse(#""" *"#, listArgs)
        XCTAssertEqual(cmd.patterns, NonEmptyArray(MailboxName(bytes: "*")))
        cmd = try parse(#""" "*" RETURN (SPECIAL-USE STATUS (MESSAGES UNSEEN))"#, listArgs)
        XCTAssertEqual(cmd.returnOptions, [.specialUse, .status(NonEmptyArray(.messages, .unseen))])
        cmd = try parse(#"(SUBSCRIBED) "" "*" RETURN (CHILDREN)"#, listArgs)
        XCTAssertEqual(cmd.selectOptions, [.subscribed])
        XCTAssertEqual(cmd.returnOptions, [.children])
        cmd = try parse(#"(SPECIAL-USE) "" "*""#, listArgs)
        XCTAssertEqual(cmd.selectOptions, [.specialUse])
        cmd = try parse(#"(SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN)"#, listArgs)
        XCTAssertEqual(cmd.selectOptions, [.subscribed, .recursiveMatch])
        cmd = try parse(#""" ("INBOX" "Archive*" "Lists%")"#, listArgs)
        XCTAssertEqual(cmd.patterns.map(\.bytes), ["INBOX", "Archive*", "Lists%"])
        cmd = try parse(#""" "%/%""#, listArgs)
        XCTAssertEqual(cmd.patterns.map(\.bytes), ["%/%"])
        cmd = try parse(#""&ZeVnLIqe-" *"#, listArgs)
        XCTAssertEqual(cmd.reference.name, "日本語")
        // RFC 5258 examples
        cmd = try parse(#"(REMOTE SUBSCRIBED) "/" * RETURN (SUBSCRIBED MYRIGHTS X-FOO (bar))"#, listArgs)
        XCTAssertEqual(cmd.selectOptions, [.remote, .subscribed])
        XCTAssertEqual(cmd.returnOptions, [.subscribed, .myRights, .other(name: "X-FOO", value: [.astring("bar")])])
        cmd = try parse(#"() "" ("foo" "foo/*")"#, listArgs)
        XCTAssertEqual(cmd.selectOptions, [])
        XCTAssertEqual(cmd.patterns.count, 2)
    }

    func testListCommandRejects() {
        assertRejects(#""" "*" RETURN CHILDREN"#, rule: "list-return-opts", listArgs)
        assertRejects(#""" "*" (CHILDREN)"#, rule: "list-return-opts", listArgs)
        assertRejects(#"(SUBSCRIBED "" "*""#, rule: "list-select-opt", listArgs)
        assertRejects(#""" ()"#, rule: "list-mailbox", listArgs)
        assertRejects(#""" "*" RETURN (STATUS ())"#, rule: "status-att", listArgs)
        // lenient: trailing spaces before CRLF; strict: no
        XCTAssertNoThrow(try parse(#""" "*""#, lenient: true, listArgs))
    }

    func testLSub() throws {
        let cmd = try parse(#""" "*""#) { (s: inout ParserState) throws(IMAPDecodingError) in try s.lsubArguments() }
        XCTAssertEqual(cmd, LSubCommand(reference: MailboxName(bytes: ""), pattern: MailboxName(bytes: "*")))
        let data = try parse(#"(\Archive) "/" Archive"#, list)
        XCTAssertEqual(data.attributes, [.archive])
        let unicode = try parse(#"() "/" "T&AOs-mp &APw-n&AO8-c&APY-d&AOk- &IKw-""#, list)
        XCTAssertEqual(unicode.mailbox.name, "Tëmp ünïcödé €")
    }

    func testUTF8Accept() throws {
        let data = try parse(#"() "/" "Entwürfe""#, utf8Accept: true, list)
        XCTAssertEqual(data.mailbox.bytes, "Entw&APw-rfe")
        let out = written(options: EncodingOptions(literalMode: .response, utf8Accept: true)) {
            $0.writeMailboxList(data)
        }
        XCTAssertEqual(out, #"() "/" "Entwürfe""#)
        XCTAssertEqual(written { $0.writeMailboxList(data) }, #"() "/" Entw&APw-rfe"#)
    }

    func testWriter() {
        let data = MailboxListData(
            attributes: [.hasNoChildren, .sent],
            delimiter: "\"",
            mailbox: MailboxName(bytes: "My files"),
            extendedItems: [.childInfo(["SUBSCRIBED"]), .oldName(.inbox)]
        )
        XCTAssertEqual(
            written { $0.writeMailboxList(data) },
            #"(\HasNoChildren \Sent) "\"" "My files" (CHILDINFO ("SUBSCRIBED") OLDNAME (INBOX))"#
        )
        let cmd = ListCommand(
            selectOptions: [.subscribed, .recursiveMatch],
            reference: MailboxName(bytes: ""),
            patterns: NonEmptyArray(MailboxName(bytes: "*"), MailboxName(bytes: "a b%")),
            returnOptions: [.children, .status(NonEmptyArray(.messages, .size))]
        )
        XCTAssertEqual(
            written { $0.writeListArguments(cmd) },
            #"(SUBSCRIBED RECURSIVEMATCH) "" (* "a b%") RETURN (CHILDREN STATUS (MESSAGES SIZE))"#
        )
    }

    func testRoundTrip() {
        var g = MailboxDataGen(seed: 5258)
        for _ in 0..<500 {
            let data = g.mailboxListData()
            assertRoundTrip(data, write: { $0.writeMailboxList(data) }, parse: list)

            let cmd = g.listCommand()
            assertRoundTrip(cmd, write: { $0.writeListArguments(cmd) }, parse: listArgs)

            let lsub = g.lsubCommand()
            assertRoundTrip(
                lsub,
                write: { $0.writeLSubArguments(lsub) },
                parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.lsubArguments() }
            )
        }
    }

    func testRoundTripUTF8Accept() {
        var g = MailboxDataGen(seed: 6855, utf8Accept: true)
        let options = EncodingOptions(literalMode: .response, utf8Accept: true)
        for _ in 0..<200 {
            let name = g.mailbox()
            let data = MailboxListData(
                attributes: g.array(0...2) { $0.attribute() },
                delimiter: g.delimiter(),
                mailbox: name
            )
            assertRoundTrip(data, options: options, write: { $0.writeMailboxList(data) }, parse: list)
        }
    }
}
