import Foundation
import XCTest

@testable import IMAPCodec

/// A whole session against a real Dovecot on loopback (`.ci/run` starts one and exports
/// IMAP_PORT; without it these tests report themselves skipped). Every command comes from
/// `CommandEncoder`, every response is decoded by `ResponseDecoder`, and the assertions are
/// on the decoded values.
final class DovecotInteropTests: XCTestCase {
    var port: UInt16 = 0

    override func setUpWithError() throws {
        guard let port = dovecotPort() else {
            throw XCTSkip("IMAP_PORT not set: no Dovecot to talk to (.ci/run starts one)")
        }
        self.port = port
    }

    func connect(user: String = "test") throws -> IMAPTestClient {
        let client = try IMAPTestClient(port: port)
        guard case .condition(.ok, _) = try client.greeting() else {
            throw IMAPTestClient.Failure(description: "bad greeting")
        }
        let login = try client.run(.login(user: ByteString(user), password: "pass"))
        XCTAssertTrue(login.isOK, "LOGIN: \(login.tagged)")
        return client
    }

    static let message = Array(
        ("From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Gr\u{fc}\u{df}e aus M\u{fc}nchen\r\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0100\r\nMessage-ID: <live-1@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Hallo Bob, sch\u{f6}ne Gr\u{fc}\u{df}e!\r\nZweite Zeile.\r\n").utf8
    )

