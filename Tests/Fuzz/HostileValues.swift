// Random `Response` and `ClientMessage` values built through the public API only, with
// hostile contents in every string and byte field, for the property of Docs/Security.md
// ("What the encoders guarantee"): every value that can be built is written as exactly the
// one frame it describes, or the encoder refuses it with an IMAPValueError.
//
// Shared by the `values` libFuzzer target (Tests/Fuzz/Targets/values.swift, built by
// Tests/Fuzz/run.sh) and ValueGeneratorTests (Tests/IMAPCodecTests/Fuzz/HostileValues.swift
// is a symbolic link to this file). The generator reads every choice from a `HostileByteSource`:
// a seeded PRNG in the test, the fuzzer's bytes in the target (zeros once they run out, and
// every choice 0 is a leaf, so generation always ends).
//
// A field whose construction fails (a failable init returning nil, a throwing init) is
// skipped or replaced by a valid constant: what is checked is only what a caller can build.

import IMAPCodec

/// Where the generator's choices come from.
struct HostileByteSource {
    private var bytes: [UInt8]
    private var index = 0
    private var state: UInt64
    private let seeded: Bool

    /// A SplitMix64 stream: the same seed gives the same values.
    init(seed: UInt64) {
        bytes = []
        state = seed
        seeded = true
    }

