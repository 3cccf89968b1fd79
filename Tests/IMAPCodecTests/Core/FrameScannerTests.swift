import Foundation
import XCTest

@testable import IMAPCodec

final class FrameScannerTests: XCTestCase {
    /// Everything a FrameReader produced, with error values reduced to comparable parts.
    enum Output: Hashable {
        case frame([UInt8], Int)
        case literal(LiteralHeader)
        case error(IMAPDecodingError.Kind, String, Int)
    }

    /// Feeds `chunks` one after another, draining events after each, then returns them all.
    func run(
        _ chunks: [ArraySlice<UInt8>],
        limits: DecodingLimits = .responses,
        clientToServer: Bool = false
    )
        -> (outputs: [Output], decoder: FrameReader)
    {
        var decoder = FrameReader(limits: limits, clientToServer: clientToServer)
        var outputs: [Output] = []
        for chunk in chunks {
            decoder.append(chunk)
            while let event = decoder.next() {
                switch event {
                case .frame(let frame): outputs.append(.frame(frame.bytes, frame.streamOffset))
                case .literal(let header): outputs.append(.literal(header))
                case .error(let error): outputs.append(.error(error.kind, error.rule, error.frameOffset + error.offset))
                case .literalBytes: XCTFail("streaming is off")
                }
            }
        }
        return (outputs, decoder)
    }

    func frames(_ text: String, split: Int? = nil) -> [String] {
        let bytes = Array(text.utf8)
        let chunks = split.map { [bytes[..<$0], bytes[$0...]] } ?? [bytes[...]]
        return run(chunks).outputs.compactMap {
            if case .frame(let b, _) = $0 { return String(decoding: b, as: UTF8.self) }
            return nil
        }
    }

    static func fixtureFiles() throws -> [URL] {
        let directories = ["dovecot", "quirks"].map { URL(fileURLWithPath: fixturesDirectory + "/" + $0) }
        var files: [URL] = []
        for directory in directories {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where name.hasSuffix(".s2c") || name.hasSuffix(".c2s") {
                files.append(directory.appendingPathComponent(name))
            }
        }
        return files
    }

    func testFixturesAreThere() throws {
        XCTAssertGreaterThan(try Self.fixtureFiles().count, 90)
    }

    /// Whole, at every 2-way split point, and one byte at a time: identical frames.
    /// `IMAP_FULL_SWEEPS=1` (set by .ci/run, which runs this test in a release build): every
    /// fixture fed a byte at a time and split at 400 points. Without it (a contributor's
    /// `swift test`, a debug build) a sample: every fixture split at 40 points, every fourth
    /// fed a byte at a time (the full sweep took 73 of the suite's 107 seconds in debug).
    static let fullSweeps = ProcessInfo.processInfo.environment["IMAP_FULL_SWEEPS"] == "1"

    func testSplitInvarianceOnEveryFixture() throws {
        for (index, url) in try Self.fixtureFiles().enumerated() {
            let bytes = try Array(Data(contentsOf: url))
            let clientToServer = url.pathExtension == "c2s"
            let whole = run([bytes[...]], clientToServer: clientToServer).outputs
            XCTAssertFalse(whole.isEmpty, url.lastPathComponent)
            // The frames cover the stream exactly.
            let joined = whole.flatMap { output -> [UInt8] in
                if case .frame(let b, _) = output { return b }
                return []
            }
            XCTAssertEqual(joined.count, bytes.count, url.lastPathComponent)
            if Self.fullSweeps || index % 4 == 0 {
                let oneByOne = run(bytes.indices.map { bytes[$0...$0] }, clientToServer: clientToServer).outputs
                XCTAssertEqual(oneByOne, whole, "1-byte chunks: \(url.lastPathComponent)")
            }
            // Every 2-way split point of small files; a stride of points for large ones.
            let step = max(1, bytes.count / (Self.fullSweeps ? 400 : 40))
            for cut in stride(from: 0, through: bytes.count, by: step) {
                let split = run([bytes[..<cut], bytes[cut...]], clientToServer: clientToServer).outputs
                if split != whole {
                    XCTFail("split at \(cut) differs: \(url.lastPathComponent)")
                    break
                }
            }
        }
    }

