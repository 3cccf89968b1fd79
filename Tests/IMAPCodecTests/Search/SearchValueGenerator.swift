@testable import IMAPCodec

/// Random values of the search area's types, for seeded round trips. Only values the
/// strict grammar can express are generated (non-empty key lists, valid object ids ...).
enum SearchValueGenerator {
    static func int<G: RandomNumberGenerator>(_ range: ClosedRange<Int>, _ rng: inout G) -> Int {
        Int.random(in: range, using: &rng)
    }

    static func nz<G: RandomNumberGenerator>(_ rng: inout G) -> UInt32 {
        switch int(0...3, &rng) {
        case 0: return 1
        case 1: return UInt32.max
        default: return UInt32.random(in: 1...100_000, using: &rng)
        }
    }

    static func number64<G: RandomNumberGenerator>(_ rng: inout G) -> Int64 {
        switch int(0...3, &rng) {
        case 0: return 0
        case 1: return Int64.max
        default: return Int64.random(in: 0...10_000_000_000, using: &rng)
        }
    }

    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "(", ")", "{", "%", "*", "]", "é", "日", "-", "$", "\r\n", ".", "\u{1}",
    ]

    /// A string: empty, atom-like, needing quotes, or needing a literal (UTF-8, CRLF).
    static func string<G: RandomNumberGenerator>(_ rng: inout G) -> ByteString {
        let length = int(0...12, &rng)
        var s = ""
        for _ in 0..<length { s += alphabet[int(0...(alphabet.count - 1), &rng)] }
        if int(0...20, &rng) == 0 { s = String(repeating: "x", count: 1500) }
        return ByteString(s)
    }

    static func date<G: RandomNumberGenerator>(_ rng: inout G) -> IMAPDate {
        IMAPDate(year: int(1900...2100, &rng), month: int(1...12, &rng), day: int(1...28, &rng))
            ?? IMAPDate(year: 2000, month: 1, day: 1)!
    }

    static func keyword<G: RandomNumberGenerator>(_ rng: inout G) -> Flag {
        let choices: [Flag] = [.junk, .notJunk, .forwarded, .mdnSent, .phishing, Flag("Work")!, Flag("a.b-c_d")!]
        return choices[int(0...(choices.count - 1), &rng)]
    }

    static func seqNumber<G: RandomNumberGenerator>(_ rng: inout G) -> SequenceNumber {
        int(0...4, &rng) == 0 ? .last : .number(nz(&rng))
    }

    static func sequenceSet<G: RandomNumberGenerator>(_ rng: inout G, allowDollar: Bool = true) -> SequenceSet {
        var elements: [SequenceSet.Element] = []
        for _ in 0..<int(1...4, &rng) {
            switch int(0...5, &rng) {
            case 0 where allowDollar: elements.append(.lastCommand)
            case 1, 2: elements.append(.range(seqNumber(&rng), seqNumber(&rng)))
            default: elements.append(.single(seqNumber(&rng)))
            }
        }
        return SequenceSet(elements) ?? .all
    }

    static func objectID<G: RandomNumberGenerator>(_ rng: inout G) -> ByteString {
        let chars = Array("abcXYZ019_-".utf8)
        return ByteString((0..<int(1...20, &rng)).map { _ in chars[int(0...(chars.count - 1), &rng)] })
    }

    static func key<G: RandomNumberGenerator>(_ rng: inout G, depth: Int) -> SearchKey {
        let simple: [SearchKey] = [
            .all, .answered, .deleted, .draft, .flagged, .seen, .new, .old, .recent, .unanswered,
            .undeleted, .undraft, .unflagged, .unseen, .savedDateSupported,
        ]
        let choice = int(0...(depth > 0 ? 34 : 30), &rng)
        switch choice {
        case 0: return simple[int(0...(simple.count - 1), &rng)]
        case 1: return .bcc(string(&rng))
        case 2: return .body(string(&rng))
        case 3: return .cc(string(&rng))
        case 4: return .from(string(&rng))
        case 5: return .subject(string(&rng))
        case 6: return .text(string(&rng))
        case 7: return .to(string(&rng))
        case 8: return .header(field: string(&rng), value: string(&rng))
        case 9: return .before(date(&rng))
        case 10: return .on(date(&rng))
        case 11: return .since(date(&rng))
        case 12: return .sentBefore(date(&rng))
        case 13: return .sentOn(date(&rng))
        case 14: return .sentSince(date(&rng))
        case 15: return .savedBefore(date(&rng))
        case 16: return .savedOn(date(&rng))
        case 17: return .savedSince(date(&rng))
        case 18: return .older(nz(&rng))
        case 19: return .younger(nz(&rng))
        case 20: return .keyword(keyword(&rng))
        case 21: return .unkeyword(keyword(&rng))
        case 22: return .larger(number64(&rng))
        case 23: return .smaller(number64(&rng))
        case 24: return .sequenceSet(sequenceSet(&rng))
        case 25:
            switch int(0...4, &rng) {
            case 0: return .uidAfter(nz(&rng))
            case 1: return .uidBefore(nz(&rng))
            case 2: return .filter(Atom(["on-the-road", "Work.Urgent", "x_1"][int(0...2, &rng)])!)
            default: return .uid(sequenceSet(&rng))
            }
        case 26:
            let entry: ModSequenceEntry? =
                int(0...1, &rng) == 0
                ? nil
                : ModSequenceEntry(
                    flag: [Flag.seen, .draft, .junk, Flag("Work")!][int(0...3, &rng)],
                    type: [ModSequenceEntry.EntryType.priv, .shared, .all][int(0...2, &rng)]
                )
            return .modSequence(entry: entry, value: UInt64(number64(&rng)))
        case 27: return int(0...1, &rng) == 0 ? .emailID(objectID(&rng)) : .threadID(objectID(&rng))
        case 28: return .gmailRaw(string(&rng))
        case 29: return int(0...1, &rng) == 0 ? .gmailMessageID(number64(&rng)) : .gmailThreadID(number64(&rng))
        case 30: return .gmailLabels(string(&rng))
        case 31: return .not(key(&rng, depth: depth - 1))
        case 32: return .or(key(&rng, depth: depth - 1), key(&rng, depth: depth - 1))
        default: return .and(keys(&rng, depth: depth - 1))
        }
    }

    static func keys<G: RandomNumberGenerator>(_ rng: inout G, depth: Int) -> NonEmptyArray<SearchKey> {
        NonEmptyArray((0..<int(1...4, &rng)).map { _ in key(&rng, depth: depth) })!
    }

    static func partialRange<G: RandomNumberGenerator>(_ rng: inout G) -> PartialRange {
        int(0...1, &rng) == 0 ? .first(from: nz(&rng), to: nz(&rng)) : .last(from: nz(&rng), to: nz(&rng))
    }

    static func taggedValue<G: RandomNumberGenerator>(_ rng: inout G) -> TaggedExtensionValue {
        switch int(0...2, &rng) {
        case 0: return .number(number64(&rng))
        case 1: return .sequenceSet(SequenceSet([.range(.number(nz(&rng)), .last)]) ?? .all)
        default: return .list([.astring("a b"), .list([.astring("c")])])
        }
    }

    static func returnOptions<G: RandomNumberGenerator>(_ rng: inout G) -> [SearchReturnOption]? {
        if int(0...2, &rng) == 0 { return nil }
        return (0..<int(0...4, &rng)).map { _ in
            switch int(0...9, &rng) {
            case 0: return .min
            case 1: return .max
            case 2: return .all
            case 3: return .count
            case 4: return .save
            case 5: return .context
            case 6: return .update
            case 7: return .partial(partialRange(&rng))
            case 8: return .other(name: "X-OPT", value: nil)
            default: return .other(name: "X-PARAM", value: taggedValue(&rng))
            }
        }
    }

    static let charsets = ["UTF-8", "US-ASCII", "ISO-8859-1", "x weird"]

    static func program<G: RandomNumberGenerator>(_ rng: inout G) -> SearchProgram {
        SearchProgram(
            returnOptions: returnOptions(&rng),
            charset: int(0...1, &rng) == 0 ? nil : charsets[int(0...3, &rng)],
            keys: keys(&rng, depth: int(0...4, &rng))
        )
    }

    static func sortArguments<G: RandomNumberGenerator>(_ rng: inout G) -> SortArguments {
        let sortKeys: [SortKey] = [
            .arrival, .cc, .date, .from, .size, .subject, .to, .displayFrom, .displayTo, SortKey("X-FUTURE")!,
        ]
        let criteria = NonEmptyArray<SortCriterion>(
            (0..<int(1...4, &rng)).map { _ in
                SortCriterion(sortKeys[int(0...(sortKeys.count - 1), &rng)], reverse: int(0...1, &rng) == 0)
            }
        )!
        return SortArguments(
            returnOptions: returnOptions(&rng),
            criteria: criteria,
            charset: charsets[int(0...3, &rng)],
            keys: keys(&rng, depth: int(0...3, &rng))
        )
    }

    static func threadArguments<G: RandomNumberGenerator>(_ rng: inout G) -> ThreadArguments {
        let algorithms: [ThreadAlgorithm] = [.references, .orderedSubject, .refs, ThreadAlgorithm("X-NEW")!]
        return ThreadArguments(
            algorithm: algorithms[int(0...3, &rng)],
            charset: charsets[int(0...3, &rng)],
            keys: keys(&rng, depth: int(0...3, &rng))
        )
    }

    static func searchResponse<G: RandomNumberGenerator>(_ rng: inout G) -> SearchResponse {
        let numbers = (0..<int(0...30, &rng)).map { _ in nz(&rng) }
        let modSeq: UInt64? =
            numbers.isEmpty || int(0...1, &rng) == 0 ? nil : UInt64.random(in: 1...UInt64(Int64.max), using: &rng)
        return SearchResponse(numbers: numbers, modSequence: modSeq)
    }

    static func contextUpdates<G: RandomNumberGenerator>(_ rng: inout G) -> NonEmptyArray<SearchContextUpdate> {
        NonEmptyArray(
            (0..<int(1...3, &rng)).map { _ in
                SearchContextUpdate(
                    position: UInt32.random(in: 0...1000, using: &rng),
                    set: sequenceSet(&rng, allowDollar: false)
                )
            }
        )!
    }

    static func esearchResponse<G: RandomNumberGenerator>(_ rng: inout G) -> ESearchResponse {
        let tags: [ByteString] = ["A0155", "tag with space", "x\"y", ""]
        let data: [SearchReturnData] = (0..<int(0...6, &rng)).map { _ in
            switch int(0...9, &rng) {
            case 0: return .min(nz(&rng))
            case 1: return .max(nz(&rng))
            case 2: return .all(sequenceSet(&rng, allowDollar: false))
            case 3: return .count(UInt32.random(in: 0...UInt32.max, using: &rng))
            case 4: return .modSequence(UInt64(max(1, number64(&rng))))  // mod-sequence-value
            case 5:
                return .partial(partialRange(&rng), int(0...1, &rng) == 0 ? nil : sequenceSet(&rng, allowDollar: false))
            case 6: return .addTo(contextUpdates(&rng))
            case 7: return .removeFrom(contextUpdates(&rng))
            default: return .other(name: "X-DATA", value: taggedValue(&rng))
            }
        }
        let mailboxes: [MailboxName] = [MailboxName("INBOX"), MailboxName("folder2/banana"), MailboxName("Entwürfe")]
        let multi = int(0...3, &rng) == 0
        return ESearchResponse(
            tag: int(0...2, &rng) == 0 ? nil : tags[int(0...3, &rng)],
            mailbox: multi ? mailboxes[int(0...2, &rng)] : nil,
            uidValidity: multi ? nz(&rng) : nil,
            uid: int(0...1, &rng) == 0,
            data: data
        )
    }

    static func thread<G: RandomNumberGenerator>(_ rng: inout G, depth: Int) -> MessageThread {
        let messages = (0..<int(depth > 0 ? 0...3 : 1...3, &rng)).map { _ in nz(&rng) }
        var branches: [MessageThread] = []
        if depth > 0 && (messages.isEmpty || int(0...1, &rng) == 0) {
            branches = (0..<int(2...3, &rng)).map { _ in thread(&rng, depth: depth - 1) }
        }
        return MessageThread(messages: messages, branches: branches)
    }

    static func threads<G: RandomNumberGenerator>(_ rng: inout G) -> [MessageThread] {
        (0..<int(0...5, &rng)).map { _ in thread(&rng, depth: int(0...4, &rng)) }
    }
}
