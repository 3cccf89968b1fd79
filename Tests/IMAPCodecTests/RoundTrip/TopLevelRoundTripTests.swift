import XCTest

@testable import IMAPCodec

// Seeded round trips of every case of the top-level model through the public codecs:
// `Response` through ResponseEncoder / ResponseDecoder, `ClientMessage` (every `CommandKind`)
// through CommandEncoder / CommandDecoder in every client literal mode.
//
// Adding a case to `UntaggedResponse`, `Response`, `CommandKind` or `ClientMessage` breaks the
// build here: `ResponseCase.of` / `MessageCase.of` switch over the value with no `default`.
// Adding the matching `ResponseCase` / `MessageCase` then breaks the build in the generator's
// switch (no `default` either), and the tests fail at run time unless every case of the
// enumeration was decoded at least once.

/// One identifier per case of `Response` (with `.untagged` split into its cases).
enum ResponseCase: String, CaseIterable {
    case continuation, tagged
    case condition, capability, enabled, id, list, lsub, xlist, status, namespace, quota, quotaRoot, metadata
    case acl, listRights, myRights, flags, fetch, search, esearch, uidBatches, sort, thread
    case exists, recent, expunge, vanished, other
    case language, comparator, jmapAccess, genURLAuth, urlFetch

    static func of(_ response: Response) -> ResponseCase {
        switch response {
        case .continuation: return .continuation
        case .tagged: return .tagged
        case .untagged(let untagged):
            switch untagged {
            case .condition: return .condition
            case .capability: return .capability
            case .enabled: return .enabled
            case .id: return .id
            case .list: return .list
            case .lsub: return .lsub
            case .xlist: return .xlist
            case .status: return .status
            case .namespace: return .namespace
            case .quota: return .quota
            case .quotaRoot: return .quotaRoot
            case .metadata: return .metadata
            case .acl: return .acl
            case .listRights: return .listRights
            case .myRights: return .myRights
            case .flags: return .flags
            case .fetch: return .fetch
            case .search: return .search
            case .esearch: return .esearch
            case .uidBatches: return .uidBatches
            case .language: return .language
            case .comparator: return .comparator
            case .jmapAccess: return .jmapAccess
            case .genURLAuth: return .genURLAuth
            case .urlFetch: return .urlFetch
            case .sort: return .sort
            case .thread: return .thread
            case .exists: return .exists
            case .recent: return .recent
            case .expunge: return .expunge
            case .vanished: return .vanished
            case .other: return .other
            }
        }
    }
}

/// One identifier per case of `ClientMessage` (with `.command` split into the `CommandKind` cases).
enum MessageCase: String, CaseIterable {
    case idleDone, authenticationResponse, authenticationCancel
    case capability, noop, logout, startTLS, authenticate, login
    case delete, rename, subscribe, unsubscribe, enable, select, examine, create, list, lsub, xlist, status, id
    case getQuota, setQuota, getMetadata, setMetadata, setACL, deleteACL, listRights, namespace, append, idle
    case getQuotaRoot, getACL, myRights, unauthenticate, compress
    case check, close, unselect, expunge, uidExpunge, search, esearch, fetch, store, sort, thread, replace, uidBatches
    case cancelUpdate
    case copy, move, otherCommand
    case language, comparator, getJMAPAccess, notify, resetKey, genURLAuth, urlFetch

