import XCTest

@testable import IMAPCodec

/// Random values of the mailbox-data types, for seeded round trips.
struct MailboxDataGen {
    var rng: SeededGenerator
    /// When set, `mailbox()` and `pattern()` give only names that round-trip under
    /// UTF8=ACCEPT (valid modified UTF-7, so the UTF-8 form maps back to the same bytes).
    var utf8Accept = false
    init(seed: UInt64, utf8Accept: Bool = false) {
        rng = SeededGenerator(seed: seed)
        self.utf8Accept = utf8Accept
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func array<T>(_ count: ClosedRange<Int>, _ make: (inout MailboxDataGen) -> T) -> [T] {
        var out: [T] = []
        for _ in 0..<int(count) { out.append(make(&self)) }
        return out
    }
    /// A list of `count` elements, at least one.
    mutating func nonEmpty<T>(_ count: ClosedRange<Int>, _ make: (inout MailboxDataGen) -> T) -> NonEmptyArray<T> {
        var result = NonEmptyArray(make(&self))
        result.append(contentsOf: array(Swift.max(count.lowerBound, 1) - 1...Swift.max(count.upperBound, 1) - 1, make))
        return result
    }

    static let atomChars = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+=!#&'$,:;<>?@^`|~/".utf8
    )
    static let labelChars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:".utf8)

    mutating func atomString(_ length: ClosedRange<Int> = 1...10) -> String {
        String(decoding: (0..<int(length)).map { _ in pick(Self.atomChars) }, as: UTF8.self)
    }

    mutating func label() -> String {
        pick(["X", "x-", "Foo", "VENDOR.", "_a"])
            + String(decoding: (0..<int(0...6)).map { _ in pick(Self.labelChars) }, as: UTF8.self)
    }

    /// Bytes for a string or astring: atoms, text with spaces and quotes, UTF-8, CR/LF
    /// (literal), empty. No NUL (strict literals reject it).
    mutating func bytes() -> ByteString {
        switch int(0...6) {
        case 0: return ByteString(atomString())
        case 1: return ""
        case 2:
            return ByteString(pick(["My files", "Reports \"Q1\"", "back\\slash", "a]b", "(paren", "%wild*", "NIL"]))
        case 3: return ByteString(pick(["Entwürfe", "日本語", "Emoji 🎉"]))
        case 4: return ByteString(Array("line\r\nbreak".utf8))
        case 5: return ByteString((0..<int(1...20)).map { _ in UInt8(int(1...255)) })
        default: return ByteString(atomString(1...3) + " " + atomString(1...3))
        }
    }

    mutating func mailbox() -> MailboxName {
        if utf8Accept {
            // Under UTF8=ACCEPT only names that are valid modified UTF-7 round-trip.
            return MailboxName(pick(["Entwürfe", "R&D", "&", "日本語/子", "Emoji 🎉", "plain", "a b", "Ünïcödé €"]))
        }
        switch int(0...5) {
        case 0: return .inbox
        case 1:
            return MailboxName(
                bytes: ByteString(pick(["Entw&APw-rfe", "&ZeVnLIqe-", "R&-D", "Emoji &2D3c7A-", "Archive/2024", ""]))
            )
        case 2: return MailboxName(pick(["Entwürfe", "日本語/子", "Sent Items"]))
        case 3: return MailboxName(bytes: ByteString(atomString()))
        default: return MailboxName(bytes: bytes())
        }
    }

    mutating func pattern() -> MailboxName {
        switch int(0...2) {
        case 0: return MailboxName(bytes: ByteString(pick(["*", "%", "Archive*", "Lists%", "%/%", "INBOX.*"])))
        default: return mailbox()
        }
    }

    mutating func capability() -> Capability {
        if bool() {
            return pick([
                .imap4rev1, .imap4rev2, .literalPlus, .literalMinus, .idle, .authPlain, .utf8Accept, .condStore,
            ])
        }
        return Capability(atomString()) ?? .idle
    }

    mutating func attribute() -> MailboxAttribute {
        if bool() {
            return pick([.noSelect, .hasChildren, .hasNoChildren, .marked, .unmarked, .sent, .trash, .important])
        }
        return MailboxAttribute("\\" + atomString()) ?? .all
    }

