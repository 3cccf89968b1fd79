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
        var decoder = FrameReader(limits: .responses, clientToServer: false)
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
        var decoder = FrameReader(limits: .responses, clientToServer: false)
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
        buffer.consume(buffer.readableBytes)
        XCTAssertEqual(buffer.storage.capacity, 0)
        XCTAssertEqual(buffer.readableBytes, 0)
        buffer.append(contentsOf: [1, 2, 3])
        XCTAssertEqual(Array(buffer.readableView), [1, 2, 3])
    }

    /// Storage grown beyond ``IMAPBuffer/retainedCapacity`` by a large frame is given up as
    /// soon as at most an eighth of it is unread: the bytes left move to storage of their
    /// own while the frame taken out is decoded (a large frame costs n, not 3 n).
    func testLargeStorageIsReleasedOnceLittleOfItIsUnread() {
        let large = IMAPBuffer.retainedCapacity * 2
        var buffer = IMAPBuffer()
        buffer.append(contentsOf: repeatElement(UInt8(0x41), count: large))
        buffer.append(contentsOf: Array("tail".utf8))
        buffer.consume(large / 2)
        XCTAssertGreaterThan(buffer.storage.capacity, large)  // half of it still unread
        buffer.consume(large / 2 - 3)
        XCTAssertLessThanOrEqual(buffer.storage.capacity, 1024)
        XCTAssertEqual(Array(buffer.readableView), Array("AAAtail".utf8))
        buffer.append(contentsOf: Array("!".utf8))
        XCTAssertEqual(Array(buffer.readableView), Array("AAAtail!".utf8))
        // Through a decoder: a 3 MiB frame followed by the start of the next.
        var frames = FrameReader(limits: .responses, clientToServer: false)
        let body = [UInt8](repeating: 0x62, count: 3 << 20)
        let first = Array("* 1 FETCH (BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\n".utf8)
        var start = 0
        let input = first + Array("* 2 EXI".utf8)
        var taken: [UInt8]? = nil
        while start < input.count {
            let end = min(input.count, start + 65536)
            frames.append(input[start..<end])
            start = end
            while let event = frames.next() {
                if case .frame(let frame) = event { taken = frame.bytes }
            }
        }
        XCTAssertEqual(taken, first)
        XCTAssertLessThanOrEqual(frames.buffer.storage.capacity, 1024)
        frames.append(Array("STS\r\n".utf8))
        guard case .frame(let second)? = frames.next() else { return XCTFail("no second frame") }
        XCTAssertEqual(second.bytes, Array("* 2 EXISTS\r\n".utf8))
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

    /// Bytes appended one at a time wait in the buffer's own 32 bytes; every way of reading
    /// the buffer sees them in order after the stored bytes, across the moves to storage
    /// (on the 33rd byte, before a longer piece, before a read).
    func testSingleBytesKeepTheirPlace() {
        var buffer = IMAPBuffer()
        var expected: [UInt8] = []
        var random = SeededGenerator(seed: 7)
        for round in 0..<400 {
            if Int.random(in: 0..<4, using: &random) == 0 {
                let piece = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
                buffer.append(contentsOf: piece)
                expected += piece
            } else {
                let byte = UInt8(truncatingIfNeeded: round)
                buffer.append(contentsOf: CollectionOfOne(byte))
                expected.append(byte)
            }
            XCTAssertLessThanOrEqual(buffer.pendingCount, IMAPBuffer.pendingCapacity)
            XCTAssertEqual(buffer.readableBytes, expected.count)
            XCTAssertEqual(Array(buffer.readableView), expected, "round \(round)")
            if round % 7 == 0 {
                let taken = buffer.readBytes(Int.random(in: 0...expected.count, using: &random))
                XCTAssertEqual(taken, Array(expected.prefix(taken.count)), "round \(round)")
                expected.removeFirst(taken.count)
            } else if round % 11 == 0 {
                let dropped = Int.random(in: 0...expected.count, using: &random)
                buffer.consume(dropped)
                expected.removeFirst(dropped)
            }
        }
        buffer.consume(buffer.readableBytes)
        XCTAssertEqual(buffer.readableBytes, 0)
        XCTAssertEqual(buffer.pendingCount, 0)
    }

    /// Appending writes into the storage's free space; a copy of the buffer keeps its own
    /// bytes (the write checks uniqueness and copies shared storage), pending bytes included.
    func testCopiesOfABufferAreIndependent() {
        var original = IMAPBuffer()
        original.append(contentsOf: Array("abcdef".utf8))
        original.append(contentsOf: CollectionOfOne(UInt8(ascii: "g")))
        var copy = original
        copy.append(contentsOf: Array("XYZ".utf8))
        copy.append(contentsOf: CollectionOfOne(UInt8(ascii: "!")))
        original.append(contentsOf: Array("hij".utf8))
        XCTAssertEqual(Array(original.readableView), Array("abcdefghij".utf8))
        XCTAssertEqual(Array(copy.readableView), Array("abcdefgXYZ!".utf8))
        XCTAssertEqual(copy.readBytes(4), Array("abcd".utf8))
        XCTAssertEqual(Array(original.readableView), Array("abcdefghij".utf8))
    }

    /// Free space is reused: once more than half is consumed, the unread bytes move to the
    /// front of the same storage instead of new storage; when they do not fit, the storage
    /// grows to what is needed plus as much again as the unread bytes take, and a frame
    /// takes out exactly its bytes.
    func testFreeSpaceIsReusedThenGrown() {
        var buffer = IMAPBuffer()
        buffer.append(contentsOf: [UInt8](repeating: 1, count: 100))
        let size = buffer.storage.count
        XCTAssertEqual(size, IMAPBuffer.minimumCapacity)
        buffer.append(contentsOf: [UInt8](repeating: 1, count: size - 100))  // fills it
        XCTAssertEqual(buffer.storage.count, size)
        buffer.consume(size - 10)
        buffer.append(contentsOf: [UInt8](repeating: 2, count: size - 20))  // fits after moving 10 to the front
        XCTAssertEqual(buffer.storage.count, size, "moved to the front, not grown")
        XCTAssertEqual(buffer.readerIndex, 0)
        XCTAssertEqual(
            Array(buffer.readableView),
            [UInt8](repeating: 1, count: 10) + [UInt8](repeating: 2, count: size - 20)
        )
        buffer.append(contentsOf: [UInt8](repeating: 3, count: 50))  // does not fit: grows
        XCTAssertEqual(buffer.storage.count, (size - 10 + 50) + (size - 10))
        let all = buffer.readBytes(buffer.readableBytes - 1)
        XCTAssertEqual(all.count, size - 10 + 49)
        XCTAssertEqual(all.last, 3)
        XCTAssertEqual(Array(buffer.readableView), [3])
    }
}
