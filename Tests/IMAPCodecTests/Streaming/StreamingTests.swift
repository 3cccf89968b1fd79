import Foundation
import XCTest

@testable import IMAPCodec

final class StreamingTests: XCTestCase {
    /// All responses of `bytes` fed in `chunk`-byte pieces, with or without streaming.
    func responses(_ bytes: [UInt8], chunk: Int, stream: Int64?) throws -> [Response] {
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(streamLiteralsAbove: stream))
        var out: [Response] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            decoder.append(bytes[start..<end])
            start = end
            while let response = try decoder.next() { out.append(response) }
        }
        return out
    }

    /// Streaming changes how bytes arrive, never what is decoded.
    func testStreamedResponsesEqualBufferedOnesOnTheCorpus() throws {
        for name in ["fullsync.s2c", "imaplib.s2c", "curl-conn14.s2c", "mbsync-initial.s2c"] {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/dovecot/" + name)))
            let buffered = try responses(bytes, chunk: bytes.count, stream: nil)
            for (chunk, threshold) in [(bytes.count, Int64(1)), (4096, 100), (97, 0), (65536, 2048)] {
                XCTAssertEqual(
                    try responses(bytes, chunk: chunk, stream: threshold),
                    buffered,
                    "\(name) chunk \(chunk) threshold \(threshold)"
                )
            }
        }
    }

    func testEventsAroundTwoStreamedItems() throws {
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(streamLiteralsAbove: 5))
        decoder.append(Array("* 7 FETCH (UID 9 BODY[1] {6}\r\nabc".utf8))
        XCTAssertEqual(
            try decoder.nextEvent(),
            .streamStart(
                sequenceNumber: 7,
                attributes: [.uid(9)],
                streamed: .bodySection(SectionSpec(part: [1]), origin: nil, data: ""),
                byteCount: 6
            )
        )
        XCTAssertEqual(try decoder.nextEvent(), .streamBytes(Array("abc".utf8)))
        XCTAssertNil(try decoder.nextEvent())
        decoder.append(
            Array("def FLAGS (\\Seen) BINARY[2]<5> ~{7}\r\n\0\u{1}23456 RFC822.SIZE 44)\r\nA1 OK done\r\n".utf8)
        )
        XCTAssertEqual(try decoder.nextEvent(), .streamBytes(Array("def".utf8)))
        XCTAssertEqual(
            try decoder.nextEvent(),
            .streamStart(
                sequenceNumber: 7,
                attributes: [.flags([.seen])],
                streamed: .binary(part: [2], origin: 5, data: ""),
                byteCount: 7
            )
        )
        XCTAssertEqual(try decoder.nextEvent(), .streamBytes([0, 1] + Array("23456".utf8)))
        XCTAssertEqual(try decoder.nextEvent(), .streamEnd(attributes: [.rfc822Size(44)]))
        XCTAssertEqual(
            try decoder.nextEvent(),
            .response(.tagged(TaggedResponse(tag: Tag("A1")!, status: .ok, text: ResponseText(text: "done"))))
        )
    }

    func testLiteralsOutsideFetchAreBufferedWithinTheLimits() throws {
        var limits = DecodingLimits.responses
        limits.maxLiteralSize = 10
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(limits: limits, streamLiteralsAbove: 3))
        decoder.append(Array("* METADATA INBOX (/private/comment {4}\r\nabcd)\r\n* METADATA INBOX (/x {20}\r\n".utf8))
        guard case .response(.untagged(.metadata))? = try decoder.nextEvent() else { return XCTFail("not buffered") }
        XCTAssertThrowsError(try decoder.nextEvent()) { error in
            XCTAssertEqual((error as? IMAPDecodingError)?.kind, .literalTooLarge)
        }
    }

    /// A 1 GiB BODY[] fed in 64 KiB chunks: every byte comes out, and the decoder never
    /// holds more than about one chunk.
    func testOneGibibyteBodyInConstantMemory() throws {
        let size: Int64 = 1 << 30
        var decoder = ResponseDecoder(options: ResponseDecoder.Options(streamLiteralsAbove: 65536))
        decoder.append(Array("* 1 FETCH (UID 1 BODY[] {\(size)}\r\n".utf8))
        let chunk = [UInt8](repeating: 0x61, count: 65536)
        var received: Int64 = 0
        var peakCapacity = 0
        var started = false
        var sent: Int64 = 0
        while sent < size {
            decoder.append(chunk)
            sent += Int64(chunk.count)
            while let event = try decoder.nextEvent() {
                switch event {
                case .streamStart(_, _, _, let count):
                    XCTAssertEqual(count, size)
                    started = true
                case .streamBytes(let bytes): received += Int64(bytes.count)
                default: XCTFail("unexpected \(event)")
                }
            }
            peakCapacity = max(peakCapacity, decoder.core.frames.buffer.storage.capacity)
        }
        decoder.append(Array(" FLAGS (\\Seen))\r\n".utf8))
        XCTAssertEqual(try decoder.nextEvent(), .streamEnd(attributes: [.flags([.seen])]))
        XCTAssertTrue(started)
        XCTAssertEqual(received, size)
        XCTAssertLessThan(peakCapacity, 1 << 20, "the decoder buffered more than 1 MiB")
    }

    func testStreamedAppend() throws {
        var decoder = CommandDecoder(options: CommandDecoder.Options(streamLiteralsAbove: 4))
        decoder.append(Array("A1 APPEND Sent (\\Seen) \"01-Jan-2025 10:00:00 +0000\" {10}\r\n".utf8))
        guard
            case .appendStart(let tag, let mailbox, let before, let message, let count, let sync)? = try decoder.next()
        else { return XCTFail("no appendStart") }
        XCTAssertEqual(tag, Tag("A1"))
        XCTAssertEqual(mailbox, MailboxName("Sent"))
        XCTAssertEqual(before, [])
        XCTAssertEqual(message.flags, [.seen])
        XCTAssertEqual(message.internalDate?.date.year, 2025)
        XCTAssertEqual(count, 10)
        XCTAssertTrue(sync)
        XCTAssertNil(try decoder.next())
        // The server sends "+ Ready"; the bytes come, then a second message (MULTIAPPEND)
        // small enough to be buffered, then a third streamed one.
        decoder.append(Array("0123456789 {2+}\r\nhi (\\Draft) {5+}\r\nabcde\r\nA2 NOOP\r\n".utf8))
        XCTAssertEqual(try decoder.next(), .appendBytes(Array("0123456789".utf8)))
        guard case .appendStart(_, _, let between, let third, 5, false)? = try decoder.next() else { return XCTFail() }
        XCTAssertEqual(between, [AppendMessage(data: .literal("hi"))])
        XCTAssertEqual(third.flags, [.draft])
        XCTAssertEqual(try decoder.next(), .appendBytes(Array("abcde".utf8)))
        XCTAssertEqual(try decoder.next(), .appendEnd(messages: []))
        XCTAssertEqual(try decoder.next(), .message(.command(Command(tag: Tag("A2")!, .noop))))
    }

    func testRefusedStreamedAppend() throws {
        var decoder = CommandDecoder(options: CommandDecoder.Options(streamLiteralsAbove: 4))
        decoder.append(Array("A1 APPEND Nope {1000000}\r\nA2 NOOP\r\n".utf8))
        guard case .appendStart(_, _, _, _, _, true)? = try decoder.next() else { return XCTFail() }
        XCTAssertEqual(decoder.refuseLiteral(), Tag("A1"))
        XCTAssertEqual(try decoder.next(), .message(.command(Command(tag: Tag("A2")!, .noop))))
    }
}