    /// Random pieces mixing runs of single bytes (which wait in the buffer's own bytes and
    /// are examined there) with longer pieces (which move them to the storage first), with
    /// the default limits and with limits tight enough to break on most fixtures: the same
    /// frames and errors as whole input.
    func testMixedPieceSizesOnEveryFixture() throws {
        let tight = DecodingLimits(maxLineLength: 60, maxLiteralSize: 200, maxFrameSize: 400, maxNestingDepth: 8)
        var random = SeededGenerator(seed: 0x5EED_B0FF)
        for url in try Self.fixtureFiles() {
            let bytes = try Array(Data(contentsOf: url))
            let clientToServer = url.pathExtension == "c2s"
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            while start < bytes.count {
                if Int.random(in: 0..<10, using: &random) < 6 {
                    for _ in 0..<Int.random(in: 1...80, using: &random) where start < bytes.count {
                        pieces.append(bytes[start...start])
                        start += 1
                    }
                } else {
                    let end = min(bytes.count, start + Int.random(in: 2...100, using: &random))
                    pieces.append(bytes[start..<end])
                    start = end
                }
            }
            for limits in [DecodingLimits.responses, tight] {
                let whole = run([bytes[...]], limits: limits, clientToServer: clientToServer).outputs
                let mixed = run(pieces, limits: limits, clientToServer: clientToServer)
                if mixed.outputs != whole {
                    let at = zip(mixed.outputs, whole).prefix { $0 == $1 }.count
                    XCTFail("\(url.lastPathComponent), line limit \(limits.maxLineLength): output \(at) differs")
                }
                XCTAssertFalse(mixed.decoder.isInsideFrame, url.lastPathComponent)
            }
        }
    }

    /// A command line over the limit that ends in a non-synchronizing literal: the literal
    /// belongs to the rejected command however the bytes are split. (Dropping the rejected
    /// line as it arrived once cut the literal header in two when a piece ended inside it;
    /// the frame then ended early and the literal's bytes, here a DELETE, came out as a
    /// command of their own.)
    func testRejectedLineKeepsItsLiteralHeaderInEverySplit() {
        let limits = DecodingLimits(maxLineLength: 40, maxLiteralSize: 1000, maxFrameSize: 10000, maxNestingDepth: 8)
        let text = Array(
            ("A1 APPEND INBOX " + String(repeating: "x", count: 60) + " ~{17+}\r\nA2 DELETE INBOX\r\n\r\nA3 NOOP\r\n")
                .utf8
        )
        let whole = run([text[...]], limits: limits, clientToServer: true).outputs
        XCTAssertEqual(whole, [.error(.lineTooLong, "CRLF", 40), .frame(Array("A3 NOOP\r\n".utf8), text.count - 9)])
        for size in 1...text.count {
            let pieces = stride(from: 0, to: text.count, by: size).map { text[$0..<min(text.count, $0 + size)] }
            XCTAssertEqual(run(pieces, limits: limits, clientToServer: true).outputs, whole, "pieces of \(size)")
        }
    }

    /// Limits at the ends of their types, set before or during a frame (a caller may set
    /// anything): no arithmetic on them overflows, whatever the split; with the largest
    /// limits everything decodes as whole input does.
    func testExtremeLimitsNeverTrap() {
        let text = Array("* 1 FETCH (BODY[] {6}\r\nabcdef)\r\n* 2 FETCH (BODY[] {99999999999999999}\r\nab".utf8)
        let huge = DecodingLimits(maxLineLength: .max, maxLiteralSize: .max, maxFrameSize: .max, maxNestingDepth: .max)
        let negative = DecodingLimits(
            maxLineLength: .min,
            maxLiteralSize: .min,
            maxFrameSize: .min,
            maxNestingDepth: .min
        )
        for limits in [huge, negative] {
            let whole = run([text[...]], limits: limits).outputs
            for size in [1, 2, 5, 64] {
                let pieces = stride(from: 0, to: text.count, by: size).map { text[$0..<min(text.count, $0 + size)] }
                let split = run(pieces, limits: limits).outputs
                if limits == huge { XCTAssertEqual(split, whole, "pieces of \(size)") }
                XCTAssertFalse(split.isEmpty)
            }
            // Changed while a literal streams and while a frame is being dropped.
            for threshold in [Int64(1), 100] {
                var decoder = FrameReader(limits: .responses, clientToServer: false)
                decoder.streamingThreshold = threshold
                for byte in text {
                    decoder.append(CollectionOfOne(byte))
                    while let event = decoder.next() {
                        if case .literal = event, threshold == 1 { _ = decoder.beginStreaming() }
                        decoder.limits = limits
                    }
                }
                XCTAssertTrue(decoder.isInsideFrame)
            }
        }
    }

    func testEveryTwoWaySplitOfASmallStreamWithLiterals() {
        let text = "* 1 FETCH (BODY[] {5}\r\nab\r\nc UID 7)\r\n* 2 FETCH (BODY[] {0}\r\n)\r\nA1 OK done\r\n"
        let whole = frames(text)
        XCTAssertEqual(
            whole,
            ["* 1 FETCH (BODY[] {5}\r\nab\r\nc UID 7)\r\n", "* 2 FETCH (BODY[] {0}\r\n)\r\n", "A1 OK done\r\n"]
        )
        for cut in 0...text.utf8.count {
            XCTAssertEqual(frames(text, split: cut), whole, "split at \(cut)")
        }
    }