    /// The fuzzer's bytes, then zeros.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        state = 0
        seeded = false
    }

    /// True when the bytes ran out (never for a seeded source).
    var isExhausted: Bool { !seeded && index >= bytes.count }

    mutating func byte() -> UInt8 {
        if seeded { return UInt8(truncatingIfNeeded: next64()) }
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func next64() -> UInt64 {
        if !seeded {
            var value: UInt64 = 0
            for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
            return value
        }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<count (0 when count is 0 or 1). One byte when count fits in one.
    mutating func int(_ count: Int) -> Int {
        guard count > 1 else { return 0 }
        if count <= 256 { return Int(byte()) % count }
        let wide = UInt64(byte()) << 8 | UInt64(byte())
        return Int(wide % UInt64(count))
    }

    mutating func bool() -> Bool { byte() & 1 != 0 }

    /// One in `n`.
    mutating func oneIn(_ n: Int) -> Bool { int(n) == n - 1 }
}

/// Holes in the encoders that the property found (see Docs/Fuzzing.md, "values"): values
/// the public API builds and the encoders write although they do not decode strictly as
/// themselves. The generator steers around each hole in `HostileValueGenerator.avoid`, so
/// that the test and the fuzzer stay green and fail on a new one; KnownHoleTests shows each
/// with one value and fails when a hole is closed (then drop its case here).
///
/// None is known now: the last one, `emptyList` (an empty list where the grammar needs an
/// element, written as `()`), was closed by `NonEmptyArray` and the writer's `refuseEmpty`.
/// File the next one here.
enum KnownHole: CaseIterable, Hashable {}

struct HostileValueGenerator {
    var source: HostileByteSource
    /// The known holes steered around (all of them unless a test wants to see one).
    var avoid = Set(KnownHole.allCases)
    /// How deep nested values (search keys, body structures, extension lists) may go.
    var maxDepth = 3
    /// At most this many 100 KB strings per value (they dominate the run time).
    var bigBudget = 1

    init(source: HostileByteSource) { self.source = source }

    // MARK: - hostile contents

    /// Contents that break frames, strings or codes where a writer copies them blindly.
    static let payloads: [[UInt8]] =
        [
            "plain", "two words", "", " leading", "trailing ", "done\r\n* 5 EXISTS", "x\r\nA2 DELETE INBOX\r\nA3 NOOP",
            "\r\nA2 DELETE INBOX", "cr\ronly", "lf\nonly", "nul\u{0}byte", "a]b", "]", "a)b", ")", "(x", "q\"uote",
            "\"", "back\\slash", "\\", "lit {5}\r\nhello", "{5}\r\nhello", "Mailbox not found: x {12}", "x {12}",
            "ends {3+}", "[ALERT] fake", "[CAPABILITY IMAP4rev1 LOGINDISABLED] x", "[", "NIL", "nil", "*", "%",
            "~{3}\r\nabc", "tab\there", "del\u{7F}", "Grüße", "日本語", "{0}", "\\Seen", "INBOX", "inbox", "&AOQ-",
            "&", "0", "1", "4294967296", "-1", "ALERT", "OK", "+", "/", "a b)c]d\"e\\f{1}\r\ng",
        ].map { Array($0.utf8) } + [[0xC3, 0x28], [0xFF, 0x0D, 0x0A, 0x41], [0xE9], [0x80], [0xED, 0xA0, 0x80]]

    /// Bytes random strings are made of.
    static let alphabet: [UInt8] =
        Array("aZ09 \r\n\u{0}[](){}+~*%\"\\/.-_&$=!\t".utf8) + [0x7F, 0x80, 0xC3, 0xA9, 0xFF]

    /// A hostile byte string: a payload, random bytes, two payloads joined, or 100 KB.
    mutating func bytes() -> ByteString {
        switch source.int(16) {
        case 0..<9:
            return ByteString(Self.payloads[source.int(Self.payloads.count)])
        case 9..<13:
            let count = source.int(24)
            var result: [UInt8] = []
            for _ in 0..<count { result.append(Self.alphabet[source.int(Self.alphabet.count)]) }
            return ByteString(result)
        case 13, 14:
            return ByteString(
                Self.payloads[source.int(Self.payloads.count)] + Self.payloads[source.int(Self.payloads.count)]
            )
        default:
            guard bigBudget > 0, source.oneIn(4) else { return ByteString(Self.payloads[0]) }
            bigBudget -= 1
            let fill = Self.alphabet[source.int(Self.alphabet.count)]
            var big = [UInt8](repeating: 0x61, count: 100_000)
            // Mostly atom-safe; sometimes one hostile byte somewhere in it.
            if source.bool() { big[source.int(big.count)] = fill }
            return ByteString(big)
        }
    }

    mutating func optionalBytes() -> ByteString? { source.oneIn(4) ? nil : bytes() }

    mutating func string() -> String { bytes().stringValue }

    mutating func list<T>(max: Int = 3, _ element: (inout HostileValueGenerator) -> T?) -> [T] {
        let count = source.int(max + 1)
        var result: [T] = []
        for _ in 0..<count {
            if let value = element(&self) { result.append(value) }
        }
        return result
    }

    /// A list of one to `max` elements; `fallback` first when `element` gives none.
    mutating func nonEmpty<T>(
        max: Int = 3,
        _ element: (inout HostileValueGenerator) -> T?,
        fallback: @autoclosure () -> T
    ) -> NonEmptyArray<T> {
        var result = NonEmptyArray(element(&self) ?? fallback())
        result.append(contentsOf: list(max: max - 1, element))
        return result
    }

    /// A list of one to `max` elements.
    mutating func nonEmpty<T>(max: Int = 3, _ element: (inout HostileValueGenerator) -> T) -> NonEmptyArray<T> {
        var result = NonEmptyArray(element(&self))
        result.append(contentsOf: list(max: max - 1) { element(&$0) })
        return result
    }

    mutating func nonEmptyList<T>(max: Int = 3, _ element: (inout HostileValueGenerator) -> T?, fallback: T) -> [T] {
        let result = list(max: max, element)
        return result.isEmpty ? [fallback] : result
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[source.int(choices.count)] }

    // MARK: - numbers

    mutating func uint32() -> UInt32 {
        switch source.int(8) {
        case 0: return 1
        case 1: return 0
        case 2: return UInt32.max
        case 3: return UInt32(Int32.max)
        case 4, 5: return UInt32(source.int(100) + 1)
        default: return UInt32(truncatingIfNeeded: source.next64())
        }
    }

    /// Numbers that are nz-number everywhere except for the edge cases.
    mutating func nz() -> UInt32 { source.oneIn(16) ? uint32() : UInt32(source.int(1000) + 1) }

    mutating func uint64() -> UInt64 {
        switch source.int(8) {
        case 0: return 1
        case 1: return 0
        case 2: return UInt64.max
        case 3: return UInt64(Int64.max)
        case 4, 5: return UInt64(source.int(100_000) + 1)
        default: return source.next64()
        }
    }

    mutating func int64() -> Int64 {
        let value = anyInt64()
        return value
    }

    mutating func anyInt64() -> Int64 {
        switch source.int(8) {
        case 0: return 0
        case 1: return -1
        case 2: return Int64.max
        case 3: return Int64.min
        case 4, 5: return Int64(source.int(100_000))
        default: return Int64(bitPattern: source.next64())
        }
    }

    /// Mostly small non-negative numbers, sometimes an edge.
    mutating func size() -> Int64 { source.oneIn(8) ? int64() : Int64(source.int(100_000)) }

    mutating func part() -> [UInt32] { list(max: 3) { $0.nz() } }

    // MARK: - names

    mutating func tag() -> Tag {
        if source.oneIn(4), let tag = Tag(string()) { return tag }
        return pick([Tag("A1"), Tag("a.2"), Tag("*+x"), Tag("T12345")]).flatMap { $0 } ?? Tag("A1")!
    }

    /// A hostile string given to an atom's failable init, or a known name.
    mutating func atom(_ known: [String]) -> Atom? {
        if source.bool(), let atom = Atom(string()) { return atom }
        return Atom(pick(known))
    }

    mutating func flag() -> Flag {
        if source.bool(), let flag = Flag(string()) { return flag }
        return pick([
            .seen, .answered, .flagged, .deleted, .draft, .recent, .forwarded, .junk, .notJunk, .mdnSent, .phishing,
            Flag("$Label1") ?? .seen, Flag("keyword") ?? .seen, Flag("\\Extension") ?? .seen,
        ])
    }

    mutating func capability() -> Capability {
        if source.bool(), let capability = Capability(string()) { return capability }
        if source.oneIn(4), let capability = Capability.auth(string()) { return capability }
        return pick([
            .imap4rev1, .imap4rev2, .idle, .authPlain, .literalPlus, .condStore, .qresync, .utf8Accept, .metadata,
            .compressDeflate, Capability("X-FOO=bar") ?? .idle, Capability("AUTH=SCRAM-SHA-1") ?? .idle,
        ])
    }

    mutating func mailboxAttribute() -> MailboxAttribute {
        if source.bool(), let attribute = MailboxAttribute("\\" + string()) { return attribute }
        if source.oneIn(4), let attribute = MailboxAttribute(string()) { return attribute }
        return pick([
            .noInferiors, .noSelect, .marked, .unmarked, .hasChildren, .hasNoChildren, .nonExistent, .subscribed,
            .remote, .all, .archive, .drafts, .flagged, .junk, .sent, .trash, .important,
        ])
    }

    mutating func statusAttribute() -> StatusAttribute {
        if source.oneIn(3), let attribute = StatusAttribute(string()) { return attribute }
        return pick([
            .messages, .recent, .uidNext, .uidValidity, .unseen, .deleted, .size, .highestModSeq, .appendLimit,
            .mailboxID, .deletedStorage,
        ])
    }

    mutating func quotaResourceName() -> QuotaResourceName {
        if source.oneIn(3), let name = QuotaResourceName(string()) { return name }
        return pick([.storage, .message, .mailbox, .annotationStorage])
    }

    mutating func mailbox() -> MailboxName {
        switch source.int(4) {
        case 0: return MailboxName(string())
        case 1: return .inbox
        default: return MailboxName(bytes: bytes())
        }
    }

    mutating func delimiter() -> Character? {
        pick(["/", ".", nil, "\\", "\"", "\n", "\r", "\u{0}", "]", "é", " ", "{", "%", "*"])
    }

    mutating func date() -> IMAPDate? {
        IMAPDate(year: pick([1, 1970, 2024, 9999, 10_000, 0]), month: source.int(14), day: source.int(33))
    }

    mutating func dateTime() -> IMAPDateTime? {
        guard let date = date() ?? IMAPDate(year: 2024, month: 2, day: 29) else { return nil }
        return IMAPDateTime(
            date: date,
            hour: source.int(25),
            minute: source.int(61),
            second: source.int(62),
            zoneMinutes: pick([0, 60, -60, -720, 840, 5999, -5999, 6000, 7])
        )
    }

    mutating func sequenceNumber() -> SequenceNumber { source.oneIn(4) ? .last : .number(nz()) }

    mutating func sequenceSet() -> SequenceSet {
        switch source.int(6) {
        case 0: return SequenceSet(nz())
        case 1:
            let low = nz()
            let high = nz()
            return SequenceSet(min(low, high)...max(low, high))
        case 2, 3:
            return source.bool() ? .all : (source.bool() ? .lastCommand : SequenceSet(1))
        default:
            let elements: [SequenceSet.Element] = list(max: 4) { generator in
                switch generator.source.int(3) {
                case 0: return .single(generator.sequenceNumber())
                case 1: return .range(generator.sequenceNumber(), generator.sequenceNumber())
                default:
                    return generator.source.oneIn(4) ? .lastCommand : .single(.number(generator.nz()))
                }
            }
            return SequenceSet(elements) ?? SequenceSet(nz())
        }
    }

    // MARK: - extension values

    mutating func extensionComponent(_ depth: Int) -> TaggedExtensionComponent {
        if depth < maxDepth, source.oneIn(4) { return .list(list(max: 3) { $0.extensionComponent(depth + 1) }) }
        return .astring(bytes())
    }

    mutating func extensionValue() -> TaggedExtensionValue {
        switch source.int(3) {
        case 0: return .number(int64())
        case 1: return .sequenceSet(sequenceSet())
        default: return .list(list(max: 3) { $0.extensionComponent(1) })
        }
    }

    mutating func optionalExtensionValue() -> TaggedExtensionValue? { source.bool() ? nil : extensionValue() }

    // MARK: - responses

    mutating func response() -> Response {
        bigBudget = 1
        switch source.int(12) {
        case 0: return .untagged(untagged())
        case 1: return .tagged(TaggedResponse(tag: tag(), status: pick([.ok, .no, .bad]), text: responseText()))
        case 2: return .continuation(ContinuationRequest(text: responseText()))
        case 3:
            let text = string()
            switch source.int(5) {
            case 0: return .ok(tag(), code: optionalCode(), text)
            case 1: return .no(tag(), code: optionalCode(), text)
            case 2: return .bad(tag(), code: optionalCode(), text)
            case 3: return .continuation(text)
            default: return .untagged(pick([.ok, .no, .bad, .bye, .preauth]), code: optionalCode(), text)
            }
        default: return .untagged(untagged())
        }
    }

    mutating func optionalCode() -> ResponseCode? { source.oneIn(3) ? nil : responseCode() }

    mutating func responseText() -> ResponseText {
        let code = optionalCode()
        let text = bytes()
        if source.oneIn(3), let validated = try? ResponseText(code: code, validating: text) { return validated }
        return ResponseText(code: code, text: text)
    }

    mutating func responseCode() -> ResponseCode {
        switch source.int(28) {
        case 0: return .alert
        case 1: return .appendUID(uidValidity: nz(), uids: sequenceSet())
        case 2: return .badCharset(list { $0.bytes() })
        case 3: return .capability(list(max: 4) { $0.capability() })
        case 4: return .closed
        case 5: return .copyUID(uidValidity: nz(), source: sequenceSet(), destination: sequenceSet())
        case 6: return .highestModSeq(uint64())
        case 7: return .mailboxID(bytes())
        case 8: return .metadataLongEntries(uint32())
        case 9: return .metadataMaxSize(uint32())
        case 10: return .metadataNoPrivate
        case 11: return .metadataTooMany
        case 12: return .modified(sequenceSet())
        case 13: return .noModSeq
        case 14: return .noUpdate(bytes())
        case 15:
            guard let name = atom(["XFOO", "X-CODE", "ALERT", "UIDNEXT", "BADCHARSET", "NONEXISTENT"]) else {
                return .parse
            }
            return .other(name: name, value: optionalBytes())
        case 16: return .parse
        case 17: return .permanentFlags(list(max: 4) { $0.flag() } + (source.bool() ? [.wildcard] : []))
        case 18: return .readOnly
        case 19: return .readWrite
        case 20: return .simple(pick(ResponseCode.Simple.allCases))
        case 21: return .tryCreate
        case 22: return .uidNext(uint32())
        case 23: return .uidNotSticky
        case 24: return .uidValidity(uint32())
        case 25: return .unseen(uint32())
        case 26: return .badEvent(list(max: 3) { $0.notifyEvent() })
        default: return .simple(.nonExistent)
        }
    }

    mutating func untagged() -> UntaggedResponse {
        switch source.int(33) {
        case 0: return .exists(uint32())
        case 1:
            return .acl(
                ACLResponse(mailbox: mailbox(), entries: list { .init(identifier: $0.bytes(), rights: $0.bytes()) })
            )
        case 2: return .capability(list(max: 4) { $0.capability() })
        case 3: return .condition(pick([.ok, .no, .bad, .bye, .preauth]), responseText())
        case 4: return .enabled(list { $0.capability() })
        case 5: return .esearch(esearch())
        case 6: return .expunge(nz())
        case 7: return .fetch(nz(), list(max: 4) { $0.messageAttribute() })
        case 8: return .flags(list(max: 4) { $0.flag() })
        case 9: return .id(source.oneIn(4) ? nil : list { IDField(key: $0.bytes(), value: $0.optionalBytes()) })
        case 10: return .list(listData())
        case 11:
            return .listRights(
                ListRightsResponse(
                    mailbox: mailbox(),
                    identifier: bytes(),
                    required: bytes(),
                    optional: list { $0.bytes() }
                )
            )
        case 12: return .lsub(listData())
        case 13:
            let body: MetadataResponseBody =
                source.bool()
                ? .entries(nonEmpty { $0.bytes() })
                : .values(nonEmpty { $0.metadataValue() })
            return .metadata(MetadataResponse(mailbox: mailbox(), body: body))
        case 14: return .myRights(MyRightsResponse(mailbox: mailbox(), rights: bytes()))
        case 15:
            return .namespace(
                NamespaceResponse(
                    personal: list { $0.namespaceDescription() },
                    otherUsers: list { $0.namespaceDescription() },
                    shared: list { $0.namespaceDescription() }
                )
            )
        case 16:
            let keyword =
                atom(["XFOO", "X-THING", "SEARCH", "EXISTS", "5", "OK", "CAPABILITY", "XLIST"]) ?? Atom("XFOO")
            guard let keyword else { return .exists(1) }
            var rest = bytes()
            if source.bool() { rest = ByteString([0x20] + Array(rest.bytes)) }
            return .other(keyword: keyword, rest: rest)
        case 17:
            return .quota(
                QuotaResponse(
                    root: bytes(),
                    resources: list {
                        QuotaResource(name: $0.quotaResourceName(), usage: $0.size(), limit: $0.size())
                    }
                )
            )
        case 18: return .quotaRoot(QuotaRootResponse(mailbox: mailbox(), roots: list { $0.bytes() }))
        case 19: return .recent(uint32())
        case 20: return .search(searchResponse())
        case 21: return .sort(searchResponse())
        case 22: return .status(StatusResponse(mailbox: mailbox(), values: list(max: 4) { $0.statusValue() }))
        case 23: return .thread(list { $0.thread(1) })
        case 24: return .vanished(earlier: source.bool(), uids: sequenceSet())
        case 25: return .xlist(listData())
        case 26: return .uidBatches(uidBatchesResponse())
        case 27: return .language(list(max: 3) { $0.bytes() })
        case 28: return .comparator(ComparatorResponse(active: bytes(), matching: list(max: 3) { $0.bytes() }))
        case 29: return .jmapAccess(bytes())
        case 30: return .genURLAuth(list(max: 3) { $0.bytes() })
        case 31: return .urlFetch(list(max: 3) { URLFetchData(url: $0.bytes(), data: $0.optionalBytes()) })
        default: return .expunge(nz())
        }
    }

    mutating func uidBatchesResponse() -> UIDBatchesResponse {
        UIDBatchesResponse(
            tag: bytes(),
            mailbox: source.oneIn(3) ? mailbox() : nil,
            uidValidity: source.oneIn(3) ? uint32() : nil,
            batches: list(max: 4) { $0.uidRange() }
        )
    }

    /// A range of two numbers, zero now and then (refused by the encoders).
    mutating func uidRange() -> ClosedRange<UInt32> {
        let a = source.oneIn(8) ? uint32() : nz()
        let b = source.bool() ? a : (source.oneIn(8) ? uint32() : nz())
        return Swift.min(a, b)...Swift.max(a, b)
    }

    mutating func searchResponse() -> SearchResponse {
        let numbers = list(max: 5) { $0.nz() }
        let modSequence = source.bool() ? uint64() : nil
        return SearchResponse(numbers: numbers, modSequence: modSequence)
    }

    mutating func metadataValue() -> MetadataEntryValue {
        MetadataEntryValue(
            entry: source.bool() ? pick(["/shared/comment", "/private/x"]) : bytes(),
            value: optionalBytes()
        )
    }

    mutating func namespaceDescription() -> NamespaceDescription {
        NamespaceDescription(
            prefix: bytes(),
            delimiter: delimiter(),
            extensions: list(max: 2) {
                NamespaceExtension(name: $0.bytes(), values: $0.nonEmpty { $0.bytes() })
            }
        )
    }

    mutating func thread(_ depth: Int) -> MessageThread {
        let messages = list(max: 3) { $0.nz() }
        let branches = depth < maxDepth ? list(max: 2) { $0.thread(depth + 1) } : []
        return MessageThread(messages: messages, branches: branches)
    }

    mutating func statusValue() -> StatusValue {
        switch source.int(12) {
        case 0: return .appendLimit(source.bool() ? nil : uint32())
        case 1: return .deleted(uint32())
        case 2: return .highestModSeq(uint64())
        case 3: return .mailboxID(bytes())
        case 4: return .recent(uint32())
        case 5: return .size(size())
        case 6: return .uidNext(uint32())
        case 7: return .uidValidity(uint32())
        case 8: return .unseen(uint32())
        case 9: return .other(statusAttribute(), extensionValue())
        default: return .messages(uint32())
        }
    }

    mutating func listData() -> MailboxListData {
        MailboxListData(
            attributes: list(max: 3) { $0.mailboxAttribute() },
            delimiter: delimiter(),
            mailbox: mailbox(),
            extendedItems: list(max: 2) { generator in
                switch generator.source.int(3) {
                case 0: return .childInfo(generator.list { $0.bytes() })
                case 1: return .oldName(generator.mailbox())
                default: return .other(tag: generator.bytes(), value: generator.extensionValue())
                }
            }
        )
    }

    mutating func esearch() -> ESearchResponse {
        ESearchResponse(
            tag: source.bool() ? bytes() : nil,
            mailbox: source.oneIn(3) ? mailbox() : nil,
            uidValidity: source.oneIn(3) ? uint32() : nil,
            uid: source.bool(),
            data: list(max: 4) { generator in
                switch generator.source.int(11) {
                case 0:
                    return .addTo(
                        generator.nonEmpty {
                            SearchContextUpdate(position: $0.nz(), set: $0.sequenceSet())
                        }
                    )
                case 1: return .all(generator.sequenceSet())
                case 2: return .count(generator.uint32())
                case 3: return .max(generator.nz())
                case 4: return .min(generator.nz())
                case 5: return .modSequence(generator.uint64())
                case 6: return .other(name: generator.string(), value: generator.extensionValue())
                case 7:
                    return .partial(generator.partialRange(), generator.source.bool() ? generator.sequenceSet() : nil)
                case 8:
                    return .removeFrom(
                        generator.nonEmpty {
                            SearchContextUpdate(position: $0.nz(), set: $0.sequenceSet())
                        }
                    )
                case 9:
                    return .relevancy(
                        generator.list(max: 4) { $0.source.oneIn(8) ? $0.source.byte() : UInt8($0.source.int(100) + 1) }
                    )
                default: return .count(generator.nz())
                }
            }
        )
    }

    mutating func partialRange() -> PartialRange {
        let a = nz()
        let b = nz()
        return source.bool() ? .first(from: a, to: b) : .last(from: a, to: b)
    }

    // MARK: - FETCH data

    mutating func messageAttribute() -> MessageAttribute? {
        switch source.int(24) {
        case 0: return .uid(nz())
        case 1: return .binary(part: part(), origin: source.bool() ? uint32() : nil, data: optionalBytes())
        case 2: return .binarySize(part: part(), size: size())
        case 3: return .body(bodyStructure(1, extensions: false))
        case 4: return .bodySection(sectionSpec(), origin: source.bool() ? uint32() : nil, data: optionalBytes())
        case 5: return .bodyStructure(bodyStructure(1, extensions: true))
        case 6: return .emailID(bytes())
        case 7: return .envelope(envelope())
        case 8: return .flags(list(max: 4) { $0.flag() })
        case 9: return .gmailLabels(list { $0.bytes() })
        case 10: return .gmailMessageID(uint64())
        case 11: return .gmailThreadID(uint64())
        case 12: return dateTime().map { .internalDate($0) }
        case 13: return .modSeq(uint64())
        case 14: return .other(name: bytes(), value: optionalBytes())
        case 15: return .preview(optionalBytes())
        case 16: return .rfc822(optionalBytes())
        case 17: return .rfc822Header(optionalBytes())
        case 18: return .rfc822Size(size())
        case 19: return .rfc822Text(optionalBytes())
        case 20: return .saveDate(source.bool() ? nil : dateTime())
        case 21: return .threadID(optionalBytes())
        case 22:
            return .annotation(source.bool() ? .entries(list(max: 3) { $0.bytes() }) : .values(annotationEntries()))
        default: return .uid(uint32())
        }
    }

    mutating func sectionSpec() -> SectionSpec {
        let kind: SectionSpec.Kind
        switch source.int(6) {
        case 0: kind = .complete
        case 1: kind = .header
        case 2: kind = .headerFields(list { $0.bytes() })
        case 3: kind = .headerFieldsNot(list { $0.bytes() })
        case 4: kind = .mime
        default: kind = .text
        }
        return SectionSpec(part: part(), kind: kind)
    }

    mutating func address() -> Address {
        switch source.int(6) {
        case 0: return .groupStart(bytes())
        case 1: return .groupEnd
        default:
            return Address(name: optionalBytes(), adl: optionalBytes(), mailbox: optionalBytes(), host: optionalBytes())
        }
    }

    mutating func addresses() -> SharedList<Address> { SharedList(list(max: 3) { $0.address() }) }

    mutating func envelope() -> Envelope {
        Envelope(
            date: optionalBytes(),
            subject: optionalBytes(),
            from: addresses(),
            sender: addresses(),
            replyTo: addresses(),
            to: addresses(),
            cc: addresses(),
            bcc: addresses(),
            inReplyTo: optionalBytes(),
            messageID: optionalBytes()
        )
    }

    mutating func parameters() -> SharedList<BodyStructure.Parameter> {
        SharedList(list(max: 2) { BodyStructure.Parameter(name: $0.bytes(), value: $0.bytes()) })
    }

    mutating func bodyExtension(_ depth: Int) -> BodyExtension {
        switch source.int(4) {
        case 0: return .nilValue
        case 1: return .number(int64())
        case 2 where depth < maxDepth: return .list(list { $0.bodyExtension(depth + 1) })
        default: return .string(bytes())
        }
    }

    mutating func dispositionTail(_ depth: Int) -> BodyStructure.DispositionTail? {
        guard source.bool() else { return nil }
        let disposition =
            source.bool() ? BodyStructure.Disposition(kind: bytes(), parameters: parameters()) : nil
        var languageTail: BodyStructure.LanguageTail? = nil
        if source.bool() {
            var locationTail: BodyStructure.LocationTail? = nil
            if source.bool() {
                locationTail = BodyStructure.LocationTail(
                    location: optionalBytes(),
                    extensions: list(max: 2) { $0.bodyExtension(depth + 1) }
                )
            }
            languageTail = BodyStructure.LanguageTail(languages: list { $0.bytes() }, locationTail: locationTail)
        }
        return BodyStructure.DispositionTail(disposition: disposition, languageTail: languageTail)
    }

    mutating func bodyStructure(_ depth: Int, extensions: Bool) -> BodyStructure {
        if depth < maxDepth, source.oneIn(3) {
            // Sometimes none: the encoder must refuse a multipart without parts (1*body).
            let parts =
                source.oneIn(16)
                ? []
                : nonEmptyList(
                    max: 2,
                    { $0.bodyStructure(depth + 1, extensions: extensions) },
                    fallback: .singlePart(
                        BodyStructure.SinglePart(mediaType: "APPLICATION", mediaSubtype: "OCTET-STREAM")
                    )
                )
            let ext: BodyStructure.Multipart.Extension? =
                extensions && source.bool()
                ? BodyStructure.Multipart.Extension(parameters: parameters(), dispositionTail: dispositionTail(depth))
                : nil
            return .multipart(BodyStructure.Multipart(parts: parts, mediaSubtype: bytes(), extension: ext))
        }
        let fields = BodyStructure.Fields(
            parameters: parameters(),
            id: optionalBytes(),
            description: optionalBytes(),
            encoding: source.bool() ? pick(["7BIT", "BASE64", "8BIT"]) : bytes(),
            octets: uint32()
        )
        let kind: BodyStructure.SinglePart.Kind
        switch source.int(3) {
        case 0: kind = .basic
        case 1: kind = .text(lines: size())
        default:
            kind =
                depth < maxDepth
                ? .message(
                    BodyStructure.Message(
                        envelope: envelope(),
                        body: source.oneIn(4) ? nil : bodyStructure(depth + 1, extensions: extensions),
                        lines: size()
                    )
                ) : .basic
        }
        let ext: BodyStructure.SinglePart.Extension? =
            extensions && source.bool()
            ? BodyStructure.SinglePart.Extension(md5: optionalBytes(), dispositionTail: dispositionTail(depth)) : nil
        let mediaType: ByteString
        let mediaSubtype: ByteString
        switch kind {
        // Now and then a media type that does not agree with the kind (TEXT without lines,
        // lines without TEXT): the encoder refuses those.
        case .basic:
            mediaType = source.bool() ? bytes() : (source.oneIn(8) ? "TEXT" : "APPLICATION")
            mediaSubtype = bytes()
        case .text:
            mediaType = source.oneIn(16) ? "IMAGE" : "TEXT"
            mediaSubtype = bytes()
        case .message:
            mediaType = source.oneIn(16) ? "APPLICATION" : "MESSAGE"
            mediaSubtype = pick(["RFC822", "GLOBAL"])
        }
        return .singlePart(
            BodyStructure.SinglePart(
                mediaType: mediaType,
                mediaSubtype: mediaSubtype,
                fields: fields,
                kind: kind,
                extension: ext
            )
        )
    }

    // MARK: - commands

    mutating func clientMessage() -> ClientMessage {
        bigBudget = 1
        switch source.int(16) {
        case 0: return .command(Command(tag: tag(), commandKind()))
        case 1: return .authenticationResponse(source.bool() ? pick(["", "dGVzdA==", "=", "AAAA"]) : bytes())
        case 2: return .authenticationCancel
        case 3: return .idleDone
        default: return .command(Command(tag: tag(), commandKind()))
        }
    }

    mutating func charset() -> String? {
        switch source.int(4) {
        case 0: return nil
        case 1: return "UTF-8"
        case 2: return pick(["US-ASCII", "ISO-8859-1", "utf-8"])
        default: return string()
        }
    }

    mutating func commandKind() -> CommandKind {
        switch source.int(59) {
        case 0: return .noop
        case 1:
            return .append(
                AppendCommand(
                    mailbox: mailbox(),
                    messages: nonEmpty { $0.appendMessage() }
                )
            )
        case 2:
            let mechanism = atom(["PLAIN", "LOGIN", "XOAUTH2", "SCRAM-SHA-256"]) ?? Atom("PLAIN")
            guard let mechanism else { return .noop }
            let initial: ByteString? =
                source.bool() ? nil : (source.bool() ? pick(["", "=", "dGVzdA==", "AGZvbwBiYXI="]) : bytes())
            return .authenticate(mechanism: mechanism, initialResponse: initial)
        case 3: return .cancelUpdate(nonEmpty { $0.bytes() })
        case 4: return .capability
        case 5: return .check
        case 6: return .close
        case 7:
            guard let algorithm = atom(["DEFLATE"]) else { return .noop }
            return .compress(algorithm)
        case 8: return .copy(sequenceSet(), mailbox(), uid: source.bool())
        case 9:
            return .create(
                CreateCommand(
                    mailbox: mailbox(),
                    parameters: list(max: 2) { generator in
                        generator.source.bool()
                            ? .use(generator.list { $0.mailboxAttribute() })
                            : .other(name: generator.string(), value: generator.optionalExtensionValue())
                    }
                )
            )
        case 10: return .delete(mailbox())
        case 11: return .deleteACL(ACLIdentifierCommand(mailbox: mailbox(), identifier: bytes()))
        case 12: return .enable(nonEmpty(max: 3) { $0.capability() })
        case 13: return .examine(selectCommand())
        case 14: return .expunge
        case 15:
            return .fetch(
                sequenceSet(),
                fetchAttributes(),
                modifiers: list(max: 2) { $0.fetchModifier() },
                uid: source.bool()
            )
        case 16: return .getACL(mailbox())
        case 17:
            return .getMetadata(
                GetMetadataCommand(
                    options: list(max: 2) { generator in
                        switch generator.source.int(3) {
                        case 0: return .depth(generator.pick([.zero, .one, .infinity]))
                        case 1: return .maxSize(generator.uint32())
                        default: return .other(name: generator.string(), value: generator.optionalExtensionValue())
                        }
                    },
                    mailbox: mailbox(),
                    entries: nonEmpty { $0.bytes() }
                )
            )
        case 18: return .getQuota(bytes())
        case 19: return .getQuotaRoot(mailbox())
        case 20: return .id(source.oneIn(4) ? nil : list { IDField(key: $0.bytes(), value: $0.optionalBytes()) })
        case 21: return .idle
        case 22:
            return .list(
                ListCommand(
                    selectOptions: list(max: 2) { generator in
                        switch generator.source.int(5) {
                        case 0: return .recursiveMatch
                        case 1: return .remote
                        case 2: return .specialUse
                        case 3: return .subscribed
                        default:
                            return .other(
                                name: generator.string(),
                                value: generator.source.bool() ? nil : generator.list { $0.extensionComponent(1) }
                            )
                        }
                    },
                    reference: mailbox(),
                    patterns: nonEmpty { $0.mailbox() },
                    returnOptions: list(max: 2) { generator in
                        switch generator.source.int(6) {
                        case 0: return .children
                        case 1: return .myRights
                        case 2: return .specialUse
                        case 3: return .subscribed
                        case 4: return .status(generator.nonEmpty { $0.statusAttribute() })
                        default:
                            return .other(
                                name: generator.string(),
                                value: generator.source.bool() ? nil : generator.list { $0.extensionComponent(1) }
                            )
                        }
                    }
                )
            )
        case 23: return .listRights(ACLIdentifierCommand(mailbox: mailbox(), identifier: bytes()))
        case 24: return .login(user: bytes(), password: bytes())
        case 25: return .logout
        case 26: return .lsub(LSubCommand(reference: mailbox(), pattern: mailbox()))
        case 47: return .xlist(LSubCommand(reference: mailbox(), pattern: mailbox()))
        case 27: return .move(sequenceSet(), mailbox(), uid: source.bool())
        case 28: return .myRights(mailbox())
        case 29: return .namespace
        case 30:
            return .rename(
                from: mailbox(),
                to: mailbox(),
                parameters: list(max: 2) { .other(name: $0.string(), value: $0.optionalExtensionValue()) }
            )
        case 31: return .replace(sequenceNumber(), mailbox(), appendMessage(), uid: source.bool())
        case 32: return .search(searchProgram(), uid: source.bool())
        case 33: return .select(selectCommand())
        case 34: return .setACL(SetACLCommand(mailbox: mailbox(), identifier: bytes(), modRights: bytes()))
        case 35:
            return .setMetadata(
                SetMetadataCommand(mailbox: mailbox(), values: nonEmpty { $0.metadataValue() })
            )
        case 36:
            return .setQuota(
                SetQuotaCommand(
                    root: bytes(),
                    limits: list { QuotaLimit(name: $0.quotaResourceName(), limit: $0.size()) }
                )
            )
        case 37:
            return .sort(
                SortArguments(
                    returnOptions: searchReturnOptions(),
                    criteria: nonEmpty { SortCriterion($0.sortKey(), reverse: $0.source.bool()) },
                    charset: charset() ?? "UTF-8",
                    keys: searchKeys()
                ),
                uid: source.bool()
            )
        case 38: return .startTLS
        case 39:
            return .status(
                StatusCommand(
                    mailbox: mailbox(),
                    attributes: nonEmpty(max: 4) { $0.statusAttribute() }
                )
            )
        case 40:
            return .store(
                sequenceSet(),
                modifiers: list(max: 2) { generator in
                    generator.source.bool()
                        ? .unchangedSince(generator.uint64())
                        : .other(name: generator.modifierName(), value: generator.optionalBytes())
                },
                storeFlags(),
                uid: source.bool()
            )
        case 41: return .subscribe(mailbox())
        case 42:
            let algorithm: ThreadAlgorithm
            if source.bool(), let given = ThreadAlgorithm(string()) {
                algorithm = given
            } else {
                algorithm = pick([.orderedSubject, .references, .refs])
            }
            return .thread(
                ThreadArguments(algorithm: algorithm, charset: charset() ?? "UTF-8", keys: searchKeys()),
                uid: source.bool()
            )
        case 43: return .uidExpunge(sequenceSet())
        case 44: return .unauthenticate
        case 45: return .unselect
        case 46: return .unsubscribe(mailbox())
        case 48:
            // Known names must be refused (they read back as their own case), the rest
            // written as they are.
            let name = atom(["XFOO", "X-THING", "LOGIN", "uid", "FETCH", "DONE", "XLIST"]) ?? Atom("XFOO")
            guard let name else { return .noop }
            return .other(name: name, arguments: otherCommandArguments())
        case 49:
            return .uidBatches(
                UIDBatchesCommand(
                    batchSize: source.oneIn(8) ? uint32() : nz(),
                    batches: source.bool() ? nil : uidRange()
                )
            )
        case 50:
            let source: SearchSource? =
                self.source.bool()
                ? nil
                : SearchSource(
                    filters: list(max: 3) { $0.searchMailboxFilter() },
                    scopeOptions: list(max: 2) {
                        SearchScopeOption(name: $0.string(), value: $0.optionalExtensionValue())
                    }
                )
            return .esearch(ESearchCommand(source: source, program: searchProgram()), uid: self.source.bool())
        case 51: return .language(list(max: 3) { $0.bytes() })
        case 52: return .comparator(list(max: 3) { $0.bytes() })
        case 53: return .getJMAPAccess
        case 55:
            // Mechanisms without a mailbox, and mechanisms that are atoms but not mechanisms, are refused.
            return .resetKey(
                mailbox: source.bool() ? nil : mailbox(),
                mechanisms: list(max: 2) { $0.atom(["INTERNAL", "X-1.2", "X_1"]) }
            )
        case 56:
            return .genURLAuth(
                list(max: 3) { g in
                    g.atom(["INTERNAL", "X_1"]).map { URLAuthRequest(urlRump: g.bytes(), mechanism: $0) }
                }
            )
        case 57: return .urlFetch(list(max: 3) { $0.bytes() })
        case 54:
            if source.oneIn(4) { return .notify(.none) }
            return .notify(.set(status: source.bool(), groups: list(max: 3) { $0.notifyEventGroup() }))
        default: return .search(searchProgram(), uid: source.bool())
        }
    }

    /// Arguments of an unknown command: hostile bytes when they are valid arguments (most
    /// are not), else one to three pieces of every kind, one a literal of hostile bytes.
    mutating func otherCommandArguments() -> RawCommandArguments {
        if source.bool(), let arguments = RawCommandArguments(bytes()) { return arguments }
        var pieces: [[UInt8]] = []
        for _ in 0...source.int(3) {
            switch source.int(4) {
            case 0:
                let payload = Array(bytes().bytes)
                pieces.append(Array((source.bool() ? "~{" : "{").utf8) + Array("\(payload.count)}\r\n".utf8) + payload)
            case 1:
                pieces.append(Array("(".utf8) + Array(pick(["", "a", "(b) c", "\"(\""]).utf8) + Array(")".utf8))
            default:
                pieces.append(
                    Array(
                        pick(["a", "1:*", "\"q \\\" s\"", "BODY[HEADER.FIELDS (A B)]<0.5>", "\\Seen", "NIL", "%"]).utf8
                    )
                )
            }
        }
        var joined: [UInt8] = []
        for (i, piece) in pieces.enumerated() {
            if i > 0 { joined.append(0x20) }
            joined += piece
        }
        return RawCommandArguments(ByteString(joined)) ?? .empty
    }

    mutating func notifyEventGroup() -> NotifyEventGroup {
        let filter: NotifyMailboxFilter
        switch source.int(7) {
        case 0: filter = .selected
        case 1: filter = .selectedDelayed
        case 2: filter = .inboxes
        case 3: filter = .personal
        case 4: filter = .subscribed
        case 5: filter = .subtree(list(max: 3) { $0.mailbox() })
        default: filter = .mailboxes(list(max: 3) { $0.mailbox() })
        }
        return NotifyEventGroup(mailboxes: filter, events: list(max: 4) { $0.notifyEvent() })
    }

    /// A NOTIFY event; `other` may be a known name (refused: it reads back as its own case).
    mutating func notifyEvent() -> NotifyEvent {
        switch source.int(9) {
        case 0: return .messageNew(list(max: 3) { $0.fetchAttribute() })
        case 1: return .messageExpunge
        case 2: return .flagChange
        case 3: return .annotationChange
        case 4: return .mailboxName
        case 5: return .subscriptionChange
        case 6: return .mailboxMetadataChange
        case 7: return .serverMetadataChange
        default:
            guard let name = atom(["X-FUTURE", "MessageNew", "flagchange", "NONE"]) else { return .flagChange }
            return .other(name)
        }
    }

    mutating func searchMailboxFilter() -> SearchMailboxFilter {
        switch source.int(7) {
        case 0: return .selected
        case 1: return .inboxes
        case 2: return .personal
        case 3: return .subscribed
        case 4: return .subtree(list(max: 3) { $0.mailbox() })
        case 5: return .subtreeOne(list(max: 3) { $0.mailbox() })
        default: return .mailboxes(list(max: 3) { $0.mailbox() })
        }
    }

    mutating func sortKey() -> SortKey {
        if source.bool(), let key = SortKey(string()) { return key }
        return pick([.arrival, .cc, .date, .displayFrom, .displayTo, .from, .size, .subject, .to, .relevancy])
    }

    mutating func selectCommand() -> SelectCommand {
        SelectCommand(
            mailbox: mailbox(),
            parameters: list(max: 2) { generator in
                switch generator.source.int(3) {
                case 0: return .condStore
                case 1:
                    return .qresync(
                        QResyncParameter(
                            uidValidity: generator.nz(),
                            modSequence: generator.uint64(),
                            knownUIDs: generator.source.bool() ? generator.sequenceSet() : nil,
                            sequenceMatch: generator.source.bool()
                                ? SequenceMatchData(
                                    knownSequenceSet: generator.sequenceSet(),
                                    knownUIDSet: generator.sequenceSet()
                                ) : nil
                        )
                    )
                default: return .other(name: generator.string(), value: generator.optionalExtensionValue())
                }
            }
        )
    }

    mutating func appendMessage() -> AppendMessage {
        let data: AppendData
        switch source.int(4) {
        case 0: data = .binary(bytes())
        case 1: data = .utf8(bytes())
        case 2: data = .catenate(nonEmpty { $0.source.bool() ? .text($0.bytes()) : .url($0.bytes()) })
        default: data = .literal(bytes())
        }
        return AppendMessage(
            flags: source.bool() ? nil : list { $0.flag() },
            internalDate: source.bool() ? dateTime() : nil,
            extensions: list(max: 2) {
                $0.source.oneIn(3)
                    ? .annotation($0.annotationEntries()) : .other(name: $0.string(), value: $0.extensionValue())
            },
            data: data
        )
    }

    mutating func storeFlags() -> StoreFlags {
        let target: StoreFlags.Target
        switch source.int(5) {
        case 0: target = .gmailLabels(list { $0.bytes() })
        case 1: target = .annotations(annotationEntries())
        default: target = .flags(list { $0.flag() })
        }
        return StoreFlags(operation: pick([.add, .remove, .replace]), silent: source.bool(), target: target)
    }

    mutating func annotationEntries() -> [AnnotationEntry] {
        list(max: 2) { generator in
            AnnotationEntry(
                entry: generator.bytes(),
                values: generator.list(max: 2) {
                    AnnotationAttributeValue(attribute: $0.bytes(), value: $0.optionalBytes())
                }
            )
        }
    }

    mutating func fetchModifier() -> FetchModifier {
        switch source.int(4) {
        case 0: return .changedSince(uint64())
        case 1: return .vanished
        case 2: return .partial(first: nz(), last: nz(), fromEnd: source.bool())
        default: return .other(name: modifierName(), value: optionalBytes())
        }
    }

    mutating func modifierName() -> ByteString {
        bytes()
    }

    mutating func partial() -> Partial? {
        guard source.bool() else { return nil }
        return Partial(offset: size(), length: size())
    }

    mutating func fetchAttributes() -> FetchAttributes {
        switch source.int(6) {
        case 0: return .all
        case 1: return .fast
        case 2: return .full
        default: return .list(list(max: 4) { $0.fetchAttribute() })
        }
    }

    mutating func fetchAttribute() -> FetchAttribute {
        switch source.int(24) {
        case 0: return .uid
        case 1: return .binary(part: part(), partial: partial(), peek: source.bool())
        case 2: return .binarySize(part: part())
        case 3: return .body
        case 4: return .bodySection(sectionSpec(), partial: partial(), peek: source.bool())
        case 5: return .bodyStructure
        case 6: return .emailID
        case 7: return .envelope
        case 8: return .flags
        case 9: return .gmailLabels
        case 10: return .gmailMessageID
        case 11: return .gmailThreadID
        case 12: return .internalDate
        case 13: return .modSeq
        case 14: return .other(name: bytes(), parameters: optionalBytes())
        case 15: return .preview(lazy: source.bool())
        case 16: return .rfc822
        case 17: return .rfc822Header
        case 18: return .rfc822Size
        case 19: return .rfc822Text
        case 20: return .saveDate
        case 21: return .threadID
        case 22:
            return .annotation(
                AnnotationFetch(entries: list(max: 3) { $0.bytes() }, attributes: list(max: 3) { $0.bytes() })
            )
        default: return .flags
        }
    }

    mutating func searchReturnOptions() -> [SearchReturnOption]? {
        guard source.bool() else { return nil }
        return list(max: 3) { generator in
            switch generator.source.int(10) {
            case 0: return .all
            case 1: return .context
            case 2: return .count
            case 3: return .max
            case 4: return .min
            case 5: return .other(name: generator.string(), value: generator.optionalExtensionValue())
            case 6: return .partial(generator.partialRange())
            case 7: return .save
            case 8: return .update
            case 9: return .relevancy
            default: return .count
            }
        }
    }

    mutating func objectID() -> ByteString {
        source.bool() ? pick(["M6d99ac3275bb4e", "T64b478a75b7ea9", "a-_0"]) : bytes()
    }

    mutating func searchProgram() -> SearchProgram {
        SearchProgram(returnOptions: searchReturnOptions(), charset: charset(), keys: searchKeys())
    }

    mutating func searchKeys() -> NonEmptyArray<SearchKey> { nonEmpty(max: 3, { $0.searchKey(1) }, fallback: .all) }

    mutating func searchKey(_ depth: Int) -> SearchKey? {
        let nested = depth < maxDepth
        switch source.int(54) {
        case 0: return .all
        case 1: return nested ? .and(nonEmpty(max: 3, { $0.searchKey(depth + 1) }, fallback: .all)) : .all
        case 2: return .answered
        case 3: return .bcc(bytes())
        case 4: return date().map { .before($0) }
        case 5: return .body(bytes())
        case 6: return .cc(bytes())
        case 7: return .deleted
        case 8: return .draft
        case 9: return .emailID(objectID())
        case 10: return .flagged
        case 11: return .from(bytes())
        case 12: return .gmailLabels(bytes())
        case 13: return .gmailMessageID(int64())
        case 14: return .gmailRaw(bytes())
        case 15: return .gmailThreadID(int64())
        case 16: return .header(field: bytes(), value: bytes())
        case 17: return .keyword(flag())
        case 18: return .larger(size())
        case 19:
            var entry: ModSequenceEntry? = nil
            if source.bool() {
                let type = pick([ModSequenceEntry.EntryType.all, .priv, .shared])
                entry =
                    source.bool()
                    ? ModSequenceEntry(flag: flag(), type: type) : ModSequenceEntry(name: bytes(), type: type)
            }
            return .modSequence(entry: entry, value: uint64())
        case 20: return .new
        case 21: return nested ? searchKey(depth + 1).map { .not($0) } : .seen
        case 22: return .old
        case 23: return .older(uint32())
        case 24: return date().map { .on($0) }
        case 25:
            guard nested, let a = searchKey(depth + 1), let b = searchKey(depth + 1) else { return .recent }
            return .or(a, b)
        case 26: return .recent
        case 27: return date().map { .savedBefore($0) }
        case 28: return .savedDateSupported
        case 29: return date().map { .savedOn($0) }
        case 30: return date().map { .savedSince($0) }
        case 31: return .seen
        case 32: return date().map { .sentBefore($0) }
        case 33: return date().map { .sentOn($0) }
        case 34: return date().map { .sentSince($0) }
        case 35: return .sequenceSet(sequenceSet())
        case 36: return date().map { .since($0) }
        case 37: return .smaller(size())
        case 38: return .subject(bytes())
        case 39: return .text(bytes())
        case 40: return .threadID(objectID())
        case 41: return .to(bytes())
        case 42: return .uid(sequenceSet())
        case 43: return .unanswered
        case 44: return .undeleted
        case 45: return .undraft
        case 46: return .unflagged
        case 47: return .unkeyword(flag())
        case 48: return .unseen
        case 49: return nested ? searchKey(depth + 1).map { .fuzzy($0) } : .seen
        case 50: return .uidAfter(uint32())
        case 51: return .uidBefore(uint32())
        case 52:
            guard let name = atom(["on-the-road", "a/b", "FILTER", "x"]) else { return .all }
            return .filter(name)
        default: return .younger(uint32())
        }
    }
}

// MARK: - the property

extension FuzzHarness {
    /// Limits for decoding what the generator made: 100 KB strings and long lines are fine.
    static let valueLimits = DecodingLimits(
        maxLineLength: 1 << 30,
        maxLiteralSize: 1 << 30,
        maxFrameSize: 1 << 31,
        maxNestingDepth: 64
    )

    /// Encodes `response`; unless refused, decodes the bytes strictly: exactly one frame, no
    /// error, nothing left over, equal to `response`. Returns the problem, or nil.
    static func checkValue(_ response: Response) -> String? {
        let bytes: [UInt8]
        do throws(IMAPValueError) {
            bytes = try ResponseEncoder().encode(response)
        } catch {
            return nil  // refused: the guarantee holds
        }
        var decoder = ResponseDecoder(options: .init(limits: valueLimits, lenient: false))
        decoder.append(bytes)
        var frames: [Response] = []
        var errors: [IMAPDecodingError] = []
        while frames.count + errors.count < 4 {
            do throws(IMAPDecodingError) {
                guard let next = try decoder.next() else { break }
                frames.append(next)
            } catch {
                errors.append(error)
            }
        }
        if errors.isEmpty && frames == [response] && decoder.bufferedBytes.isEmpty && !decoder.isInsideFrame {
            return nil
        }
        return "values: \(response) is written as \(escape(bytes)), which decodes strictly as \(frames)"
            + (errors.isEmpty ? "" : " with errors \(errors.map { "\($0.rule): \($0.message)" })")
            + (decoder.bufferedBytes.isEmpty ? "" : " leaving \(escape(Array(decoder.bufferedBytes)))")
    }

    /// The decoder mode a message is read in.
    static func mode(of message: ClientMessage) -> CommandDecoder.Mode {
        switch message {
        case .command: return .command
        case .authenticationResponse, .authenticationCancel: return .authenticating
        case .idleDone: return .idling
        }
    }

    /// Encodes `message` with LITERAL+ and BINARY, and with synchronizing literals; unless
    /// refused, decodes the bytes strictly (in the message's mode, continuing after every
    /// `.continuationRequired`, of which there must be one per chunk that waits): exactly one
    /// message, no error, nothing left over, equal to `message`.
    static func checkValue(_ message: ClientMessage) -> [String] {
        var problems: [String] = []
        let encoders = [
            ("LITERAL+ BINARY", CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing, binary: true))),
            ("synchronizing", CommandEncoder(options: EncodingOptions(literalMode: .synchronizing))),
        ]
        for (name, encoder) in encoders {
            let chunks: [EncodedChunk]
            do throws(IMAPValueError) {
                chunks = try encoder.encode(message)
            } catch {
                continue  // refused
            }
            let bytes = chunks.flatMap(\.bytes)
            let waits = chunks.filter(\.waitForContinuation).count
            var decoder = CommandDecoder(options: .init(limits: valueLimits, lenient: false))
            decoder.mode = mode(of: message)
            decoder.append(bytes)
            var decoded: [ClientMessage] = []
            var continuations = 0
            var other: [CommandDecoder.Event] = []
            var errors: [IMAPDecodingError] = []
            var events = 0
            while events < waits + 8 {
                events += 1
                do throws(IMAPDecodingError) {
                    guard let event = try decoder.next() else { break }
                    switch event {
                    case .message(let value): decoded.append(value)
                    case .continuationRequired: continuations += 1
                    default: other.append(event)
                    }
                } catch {
                    errors.append(error)
                }
            }
            if errors.isEmpty && decoded == [message] && other.isEmpty && continuations == waits
                && decoder.bufferedBytes.isEmpty && !decoder.isInsideFrame
            {
                continue
            }
            problems.append(
                "values: \(message) (\(name)) is written as \(escape(bytes)), which decodes strictly as \(decoded)"
                    + (errors.isEmpty ? "" : " with errors \(errors.map { "\($0.rule): \($0.message)" })")
                    + (other.isEmpty ? "" : " with events \(other)")
                    + (continuations == waits ? "" : " after \(continuations) continuations for \(waits) waits")
                    + (decoder.bufferedBytes.isEmpty ? "" : " leaving \(escape(Array(decoder.bufferedBytes)))")
            )
        }
        return problems
    }

    /// The `values` target: byte 0 picks the direction (bit 0: commands), the rest drives the
    /// generator; values are made until the bytes run out (at most 16).
    static func values(_ data: [UInt8]) -> [String] {
        let commands = (data.first ?? 0) & 1 != 0
        var generator = HostileValueGenerator(source: HostileByteSource(bytes: Array(data.dropFirst())))
        var problems: [String] = []
        var count = 0
        repeat {
            count += 1
            if commands {
                problems += checkValue(generator.clientMessage())
            } else if let problem = checkValue(generator.response()) {
                problems.append(problem)
            }
        } while !generator.source.isExhausted && count < 16
        return problems
    }
}
