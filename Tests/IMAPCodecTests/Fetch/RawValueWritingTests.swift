import XCTest

@testable import IMAPCodec

/// Unknown items are kept as sent, but the literals inside them are framed by the encoder's
/// literal mode, like every other literal it writes.
final class RawValueWritingTests: XCTestCase {
    func command(_ attribute: FetchAttribute) -> ClientMessage {
        .command(Command(tag: Tag("A1")!, .fetch(SequenceSet(1), .list([attribute]), modifiers: [], uid: false)))
    }

    func texts(_ chunks: [EncodedChunk]) -> [String] {
        chunks.map { String(decoding: $0.bytes, as: UTF8.self) + ($0.waitForContinuation ? "|wait" : "") }
    }

    func testLiteralsInsideRawValuesFollowTheLiteralMode() throws {
        let item = FetchAttribute.other(name: "X-ITEM[{3}\r\nabc]", parameters: "(~{2}\r\nhi FOO)")
        // One form per value: a raw value's literal headers are `{n}`, as decoding gives them;
        // `{2+}` would read back as `{2}`, so it is refused.
        XCTAssertThrowsError(
            try CommandEncoder().encode(command(.other(name: "X-ITEM", parameters: "(~{2+}\r\nhi FOO)")))
        )
        let sync = try CommandEncoder(options: EncodingOptions(literalMode: .synchronizing)).encode(command(item))
        XCTAssertEqual(texts(sync), ["A1 FETCH 1 (X-ITEM[{3}\r\n|wait", "abc] (~{2}\r\n|wait", "hi FOO))\r\n"])
        let plus = try CommandEncoder(options: EncodingOptions(literalMode: .nonSynchronizing)).encode(command(item))
        XCTAssertEqual(texts(plus), ["A1 FETCH 1 (X-ITEM[{3+}\r\nabc] (~{2+}\r\nhi FOO))\r\n"])
        // Either form decodes to the same value, its literal headers written `{n}`.
        let canonical = command(item)
        for chunks in [sync, plus] {
            var decoder = CommandDecoder()
            decoder.append(chunks.flatMap(\.bytes))
            var messages: [ClientMessage] = []
            while let event = try? decoder.next() {
                if case .message(let message) = event { messages.append(message) }
            }
            XCTAssertEqual(messages, [canonical])
        }
    }

    /// Raw values hold their literal headers in the one form the writer produces, so a
    /// decoded value re-encodes to bytes that decode to it again.
    func testRawValuesHoldLiteralHeadersInTheWritersForm() throws {
        let response = try ResponseDecoder.decode(Array("* X-THING ({003}\r\nabc {0+}\r\n ~{01}\r\nz {12x})\r\n".utf8))
        XCTAssertEqual(
            response,
            .untagged(.other(keyword: Atom("X-THING")!, rest: " ({3}\r\nabc {0}\r\n ~{1}\r\nz {12x})"))
        )
        let plain = try ResponseDecoder.decode(
            Array("* X-THING ({3}\r\nabc and enough text to be stored shared)\r\n".utf8)
        )
        guard case .untagged(.other(_, let rest)) = plain, !rest.isInline else {
            return XCTFail("a raw value already in the writer's form stays a slice of the frame")
        }
    }

    func testBytesThatOnlyLookLikeLiteralsAreWrittenAsTheyAre() {
        var writer = IMAPWriter(options: EncodingOptions(literalMode: .nonSynchronizing))
        for raw in ["{", "{}", "{x}", "a{x}", "{1+x}", "{3} x", "{-1}"] {
            writer.bytes = []
            writer.writeRaw(ByteString(raw), "test")
            XCTAssertNil(writer.failure, raw)
            XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), raw)
        }
        // What would end the line or be read as a literal header is refused: CR or LF outside
        // a literal (fewer bytes than announced, a count that overflows), a trailing header.
        for raw in [
            "{3}", "{3+}", "x {12}", "{3}\r", "{3}\r\nab", "{99999999999999999999999}\r\nx", "a{x}\r\n",
            "a\nb", "a\u{0}b",
        ] {
            var refusing = IMAPWriter(options: EncodingOptions(literalMode: .nonSynchronizing))
            refusing.writeRaw(ByteString(raw), "test")
            XCTAssertNotNil(refusing.failure, raw.debugDescription)
        }
        // A "~" that ends the previous literal's bytes does not make the next one a literal8.
        writer.bytes = []
        writer.writeRaw(ByteString("({1}\r\n~{0}\r\n)"), "test")
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "({1+}\r\n~{0+}\r\n)")
    }
}
