import XCTest

@testable import IMAPCodec

final class InternTableTests: XCTestCase {
    /// Every registry finds each of its well-known values by its spelling, returns the
    /// value itself, and does not find a spelling that differs in one byte.
    func testEveryWellKnownValueIsFound() {
        func check<T: Equatable & Sendable>(
            _ values: [T],
            _ spelling: (T) -> String,
            ignoringCase: Bool,
            _ from: (UnsafeRawBufferPointer) -> T
        ) {
            let table = InternTable(values, spelling: spelling, ignoringCase: ignoringCase)
            for value in values {
                let text = spelling(value)
                var spellings = [text]
                if ignoringCase { spellings += [text.lowercased(), text.uppercased()] }
                for candidate in spellings {
                    let found = Array(candidate.utf8).withUnsafeBytes { table.value(for: $0) }
                    XCTAssertEqual(found, value, candidate)
                    let decoded = Array(candidate.utf8).withUnsafeBytes { from($0) }
                    XCTAssertEqual(spelling(decoded), text, "interned spelling of \(candidate)")
                }
                var other = Array(text.utf8)
                other[other.count - 1] ^= 0x01
                XCTAssertNil(other.withUnsafeBytes { table.value(for: $0) }, text)
                XCTAssertNil((Array(text.utf8) + [0x41]).withUnsafeBytes { table.value(for: $0) }, text)
            }
        }
        check(Flag.known, \.rawValue, ignoringCase: true, Flag.from)
        check(Capability.known, \.rawValue, ignoringCase: true, Capability.from)
        check(MailboxAttribute.known, \.rawValue, ignoringCase: true, MailboxAttribute.from)
        check(StatusAttribute.known, \.rawValue, ignoringCase: true, StatusAttribute.from)
        check(QuotaResourceName.known, \.rawValue, ignoringCase: true, QuotaResourceName.from)
        check(SortKey.known, \.rawValue, ignoringCase: true, SortKey.from)
        check(ThreadAlgorithm.known, \.rawValue, ignoringCase: true, ThreadAlgorithm.from)
    }

    /// One spelling policy: a well-known name in any case is the registered value, with its
    /// registered spelling; any other name keeps the spelling it came in.
    func testWellKnownNamesTakeTheRegisteredSpelling() {
        let lower = Array("\\noselect".utf8).withUnsafeBytes { MailboxAttribute.from($0) }
        XCTAssertEqual(lower.rawValue, MailboxAttribute.noSelect.rawValue)
        XCTAssertEqual(MailboxAttribute("\\NOSELECT")?.rawValue, MailboxAttribute.noSelect.rawValue)
        XCTAssertEqual(Capability("imap4REV1")?.rawValue, "IMAP4rev1")
        XCTAssertEqual(Flag("\\SEEN")?.rawValue, "\\Seen")
        let unknown = Array("X-Odd".utf8).withUnsafeBytes { Capability.from($0) }
        XCTAssertEqual(unknown.rawValue, "X-Odd")
        XCTAssertEqual(unknown, Capability("x-ODD"))  // equal, ignoring case
        XCTAssertEqual(unknown.hashValue, Capability("x-ODD")?.hashValue)
        XCTAssertNil(Array("".utf8).withUnsafeBytes { Capability.table.value(for: $0) })
        let long = [UInt8](repeating: 0x41, count: 40)
        XCTAssertEqual(long.withUnsafeBytes { Capability.from($0) }.rawValue, String(repeating: "A", count: 40))
    }

    /// The registries compare and hash ignoring ASCII case, whatever spelling made the
    /// value, and tell apart names that differ in one letter or in length.
    func testRegistryEqualityIgnoresCase() {
        func check<T: Hashable>(_ values: [T], _ spelling: (T) -> String, _ make: (String) -> T?) {
            for value in values {
                let text = spelling(value)
                for variant in [text.lowercased(), text.uppercased()] {
                    guard let other = make(variant) else { return XCTFail("no value for \(variant)") }
                    XCTAssertEqual(other, value, variant)
                    XCTAssertEqual(other.hashValue, value.hashValue, variant)
                }
                var changed = Array(text.utf8)
                changed[changed.count - 1] = changed[changed.count - 1] == 0x5A ? 0x59 : 0x5A
                XCTAssertNotEqual(make(String(decoding: changed, as: UTF8.self)), value, text)
                XCTAssertNotEqual(make(text + "X"), value, text)
                XCTAssertNotEqual(make(String(text.dropLast())), value, text)
            }
        }
        check(Flag.known, \.rawValue) { Flag($0) }
        check(Capability.known, \.rawValue) { Capability($0) }
        check(MailboxAttribute.known, \.rawValue) { MailboxAttribute($0) }
        check(StatusAttribute.known, \.rawValue) { StatusAttribute($0) }
        check(QuotaResourceName.known, \.rawValue) { QuotaResourceName($0) }
        check(SortKey.known, \.rawValue) { SortKey($0) }
        check(ThreadAlgorithm.known, \.rawValue) { ThreadAlgorithm($0) }
    }

    /// The word-wise upper-casing agrees with the byte-wise one for every byte value in
    /// every position.
    func testUppercasedMatchesBytewise() {
        for position in 0..<InlineBytes.capacity {
            for byte in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: InlineBytes.capacity)
                bytes[position] = UInt8(byte)
                let packed = bytes.withUnsafeBytes { InlineBytes($0).uppercased() }
                let expected = bytes.map(ASCII.upper).withUnsafeBytes { InlineBytes($0) }
                XCTAssertEqual(packed, expected, "byte \(byte) at \(position)")
            }
        }
    }
}