    static func of(_ message: ClientMessage) -> MessageCase {
        switch message {
        case .idleDone: return .idleDone
        case .authenticationResponse: return .authenticationResponse
        case .authenticationCancel: return .authenticationCancel
        case .command(let command):
            switch command.kind {
            case .capability: return .capability
            case .noop: return .noop
            case .logout: return .logout
            case .startTLS: return .startTLS
            case .authenticate: return .authenticate
            case .login: return .login
            case .delete: return .delete
            case .rename: return .rename
            case .subscribe: return .subscribe
            case .unsubscribe: return .unsubscribe
            case .enable: return .enable
            case .select: return .select
            case .examine: return .examine
            case .create: return .create
            case .list: return .list
            case .lsub: return .lsub
            case .xlist: return .xlist
            case .status: return .status
            case .id: return .id
            case .getQuota: return .getQuota
            case .setQuota: return .setQuota
            case .getMetadata: return .getMetadata
            case .setMetadata: return .setMetadata
            case .setACL: return .setACL
            case .deleteACL: return .deleteACL
            case .listRights: return .listRights
            case .namespace: return .namespace
            case .append: return .append
            case .idle: return .idle
            case .getQuotaRoot: return .getQuotaRoot
            case .getACL: return .getACL
            case .myRights: return .myRights
            case .unauthenticate: return .unauthenticate
            case .compress: return .compress
            case .check: return .check
            case .close: return .close
            case .unselect: return .unselect
            case .expunge: return .expunge
            case .uidExpunge: return .uidExpunge
            case .search: return .search
            case .esearch: return .esearch
            case .fetch: return .fetch
            case .store: return .store
            case .sort: return .sort
            case .thread: return .thread
            case .replace: return .replace
            case .uidBatches: return .uidBatches
            case .cancelUpdate: return .cancelUpdate
            case .language: return .language
            case .comparator: return .comparator
            case .getJMAPAccess: return .getJMAPAccess
            case .notify: return .notify
            case .resetKey: return .resetKey
            case .genURLAuth: return .genURLAuth
            case .urlFetch: return .urlFetch
            case .copy: return .copy
            case .move: return .move
            case .other: return .otherCommand
            }
        }
    }
}

/// Draws top-level values from the area generators, all seeded from one seed.
struct TopLevelGenerator {
    var values: ValueGenerator
    var mailboxes: MailboxDataGen
    var fetch: FetchValueGenerator
    var rng: SeededGenerator

    init(seed: UInt64, utf8Accept: Bool = false) {
        values = ValueGenerator(seed: seed)
        mailboxes = MailboxDataGen(seed: seed &+ 1, utf8Accept: utf8Accept)
        fetch = FetchValueGenerator(rng: SeededGenerator(seed: seed &+ 2))
        rng = SeededGenerator(seed: seed &+ 3)
    }

    mutating func nz() -> UInt32 { values.uint32(nonZero: true) }

    /// A tag: mostly `A<n>`, sometimes any ASTRING-CHARs but `+` (`]` included).
    mutating func tag() -> Tag {
        if values.bool() { return values.tag() }
        let chars = Array("abcXYZ019.-_$&!#'/:;<=>?@^`|~]".utf8)
        return Tag(unchecked: ByteString((0..<values.int(1...8)).map { _ in values.pick(chars) }))
    }

    /// One APPEND/REPLACE message; sometimes one larger than LITERAL-'s 4096 bytes, which the
    /// encoder must send as a synchronizing literal even in `.literalMinus` mode.
    mutating func appendMessage() -> AppendMessage {
        var message = values.appendMessage()
        if values.int(0...9) == 0 {
            message.data = .literal(ByteString((0..<values.int(4090...5000)).map { _ in UInt8(values.int(1...255)) }))
        }
        return message
    }

    /// A mailbox name; under UTF8=ACCEPT only names that round-trip there.
    mutating func mailbox() -> MailboxName { mailboxes.mailbox() }

