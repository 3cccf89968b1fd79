import IMAPCodec
import XCTest

/// `frameOffset` on the decoders: where the value just returned (or the frame of the error
/// just thrown) starts in the stream, also when the call first skipped a bad frame.
final class FrameOffsetTests: XCTestCase {
    func testResponseAfterABadLiteralCount() throws {
        let head = "* 1 FETCH (BODY[] {99999999999999999999}\r\n"
        let stream = head + "A1 OK done\r\n* 2 EXISTS\r\n"
        var decoder = ResponseDecoder()
        decoder.append(Array(stream.utf8))
        XCTAssertThrowsError(try decoder.next()) { error in
            XCTAssertEqual((error as? IMAPDecodingError)?.frameOffset, 0)
        }
        XCTAssertEqual(decoder.frameOffset, 0)
        // The stream offset read now is still at the bad frame: the decoder skips its
        // rest on the next call.
        let before = decoder.streamOffset
        guard case .tagged? = try decoder.next() else { return XCTFail("expected A1 OK") }
        XCTAssertEqual(decoder.frameOffset, head.utf8.count)
        XCTAssertNotEqual(before, decoder.frameOffset)
        guard case .untagged(.exists(2))? = try decoder.next() else { return XCTFail("expected EXISTS") }
        XCTAssertEqual(decoder.frameOffset, head.utf8.count + "A1 OK done\r\n".utf8.count)
    }

    func testEveryEventOfAStreamedResponseReportsItsStart() throws {
        let first = "* 1 EXISTS\r\n"
        let stream = first + "* 2 FETCH (UID 9 BODY[] {10}\r\n0123456789 FLAGS (\\Seen))\r\nA1 OK done\r\n"
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(streamLiteralsAbove: 4))
        var offsets: [Int] = []
        for byte in stream.utf8 {
            decoder.append([byte])
            while try decoder.nextEvent() != nil { offsets.append(decoder.frameOffset) }
        }
        let start = first.utf8.count
        let last = stream.utf8.count - "A1 OK done\r\n".utf8.count
        XCTAssertEqual(offsets.first, 0)
        XCTAssertEqual(offsets.last, last)
        XCTAssertEqual(Set(offsets.dropFirst().dropLast()), [start], "\(offsets)")
        XCTAssertGreaterThan(offsets.count, 4)  // response, start, bytes..., end, response
    }

    func testCommandOffsetsAroundARefusedLiteralAndAnError() throws {
        let append = "A1 APPEND INBOX {5}\r\n"
        let bad = "A2 (FROB)\r\n"
        let stream = "A0 NOOP\r\n" + append + bad + "A3 NOOP\r\n"
        var decoder = CommandDecoder()
        decoder.append(Array(stream.utf8))
        guard case .message? = try decoder.next() else { return XCTFail("expected NOOP") }
        XCTAssertEqual(decoder.frameOffset, 0)
        guard case .continuationRequired? = try decoder.next() else { return XCTFail("expected a continuation") }
        XCTAssertEqual(decoder.frameOffset, 9)
        XCTAssertEqual(decoder.refuseLiteral()?.description, "A1")
        XCTAssertThrowsError(try decoder.next()) { error in
            let error = error as? IMAPDecodingError
            XCTAssertEqual(error?.frameOffset, 9 + append.utf8.count)
            XCTAssertEqual(error?.tag, Tag("A2"))
            // The failing byte: `(`, where a command name should be, 3 bytes into its frame.
            XCTAssertEqual(error?.offset, 3)
            XCTAssertEqual(error?.streamOffset, 9 + append.utf8.count + 3)
        }
        XCTAssertEqual(decoder.frameOffset, 9 + append.utf8.count)
        guard case .message? = try decoder.next() else { return XCTFail("expected A3 NOOP") }
        XCTAssertEqual(decoder.frameOffset, 9 + append.utf8.count + bad.utf8.count)
    }
}
