import XCTest

@testable import IMAPCodec

/// Random values of the FETCH/STORE types, for parse(write(v)) == v.
struct FetchValueGenerator {
    var rng: SeededGenerator

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func bytes(_ alphabet: [UInt8], _ count: ClosedRange<Int>) -> ByteString {
        var out: [UInt8] = []
        for _ in 0..<int(count) { out.append(pick(alphabet)) }
        return ByteString(out)
    }

    static let atomChars: [UInt8] = Array("abcXYZ019-_$.".utf8)
    static let textChars: [UInt8] = Array("ab Z\"\\()[]{}%*\r\n\t~".utf8) + [0xC3, 0xA9]
    static let idChars: [UInt8] = Array("abzAZ09_-".utf8)

    mutating func text() -> ByteString {
        // Mostly ASCII; sometimes any byte but NUL (literals keep everything).
        if int(0...4) == 0 { return bytes(Array(1...255), 0...40) }
        return bytes(Self.textChars, 0...30)
    }

    mutating func nstring() -> ByteString? { int(0...5) == 0 ? nil : text() }

    mutating func flag() -> Flag {
        if int(0...2) == 0 { return pick([.seen, .answered, .flagged, .deleted, .draft, .recent, .mdnSent]) }
        let name = bytes(Self.atomChars, 1...8).stringValue
        return Flag((bool() ? "\\" : "") + name) ?? .seen
    }

    mutating func flags() -> [Flag] { (0..<int(0...4)).map { _ in flag() } }

    mutating func part() -> [UInt32] { (0..<int(0...4)).map { _ in UInt32(int(1...Int(UInt32.max))) } }

    mutating func headerNames() -> [ByteString] {
        (0..<int(1...4)).map { _ in int(0...3) == 0 ? text() : bytes(Self.atomChars, 1...10) }
    }

    mutating func section() -> SectionSpec {
        let part = self.part()
        let kinds: [SectionSpec.Kind] =
            [
                .complete, .header, .text, .headerFields(headerNames()), .headerFieldsNot(headerNames()),
            ] + (part.isEmpty ? [] : [.mime])
        return SectionSpec(part: part, kind: pick(kinds))
    }

    mutating func partial() -> Partial? {
        bool() ? nil : Partial(offset: Int64(int(0...Int(Int64.max))), length: Int64(int(1...Int(Int64.max))))
    }

    mutating func dateTime() -> IMAPDateTime {
        let date = IMAPDate(year: int(1900...2100), month: int(1...12), day: int(1...28))!
        return IMAPDateTime(
            date: date,
            hour: int(0...23),
            minute: int(0...59),
            second: int(0...60),
            zoneMinutes: (int(0...99) * 60 + int(0...59)) * (bool() ? 1 : -1)
        )!
    }

    mutating func label() -> ByteString {
        switch int(0...3) {
        case 0: return ByteString("\\" + bytes(Self.atomChars, 1...6).stringValue)
        case 1: return "NIL"
        case 2: return text()
        default: return bytes(Self.atomChars, 1...8)
        }
    }

    mutating func objectID() -> ByteString { bytes(Self.idChars, 1...40) }

    mutating func u64() -> UInt64 { UInt64(int(1...Int(Int64.max))) }

    mutating func messageAttribute() -> MessageAttribute {
        switch int(0...21) {
        case 0: return .flags(flags())
        case 1: return .envelope(EnvelopeGenerator.envelope(&rng))
        case 2: return .internalDate(dateTime())
        case 3: return .rfc822Size(Int64(int(0...Int(Int64.max))))
        case 4: return .rfc822(nstring())
        case 5: return .rfc822Header(nstring())
        case 6: return .rfc822Text(nstring())
        case 7: return .body(BodyGenerator(lenientForms: false).body(&rng, depth: 0, extensions: false))
        case 8: return .bodyStructure(BodyGenerator(lenientForms: false).body(&rng, depth: 0, extensions: true))
        case 9: return .bodySection(section(), origin: bool() ? nil : UInt32(int(0...Int(UInt32.max))), data: nstring())
        case 10:
            let data: ByteString? = int(0...5) == 0 ? nil : bytes(Array(0...255), 0...30)
            return .binary(part: part(), origin: bool() ? nil : UInt32(int(0...Int(UInt32.max))), data: data)
        case 11: return .binarySize(part: part(), size: Int64(int(0...Int(UInt32.max))))
        case 12: return .uid(UInt32(int(1...Int(UInt32.max))))
        case 13: return .modSeq(u64())
        case 14: return .emailID(objectID())
        case 15: return .threadID(bool() ? nil : objectID())
        case 16: return .saveDate(bool() ? nil : dateTime())
        case 17: return .preview(nstring())
        case 18: return .gmailMessageID(u64())
        case 19: return .gmailThreadID(u64())
        case 20: return .gmailLabels((0..<int(0...4)).map { _ in label() })
        default:
            let name = ByteString("X-" + bytes(Self.atomChars, 1...6).stringValue)
            // No nil value here: a valueless unknown item reads back as such only before ")".
            let values: [ByteString?] = ["12:14", "\"q (\"", "(a (b \"c)\") {2}\r\n())", "~{1}\r\n\u{0}"]
            return .other(name: name, value: pick(values))
        }
    }

