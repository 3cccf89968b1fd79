import XCTest

@testable import IMAPCodec

final class NotifyTests: XCTestCase {
    func testNotifyNone() throws {
        XCTAssertEqual(try assertCommandRoundTrip("A1 NOTIFY NONE\r\n"), .notify(.none))
        try assertCommandRoundTrip("A1 notify none\r\n", canonical: "A1 NOTIFY NONE\r\n")
        assertCommandRejected("A1 NOTIFY\r\n", rule: "notify")
        assertCommandRejected("A1 NOTIFY SOME\r\n", rule: "notify")
    }

    func testRFCExamples() throws {
        // RFC 5465 section 6.
        XCTAssertEqual(
            try assertCommandRoundTrip(
                "a notify set (mailboxes INBOX (Messagenew messageExpunge)) (personal (SubscriptionChange))\r\n",
                canonical:
                    "a NOTIFY SET (MAILBOXES INBOX (MessageNew MessageExpunge)) (PERSONAL (SubscriptionChange))\r\n"
            ),
            .notify(
                .set(
                    status: false,
                    groups: [
                        NotifyEventGroup(mailboxes: .mailboxes([.inbox]), events: [.messageNew([]), .messageExpunge]),
                        NotifyEventGroup(mailboxes: .personal, events: [.subscriptionChange]),
                    ]
                )
            )
        )
        XCTAssertEqual(
            try assertCommandRoundTrip(
                "a notify set (selected (Messagenew (uid flags) messageExpunge))"
                    + " (personal (MessageNew FlagChange MessageExpunge))\r\n",
                canonical: "a NOTIFY SET (SELECTED (MessageNew (UID FLAGS) MessageExpunge))"
                    + " (PERSONAL (MessageNew FlagChange MessageExpunge))\r\n"
            ),
            .notify(
                .set(
                    status: false,
                    groups: [
                        NotifyEventGroup(
                            mailboxes: .selected,
                            events: [.messageNew([.uid, .flags]), .messageExpunge]
                        ),
                        NotifyEventGroup(
                            mailboxes: .personal,
                            events: [.messageNew([]), .flagChange, .messageExpunge]
                        ),
                    ]
                )
            )
        )
        // Section 3.1's example writes the events without their parentheses (and
        // `(subtree Lists MessageNew)`): not the ABNF, so lenient only.
        let example =
            "b notify set status (selected MessageNew (uid body.peek[header.fields (from to subject)])"
            + " MessageExpunge) (subtree Lists MessageNew)\r\n"
        assertCommandRejected(example, rule: "events")
        XCTAssertEqual(
            try assertCommandRoundTrip(
                example,
                lenient: true,
                canonical: "b NOTIFY SET STATUS (SELECTED (MessageNew (UID BODY.PEEK[HEADER.FIELDS (from to subject)])"
                    + " MessageExpunge)) (SUBTREE Lists (MessageNew))\r\n"
            ),
            .notify(
                .set(
                    status: true,
                    groups: [
                        NotifyEventGroup(
                            mailboxes: .selected,
                            events: [
                                .messageNew([
                                    .uid,
                                    .bodySection(
                                        SectionSpec(kind: .headerFields(["from", "to", "subject"])),
                                        peek: true
                                    ),
                                ]),
                                .messageExpunge,
                            ]
                        ),
                        NotifyEventGroup(mailboxes: .subtree([MailboxName("Lists")]), events: [.messageNew([])]),
                    ]
                )
            )
        )
    }