    func testLiteralForms() {
        XCTAssertEqual(frames("A1 LOGIN {3+}\r\nbob {0}\r\n\r\n"), ["A1 LOGIN {3+}\r\nbob {0}\r\n\r\n"])
        XCTAssertEqual(
            frames("* 1 FETCH (BINARY[] ~{4}\r\n\0\u{1}\r\n)\r\n"),
            ["* 1 FETCH (BINARY[] ~{4}\r\n\0\u{1}\r\n)\r\n"]
        )
        XCTAssertEqual(frames("A1 X {2}\r\n{}\r\n"), ["A1 X {2}\r\n{}\r\n"])
        // Several literals in one frame, one containing what looks like a header.
        XCTAssertEqual(
            frames("A APPEND x {7}\r\nab{1}\r\n {3}\r\nxyz\r\nB NOOP\r\n"),
            ["A APPEND x {7}\r\nab{1}\r\n {3}\r\nxyz\r\n", "B NOOP\r\n"]
        )
        // Not a literal header: braces elsewhere, or no digits.
        XCTAssertEqual(frames("* OK {x}\r\n* OK {}\r\n"), ["* OK {x}\r\n", "* OK {}\r\n"])
    }

    func testLiteralEndingExactlyAtChunkBoundary() {
        let text = Array("* 1 FETCH (BODY[] {4}\r\nabcd)\r\n".utf8)
        let boundary = text.firstIndex(of: UInt8(ascii: "d"))! + 1
        let out = run([text[..<boundary], text[boundary...]]).outputs
        XCTAssertEqual(out.count, 2)
        XCTAssertEqual(out.last, .frame(text, 0))
    }

    func testHeaderSplitAcrossChunks() {
        let text = Array("* 1 FETCH (BODY[] {12}\r\nhello world!)\r\n".utf8)
        for cut in 17...25 {
            let out = run([text[..<cut], text[cut...]]).outputs
            XCTAssertEqual(out.last, .frame(text, 0), "cut \(cut)")
            XCTAssertEqual(out.first, .literal(LiteralHeader(count: 12, nonSynchronizing: false, binary: false)))
        }
    }