    mutating func delimiter() -> Character? {
        bool() ? nil : Character(Unicode.Scalar(pick(Array("/.\\\"|:".utf8) + [UInt8(int(0x20...0x7E))])))
    }

    mutating func sequenceSet(star: Bool = true) -> SequenceSet {
        var elements: [SequenceSet.Element] = []
        let n = int(1...4)
        for _ in 0..<n {
            let a = UInt32(int(1...100000))
            switch int(0...2) {
            case 0: elements.append(.single(.number(a)))
            case 1: elements.append(.range(.number(a), star && bool() ? .last : .number(UInt32(int(1...100000)))))
            default: elements.append(star ? .single(.last) : .single(.number(a)))
            }
        }
        return SequenceSet(elements) ?? SequenceSet(1...2)
    }

    mutating func components(depth: Int) -> [TaggedExtensionComponent] {
        array(0...3) { g in
            if depth > 0 && g.int(0...3) == 0 { return .list(g.components(depth: depth - 1)) }
            return .astring(g.bytes())
        }
    }

    mutating func taggedValue() -> TaggedExtensionValue {
        switch int(0...2) {
        case 0: return .number(Int64(int(0...Int(Int64.max))))
        case 1:
            var set = sequenceSet()
            if set.elements.count == 1, case .single(.number) = set.elements[0] { set = SequenceSet(1...7) }
            return .sequenceSet(set)
        default: return .list(components(depth: 3))
        }
    }

    mutating func statusAttribute() -> StatusAttribute {
        pick([
            .messages, .recent, .uidNext, .uidValidity, .unseen, .deleted, .size, .highestModSeq, .appendLimit,
            .mailboxID,
        ])
    }
}

/// Writes `value`, parses it back in strict and lenient mode, and checks both give `value`.
func assertRoundTrip<T: Equatable>(
    _ value: T,
    options: EncodingOptions = EncodingOptions(literalMode: .response),
    write: (inout IMAPWriter) -> Void,
    parse rule: (inout ParserState) throws(IMAPDecodingError) -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    var writer = IMAPWriter(options: options)
    write(&writer)
    let bytes = writer.finishBytes()
    for lenient in [false, true] {
        var state = ParserState(bytes, options: ParseOptions(lenient: lenient, utf8Accept: options.utf8Accept))
        do {
            let parsed = try rule(&state)
            XCTAssertEqual(parsed, value, "lenient=\(lenient) \(ASCII.escaped(bytes))", file: file, line: line)
            XCTAssertEqual(state.index, bytes.count, "unconsumed: \(ASCII.escaped(bytes))", file: file, line: line)
        } catch {
            XCTFail("lenient=\(lenient) \(ASCII.escaped(bytes)): \(error)", file: file, line: line)
        }
    }
}

/// Lenient: runs `rule` over `text` + CRLF, then `crlf()`, requiring everything consumed.
func parseLine<T>(
    _ text: String,
    _ rule: (inout ParserState) throws(IMAPDecodingError) -> T
) throws -> T {
    var state = ParserState(Array((text + "\r\n").utf8), options: ParseOptions(lenient: true))
    let value = try rule(&state)
    try state.crlf()
    XCTAssertTrue(state.isAtEnd)
    return value
}

// MARK: - Values of the mailbox-data areas (LIST, STATUS, NAMESPACE, QUOTA, METADATA, ACL,
// ID, SELECT/CREATE, CAPABILITY/ENABLE), shared by the per-area round trips and the
// top-level round trip.

extension MailboxDataGen {
    // LIST / LSUB

    mutating func listExtendedItem() -> ListExtendedItem {
        switch int(0...2) {
        case 0: return .childInfo(array(1...2) { $0.bool() ? "SUBSCRIBED" : ByteString($0.atomString()) })
        case 1: return .oldName(mailbox())
        default: return .other(tag: bool() ? ByteString(label()) : "x y", value: taggedValue())
        }
    }

    mutating func mailboxListData() -> MailboxListData {
        MailboxListData(
            attributes: array(0...4) { $0.attribute() },
            delimiter: delimiter(),
            mailbox: mailbox(),
            extendedItems: array(0...3) { $0.listExtendedItem() }
        )
    }

