import IMAPCodec
import XCTest

/// The public ``FrameDecoder``, through the public API only: frames, literal announcements,
/// refused literals, limits, any split.
final class FrameDecoderTests: XCTestCase {
    func testFramesAndLiteralsInAnySplit() {
        let stream = Array("* 1 EXISTS\r\n* 2 FETCH (BODY[] {5}\r\nhello)\r\nA1 OK done\r\n".utf8)
        let expected: [FrameDecoder.Event] = [
            .frame(IMAPFrame(bytes: Array("* 1 EXISTS\r\n".utf8), streamOffset: 0)),
            .literal(LiteralHeader(count: 5, nonSynchronizing: false, binary: false)),
            .frame(IMAPFrame(bytes: Array("* 2 FETCH (BODY[] {5}\r\nhello)\r\n".utf8), streamOffset: 12)),
            .frame(IMAPFrame(bytes: Array("A1 OK done\r\n".utf8), streamOffset: 43)),
        ]
        for size in [1, 2, 7, stream.count] {
            var decoder = FrameDecoder(limits: .responses, clientToServer: false)
            var events: [FrameDecoder.Event] = []
            var start = 0
            while start < stream.count {
                decoder.append(stream[start..<min(start + size, stream.count)])
                start += size
                while let event = decoder.next() { events.append(event) }
            }
            XCTAssertEqual(events, expected, "pieces of \(size)")
            XCTAssertEqual(decoder.streamOffset, stream.count)
            XCTAssertFalse(decoder.isInsideFrame)
        }
    }

    func testARefusedLiteralEndsItsFrame() {
        var decoder = FrameDecoder(limits: .commands, clientToServer: true)
        decoder.append(Array("A1 APPEND INBOX {99}\r\nA2 NOOP\r\n".utf8))
        XCTAssertEqual(decoder.next(), .literal(LiteralHeader(count: 99, nonSynchronizing: false, binary: false)))
        XCTAssertEqual(decoder.refuseLiteral().bytes, Array("A1 APPEND INBOX {99}\r\n".utf8))
        XCTAssertEqual(decoder.next(), .frame(IMAPFrame(bytes: Array("A2 NOOP\r\n".utf8), streamOffset: 22)))
        XCTAssertNil(decoder.next())
    }

    func testAFrameOverTheLimitIsOneErrorAndDropped() {
        var limits = DecodingLimits.responses
        limits.maxLineLength = 16
        var decoder = FrameDecoder(limits: limits, clientToServer: false)
        decoder.append(Array("A1 OK \(String(repeating: "x", count: 40))\r\n* 3 EXISTS\r\n".utf8))
        guard case .error(let error)? = decoder.next() else { return XCTFail("expected an error") }
        XCTAssertEqual(error.kind, .lineTooLong)
        XCTAssertEqual(error.tag, Tag("A1"))
        XCTAssertEqual(error.frameOffset, 0)
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("expected a frame") }
        XCTAssertEqual(frame.bytes, Array("* 3 EXISTS\r\n".utf8))
        XCTAssertEqual(decoder.limits, limits)
    }

    func testDiscardBufferedBytes() {
        var decoder = FrameDecoder(limits: .responses, clientToServer: false)
        decoder.append(Array("* 1 EXISTS\r\n* 2 EXI".utf8))
        XCTAssertEqual(decoder.next(), .frame(IMAPFrame(bytes: Array("* 1 EXISTS\r\n".utf8), streamOffset: 0)))
        XCTAssertNil(decoder.next())
        XCTAssertTrue(decoder.isInsideFrame)
        XCTAssertEqual(decoder.bufferedBytes, Array("* 2 EXI".utf8)[...])
        XCTAssertEqual(decoder.discardBufferedBytes(), 7)
        XCTAssertFalse(decoder.isInsideFrame)
        decoder.append(Array("* 3 EXISTS\r\n".utf8))
        XCTAssertEqual(decoder.next(), .frame(IMAPFrame(bytes: Array("* 3 EXISTS\r\n".utf8), streamOffset: 19)))
    }
}
