import Foundation
import IMAPCodec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small IMAP4rev1 server built on the codec, for driving real clients (Python's imaplib,
/// curl) in `RealClientTests`.
///
/// It listens on 127.0.0.1 (port 0: the kernel picks one, read back into ``port``), accepts
/// in a blocking loop on its own thread and serves each connection on another thread. Every
/// byte read goes through `CommandDecoder`; every byte written comes from `ResponseEncoder`.
///
/// Mailboxes live in memory (``TestMailbox/seeded()``); user `test`, password `pass`.
/// Supported: CAPABILITY, NOOP, LOGOUT, LOGIN, LIST, LSUB, STATUS, SELECT, EXAMINE, APPEND,
/// IDLE, CHECK, CLOSE, UNSELECT, EXPUNGE, [UID] FETCH, [UID] SEARCH, [UID] STORE. Other
/// commands get `BAD`. Changes made by other connections reach a selected session as
/// `* n EXISTS` (during IDLE and on NOOP/APPEND); expunges are not broadcast.
final class TestIMAPServer: @unchecked Sendable {
    struct Options {
        /// Advertise LITERAL+ (RFC 7888). Without it every literal is synchronizing.
        var literalPlus = false
        /// Largest literal accepted; a larger synchronizing literal is refused (`NO [TOOBIG]`).
        var maxLiteral: Int64 = 1 << 20
    }

    let options: Options
    private(set) var port: UInt16 = 0
    private let listener: Int32
    private let lock = NSLock()
    private var mailboxes = TestMailbox.seeded()
    private var connections: Set<Int32> = []

    init(options: Options = Options()) throws {
        self.options = options
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw IMAPTestClient.Failure(description: "socket() failed") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard ok else {
            close(listener)
            throw IMAPTestClient.Failure(description: "bind/listen on 127.0.0.1 failed")
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops accepting and disconnects every client.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        withStore { _ in for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) } }
    }

    /// Runs `body` with the mailboxes locked.
    func withStore<T>(_ body: (inout [TestMailbox]) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&mailboxes)
    }

    var capabilities: [Capability] {
        [.imap4rev1, .idle, .uidPlus, .unselect, .specialUse] + (options.literalPlus ? [.literalPlus] : [])
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            withStore { _ in _ = connections.insert(fd) }
            Thread { [self] in
                TestIMAPSession(server: self, fd: fd).run()
                withStore { _ in _ = connections.remove(fd) }
                close(fd)
            }.start()
        }
    }
}

/// One connection: the decoder, the encoder and the IMAP state.
final class TestIMAPSession {
    enum State: Equatable {
        case notAuthenticated
        case authenticated
        case selected(MailboxName, readOnly: Bool)
    }

    let server: TestIMAPServer
    let fd: Int32
    /// Anyone can connect: commands are read with the pre-login limits until LOGIN succeeds.
    var decoder = CommandDecoder(options: .init(limits: .commandsBeforeAuthentication))
    let encoder = ResponseEncoder()
    var state = State.notAuthenticated
    /// The tag of the IDLE in progress.
    var idleTag: Tag?
    /// The message count the client was last told (EXISTS).
    var knownExists = 0
    var open = true

    init(server: TestIMAPServer, fd: Int32) {
        self.server = server
        self.fd = fd
    }

    // MARK: I/O

    func send(_ responses: [Response]) {
        var bytes: [UInt8] = []
        for response in responses {
            do {
                try encoder.encode(response, into: &bytes)
            } catch {
                // The server's own responses are built from safe values; one that is refused
                // is a bug in this server, reported where the tests see it.
                try? encoder.encode(.untagged(.bad, "server refused its own response: \(error)"), into: &bytes)
            }
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else {
                open = false
                return
            }
            offset += n
        }
    }

    func tagged(_ tag: Tag, _ status: TaggedStatus, _ text: String, code: ResponseCode? = nil) -> Response {
        .tagged(TaggedResponse(tag: tag, status: status, text: ResponseText(code: code, text: ByteString(text))))
    }

    func untagged(_ status: UntaggedStatus, _ text: String, code: ResponseCode? = nil) -> Response {
        .untagged(.condition(status, ResponseText(code: code, text: ByteString(text))))
    }