    mutating func listCommand() -> ListCommand {
        let selectOptions: [ListSelectOption] = array(0...3) { g in
            g.pick([
                .subscribed, .remote, .recursiveMatch, .specialUse,
                .other(name: "X-" + g.atomString(), value: g.bool() ? nil : g.components(depth: 2)),
            ])
        }
        let returnOptions: [ListReturnOption] = array(0...4) { g in
            g.pick([
                .subscribed, .children, .specialUse, .myRights,
                .status(g.nonEmpty(1...4) { $0.statusAttribute() }),
                .other(name: "X-" + g.atomString(), value: g.bool() ? nil : g.components(depth: 2)),
            ])
        }
        return ListCommand(
            selectOptions: selectOptions,
            reference: mailbox(),
            patterns: nonEmpty(1...3) { $0.pattern() },
            returnOptions: returnOptions
        )
    }

    mutating func lsubCommand() -> LSubCommand {
        LSubCommand(reference: mailbox(), pattern: pattern())
    }

    // STATUS

    mutating func statusValue() -> StatusValue {
        switch int(0...10) {
        case 0: return .messages(UInt32(int(0...Int(UInt32.max))))
        case 1: return .recent(UInt32(int(0...100)))
        case 2: return .uidNext(UInt32(int(1...Int(UInt32.max))))
        case 3: return .uidValidity(UInt32(int(1...Int(UInt32.max))))
        case 4: return .unseen(UInt32(int(0...100)))
        case 5: return .deleted(UInt32(int(0...100)))
        case 6: return .size(Int64(int(0...Int(Int64.max))))
        case 7: return .highestModSeq(UInt64(int(0...Int(Int64.max))))
        case 8: return .appendLimit(bool() ? nil : UInt32(int(0...Int(UInt32.max))))
        case 9: return .mailboxID(ByteString(String(repeating: "a-_Z9", count: int(1...40))))
        default: return .other(StatusAttribute("X-" + atomString())!, taggedValue())
        }
    }

    mutating func statusResponse() -> StatusResponse {
        let values = array(0...6) { $0.statusValue() }
        return StatusResponse(mailbox: mailbox(), values: values)
    }

    mutating func statusCommand() -> StatusCommand {
        StatusCommand(mailbox: mailbox(), attributes: nonEmpty(1...5) { $0.statusAttribute() })
    }

    // NAMESPACE

    mutating func namespaceDescriptions() -> [NamespaceDescription] {
        array(0...3) { g in
            NamespaceDescription(
                prefix: g.bytes(),
                delimiter: g.delimiter(),
                extensions: g.array(0...2) { g in
                    NamespaceExtension(name: g.bytes(), values: g.nonEmpty(1...3) { $0.bytes() })
                }
            )
        }
    }

    mutating func namespaceResponse() -> NamespaceResponse {
        NamespaceResponse(
            personal: namespaceDescriptions(),
            otherUsers: namespaceDescriptions(),
            shared: namespaceDescriptions()
        )
    }

    // QUOTA

    mutating func quotaResourceName() -> QuotaResourceName {
        bool() ? pick([.storage, .message, .mailbox, .annotationStorage]) : QuotaResourceName(atomString())!
    }

    mutating func quotaResponse() -> QuotaResponse {
        QuotaResponse(
            root: bytes(),
            resources: array(1...4) { g in
                QuotaResource(
                    name: g.quotaResourceName(),
                    usage: Int64(g.int(0...Int(Int64.max))),
                    limit: Int64(g.int(0...Int(Int64.max)))
                )
            }
        )
    }

    mutating func quotaRootResponse() -> QuotaRootResponse {
        QuotaRootResponse(mailbox: mailbox(), roots: array(0...3) { $0.bytes() })
    }

    mutating func setQuotaCommand() -> SetQuotaCommand {
        SetQuotaCommand(
            root: bytes(),
            limits: array(0...3) { g in QuotaLimit(name: g.quotaResourceName(), limit: Int64(g.int(0...1 << 40))) }
        )
    }

    // METADATA

    mutating func metadataEntryValue() -> MetadataEntryValue {
        let v: ByteString?
        switch int(0...3) {
        case 0: v = nil
        case 1: v = ByteString((0..<int(0...30)).map { _ in UInt8(int(0...255)) })
        default: v = bytes()
        }
        return MetadataEntryValue(entry: bytes(), value: v)
    }

