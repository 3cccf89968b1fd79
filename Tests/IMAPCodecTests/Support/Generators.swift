@testable import IMAPCodec

/// Random values of the model types, for round-trip tests. Every generator draws from a
/// `SeededGenerator`, so failures reproduce.
struct ValueGenerator {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
    mutating func maybe<T>(_ make: (inout ValueGenerator) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func array<T>(_ range: ClosedRange<Int>, _ make: (inout ValueGenerator) -> T) -> [T] {
        (0..<int(range)).map { _ in make(&self) }
    }
    /// A list of `range` elements, at least one.
    mutating func nonEmpty<T>(_ range: ClosedRange<Int>, _ make: (inout ValueGenerator) -> T) -> NonEmptyArray<T> {
        var result = NonEmptyArray(make(&self))
        result.append(contentsOf: array(Swift.max(range.lowerBound, 1) - 1...Swift.max(range.upperBound, 1) - 1, make))
        return result
    }

    mutating func uint32(nonZero: Bool = false) -> UInt32 {
        switch int(0...3) {
        case 0: return nonZero ? 1 : 0
        case 1: return UInt32.max
        default: return UInt32.random(in: (nonZero ? 1 : 0)...100_000, using: &rng)
        }
    }

    mutating func int64(nonZero: Bool = false) -> Int64 {
        bool() ? Int64.max : Int64.random(in: (nonZero ? 1 : 0)...Int64(1) << 40, using: &rng)
    }

    /// Bytes of every kind: atoms, text with spaces and quotes, CR LF, 8-bit, empty.
    mutating func bytes(maxCount: Int = 30) -> ByteString {
        switch int(0...4) {
        case 0: return atom()
        case 1: return ByteString("with space \"quote\" \\ back")
        case 2: return ByteString((0..<int(0...maxCount)).map { _ in UInt8.random(in: 1...255, using: &rng) })
        case 3: return ByteString([])
        default: return ByteString("Gr\u{fc}\u{df}e \u{65e5}\u{672c}")
        }
    }

    /// Bytes that form valid `text` (no CR, LF, NUL; not starting with "[").
    mutating func text() -> ByteString {
        pick([
            ByteString("Completed"), ByteString("LOGIN completed (0.001 + 0.000 secs)."), ByteString([]),
            ByteString("caf\u{e9} ready"), ByteString("x] y"),
        ])
    }

    mutating func atom() -> ByteString {
        let alphabet = Array(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_$&!#'+,/:;<=>?@^`|~".utf8
        )
        return ByteString((0..<int(1...12)).map { _ in pick(alphabet) })
    }

    /// ``atom()`` as an ``Atom``.
    mutating func atomValue() -> Atom {
        Atom(atom().stringValue)!
    }

    mutating func tag() -> Tag {
        Tag(unchecked: ByteString(Array("A".utf8) + Array(String(int(1...99999)).utf8)))
    }

    mutating func flag() -> Flag {
        if bool() { return pick(Flag.known.filter { $0 != .wildcard }) }
        return Flag(uncheckedRawValue: (bool() ? "\\" : "") + "K" + atom().stringValue.filter { $0 != "\\" })
    }

    mutating func mailbox() -> MailboxName {
        pick([
            MailboxName.inbox, MailboxName("Entw\u{fc}rfe"), MailboxName("\u{65e5}\u{672c}\u{8a9e}"),
            MailboxName("Emoji \u{1F4EC}"), MailboxName("R&D"), MailboxName("Reports \"Q1\""),
            MailboxName("Archive/2024"), MailboxName(bytes: atom()),
        ])
    }

    mutating func seqNumber(allowStar: Bool = true) -> SequenceNumber {
        allowStar && int(0...4) == 0 ? .last : .number(uint32(nonZero: true))
    }

    mutating func sequenceSet(allowStar: Bool = true, allowDollar: Bool = true) -> SequenceSet {
        if allowDollar && int(0...9) == 0 { return .lastCommand }
        let elements: [SequenceSet.Element] = array(1...5) { g in
            g.bool()
                ? .single(g.seqNumber(allowStar: allowStar))
                : .range(g.seqNumber(allowStar: allowStar), g.seqNumber(allowStar: allowStar))
        }
        return SequenceSet(unchecked: elements)
    }

    mutating func date() -> IMAPDate {
        IMAPDate(year: int(1970...2099), month: int(1...12), day: int(1...28)) ?? IMAPDate(
            year: 2000,
            month: 1,
            day: 1
        )!
    }

    mutating func dateTime() -> IMAPDateTime {
        IMAPDateTime(
            date: date(),
            hour: int(0...23),
            minute: int(0...59),
            second: int(0...59),
            zoneMinutes: int(-720...840)
        ) ?? IMAPDateTime(date: date(), hour: 0, minute: 0, second: 0, zoneMinutes: 0)!
    }

    mutating func capability() -> Capability {
        Capability(uncheckedRawValue: pick(["IMAP4rev1", "IMAP4rev2", "LITERAL+", "IDLE", "AUTH=PLAIN", "X-CUSTOM"]))
    }

    mutating func responseCode() -> ResponseCode {
        switch int(0...24) {
        case 0: return .alert
        case 1:
            return .badCharset(
                array(0...3) { g in g.pick([ByteString("UTF-8"), ByteString("US-ASCII"), ByteString("a b")]) }
            )
        case 2: return .capability(array(0...4) { $0.capability() })
        case 3: return .parse
        case 4: return .permanentFlags(array(0...5) { $0.flag() } + (bool() ? [.wildcard] : []))
        case 5: return .readOnly
        case 6: return .readWrite
        case 7: return .tryCreate
        case 8: return .uidNext(uint32(nonZero: true))
        case 9: return .uidValidity(uint32(nonZero: true))
        case 10: return .unseen(uint32(nonZero: true))
        case 11:
            return .appendUID(
                uidValidity: uint32(nonZero: true),
                uids: sequenceSet(allowStar: false, allowDollar: false)
            )
        case 12:
            return .copyUID(
                uidValidity: uint32(nonZero: true),
                source: sequenceSet(allowStar: false, allowDollar: false),
                destination: sequenceSet(allowStar: false, allowDollar: false)
            )
        case 13: return .uidNotSticky
        case 14: return .highestModSeq(UInt64(int64(nonZero: true)))
        case 15: return .noModSeq
        case 16: return .modified(sequenceSet(allowDollar: false))
        case 17: return .closed
        case 18: return .mailboxID(ByteString("F2212ea87-6097-4256-9d51-71338625"))
        case 19:
            return pick([
                .metadataLongEntries(uint32()), .metadataMaxSize(uint32()), .metadataTooMany, .metadataNoPrivate,
            ])
        case 20: return .simple(pick(ResponseCode.Simple.allCases))
        case 21: return .other(name: Atom("X-" + atom().stringValue)!, value: nil)
        case 22: return .other(name: Atom("XAPPLE")!, value: ByteString("some value [x"))
        default: return .alert
        }
    }

    mutating func responseText() -> ResponseText {
        ResponseText(code: maybe { $0.responseCode() }, text: text())
    }

    /// One message of APPEND (or REPLACE): optional flags and date, and every kind of data.
    mutating func appendMessage() -> AppendMessage {
        AppendMessage(
            flags: maybe { g in g.array(0...4) { $0.flag() } },
            internalDate: maybe { $0.dateTime() },
            data: pick([
                .literal(bytes(maxCount: 300)), .binary(ByteString([0, 1, 2])),
                .catenate(NonEmptyArray(.url("imap://x/INBOX;UID=1"), .text(bytes()))), .utf8(bytes()),
            ])
        )
    }
}
