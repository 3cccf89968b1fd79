import XCTest
@testable import IMAPCodec

/// Random values of the mailbox-data types, for seeded round trips.
struct MailboxDataGen {
    var rng: SeededGenerator
    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func array<T>(_ count: ClosedRange<Int>, _ make: (inout MailboxDataGen) -> T) -> [T] {
        var out: [T] = []
        for _ in 0..<int(count) { out.append(make(&self)) }
        return out
    }

    static let atomChars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+=!#&'$,:;<>?@^`|~/".utf8)
    static let labelChars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:".utf8)

    mutating func atomString(_ length: ClosedRange<Int> = 1...10) -> String {
        String(decoding: (0..<int(length)).map { _ in pick(Self.atomChars) }, as: UTF8.self)
    }

    mutating func label() -> String {
        pick(["X", "x-", "Foo", "VENDOR.", "_a"]) + String(decoding: (0..<int(0...6)).map { _ in pick(Self.labelChars) }, as: UTF8.self)
    }

    /// Bytes for a string or astring: atoms, text with spaces and quotes, UTF-8, CR/LF
    /// (literal), empty. No NUL (strict literals reject it).
    mutating func bytes() -> ByteString {
        switch int(0...6) {
        case 0: return ByteString(atomString())
        case 1: return ""
        case 2: return ByteString(pick(["My files", "Reports \"Q1\"", "back\\slash", "a]b", "(paren", "%wild*", "NIL"]))
        case 3: return ByteString(pick(["Entwürfe", "日本語", "Emoji 🎉"]))
        case 4: return ByteString(Array("line\r\nbreak".utf8))
        case 5: return ByteString((0..<int(1...20)).map { _ in UInt8(int(1...255)) })
        default: return ByteString(atomString(1...3) + " " + atomString(1...3))
        }
    }

    mutating func mailbox() -> MailboxName {
        switch int(0...5) {
        case 0: return .inbox
        case 1: return MailboxName(bytes: ByteString(pick(["Entw&APw-rfe", "&ZeVnLIqe-", "R&-D", "Emoji &2D3c7A-", "Archive/2024", ""])))
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
        if bool() { return pick([.imap4rev1, .imap4rev2, .literalPlus, .literalMinus, .idle, .authPlain, .utf8Accept, .condStore]) }
        return Capability(atomString()) ?? .idle
    }

    mutating func attribute() -> MailboxAttribute {
        if bool() { return pick([.noSelect, .hasChildren, .hasNoChildren, .marked, .unmarked, .sent, .trash, .important]) }
        return MailboxAttribute("\\" + atomString()) ?? .all
    }

    mutating func delimiter() -> UInt8? {
        bool() ? nil : pick(Array("/.\\\"|:".utf8) + [UInt8(int(0x20...0x7E))])
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
        pick([.messages, .recent, .uidNext, .uidValidity, .unseen, .deleted, .size, .highestModSeq, .appendLimit, .mailboxID])
    }
}

/// Writes `value`, parses it back in strict and lenient mode, and checks both give `value`.
func assertRoundTrip<T: Equatable>(
    _ value: T, options: EncodingOptions = EncodingOptions(literalMode: .response),
    write: (inout IMAPWriter) -> Void,
    parse rule: (inout ParserState) throws(IMAPDecodingError) -> T,
    file: StaticString = #filePath, line: UInt = #line
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
    _ text: String, _ rule: (inout ParserState) throws(IMAPDecodingError) -> T
) throws -> T {
    var state = ParserState(Array((text + "\r\n").utf8), options: ParseOptions(lenient: true))
    let value = try rule(&state)
    try state.crlf()
    XCTAssertTrue(state.isAtEnd)
    return value
}