    func testFiltersAndEvents() throws {
        try assertCommandRoundTrip(
            "A1 NOTIFY SET (SELECTED-DELAYED NONE) (INBOXES (MailboxName MailboxMetadataChange))"
                + " (SUBSCRIBED (ServerMetadataChange AnnotationChange X-FUTURE))"
                + " (SUBTREE (a \"b c\") NONE) (MAILBOXES (INBOX x) (MailboxName))\r\n"
        )
        // One mailbox in parentheses is written bare.
        try assertCommandRoundTrip(
            "A1 NOTIFY SET (SUBTREE (a) NONE)\r\n",
            canonical: "A1 NOTIFY SET (SUBTREE a NONE)\r\n"
        )
        try assertCommandRoundTrip(
            "A1 NOTIFY  SET  ( SELECTED  ( MessageNew  ( UID ) ) )  \r\n",
            lenient: true,
            canonical: "A1 NOTIFY SET (SELECTED (MessageNew (UID)))\r\n"
        )
        assertCommandRejected("A1 NOTIFY SET\r\n", rule: "notify-set")
        assertCommandRejected("A1 NOTIFY SET (ALL NONE)\r\n", rule: "filter-mailboxes")
        assertCommandRejected("A1 NOTIFY SET (SELECTED ())\r\n", rule: "event")
        assertCommandRejected("A1 NOTIFY SET (SUBTREE () NONE)\r\n", rule: "astring")
        assertCommandRejected("A1 NOTIFY SET (SELECTED (MessageNew ()))\r\n", rule: "fetch-att")
        assertCommandRejected("A1 NOTIFY SET (SELECTED NONE)(PERSONAL NONE)\r\n", rule: "CRLF")
    }

    func testRefused() {
        assertCommandRefused(.notify(.set(status: false, groups: [])), rule: "event-groups")
        assertCommandRefused(
            .notify(.set(status: false, groups: [NotifyEventGroup(mailboxes: .subtree([]), events: [])])),
            rule: "one-or-more-mailbox"
        )
        assertCommandRefused(
            .notify(
                .set(
                    status: false,
                    groups: [NotifyEventGroup(mailboxes: .personal, events: [.other(Atom("flagchange")!)])]
                )
            ),
            rule: "event-ext"
        )
    }

    func testResponseCodes() throws {
        // RFC 5465 section 5.8.
        XCTAssertEqual(
            try assertResponseRoundTrip("* OK [NOTIFICATIONOVERFLOW] ...A comment can go here...\r\n"),
            .untagged(
                .condition(.ok, ResponseText(code: .simple(.notificationOverflow), text: "...A comment can go here..."))
            )
        )
        let bad = try assertResponseRoundTrip(
            "a NO [badevent (MessageNew messageexpunge FlagChange)] not supported\r\n",
            canonical: "a NO [BADEVENT (MessageNew MessageExpunge FlagChange)] not supported\r\n"
        )
        guard case .tagged(let tagged)? = bad else { return XCTFail("\(String(describing: bad))") }
        XCTAssertEqual(tagged.text.code, .badEvent([.messageNew([]), .messageExpunge, .flagChange]))
        // Extension events (event-ext) are listed too, in both modes.
        XCTAssertEqual(
            try assertResponseRoundTrip("a NO [BADEVENT (MessageNew X-NEW)] no\r\n"),
            .tagged(
                TaggedResponse(
                    tag: Tag("a")!,
                    status: .no,
                    text: ResponseText(code: .badEvent([.messageNew([]), .other(Atom("X-NEW")!)]), text: "no")
                )
            )
        )
        assertResponseRejected("a NO [BADEVENT MessageNew] no\r\n", rule: "unsupported-events-code")
        try assertResponseRoundTrip(
            "a NO [BADEVENT ( MessageNew X-NEW )] no\r\n",
            lenient: true,
            canonical: "a NO [BADEVENT (MessageNew X-NEW)] no\r\n"
        )
        assertResponseRejected("a NO [BADEVENT ()] no\r\n", rule: "event")
        assertResponseRefused(
            .tagged(TaggedResponse(tag: Tag("a")!, status: .no, text: ResponseText(code: .badEvent([]), text: "x"))),
            rule: "unsupported-events-code"
        )
        assertResponseRefused(
            .tagged(
                TaggedResponse(
                    tag: Tag("a")!,
                    status: .no,
                    text: ResponseText(code: .badEvent([.messageNew([.uid])]), text: "x")
                )
            ),
            rule: "event-name"
        )
    }
}