    mutating func response(_ which: ResponseCase) -> Response {
        switch which {
        case .continuation: return .continuation(ContinuationRequest(text: values.responseText()))
        case .tagged:
            return .tagged(
                TaggedResponse(tag: tag(), status: values.pick([.ok, .no, .bad]), text: values.responseText())
            )
        case .condition:
            return .untagged(.condition(values.pick([.ok, .no, .bad, .bye, .preauth]), values.responseText()))
        case .capability: return .untagged(.capability(mailboxes.capabilities()))
        case .enabled: return .untagged(.enabled(mailboxes.capabilities()))
        case .id: return .untagged(.id(mailboxes.idFields()))
        case .list: return .untagged(.list(mailboxes.mailboxListData()))
        case .lsub: return .untagged(.lsub(mailboxes.mailboxListData()))
        case .xlist: return .untagged(.xlist(mailboxes.mailboxListData()))
        case .status: return .untagged(.status(mailboxes.statusResponse()))
        case .namespace: return .untagged(.namespace(mailboxes.namespaceResponse()))
        case .quota: return .untagged(.quota(mailboxes.quotaResponse()))
        case .quotaRoot: return .untagged(.quotaRoot(mailboxes.quotaRootResponse()))
        case .metadata: return .untagged(.metadata(mailboxes.metadataResponse()))
        case .acl: return .untagged(.acl(mailboxes.aclResponse()))
        case .listRights: return .untagged(.listRights(mailboxes.listRightsResponse()))
        case .myRights: return .untagged(.myRights(mailboxes.myRightsResponse()))
        case .flags: return .untagged(.flags(values.array(0...6) { $0.flag() }))
        case .fetch:
            return .untagged(.fetch(nz(), (0..<fetch.int(1...5)).map { _ in fetch.messageAttribute() }))
        case .search: return .untagged(.search(SearchValueGenerator.searchResponse(&rng)))
        case .esearch: return .untagged(.esearch(SearchValueGenerator.esearchResponse(&rng)))
        case .language:
            return .untagged(.language(values.array(1...3) { $0.pick(["en", "de-CH", "i-default", "x y"]) }))
        case .comparator:
            return .untagged(
                .comparator(
                    ComparatorResponse(
                        active: values.pick(["i;unicode-casemap", "i;octet", "\"q\""]),
                        matching: values.array(0...2) { $0.pick(["i;ascii-casemap", "i;basic;uca=3.1.1", "x y"]) }
                    )
                )
            )
        case .genURLAuth:
            return .untagged(
                .genURLAuth(
                    values.array(1...3) {
                        $0.pick(["imap://a@b/INBOX/;uid=1;urlauth=anonymous:internal:00", "x y", "atom"])
                    }
                )
            )
        case .urlFetch:
            return .untagged(
                .urlFetch(
                    values.array(1...3) {
                        URLFetchData(
                            url: $0.pick(["imap://a@b/INBOX/;uid=1", "x"]),
                            data: $0.pick([nil, "", "hi", "a\r\nb"])
                        )
                    }
                )
            )
        case .jmapAccess:
            return .untagged(.jmapAccess(values.pick(["https://example.com/.well-known/jmap", "", "a b \\ \""])))
        case .uidBatches:
            return .untagged(
                .uidBatches(
                    UIDBatchesResponse(
                        tag: values.pick(["A1", "tag with space", "x\"y", ""]),
                        mailbox: values.bool() ? mailbox() : nil,
                        uidValidity: values.bool() ? nz() : nil,
                        batches: values.array(0...4) { g in
                            let a = UInt32(g.int(1...100_000))
                            let b = g.bool() ? a : UInt32(g.int(1...100_000))
                            return Swift.min(a, b)...Swift.max(a, b)
                        }
                    )
                )
            )
        case .sort: return .untagged(.sort(SearchValueGenerator.searchResponse(&rng)))
        case .thread: return .untagged(.thread(SearchValueGenerator.threads(&rng)))
        case .exists: return .untagged(.exists(values.uint32()))
        case .recent: return .untagged(.recent(values.uint32()))
        case .expunge: return .untagged(.expunge(nz()))
        case .vanished:
            return .untagged(
                .vanished(earlier: values.bool(), uids: values.sequenceSet(allowStar: false, allowDollar: false))
            )
        case .other:
            // The keyword must be no keyword IMAPCodec knows (X...), and the rest must not
            // continue the atom, so it is empty or starts with SP.
            let rest: ByteString = values.pick([
                "", " ", " some (rest \"of\" the) line", " {5}\r\nab\r\nc tail", " [x] 12", " ~{2}\r\n\u{0}\u{1}",
            ])
            return .untagged(.other(keyword: Atom("X-" + values.atom().stringValue)!, rest: rest))
        }
    }