    func testSynchronizingLiteralIsAnnouncedBeforeItsBytes() {
        var decoder = FrameReader(limits: .commands, clientToServer: true)
        decoder.append(Array("A1 APPEND INBOX {11}\r\n".utf8))
        XCTAssertEqual(decoder.next(), .literal(LiteralHeader(count: 11, nonSynchronizing: false, binary: false)))
        XCTAssertNil(decoder.next())
        decoder.append(Array("hello world\r\n".utf8))
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("no frame") }
        XCTAssertEqual(frame.bytes, Array("A1 APPEND INBOX {11}\r\nhello world\r\n".utf8))
    }

    func testRefusedLiteralResynchronizesOnNextLine() {
        var decoder = FrameReader(limits: .commands, clientToServer: true)
        decoder.append(Array("A1 APPEND INBOX {99}\r\nA2 NOOP\r\n".utf8))
        XCTAssertEqual(decoder.next(), .literal(LiteralHeader(count: 99, nonSynchronizing: false, binary: false)))
        let refused = decoder.refuseLiteral()
        XCTAssertEqual(refused.bytes, Array("A1 APPEND INBOX {99}\r\n".utf8))
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("no frame") }
        XCTAssertEqual(frame.bytes, Array("A2 NOOP\r\n".utf8))
        XCTAssertEqual(frame.streamOffset, 22)
    }

    func testLiteralCountsOutOfRangeAreErrorsNotTraps() {
        for count in ["99999999999999999999", "18446744073709551616", "9223372036854775808"] {
            let out = run([Array("* 1 FETCH (BODY[] {\(count)}\r\n* 2 EXISTS\r\n".utf8)[...]]).outputs
            XCTAssertEqual(out.first, .error(.numberOutOfRange, "number64", 19), count)
            // The next line decodes.
            XCTAssertEqual(out.last, .frame(Array("* 2 EXISTS\r\n".utf8), 19 + count.count + 3))
        }
    }

    func testLiteralTooLargeIsDroppedAsItArrives() {
        var limits = DecodingLimits.responses
        limits.maxLiteralSize = 10
        let head = Array("* 1 FETCH (BODY[] {100}\r\n".utf8)
        var decoder = FrameReader(limits: limits, clientToServer: false)
        decoder.append(head)
        guard case .error(let error)? = decoder.next() else { return XCTFail("no error") }
        XCTAssertEqual(error.kind, .literalTooLarge)
        for _ in 0..<10 {
            decoder.append([UInt8](repeating: 0x61, count: 10))
            XCTAssertNil(decoder.next())
            XCTAssertLessThanOrEqual(decoder.bufferedBytes.count, 0)
        }
        decoder.append(Array(")\r\n* 2 EXISTS\r\n".utf8))
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("no frame") }
        XCTAssertEqual(frame.bytes, Array("* 2 EXISTS\r\n".utf8))
        XCTAssertEqual(frame.streamOffset, head.count + 100 + 3)
    }

    func testLineTooLongIsReportedOnceAndMemoryStaysBounded() {
        var limits = DecodingLimits.commands
        limits.maxLineLength = 1000
        var decoder = FrameReader(limits: limits, clientToServer: true)
        var errors = 0
        for _ in 0..<1000 {
            decoder.append([UInt8](repeating: 0x41, count: 997))
            while let event = decoder.next() {
                if case .error(let e) = event {
                    errors += 1
                    XCTAssertEqual(e.kind, .lineTooLong)
                    XCTAssertEqual(e.offset, 1000)
                }
            }
            XCTAssertLessThan(decoder.bufferedBytes.count, 2000)
        }
        decoder.append(Array("\r\nA2 NOOP\r\n".utf8))
        var frames: [[UInt8]] = []
        while let event = decoder.next() {
            if case .frame(let f) = event { frames.append(f.bytes) }
        }
        XCTAssertEqual(errors, 1)
        XCTAssertEqual(frames, [Array("A2 NOOP\r\n".utf8)])
    }

    func testFrameTooLarge() {
        var limits = DecodingLimits.responses
        limits.maxFrameSize = 50
        let out = run([Array("* 1 FETCH (BODY[] {40}\r\n".utf8)[...]], limits: limits).outputs
        guard case .error(let kind, _, _)? = out.first else { return XCTFail("no error: \(out)") }
        XCTAssertEqual(kind, .frameTooLarge)
    }

    func testErrorCarriesTheTag() {
        var limits = DecodingLimits.commands
        limits.maxLiteralSize = 5
        var decoder = FrameReader(limits: limits, clientToServer: true)
        decoder.append(Array("abc.1 APPEND INBOX {6}\r\n".utf8))
        guard case .error(let error)? = decoder.next() else { return XCTFail("no error") }
        XCTAssertEqual(error.tag, Tag("abc.1"))
        XCTAssertEqual(error.kind, .literalTooLarge)
        // A refused synchronizing literal is never sent: the next line is a new command.
        decoder.append(Array("abc.2 NOOP\r\n".utf8))
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("no frame") }
        XCTAssertEqual(frame.bytes, Array("abc.2 NOOP\r\n".utf8))
    }

    /// Linear cost, counted: a 10 MB frame fed one byte at a time examines no more bytes
    /// than fed whole, up to a small constant factor.
    func testLinearCostCountedInBytesExamined() {
        var line = Array("* SEARCH".utf8)
        line.reserveCapacity(10_000_100)
        var n = 1
        while line.count < 10_000_000 {
            line.append(0x20)
            line.append(contentsOf: String(n).utf8)
            n += 1
        }
        line.append(contentsOf: "\r\n".utf8)
        func examined(chunk: Int) -> (Int, Int) {
            var decoder = FrameReader(limits: .responses, clientToServer: false)
            var frames = 0
            var start = 0
            while start < line.count {
                let end = min(line.count, start + chunk)
                decoder.append(line[start..<end])
                while let event = decoder.next() { if case .frame = event { frames += 1 } }
                start = end
            }
            return (decoder.bytesExamined, frames)
        }
        let (whole, f1) = examined(chunk: line.count)
        let (bytewise, f2) = examined(chunk: 1)
        XCTAssertEqual(f1, 1)
        XCTAssertEqual(f2, 1)
        XCTAssertGreaterThanOrEqual(whole, line.count)
        XCTAssertLessThanOrEqual(bytewise, 2 * whole)
    }

    func testBufferedBytesCanBeDiscarded() {
        var decoder = FrameReader(limits: .responses, clientToServer: false)
        decoder.append(Array("A1 OK Begin TLS\r\n* OK injected\r\n".utf8))
        guard case .frame(let frame)? = decoder.next() else { return XCTFail("no frame") }
        XCTAssertEqual(frame.bytes, Array("A1 OK Begin TLS\r\n".utf8))
        XCTAssertEqual(Array(decoder.bufferedBytes), Array("* OK injected\r\n".utf8))
        XCTAssertEqual(decoder.discardBufferedBytes(), 15)
        XCTAssertNil(decoder.next())
    }
}
