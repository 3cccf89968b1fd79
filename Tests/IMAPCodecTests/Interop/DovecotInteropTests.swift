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
        guard case .condition(.ok, _) = try client.greeting() else { throw IMAPTestClient.Failure(description: "bad greeting") }
        let login = try client.run(.login(user: ByteString(user), password: "pass"))
        XCTAssertTrue(login.isOK, "LOGIN: \(login.tagged)")
        return client
    }

    static let message = Array(
        ("From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Gr\u{fc}\u{df}e aus M\u{fc}nchen\r\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0100\r\nMessage-ID: <live-1@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Hallo Bob, sch\u{f6}ne Gr\u{fc}\u{df}e!\r\nZweite Zeile.\r\n").utf8)

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
        let enable = try client.run(.enable([Capability("CONDSTORE")!, Capability("QRESYNC")!]))
        XCTAssertTrue(enable.isOK)
        XCTAssertTrue(enable.untagged.contains { if case .enabled(let c) = $0 { return c.contains(Capability("QRESYNC")!) } else { return false } })

        // CREATE a non-ASCII mailbox; it lists back as the same String.
        let name = "Gr\u{fc}\u{df}e \u{65e5}\u{672c} \u{1F4EC} \(UInt32.random(in: 1...UInt32.max))"
        let mailbox = MailboxName(name)
        XCTAssertTrue(try client.run(.create(CreateCommand(mailbox: mailbox))).isOK)
        let list = try client.run(.list(ListCommand(
            reference: MailboxName(bytes: ""), patterns: [mailbox],
            returnOptions: [.subscribed, .children, .status([.messages, .uidNext])])))
        XCTAssertTrue(list.isOK, "\(list.tagged)")
        let listed = list.untagged.compactMap { data -> MailboxListData? in
            if case .list(let l) = data { return l }
            return nil
        }
        XCTAssertEqual(listed.map(\.mailbox.name), [name])
        XCTAssertTrue(list.untagged.contains { if case .status(let s) = $0 { return s.mailbox == mailbox } else { return false } })

        // APPEND with a synchronizing literal (continuation handshake) and with LITERAL+.
        client.encoder.options.literalMode = .synchronizing
        let appendSync = try client.run(.append(AppendCommand(mailbox: mailbox, messages: [
            AppendMessage(flags: [.seen], data: .literal(ByteString(Self.message)))])))
        XCTAssertTrue(appendSync.isOK, "\(appendSync.tagged)")
        XCTAssertEqual(appendSync.continuations.count, 1, "one continuation request for one literal")
        guard case .appendUID(_, let uids)? = appendSync.tagged.text.code else { return XCTFail("no APPENDUID") }
        XCTAssertEqual(uids.elements.count, 1)
        client.encoder.options.literalMode = .nonSynchronizing
        let appendPlus = try client.run(.append(AppendCommand(mailbox: mailbox, messages: [
            AppendMessage(data: .literal(ByteString(Self.message)))])))
        XCTAssertTrue(appendPlus.isOK)
        XCTAssertEqual(appendPlus.continuations.count, 0)

        // STATUS
        let status = try client.run(.status(StatusCommand(mailbox: mailbox, attributes: [.messages, .uidNext, .highestModSeq])))
        XCTAssertTrue(status.isOK)
        guard case .status(let statusData)? = status.untagged.first(where: { if case .status = $0 { return true } else { return false } })
        else { return XCTFail("no STATUS data") }
        XCTAssertTrue(statusData.values.contains(.messages(2)), "\(statusData)")

        // SELECT with CONDSTORE
        let select = try client.run(.select(SelectCommand(mailbox: mailbox, parameters: [.condStore])))
        XCTAssertTrue(select.isOK)
        XCTAssertTrue(select.untagged.contains(.exists(2)))
        XCTAssertTrue(select.untagged.contains { if case .condition(.ok, let t) = $0, case .highestModSeq? = t.code { return true } else { return false } })

        // COPY, MOVE, EXPUNGE
        let archive = MailboxName("Archive \(UInt32.random(in: 1...UInt32.max))")
        XCTAssertTrue(try client.run(.create(CreateCommand(mailbox: archive))).isOK)
        let copy = try client.run(.copy(SequenceSet(1), archive, uid: false))
        XCTAssertTrue(copy.isOK)
        guard case .copyUID? = copy.tagged.text.code else { return XCTFail("no COPYUID: \(copy.tagged)") }
        let move = try client.run(.move(SequenceSet(2), archive, uid: false))
        XCTAssertTrue(move.isOK)
        XCTAssertTrue(move.untagged.contains { if case .vanished = $0 { return true }; if case .expunge = $0 { return true }; return false })
        XCTAssertTrue(try client.run(.expunge).isOK)

        // IDLE while a second connection appends to the mailbox.
        try client.send(.command(Command(tag: client.makeTag(), .idle)))
        guard case .continuation = try client.read() else { return XCTFail("no continuation for IDLE") }
        let other = try connect(user: "test")
        XCTAssertTrue(try other.run(.append(AppendCommand(mailbox: mailbox, messages: [AppendMessage(data: .literal("Subject: x\r\n\r\nx\r\n"))]))).isOK)
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
        XCTAssertTrue(logout.untagged.contains { if case .condition(.bye, _) = $0 { return true } else { return false } })
    }
}