    mutating func fetchAttribute() -> FetchAttribute {
        switch int(0...21) {
        case 0: return .envelope
        case 1: return .flags
        case 2: return .internalDate
        case 3: return .rfc822Size
        case 4: return .rfc822
        case 5: return .rfc822Header
        case 6: return .rfc822Text
        case 7: return .body
        case 8: return .bodyStructure
        case 9: return .uid
        case 10: return .bodySection(section(), partial: partial(), peek: bool())
        case 11: return .binary(part: part(), partial: partial(), peek: bool())
        case 12: return .binarySize(part: part())
        case 13: return .modSeq
        case 14: return .emailID
        case 15: return .threadID
        case 16: return .saveDate
        case 17: return .preview(lazy: bool())
        case 18: return .gmailMessageID
        case 19: return .gmailThreadID
        case 20: return .gmailLabels
        default:
            let name = ByteString("X-" + bytes(Self.atomChars, 1...6).stringValue)
            return .other(name: name, parameters: pick([nil, "(FUZZY)", "(a \"b\" (c))"]))
        }
    }

    mutating func fetchAttributes() -> FetchAttributes {
        switch int(0...5) {
        case 0: return .all
        case 1: return .fast
        case 2: return .full
        default: return .list((0..<int(1...6)).map { _ in fetchAttribute() })
        }
    }

    mutating func fetchModifier() -> FetchModifier {
        switch int(0...3) {
        case 0: return .changedSince(u64())
        case 1: return .vanished
        case 2:
            return .partial(
                first: UInt32(int(1...Int(UInt32.max))),
                last: UInt32(int(1...Int(UInt32.max))),
                fromEnd: bool()
            )
        default:
            let name = ByteString("X-" + bytes(Array("abcXYZ-_.".utf8), 1...6).stringValue)
            return .other(name: name, value: pick([nil, "1:5,7", "(a (b) \"c\")", "42"]))
        }
    }

    mutating func storeFlags() -> StoreFlags {
        let op: StoreFlags.Operation = pick([.replace, .add, .remove])
        if int(0...3) == 0 {
            return StoreFlags(
                operation: op,
                silent: bool(),
                target: .gmailLabels((0..<int(0...4)).map { _ in label() })
            )
        }
        return StoreFlags(operation: op, silent: bool(), target: .flags(flags().filter { $0 != .wildcard }))
    }

    mutating func storeModifier() -> StoreModifier {
        if bool() { return .unchangedSince(bool() ? 0 : u64()) }
        return .other(
            name: ByteString("X-" + bytes(Array("abcXYZ".utf8), 1...6).stringValue),
            value: pick([nil, "7", "(x y)"])
        )
    }
}

final class FetchRoundTripTests: XCTestCase {
    private func roundTrip<T: Equatable>(
        _ count: Int,
        seed: UInt64,
        generate: (inout FetchValueGenerator) -> T,
        write: (inout IMAPWriter, T) -> Void,
        parse rule: (inout ParserState) throws(IMAPDecodingError) -> T,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        var generator = FetchValueGenerator(rng: SeededGenerator(seed: seed))
        for lenient in [false, true] {
            for _ in 0..<count {
                let value = generate(&generator)
                var writer = IMAPWriter(options: EncodingOptions(literalMode: .response, binary: true))
                write(&writer, value)
                let bytes = writer.finishBytes()
                var state = ParserState(bytes, options: ParseOptions(lenient: lenient))
                do {
                    let parsed = try rule(&state)
                    XCTAssertEqual(
                        parsed,
                        value,
                        "\(String(decoding: bytes, as: UTF8.self).debugDescription)",
                        file: file,
                        line: line
                    )
                    XCTAssertEqual(state.index, bytes.count, "not all consumed", file: file, line: line)
                } catch {
                    XCTFail(
                        "\(error) for \(String(decoding: bytes, as: UTF8.self).debugDescription)",
                        file: file,
                        line: line
                    )
                    return
                }
            }
        }
    }

    func testMessageAttributeLists() {
        roundTrip(
            600,
            seed: 0xF37C_4,
            generate: { g in (0..<g.int(1...5)).map { _ in g.messageAttribute() } },
            write: { $0.writeMsgAtt($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.msgAtt() }
        )
    }

    func testSections() {
        roundTrip(
            400,
            seed: 51,
            generate: { $0.section() },
            write: { $0.writeSection($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.section() }
        )
    }

    func testFetchAttributes() {
        roundTrip(
            600,
            seed: 0xFE7C,
            generate: { $0.fetchAttributes() },
            write: { $0.writeFetchAttributes($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.fetchAttributes() }
        )
    }

    func testFetchModifiers() {
        roundTrip(
            400,
            seed: 77,
            generate: { g in (0..<g.int(1...4)).map { _ in g.fetchModifier() } },
            write: { $0.writeFetchModifiers($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.fetchModifiers() }
        )
    }

    func testStoreFlags() {
        roundTrip(
            500,
            seed: 0x5708E,
            generate: { $0.storeFlags() },
            write: { $0.writeStoreAttFlags($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.storeAttFlags() }
        )
    }

    func testStoreModifiers() {
        roundTrip(
            300,
            seed: 9,
            generate: { g in (0..<g.int(1...3)).map { _ in g.storeModifier() } },
            write: { $0.writeStoreModifiers($1) },
            parse: { (s: inout ParserState) throws(IMAPDecodingError) in try s.storeModifiers() }
        )
    }
}
