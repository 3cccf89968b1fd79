import XCTest
@testable import IMAPCodec

/// The buffer's allocation habits (adoption, hand-over, release) must never change what
/// comes out of it.
final class IMAPBufferTests: XCTestCase {
    /// An adopted array keeps value semantics: the caller's later changes do not reach the
    /// decoder, and appending after adoption keeps the adopted bytes.
    func testAdoptedArrayIsACopyInMeaning() {
        let line = Array("* OK \(String(repeating: "x", count: 5000))\r\n".utf8)
        var input = line + Array("A1 OK do".utf8)
        var decoder = FrameDecoder(limits: .responses, clientToServer: false)
        decoder.append(input)  // adopted: at least 4096 bytes into an empty buffer
        XCTAssertTrue(decoder.buffer.adopted)
        input[0] = UInt8(ascii: "#")
        decoder.append(Array("ne\r\n".utf8))
        XCTAssertFalse(decoder.buffer.adopted)
        guard case .frame(let first)? = decoder.next(), case .frame(let second)? = decoder.next() else {
            return XCTFail("expected two frames")
        }
        XCTAssertEqual(first.bytes, line)
        XCTAssertEqual(second.bytes, Array("A1 OK done\r\n".utf8))
        XCTAssertNil(decoder.next())
    }

    /// Fed a byte at a time, frames come out whole and the storage's capacity is reused
    /// (a frame smaller than the buffer is copied out, the buffer is not handed over).
    func testByteAtATimeAndCapacityIsKeptWhenSmall() {
        let stream = Array("* 1 EXISTS\r\n* 2 EXISTS\r\nA1 OK {3}\r\nabc\r\n".utf8)
        var decoder = FrameDecoder(limits: .responses, clientToServer: false)
        var frames: [[UInt8]] = []
        for byte in stream {
            decoder.append(CollectionOfOne(byte))
            while let event = decoder.next() {
                if case .frame(let frame) = event { frames.append(frame.bytes) }
            }
        }
        XCTAssertEqual(frames.joined().map { $0 }, stream)
        XCTAssertEqual(frames.count, 3)
    }

    /// Storage above the retained capacity is released once everything is consumed, so one
    /// large frame does not pin its memory for the life of the connection.
    func testLargeStorageIsReleasedWhenDrained() {
        var buffer = IMAPBuffer()
        buffer.append(contentsOf: repeatElement(UInt8(0x41), count: IMAPBuffer.retainedCapacity + 10))
        buffer.consume(buffer.readableBytes - 1)
        XCTAssertGreaterThan(buffer.storage.capacity, IMAPBuffer.retainedCapacity)
        buffer.consume(1)
        XCTAssertEqual(buffer.storage.capacity, 0)
        XCTAssertEqual(buffer.readableBytes, 0)
        buffer.append(contentsOf: [1, 2, 3])
        XCTAssertEqual(Array(buffer.readableView), [1, 2, 3])
    }

    /// A frame that is the whole buffer: a small one is copied out and the buffer keeps its
    /// capacity (bytes arriving a few at a time do not regrow it for every frame); a large
    /// one, or one in storage grown beyond ``IMAPBuffer/keptCapacity``, is handed over.
    func testWholeBufferFramesAreCopiedWhenSmallAndHandedOverWhenLarge() {
        var buffer = IMAPBuffer()
        buffer.append(contentsOf: Array("* 1 EXISTS\r\n".utf8))
        let capacity = buffer.storage.capacity
        XCTAssertEqual(buffer.readBytes(12), Array("* 1 EXISTS\r\n".utf8))
        XCTAssertEqual(buffer.storage.capacity, capacity)
        XCTAssertGreaterThan(capacity, 0)

        let large = [UInt8](repeating: 0x41, count: IMAPBuffer.adoptionThreshold)
        buffer.append(contentsOf: large[...])
        XCTAssertEqual(buffer.readBytes(large.count), large)
        XCTAssertEqual(buffer.storage.capacity, 0, "a large frame takes the storage with it")

        buffer.append(contentsOf: repeatElement(UInt8(0x42), count: IMAPBuffer.keptCapacity + 1))
        buffer.consume(IMAPBuffer.keptCapacity)
        buffer.append(contentsOf: [0x43])
        buffer.consume(buffer.readableBytes)  // drained: capacity above keptCapacity, below retainedCapacity
        buffer.append(contentsOf: [0x44, 0x45])
        XCTAssertGreaterThan(buffer.storage.capacity, IMAPBuffer.keptCapacity)
        XCTAssertEqual(buffer.readBytes(2), [0x44, 0x45])
        XCTAssertEqual(buffer.storage.capacity, 0, "storage grown by a large frame is not kept")
    }
}