    func run() {
        send([untagged(.ok, "swift-imap-codec test server ready", code: .capability(server.capabilities))])
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open {
            // Handle every complete command buffered, then wait for bytes (waking up
            // every 100 ms during IDLE to report new messages).
            while open {
                let event: CommandDecoder.Event?
                do {
                    event = try decoder.next()
                } catch {
                    let text = "\(error.rule): \(error.message)"
                    send([error.tag.map { tagged($0, .bad, text) } ?? untagged(.bad, text)])
                    continue
                }
                guard let event else { break }
                handle(event)
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) == 0 {
                if idleTag != nil { send(updates()) }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            decoder.append(buffer[..<n])
        }
    }

    func handle(_ event: CommandDecoder.Event) {
        switch event {
        case .continuationRequired(let literal):
            if literal.count > server.options.maxLiteral {
                let tag = decoder.refuseLiteral() ?? Tag("*")!
                send([tagged(tag, .no, "literal too large", code: .simple(.tooBig))])
            } else {
                send([.continuation(ContinuationRequest(text: ResponseText(text: "Ready for literal data")))])
            }
        case .message(.idleDone):
            if let tag = idleTag { send([tagged(tag, .ok, "IDLE terminated")]) }
            idleTag = nil
        case .message(.authenticationResponse), .message(.authenticationCancel):
            send([untagged(.bad, "no authentication in progress")])
        case .message(.command(let command)):
            send(respond(to: command))
        case .appendStart, .appendBytes, .appendEnd:
            break  // streaming is off on this server
        }
    }

    // MARK: Commands

    func respond(to command: Command) -> [Response] {
        let tag = command.tag
        let authenticated = state != .notAuthenticated
        var selected: (name: MailboxName, readOnly: Bool)? {
            if case .selected(let name, let readOnly) = state { return (name, readOnly) }
            return nil
        }
        func wrongState() -> [Response] { [tagged(tag, .bad, "command not valid in this state")] }

        switch command.kind {
        case .capability:
            return [.untagged(.capability(server.capabilities)), tagged(tag, .ok, "CAPABILITY completed")]
        case .noop, .check:
            return updates() + [tagged(tag, .ok, "NOOP completed")]
        case .logout:
            open = false
            return [untagged(.bye, "logging out"), tagged(tag, .ok, "LOGOUT completed")]
        case .login(let user, let password):
            guard !authenticated else { return wrongState() }
            guard user == "test", password == "pass" else {
                return [tagged(tag, .no, "invalid credentials", code: .simple(.authenticationFailed))]
            }
            state = .authenticated
            decoder.options.limits = .commands
            return [tagged(tag, .ok, "LOGIN completed", code: .capability(server.capabilities))]
        case .authenticate:
            decoder.mode = .command
            return [tagged(tag, .no, "no SASL mechanisms here, use LOGIN", code: .simple(.cannot))]
        case .list(let list) where authenticated:
            return list.patterns.flatMap { self.list(reference: list.reference, pattern: $0, lsub: false) }
                + [tagged(tag, .ok, "LIST completed")]
        case .lsub(let lsub) where authenticated:
            return self.list(reference: lsub.reference, pattern: lsub.pattern, lsub: true) + [
                tagged(tag, .ok, "LSUB completed")
            ]
        case .status(let status) where authenticated:
            return server.withStore { boxes -> [Response] in
                guard let box = boxes.first(where: { $0.name == status.mailbox }) else {
                    return [tagged(tag, .no, "no such mailbox", code: .simple(.nonExistent))]
                }
                let values: [StatusValue] = status.attributes.compactMap {
                    switch $0 {
                    case .messages: return .messages(UInt32(box.messages.count))
                    case .recent: return .recent(0)
                    case .uidNext: return .uidNext(box.uidNext)
                    case .uidValidity: return .uidValidity(box.uidValidity)
                    case .unseen: return .unseen(UInt32(box.messages.filter { !$0.flags.contains(.seen) }.count))
                    default: return nil
                    }
                }
                return [
                    .untagged(.status(StatusResponse(mailbox: box.name, values: values))),
                    tagged(tag, .ok, "STATUS completed"),
                ]
            }
        case .select(let select) where authenticated, .examine(let select) where authenticated:
            var readOnly = false
            if case .examine = command.kind { readOnly = true }
            return self.select(select.mailbox, readOnly: readOnly, tag: tag)
        case .append(let append) where authenticated:
            return self.append(append, tag: tag)
        case .idle where authenticated:
            idleTag = tag
            return updates() + [.continuation(ContinuationRequest(text: ResponseText(text: "idling")))]
        case .idle:
            decoder.mode = .command
            return wrongState()
        case .close where selected != nil, .unselect where selected != nil:
            if case .close = command.kind, selected?.readOnly == false { _ = expunge() }
            state = .authenticated
            return [tagged(tag, .ok, "\(command.kind == .close ? "CLOSE" : "UNSELECT") completed")]
        case .expunge where selected != nil:
            guard selected?.readOnly == false else { return [tagged(tag, .no, "mailbox is read-only")] }
            return expunge() + [tagged(tag, .ok, "EXPUNGE completed")]
        case .fetch(let set, let attributes, let modifiers, let uid) where selected != nil:
            guard modifiers.isEmpty else { return [tagged(tag, .bad, "FETCH modifiers are not supported")] }
            return fetch(set, attributes.attributes, uid: uid, tag: tag)
        case .search(let program, let uid) where selected != nil:
            return search(program, uid: uid, tag: tag)
        case .store(let set, let modifiers, let store, let uid) where selected != nil:
            guard modifiers.isEmpty else { return [tagged(tag, .bad, "STORE modifiers are not supported")] }
            guard selected?.readOnly == false else { return [tagged(tag, .no, "mailbox is read-only")] }
            return self.store(set, store, uid: uid, tag: tag)
        case .list, .lsub, .status, .select, .examine, .append, .close, .unselect, .expunge, .fetch, .search, .store:
            return wrongState()
        default:
            return [tagged(tag, .bad, "command not implemented by the test server")]
        }
    }

    /// LIST/LSUB: `*` matches anything, `%` anything but the delimiter `/`.
    func list(reference: MailboxName, pattern: MailboxName, lsub: Bool) -> [Response] {
        if pattern.bytes.isEmpty && !lsub {
            return [
                .untagged(
                    .list(
                        MailboxListData(
                            attributes: [.noSelect],
                            delimiter: "/",
                            mailbox: MailboxName(bytes: "")
                        )
                    )
                )
            ]
        }
        let full = Array(reference.bytes.bytes) + Array(pattern.bytes.bytes)
        return server.withStore { boxes in
            boxes.filter { matches(Array($0.name.bytes.bytes)[...], full[...]) }.map {
                let data = MailboxListData(attributes: $0.attributes, delimiter: "/", mailbox: $0.name)
                return .untagged(lsub ? .lsub(data) : .list(data))
            }
        }
    }

    func matches(_ name: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        if first == UInt8(ascii: "*") || first == UInt8(ascii: "%") {
            for split in name.startIndex...name.endIndex {
                if first == UInt8(ascii: "%") && name[name.startIndex..<split].contains(UInt8(ascii: "/")) { break }
                if matches(name[split...], pattern.dropFirst()) { return true }
            }
            return false
        }
        return name.first == first && matches(name.dropFirst(), pattern.dropFirst())
    }

    func select(_ name: MailboxName, readOnly: Bool, tag: Tag) -> [Response] {
        state = .authenticated  // a failed SELECT leaves no mailbox selected
        guard let box = server.withStore({ boxes in boxes.first { $0.name == name } }) else {
            return [tagged(tag, .no, "no such mailbox", code: .simple(.nonExistent))]
        }
        state = .selected(name, readOnly: readOnly)
        knownExists = box.messages.count
        var responses: [Response] = [
            .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft])),
            untagged(
                .ok,
                "permanent flags",
                code: .permanentFlags(readOnly ? [] : [.answered, .flagged, .deleted, .seen, .draft, .wildcard])
            ),
            .untagged(.exists(UInt32(box.messages.count))),
            .untagged(.recent(0)),
            untagged(.ok, "UIDs valid", code: .uidValidity(box.uidValidity)),
            untagged(.ok, "predicted next UID", code: .uidNext(box.uidNext)),
        ]
        if let unseen = box.messages.firstIndex(where: { !$0.flags.contains(.seen) }) {
            responses.append(untagged(.ok, "first unseen", code: .unseen(UInt32(unseen + 1))))
        }
        let verb = readOnly ? "EXAMINE" : "SELECT"
        return responses + [tagged(tag, .ok, "\(verb) completed", code: readOnly ? .readOnly : .readWrite)]
    }

    /// `* n EXISTS` when the selected mailbox grew since the client was last told.
    func updates() -> [Response] {
        guard case .selected(let name, _) = state else { return [] }
        let count = server.withStore { boxes in boxes.first { $0.name == name }?.messages.count ?? 0 }
        guard count > knownExists else { return [] }
        knownExists = count
        return [.untagged(.exists(UInt32(count)))]
    }

    func append(_ append: AppendCommand, tag: Tag) -> [Response] {
        var messages: [([UInt8], AppendMessage)] = []
        for message in append.messages {
            switch message.data {
            case .literal(let data), .binary(let data): messages.append((Array(data.bytes), message))
            default: return [tagged(tag, .no, "only literal message data is supported", code: .simple(.cannot))]
            }
        }
        let result: (UInt32, [UInt32])? = server.withStore { boxes in
            guard let index = boxes.firstIndex(where: { $0.name == append.mailbox }) else { return nil }
            let uids = messages.map {
                boxes[index].append($0.0, flags: ($0.1.flags ?? []).filter { $0 != .recent }, date: $0.1.internalDate)
            }
            return (boxes[index].uidValidity, uids)
        }
        guard let (validity, uids) = result, let first = uids.first, let last = uids.last else {
            return [tagged(tag, .no, "no such mailbox", code: .tryCreate)]
        }
        return updates() + [
            tagged(
                tag,
                .ok,
                "APPEND completed",
                code: .appendUID(
                    uidValidity: validity,
                    uids: first == last ? SequenceSet(first) : SequenceSet(first...last)
                )
            )
        ]
    }

    /// Removes \Deleted messages, returning the EXPUNGE responses.
    func expunge() -> [Response] {
        guard case .selected(let name, _) = state else { return [] }
        return server.withStore { boxes in
            guard let index = boxes.firstIndex(where: { $0.name == name }) else { return [] }
            var responses: [Response] = []
            var seq = 1
            boxes[index].messages.removeAll { message in
                guard message.flags.contains(.deleted) else {
                    seq += 1
                    return false
                }
                responses.append(.untagged(.expunge(UInt32(seq))))
                return true
            }
            knownExists = boxes[index].messages.count
            return responses
        }
    }

    /// The selected mailbox's messages in `set` (sequence numbers or UIDs), with their
    /// sequence numbers, and the index of the mailbox.
    func selectedMessages(_ set: SequenceSet, uid: Bool, in boxes: [TestMailbox]) -> (Int, [(UInt32, TestMessage)])? {
        guard case .selected(let name, _) = state, let index = boxes.firstIndex(where: { $0.name == name }) else {
            return nil
        }
        let messages = boxes[index].messages
        let lastUID = messages.last?.uid ?? 0
        return (
            index,
            messages.enumerated().compactMap { offset, message in
                let seq = UInt32(offset + 1)
                let found =
                    uid
                    ? set.contains(message.uid, largest: lastUID) : set.contains(seq, largest: UInt32(messages.count))
                return found ? (seq, message) : nil
            }
        )
    }

    func fetch(_ set: SequenceSet, _ attributes: [FetchAttribute], uid: Bool, tag: Tag) -> [Response] {
        let readOnly = { if case .selected(_, true) = state { return true } else { return false } }()
        return server.withStore { boxes -> [Response] in
            guard let (index, messages) = selectedMessages(set, uid: uid, in: boxes) else { return [] }
            var responses: [Response] = []
            for (seq, message) in messages {
                var items: [MessageAttribute] = uid ? [.uid(message.uid)] : []
                var markSeen = false
                for attribute in attributes {
                    switch attribute {
                    case .uid: if !uid { items.append(.uid(message.uid)) }
                    case .flags: items.append(.flags(message.flags))
                    case .internalDate: items.append(.internalDate(message.internalDate))
                    case .rfc822Size: items.append(.rfc822Size(Int64(message.bytes.count)))
                    case .envelope: items.append(.envelope(message.envelope))
                    case .body: items.append(.body(message.bodyStructure))
                    case .bodyStructure: items.append(.bodyStructure(message.bodyStructure))
                    case .rfc822:
                        items.append(.rfc822(ByteString(message.bytes)))
                        markSeen = true
                    case .rfc822Header: items.append(.rfc822Header(ByteString(message.header)))
                    case .rfc822Text:
                        items.append(.rfc822Text(ByteString(message.text)))
                        markSeen = true
                    case .bodySection(let section, let partial, let peek):
                        var data = message.section(section).map { ArraySlice($0) }
                        if let partial, let whole = data {
                            let start = min(Int(partial.offset), whole.count)
                            data = whole[(whole.startIndex + start)...].prefix(Int(partial.length))
                        }
                        items.append(
                            .bodySection(
                                section,
                                origin: partial.map { UInt32($0.offset) },
                                data: data.map { ByteString($0) }
                            )
                        )
                        markSeen = markSeen || !peek
                    default:
                        return [tagged(tag, .bad, "FETCH item not supported by the test server")]
                    }
                }
                if markSeen && !readOnly && !message.flags.contains(.seen) {
                    let position = boxes[index].messages.firstIndex { $0.uid == message.uid }!
                    boxes[index].messages[position].flags.append(.seen)
                    if !attributes.contains(.flags) { items.append(.flags(boxes[index].messages[position].flags)) }
                }
                responses.append(.untagged(.fetch(seq, items)))
            }
            return responses + [tagged(tag, .ok, "\(uid ? "UID " : "")FETCH completed")]
        }
    }

    func search(_ program: SearchProgram, uid: Bool, tag: Tag) -> [Response] {
        guard program.returnOptions == nil else { return [tagged(tag, .bad, "SEARCH RETURN is not supported")] }
        if let charset = program.charset, !["UTF-8", "US-ASCII"].contains(charset.uppercased()) {
            return [tagged(tag, .no, "unsupported charset", code: .badCharset(["UTF-8", "US-ASCII"]))]
        }
        return server.withStore { boxes -> [Response] in
            guard let (index, messages) = selectedMessages(.all, uid: false, in: boxes) else { return [] }
            let lastUID = boxes[index].messages.last?.uid ?? 0
            var found: [UInt32] = []
            for (seq, message) in messages {
                guard
                    let match = testSearchMatches(
                        .and(program.keys),
                        message,
                        seq: seq,
                        lastSeq: UInt32(messages.count),
                        lastUID: lastUID
                    )
                else {
                    return [tagged(tag, .no, "search key not supported by the test server", code: .simple(.cannot))]
                }
                if match { found.append(uid ? message.uid : seq) }
            }
            return [
                .untagged(.search(SearchResponse(numbers: found))),
                tagged(tag, .ok, "\(uid ? "UID " : "")SEARCH completed"),
            ]
        }
    }

    func store(_ set: SequenceSet, _ store: StoreFlags, uid: Bool, tag: Tag) -> [Response] {
        guard case .flags(let flags) = store.target else { return [tagged(tag, .bad, "only FLAGS can be stored")] }
        let storable = flags.filter { $0 != .recent }
        return server.withStore { boxes -> [Response] in
            guard let (index, messages) = selectedMessages(set, uid: uid, in: boxes) else { return [] }
            var responses: [Response] = []
            for (seq, message) in messages {
                var updated = message.flags
                switch store.operation {
                case .replace: updated = storable
                case .add: updated += storable.filter { !updated.contains($0) }
                case .remove: updated.removeAll { storable.contains($0) }
                }
                boxes[index].messages[Int(seq) - 1].flags = updated
                if !store.silent {
                    responses.append(.untagged(.fetch(seq, [.flags(updated)] + (uid ? [.uid(message.uid)] : []))))
                }
            }
            return responses + [tagged(tag, .ok, "\(uid ? "UID " : "")STORE completed")]
        }
    }
}