    mutating func message(_ which: MessageCase) -> ClientMessage {
        let kind: CommandKind
        switch which {
        case .idleDone: return .idleDone
        case .authenticationResponse:
            return .authenticationResponse(
                values.pick(["", "dGVzdAB0ZXN0AHRlc3Q=", "AGJvYgBwdw==", "YQ==", "YWI=", "YWJj"])
            )
        case .authenticationCancel: return .authenticationCancel
        case .capability: kind = .capability
        case .noop: kind = .noop
        case .logout: kind = .logout
        case .startTLS: kind = .startTLS
        case .authenticate:
            kind = .authenticate(
                mechanism: values.atomValue(),
                initialResponse: values.maybe { g in g.pick([ByteString(""), "dGVzdA==", "AGJvYgBwdw=="]) }
            )
        case .login: kind = .login(user: mailboxes.bytes(), password: values.bytes())
        case .delete: kind = .delete(mailbox())
        case .rename: kind = .rename(from: mailbox(), to: mailbox())
        case .subscribe: kind = .subscribe(mailbox())
        case .unsubscribe: kind = .unsubscribe(mailbox())
        case .enable: kind = .enable(mailboxes.enableCapabilities())
        case .select: kind = .select(mailboxes.selectCommand())
        case .examine: kind = .examine(mailboxes.selectCommand())
        case .create: kind = .create(mailboxes.createCommand())
        case .list: kind = .list(mailboxes.listCommand())
        case .lsub: kind = .lsub(mailboxes.lsubCommand())
        case .xlist: kind = .xlist(mailboxes.lsubCommand())
        case .status: kind = .status(mailboxes.statusCommand())
        case .id: kind = .id(mailboxes.idFields())
        case .getQuota: kind = .getQuota(mailboxes.bytes())
        case .setQuota: kind = .setQuota(mailboxes.setQuotaCommand())
        case .getMetadata: kind = .getMetadata(mailboxes.getMetadataCommand())
        case .setMetadata: kind = .setMetadata(mailboxes.setMetadataCommand())
        case .setACL: kind = .setACL(mailboxes.setACLCommand())
        case .deleteACL: kind = .deleteACL(mailboxes.aclIdentifierCommand())
        case .listRights: kind = .listRights(mailboxes.aclIdentifierCommand())
        case .namespace: kind = .namespace
        case .append:
            kind = .append(
                AppendCommand(
                    mailbox: mailbox(),
                    messages: NonEmptyArray((0..<values.int(1...3)).map { _ in appendMessage() })!
                )
            )
        case .idle: kind = .idle
        case .getQuotaRoot: kind = .getQuotaRoot(mailbox())
        case .getACL: kind = .getACL(mailbox())
        case .myRights: kind = .myRights(mailbox())
        case .unauthenticate: kind = .unauthenticate
        case .compress: kind = .compress(values.pick([Atom("DEFLATE")!, Atom("X-ZSTD")!]))
        case .check: kind = .check
        case .close: kind = .close
        case .unselect: kind = .unselect
        case .expunge: kind = .expunge
        case .uidExpunge: kind = .uidExpunge(values.sequenceSet(allowStar: false))
        case .search: kind = .search(SearchValueGenerator.program(&rng), uid: values.bool())
        case .esearch:
            var filters: [SearchMailboxFilter] = []
            for _ in 0..<values.int(1...3) {
                switch values.int(0...6) {
                case 0: filters.append(.selected)
                case 1: filters.append(.inboxes)
                case 2: filters.append(.personal)
                case 3: filters.append(.subscribed)
                case 4: filters.append(.subtree([mailbox()]))
                case 5: filters.append(.subtreeOne([mailbox(), mailbox()]))
                default: filters.append(.mailboxes((0..<values.int(1...3)).map { _ in mailbox() }))
                }
            }
            let source = values.bool() ? nil : SearchSource(filters: filters)
            kind = .esearch(
                ESearchCommand(source: source, program: SearchValueGenerator.program(&rng)),
                uid: values.bool()
            )
        case .fetch:
            kind = .fetch(
                values.sequenceSet(),
                fetch.fetchAttributes(),
                modifiers: (0..<fetch.int(0...3)).map { _ in fetch.fetchModifier() },
                uid: values.bool()
            )
        case .store:
            kind = .store(
                values.sequenceSet(),
                modifiers: (0..<fetch.int(0...2)).map { _ in fetch.storeModifier() },
                fetch.storeFlags(),
                uid: values.bool()
            )
        case .sort: kind = .sort(SearchValueGenerator.sortArguments(&rng), uid: values.bool())
        case .thread: kind = .thread(SearchValueGenerator.threadArguments(&rng), uid: values.bool())
        case .replace: kind = .replace(values.seqNumber(), mailbox(), appendMessage(), uid: values.bool())
        case .uidBatches:
            let first = nz()
            let last = values.bool() ? first : UInt32(clamping: UInt64(first) + UInt64(values.int(0...1000)))
            kind = .uidBatches(UIDBatchesCommand(batchSize: nz(), batches: values.bool() ? nil : first...last))
        case .language: kind = .language(values.array(0...3) { $0.pick(["en", "fr-CA", "*", "default", "x y"]) })
        case .comparator: kind = .comparator(values.array(0...2) { $0.pick(["i;unicode-casemap", "default", "x y"]) })
        case .getJMAPAccess: kind = .getJMAPAccess
        case .resetKey:
            // Mechanisms only with a mailbox: `[SP mailbox *(SP mechanism)]`.
            let mailbox: MailboxName? = values.bool() ? nil : values.pick([.inbox, "Drafts", "a b"])
            let mechanisms = mailbox == nil ? [] : values.array(0...2) { $0.pick([Atom("INTERNAL")!, Atom("X-1.2")!]) }
            kind = .resetKey(mailbox: mailbox, mechanisms: mechanisms)
        case .genURLAuth:
            kind = .genURLAuth(
                values.array(1...3) {
                    URLAuthRequest(
                        urlRump: $0.pick(["imap://a@b/INBOX/;uid=1;urlauth=anonymous", "x y"]),
                        mechanism: $0.pick([Atom("INTERNAL")!, Atom("X-M")!])
                    )
                }
            )
        case .urlFetch: kind = .urlFetch(values.array(1...3) { $0.pick(["imap://a@b/INBOX/;uid=1", "x y", "\"q\""]) })
        case .notify:
            if values.bool() {
                kind = .notify(.none)
            } else {
                // Never empty: `event-groups` needs one group, `one-or-more-mailbox` one mailbox.
                let groups = values.array(1...3) { g -> NotifyEventGroup in
                    let filter = g.pick([
                        NotifyMailboxFilter.selected, .selectedDelayed, .inboxes, .personal, .subscribed,
                        .subtree(["Lists"]), .mailboxes([.inbox, "a b"]),
                    ])
                    let events = g.array(0...3) { e in
                        e.pick([
                            NotifyEvent.messageNew([]), .messageNew([.uid, .flags]), .messageExpunge, .flagChange,
                            .annotationChange, .mailboxName, .subscriptionChange, .mailboxMetadataChange,
                            .serverMetadataChange, .other(Atom("X-FUTURE")!),
                        ])
                    }
                    return NotifyEventGroup(mailboxes: filter, events: events)
                }
                kind = .notify(.set(status: values.bool(), groups: groups))
            }
        case .cancelUpdate:
            // Never empty: the grammar is `"CANCELUPDATE" 1*(SP quoted)`, an empty list has no wire form.
            kind = .cancelUpdate(
                values.nonEmpty(1...3) { g in g.pick(["A0155", "tag with space", "x\"y\\z", "", "B2"]) }
            )
        case .copy: kind = .copy(values.sequenceSet(), mailbox(), uid: values.bool())
        case .move: kind = .move(values.sequenceSet(), mailbox(), uid: values.bool())
        case .otherCommand:
            // A name no command IMAPCodec knows (X...), and arguments of every kind.
            let arguments: ByteString = values.pick([
                "", "a", "1:* (FLAGS \\Seen) \"q \\\" s\"", "{5}\r\nab\r\nc tail", "((()) x)", "~{2}\r\n\u{0}\u{1}",
                "BODY[HEADER.FIELDS (A B)]<0.10> {0}\r\n",
            ])
            kind = .other(name: Atom("X" + values.atom().stringValue)!, arguments: RawCommandArguments(arguments)!)
        }
        return .command(Command(tag: tag(), kind))
    }
}