    mutating func metadataResponse() -> MetadataResponse {
        let body: MetadataResponseBody =
            bool() ? .values(nonEmpty(1...4) { $0.metadataEntryValue() }) : .entries(nonEmpty(1...4) { $0.bytes() })
        return MetadataResponse(mailbox: mailbox(), body: body)
    }

    mutating func getMetadataCommand() -> GetMetadataCommand {
        let options: [MetadataOption] = array(0...3) { g in
            switch g.int(0...2) {
            case 0: return .maxSize(UInt32(g.int(0...Int(UInt32.max))))
            case 1: return .depth(g.pick([.zero, .one, .infinity]))
            default: return .other(name: "X" + g.label(), value: g.bool() ? nil : g.taggedValue())
            }
        }
        return GetMetadataCommand(options: options, mailbox: mailbox(), entries: nonEmpty(1...3) { $0.bytes() })
    }

    mutating func setMetadataCommand() -> SetMetadataCommand {
        SetMetadataCommand(mailbox: mailbox(), values: nonEmpty(1...4) { $0.metadataEntryValue() })
    }

    // ACL

    mutating func aclResponse() -> ACLResponse {
        ACLResponse(mailbox: mailbox(), entries: array(0...3) { ACLEntry(identifier: $0.bytes(), rights: $0.bytes()) })
    }

    mutating func listRightsResponse() -> ListRightsResponse {
        ListRightsResponse(
            mailbox: mailbox(),
            identifier: bytes(),
            required: bytes(),
            optional: array(0...4) { $0.bytes() }
        )
    }

    mutating func myRightsResponse() -> MyRightsResponse {
        MyRightsResponse(mailbox: mailbox(), rights: bytes())
    }

    mutating func setACLCommand() -> SetACLCommand {
        SetACLCommand(mailbox: mailbox(), identifier: bytes(), modRights: bytes())
    }

    mutating func aclIdentifierCommand() -> ACLIdentifierCommand {
        ACLIdentifierCommand(mailbox: mailbox(), identifier: bytes())
    }

    // ID

    mutating func idFields() -> [IDField]? {
        int(0...5) == 0 ? nil : array(0...5) { IDField(key: $0.bytes(), value: $0.bool() ? nil : $0.bytes()) }
    }

    // SELECT / EXAMINE / CREATE

    mutating func selectParameter() -> SelectParameter {
        switch int(0...2) {
        case 0: return .condStore
        case 1:
            return .qresync(
                QResyncParameter(
                    uidValidity: UInt32(int(1...Int(UInt32.max))),
                    modSequence: UInt64(int(1...Int(Int64.max))),
                    knownUIDs: bool() ? nil : sequenceSet(star: false),
                    sequenceMatch: bool()
                        ? nil
                        : SequenceMatchData(
                            knownSequenceSet: sequenceSet(star: false),
                            knownUIDSet: sequenceSet(star: false)
                        )
                )
            )
        default: return .other(name: "X" + label(), value: bool() ? nil : taggedValue())
        }
    }

    mutating func selectCommand() -> SelectCommand {
        let parameters: [SelectParameter] = int(0...2) == 0 ? [] : array(1...3) { $0.selectParameter() }
        return SelectCommand(mailbox: mailbox(), parameters: parameters)
    }

    mutating func createCommand() -> CreateCommand {
        let parameters: [CreateParameter] =
            int(0...2) == 0
            ? []
            : array(1...3) { g in
                g.bool()
                    ? .use(g.array(0...3) { $0.attribute() })
                    : .other(name: "X" + g.label(), value: g.bool() ? nil : g.taggedValue())
            }
        return CreateCommand(mailbox: mailbox(), parameters: parameters)
    }

    // CAPABILITY / ENABLE

    /// A capability list as in `* CAPABILITY` (may be empty).
    mutating func capabilities() -> [Capability] {
        array(0...8) { $0.capability() }
    }

    /// The arguments of ENABLE: at least one capability.
    mutating func enableCapabilities() -> NonEmptyArray<Capability> {
        nonEmpty(1...4) { $0.capability() }
    }
}