    func testSessionWithCapabilitiesMailboxesAppendAndIdle() throws {
        let client = try connect()
        // CAPABILITY, and literal mode from the capabilities.
        let capability = try client.run(.capability)
        XCTAssertTrue(capability.isOK)
        let capabilities = capability.untagged.flatMap { data -> [Capability] in
            if case .capability(let list) = data { return list }
            return []
        }
        XCTAssertTrue(capabilities.contains(Capability("IMAP4rev1")!))
        XCTAssertTrue(capabilities.contains(Capability("LITERAL+")!))

        // ENABLE
        let enable = try client.run(.enable(NonEmptyArray(Capability("CONDSTORE")!, Capability("QRESYNC")!)))
        XCTAssertTrue(enable.isOK)
        XCTAssertTrue(
            enable.untagged.contains {
                if case .enabled(let c) = $0 { return c.contains(Capability("QRESYNC")!) } else { return false }
            }
        )

        // CREATE a non-ASCII mailbox; it lists back as the same String.
        let name = "Gr\u{fc}\u{df}e \u{65e5}\u{672c} \u{1F4EC} \(UInt32.random(in: 1...UInt32.max))"
        let mailbox = MailboxName(name)
        XCTAssertTrue(try client.run(.create(CreateCommand(mailbox: mailbox))).isOK)
        let list = try client.run(
            .list(
                ListCommand(
                    reference: MailboxName(bytes: ""),
                    patterns: NonEmptyArray(mailbox),
                    returnOptions: [.subscribed, .children, .status(NonEmptyArray(.messages, .uidNext))]
                )
            )
        )
        XCTAssertTrue(list.isOK, "\(list.tagged)")
        let listed = list.untagged.compactMap { data -> MailboxListData? in
            if case .list(let l) = data { return l }
            return nil
        }
        XCTAssertEqual(listed.map(\.mailbox.name), [name])
        XCTAssertTrue(
            list.untagged.contains { if case .status(let s) = $0 { return s.mailbox == mailbox } else { return false } }
        )

        // APPEND with a synchronizing literal (continuation handshake) and with LITERAL+.
        client.encoder.options.literalMode = .synchronizing
        let appendSync = try client.run(
            .append(
                AppendCommand(
                    mailbox: mailbox,
                    messages: NonEmptyArray(
                        AppendMessage(flags: [.seen], data: .literal(ByteString(Self.message)))
                    )
                )
            )
        )
        XCTAssertTrue(appendSync.isOK, "\(appendSync.tagged)")
        XCTAssertEqual(appendSync.continuations.count, 1, "one continuation request for one literal")
        guard case .appendUID(_, let uids)? = appendSync.tagged.text.code else { return XCTFail("no APPENDUID") }
        XCTAssertEqual(uids.elements.count, 1)
        client.encoder.options.literalMode = .nonSynchronizing
        let appendPlus = try client.run(
            .append(
                AppendCommand(
                    mailbox: mailbox,
                    messages: NonEmptyArray(
                        AppendMessage(data: .literal(ByteString(Self.message)))
                    )
                )
            )
        )
        XCTAssertTrue(appendPlus.isOK)
        XCTAssertEqual(appendPlus.continuations.count, 0)

        // STATUS
        let status = try client.run(
            .status(StatusCommand(mailbox: mailbox, attributes: NonEmptyArray(.messages, .uidNext, .highestModSeq)))
        )
        XCTAssertTrue(status.isOK)
        guard
            case .status(let statusData)? = status.untagged.first(where: {
                if case .status = $0 { return true } else { return false }
            })
        else { return XCTFail("no STATUS data") }
        XCTAssertTrue(statusData.values.contains(.messages(2)), "\(statusData)")

        // SELECT with CONDSTORE
        let select = try client.run(.select(SelectCommand(mailbox: mailbox, parameters: [.condStore])))
        XCTAssertTrue(select.isOK)
        XCTAssertTrue(select.untagged.contains(.exists(2)))
        XCTAssertTrue(
            select.untagged.contains {
                if case .condition(.ok, let t) = $0, case .highestModSeq? = t.code { return true } else { return false }
            }
        )

        // SEARCH with a UTF-8 literal finds the UID that APPENDUID reported.
        guard case .single(.number(let uid))? = uids.elements.first else {
            return XCTFail("APPENDUID not a single UID")
        }
        let search = try client.run(
            .search(
                SearchProgram(charset: "UTF-8", keys: NonEmptyArray(.subject("Gr\u{fc}\u{df}e aus M\u{fc}nchen"))),
                uid: true
            )
        )
        XCTAssertTrue(search.isOK, "\(search.tagged)")
        guard
            case .search(let found)? = search.untagged.first(where: {
                if case .search = $0 { return true } else { return false }
            })
        else { return XCTFail("no SEARCH data") }
        XCTAssertTrue(found.numbers.contains(uid), "UID \(uid) not in \(found.numbers)")

        // FETCH ENVELOPE, BODYSTRUCTURE, BODY[] and a partial section: the appended bytes come back.
        let fetch = try client.run(
            .fetch(
                SequenceSet(uid),
                .list([
                    .uid, .flags, .envelope, .bodyStructure,
                    .bodySection(SectionSpec(), partial: nil, peek: true),
                    .bodySection(SectionSpec(), partial: Partial(offset: 0, length: 10), peek: true),
                    .bodySection(SectionSpec(part: [1]), partial: nil, peek: true),
                ]),
                modifiers: [],
                uid: true
            )
        )
        XCTAssertTrue(fetch.isOK, "\(fetch.tagged)")
        guard
            case .fetch(_, let attributes)? = fetch.untagged.first(where: {
                if case .fetch = $0 { return true } else { return false }
            })
        else { return XCTFail("no FETCH data") }
        var sections: [ByteString?] = []
        for attribute in attributes {
            switch attribute {
            case .uid(let u): XCTAssertEqual(u, uid)
            case .flags(let flags): XCTAssertTrue(flags.contains(.seen))
            case .envelope(let envelope):
                XCTAssertEqual(envelope.subject?.stringValue, "Gr\u{fc}\u{df}e aus M\u{fc}nchen")
                XCTAssertEqual(envelope.from.first?.mailbox, "alice")
                XCTAssertEqual(envelope.from.first?.host, "example.com")
                XCTAssertEqual(envelope.messageID, "<live-1@example.com>")
            case .bodyStructure(let body):
                XCTAssertEqual(body.mediaType.stringValue.lowercased(), "text")
                XCTAssertEqual(body.mediaSubtype.stringValue.lowercased(), "plain")
            case .bodySection(_, _, let data): sections.append(data)
            default: break
            }
        }
        XCTAssertEqual(sections.count, 3)
        XCTAssertTrue(sections.contains(ByteString(Self.message)), "BODY[] differs from the appended bytes")
        XCTAssertTrue(sections.contains(ByteString(Self.message.prefix(10))), "BODY[]<0.10> is not the first 10 bytes")

        // STORE
        let store = try client.run(
            .store(SequenceSet(uid), modifiers: [], StoreFlags(operation: .add, target: .flags([.flagged])), uid: true)
        )
        XCTAssertTrue(store.isOK)
        XCTAssertTrue(
            store.untagged.contains { data in
                if case .fetch(_, let attributes) = data {
                    return attributes.contains {
                        if case .flags(let f) = $0 { return f.contains(.flagged) } else { return false }
                    }
                }
                return false
            }
        )

        // COPY, MOVE, EXPUNGE
        let archive = MailboxName("Archive \(UInt32.random(in: 1...UInt32.max))")
        XCTAssertTrue(try client.run(.create(CreateCommand(mailbox: archive))).isOK)
        let copy = try client.run(.copy(SequenceSet(1), archive, uid: false))
        XCTAssertTrue(copy.isOK)
        guard case .copyUID? = copy.tagged.text.code else { return XCTFail("no COPYUID: \(copy.tagged)") }
        let move = try client.run(.move(SequenceSet(2), archive, uid: false))
        XCTAssertTrue(move.isOK)
        XCTAssertTrue(
            move.untagged.contains {
                if case .vanished = $0 { return true }
                if case .expunge = $0 { return true }
                return false
            }
        )
        XCTAssertTrue(try client.run(.expunge).isOK)

        // IDLE while a second connection appends to the mailbox.
        try client.send(.command(Command(tag: client.makeTag(), .idle)))
        guard case .continuation = try client.read() else { return XCTFail("no continuation for IDLE") }
        let other = try connect(user: "test")
        XCTAssertTrue(
            try other.run(
                .append(
                    AppendCommand(
                        mailbox: mailbox,
                        messages: NonEmptyArray(AppendMessage(data: .literal("Subject: x\r\n\r\nx\r\n")))
                    )
                )
            ).isOK
        )
        var sawExists = false
        while !sawExists {
            if case .untagged(.exists) = try client.read() { sawExists = true }
        }
        try client.send(.idleDone)
        while true {
            if case .tagged(let t) = try client.read() {
                XCTAssertEqual(t.status, .ok)
                break
            }
        }
        XCTAssertTrue(try other.run(.logout).isOK)

        // LOGOUT: BYE then OK.
        let logout = try client.run(.logout)
        XCTAssertTrue(logout.isOK)
        XCTAssertTrue(
            logout.untagged.contains { if case .condition(.bye, _) = $0 { return true } else { return false } }
        )
    }
}