final class TopLevelRoundTripTests: XCTestCase {
    /// How many values of each case to generate.
    static let perCase = 300

    func checkResponses(
        seed: UInt64,
        utf8Accept: Bool,
        perCase: Int,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        var g = TopLevelGenerator(seed: seed, utf8Accept: utf8Accept)
        let encoder = ResponseEncoder(utf8Accept: utf8Accept)
        let options = ResponseDecoder.Options(lenient: false, utf8Accept: utf8Accept)
        var seen: [ResponseCase: Int] = [:]
        var failures = 0
        for _ in 0..<perCase {
            for which in ResponseCase.allCases {
                let response = g.response(which)
                XCTAssertEqual(
                    ResponseCase.of(response),
                    which,
                    "generator for \(which) made \(response)",
                    file: file,
                    line: line
                )
                let bytes: [UInt8]
                do {
                    bytes = try encoder.encode(response)
                } catch {
                    XCTFail("\(which): the encoder refuses a generated value: \(error)", file: file, line: line)
                    continue
                }
                do {
                    let decoded = try ResponseDecoder.decode(bytes, options: options)
                    if decoded == response {
                        seen[ResponseCase.of(decoded), default: 0] += 1
                    } else {
                        failures += 1
                        if failures <= 10 {
                            XCTFail(
                                "\(which): decoded \(decoded)\n  from \(ASCII.escaped(bytes))\n  expected \(response)",
                                file: file,
                                line: line
                            )
                        }
                    }
                } catch {
                    failures += 1
                    if failures <= 10 {
                        XCTFail("\(which): \(error) for \(ASCII.escaped(bytes))", file: file, line: line)
                    }
                }
            }
        }
        XCTAssertEqual(failures, 0, "failed round trips", file: file, line: line)
        for which in ResponseCase.allCases {
            XCTAssertEqual(seen[which], perCase, "round trips of \(which)", file: file, line: line)
        }
    }

