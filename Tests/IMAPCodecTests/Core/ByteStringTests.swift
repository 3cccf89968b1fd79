import XCTest

@testable import IMAPCodec

/// ByteString's two storages (inline up to `inlineCapacity` bytes, shared slice beyond)
/// must be invisible: the same bytes give the same value whatever path made it.
final class ByteStringTests: XCTestCase {
    /// Every length around the inline capacity and the word size, from every constructor,
    /// and as a slice of a frame at every offset (so word loads near the frame's end are
    /// exercised).
    func testConstructorsAgreeAtEveryLength() {
        let capacity = ByteString.inlineCapacity
        for length in 0...(capacity + 9) {
            let bytes = (0..<length).map { UInt8(0x21 + ($0 * 7) % 90) }  // printable ASCII: also a String
            let fromArray = ByteString(bytes)
            XCTAssertEqual(fromArray.count, length)
            XCTAssertEqual(Array(fromArray.bytes), bytes)
            XCTAssertEqual(fromArray.withUnsafeBytes { Array($0) }, bytes)
            if length <= capacity {
                XCTAssertTrue(fromArray.isInline, "\(length) bytes should be inline")
            } else {
                XCTAssertFalse(fromArray.isInline, "\(length) bytes should be shared")
            }
            XCTAssertEqual(ByteString(bytes[...]), fromArray)
            XCTAssertEqual(ByteString(bytes: bytes.lazy.map { $0 }), fromArray)
            XCTAssertEqual(ByteString(String(decoding: bytes, as: UTF8.self)), fromArray)
            // Slices of a larger frame, the value ending at the frame's last byte or earlier
            // (up to 32 bytes earlier: three whole words are loaded when 24 bytes from the
            // value's start are in the frame, else only what is there).
            for prefix in 0..<9 {
                for suffix in 0...32 {
                    let frame =
                        Array(repeating: UInt8(0xFF), count: prefix) + bytes
                        + Array(repeating: UInt8(0xEE), count: suffix)
                    let slice = ByteString(frame, prefix..<(prefix + length))
                    XCTAssertEqual(slice, fromArray, "length \(length) prefix \(prefix) suffix \(suffix)")
                    XCTAssertEqual(slice.hashValue, fromArray.hashValue)
                    XCTAssertEqual(Array(slice.bytes), bytes)
                }
            }
        }
    }

    func testEqualityHashingAndOrderAcrossStorages() {
        let short: ByteString = "abc"
        let long = ByteString(String(repeating: "a", count: 40))
        let mutated = { () -> ByteString in
            var value: ByteString = "x"
            value.bytes = ArraySlice("abc".utf8)
            return value
        }()
        XCTAssertEqual(short, mutated)
        XCTAssertEqual(Set([short, mutated, long]).count, 2)
        XCTAssertNotEqual(ByteString("abc"), ByteString("abd"))
        XCTAssertNotEqual(ByteString("ab"), ByteString("ab\0"))  // NUL padding is not content
        XCTAssertTrue(ByteString("ab") < ByteString("abc"))
        XCTAssertEqual(short < long, Array("abc".utf8).lexicographicallyPrecedes(Array(long.bytes)))
        XCTAssertTrue(ByteString("INBOX").equalsCaseInsensitive("inbox"))
        XCTAssertFalse(ByteString("INBOX").equalsCaseInsensitive(ByteString(String(repeating: "i", count: 40))))
    }

    func testTextViews() {
        XCTAssertEqual(ByteString("Grüße").utf8String, "Grüße")
        XCTAssertNil(ByteString([0x66, 0xFF]).utf8String)
        XCTAssertEqual(ByteString([0x66, 0xFF]).stringValue, "f\u{FFFD}")
        XCTAssertEqual(ByteString("a\"b\r").debugDescription, "\"a\\\"b\\r\"")
    }

    /// A short value does not keep its frame alive; a long one shares it.
    func testShortValuesDetachFromTheFrame() {
        let frame = Array("* OK [ALERT] this text is longer than the inline capacity\r\n".utf8)
        let short = ByteString(frame, 2..<4)
        let long = ByteString(frame, 13..<(frame.count - 2))
        XCTAssertTrue(short.isInline)
        XCTAssertFalse(long.isInline)
        XCTAssertEqual(long.bytes.startIndex, 13)  // a slice of the frame, not a copy
        XCTAssertEqual(short, "OK")
    }

    /// A range reaching past the array is clamped to it: the value never refers to bytes
    /// outside its storage.
    func testRangesAreClampedToTheArray() {
        let frame = Array("0123456789012345678901234567890123456789".utf8)
        XCTAssertEqual(ByteString(frame, 30..<50), ByteString(Array(frame[30...])))
        XCTAssertEqual(ByteString(frame, 5..<100).count, 35)
        XCTAssertEqual(ByteString(frame, 5..<100).withUnsafeBytes { Array($0) }, Array(frame[5...]))
        XCTAssertEqual(ByteString(frame, 45..<60), ByteString([]))
    }
}