    func checkMessages(seed: UInt64, utf8Accept: Bool, perCase: Int, file: StaticString = #filePath, line: UInt = #line)
    {
        var g = TopLevelGenerator(seed: seed, utf8Accept: utf8Accept)
        var seen: [MessageCase: Int] = [:]
        var failures = 0
        let modes: [LiteralMode] = [.synchronizing, .nonSynchronizing, .literalMinus]
        for _ in 0..<perCase {
            for which in MessageCase.allCases {
                let message = g.message(which)
                XCTAssertEqual(
                    MessageCase.of(message),
                    which,
                    "generator for \(which) made \(message)",
                    file: file,
                    line: line
                )
                for mode in modes {
                    let chunks: [EncodedChunk]
                    do {
                        chunks = try CommandEncoder(
                            options: EncodingOptions(literalMode: mode, utf8Accept: utf8Accept, binary: true)
                        )
                        .encode(message)
                    } catch {
                        XCTFail("\(which): the encoder refuses a generated value: \(error)", file: file, line: line)
                        continue
                    }
                    let shown = chunks.map { ASCII.escaped($0.bytes) + ($0.waitForContinuation ? " <wait>" : "") }
                    // In LITERAL- mode the decoder also enforces the 4096-byte limit of `{n+}`.
                    var decoder = CommandDecoder(
                        options: CommandDecoder.Options(
                            lenient: false,
                            utf8Accept: utf8Accept,
                            literalMinus: mode == .literalMinus
                        )
                    )
                    switch message {
                    case .idleDone: decoder.mode = .idling
                    case .authenticationResponse, .authenticationCancel: decoder.mode = .authenticating
                    case .command: break
                    }
                    var decoded: [ClientMessage] = []
                    var problem: String? = nil
                    do {
                        for (i, chunk) in chunks.enumerated() {
                            decoder.append(chunk.bytes)
                            var continuations = 0
                            while let event = try decoder.next() {
                                switch event {
                                case .message(let m):
                                    if i != chunks.count - 1 { problem = "message before the last chunk" }
                                    decoded.append(m)
                                case .continuationRequired:
                                    continuations += 1
                                case .appendStart, .appendBytes, .appendEnd:
                                    problem = "streaming event with streaming off"
                                }
                            }
                            if continuations != (chunk.waitForContinuation ? 1 : 0) {
                                problem =
                                    "chunk \(i) (wait \(chunk.waitForContinuation)) gave \(continuations) continuation requests"
                            }
                        }
                        if problem == nil && decoded != [message] { problem = "decoded \(decoded)" }
                        if problem == nil && !decoder.bufferedBytes.isEmpty { problem = "bytes left over" }
                    } catch {
                        problem = "\(error)"
                    }
                    if let problem {
                        failures += 1
                        if failures <= 10 {
                            XCTFail(
                                "\(which) \(mode): \(problem)\n  from \(shown)\n  expected \(message)",
                                file: file,
                                line: line
                            )
                        }
                    } else {
                        seen[MessageCase.of(decoded[0]), default: 0] += 1
                    }
                }
            }
        }
        XCTAssertEqual(failures, 0, "failed round trips", file: file, line: line)
        for which in MessageCase.allCases {
            XCTAssertEqual(seen[which], perCase * modes.count, "round trips of \(which)", file: file, line: line)
        }
    }

    func testEveryResponseCase() {
        checkResponses(seed: 0x70_9E_5E, utf8Accept: false, perCase: Self.perCase)
    }

    func testEveryClientMessageCase() {
        checkMessages(seed: 0xC0_33A4D, utf8Accept: false, perCase: Self.perCase)
    }

    /// UTF8=ACCEPT on both sides: mailbox names travel as UTF-8.
    func testEveryResponseCaseUTF8Accept() {
        checkResponses(seed: 0x07F8, utf8Accept: true, perCase: 100)
    }

    func testEveryClientMessageCaseUTF8Accept() {
        checkMessages(seed: 0x6855, utf8Accept: true, perCase: 100)
    }

    /// The UTF-8 runs really carry non-ASCII mailbox names as UTF-8 on the wire.
    func testUTF8AcceptWritesUTF8Names() throws {
        let name = MailboxName("Entwürfe")
        let message = ClientMessage.command(Command(tag: Tag("a1")!, .select(SelectCommand(mailbox: name))))
        let chunks = try CommandEncoder(options: EncodingOptions(literalMode: .synchronizing, utf8Accept: true)).encode(
            message
        )
        XCTAssertEqual(chunks.map(\.bytes), [Array("a1 SELECT \"Entwürfe\"\r\n".utf8)])
        let response = Response.untagged(.status(StatusResponse(mailbox: name, values: [.messages(1)])))
        let bytes = try ResponseEncoder(utf8Accept: true).encode(response)
        XCTAssertEqual(bytes, Array("* STATUS \"Entwürfe\" (MESSAGES 1)\r\n".utf8))
        XCTAssertEqual(try ResponseDecoder.decode(bytes, options: .init(lenient: false, utf8Accept: true)), response)
    }
}
