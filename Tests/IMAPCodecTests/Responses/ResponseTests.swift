import XCTest

@testable import IMAPCodec

final class ResponseTests: XCTestCase {
    func decode(_ text: String, lenient: Bool = true) throws -> Response {
        try ResponseDecoder.decode(Array(text.utf8), options: ResponseDecoder.Options(lenient: lenient))
    }

    func assertStrictRejects(_ text: String, rule: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(text, lenient: false), file: file, line: line) { error in
            XCTAssertEqual((error as? IMAPDecodingError)?.rule, rule, file: file, line: line)
        }
    }

    func testStatusResponses() throws {
        XCTAssertEqual(
            try decode("* OK [UIDNEXT 4392] Predicted next UID\r\n"),
            .untagged(.condition(.ok, ResponseText(code: .uidNext(4392), text: "Predicted next UID")))
        )
        XCTAssertEqual(
            try decode("A142 OK [READ-WRITE] SELECT completed\r\n"),
            .tagged(
                TaggedResponse(
                    tag: Tag("A142")!,
                    status: .ok,
                    text: ResponseText(code: .readWrite, text: "SELECT completed")
                )
            )
        )
        XCTAssertEqual(
            try decode("a NO [TRYCREATE] no such mailbox\r\n"),
            .tagged(
                TaggedResponse(
                    tag: Tag("a")!,
                    status: .no,
                    text: ResponseText(code: .tryCreate, text: "no such mailbox")
                )
            )
        )
        XCTAssertEqual(
            try decode("* BYE Logging out\r\n"),
            .untagged(.condition(.bye, ResponseText(text: "Logging out")))
        )
        XCTAssertEqual(
            try decode("* PREAUTH IMAP4rev2 ready\r\n"),
            .untagged(.condition(.preauth, ResponseText(text: "IMAP4rev2 ready")))
        )
        XCTAssertEqual(
            try decode("* NO [ALERT] disk full\r\n"),
            .untagged(.condition(.no, ResponseText(code: .alert, text: "disk full")))
        )
        XCTAssertEqual(
            try decode("x BAD\r\n"),
            .tagged(TaggedResponse(tag: Tag("x")!, status: .bad, text: ResponseText()))
        )
        assertStrictRejects("x BAD\r\n", rule: "resp-text")
        assertStrictRejects("x MAYBE fine\r\n", rule: "resp-cond-state")
        assertStrictRejects("+x\r\n", rule: "continue-req")
    }

    func testConvenienceConstructorsAndMessageDataAsLiterals() throws {
        XCTAssertEqual(
            Response.ok(Tag("a1")!, code: .readWrite, "done"),
            .tagged(TaggedResponse(tag: Tag("a1")!, status: .ok, text: ResponseText(code: .readWrite, text: "done")))
        )
        XCTAssertEqual(String(decoding: try ResponseEncoder().encode(.no(Tag("a")!, "x")), as: UTF8.self), "a NO x\r\n")
        XCTAssertEqual(
            String(decoding: try ResponseEncoder().encode(.continuation("Ready")), as: UTF8.self),
            "+ Ready\r\n"
        )
        // Message data is always a literal (curl reads nothing else), even when short.
        let fetch = Response.untagged(
            .fetch(1, [.bodySection(SectionSpec(), origin: 0, data: "From: A"), .rfc822Text(nil)])
        )
        XCTAssertEqual(
            String(decoding: try ResponseEncoder().encode(fetch), as: UTF8.self),
            "* 1 FETCH (BODY[]<0> {7}\r\nFrom: A RFC822.TEXT NIL)\r\n"
        )
        XCTAssertEqual(SequenceSet(4...4).description, "4")
        XCTAssertEqual(SequenceSet(4...6).description, "4:6")
    }

    func testResponseCodes() throws {
        func code(_ text: String) throws -> ResponseCode? {
            guard case .untagged(.condition(_, let t)) = try decode("* OK [\(text)] x\r\n", lenient: false) else {
                return nil
            }
            return t.code
        }
        XCTAssertEqual(try code("APPENDUID 38505 3955"), .appendUID(uidValidity: 38505, uids: SequenceSet(3955)))
        XCTAssertEqual(
            try code("COPYUID 38505 304,319:320 3956:3958"),
            .copyUID(
                uidValidity: 38505,
                source: SequenceSet([.single(.number(304)), .range(.number(319), .number(320))])!,
                destination: SequenceSet([.range(.number(3956), .number(3958))])!
            )
        )
        XCTAssertEqual(
            try code("COPYUID 1 1:4294967295 1:4294967295"),
            .copyUID(
                uidValidity: 1,
                source: SequenceSet(1...4_294_967_295),
                destination: SequenceSet(1...4_294_967_295)
            )
        )
        XCTAssertEqual(try code("HIGHESTMODSEQ 715194045007"), .highestModSeq(715_194_045_007))
        XCTAssertEqual(try code("MODIFIED 7,9"), .modified(SequenceSet([.single(.number(7)), .single(.number(9))])!))
        XCTAssertEqual(
            try code("PERMANENTFLAGS (\\Deleted \\Seen \\*)"),
            .permanentFlags([.deleted, .seen, .wildcard])
        )
        XCTAssertEqual(try code("BADCHARSET (UTF-8 \"US-ASCII\")"), .badCharset(["UTF-8", "US-ASCII"]))
        XCTAssertEqual(try code("BADCHARSET"), .badCharset([]))
        XCTAssertEqual(try code("MAILBOXID (F2212ea87-6097)"), .mailboxID("F2212ea87-6097"))
        XCTAssertEqual(try code("METADATA LONGENTRIES 2199"), .metadataLongEntries(2199))
        XCTAssertEqual(try code("METADATA TOOMANY"), .metadataTooMany)
        XCTAssertEqual(try code("OVERQUOTA"), .simple(.overQuota))
        XCTAssertEqual(try code("noperm"), .simple(.noPerm))
        XCTAssertEqual(try code("UNKNOWN-CTE"), .simple(.unknownCTE))
        XCTAssertEqual(try code("X-FOO bar baz"), .other(name: Atom("X-FOO")!, value: "bar baz"))
        XCTAssertEqual(try code("XYZZY"), .other(name: Atom("XYZZY")!, value: nil))
        XCTAssertThrowsError(try code("UIDNEXT 0"))
        XCTAssertThrowsError(try code("UIDVALIDITY 4294967296"))
        XCTAssertThrowsError(try code("APPENDUID 1 *"))
        XCTAssertThrowsError(try code("HIGHESTMODSEQ 9223372036854775808"))
    }

    func testContinuationRequests() throws {
        XCTAssertEqual(
            try decode("+ Ready for literal data\r\n"),
            .continuation(ContinuationRequest(text: ResponseText(text: "Ready for literal data")))
        )
        XCTAssertEqual(
            try decode("+ YGgGCSqGSIb3EgECAgIBAAD/////\r\n"),
            .continuation(ContinuationRequest(text: ResponseText(text: "YGgGCSqGSIb3EgECAgIBAAD/////")))
        )
        XCTAssertEqual(try decode("+ \r\n"), .continuation(ContinuationRequest()))
        XCTAssertEqual(
            try decode("+ [ALERT] idling\r\n"),
            .continuation(ContinuationRequest(text: ResponseText(code: .alert, text: "idling")))
        )
    }

    func testDataResponses() throws {
        XCTAssertEqual(try decode("* 23 EXISTS\r\n"), .untagged(.exists(23)))
        XCTAssertEqual(try decode("* 0 EXISTS\r\n"), .untagged(.exists(0)))
        XCTAssertEqual(try decode("* 5 RECENT\r\n"), .untagged(.recent(5)))
        XCTAssertEqual(try decode("* 44 EXPUNGE\r\n"), .untagged(.expunge(44)))
        XCTAssertEqual(
            try decode("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"),
            .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft]))
        )
        XCTAssertEqual(
            try decode("* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n"),
            .untagged(
                .vanished(earlier: true, uids: try parse("41,43:116,118,120:211,214:540") { try $0.sequenceSet() })
            )
        )
        XCTAssertEqual(
            try decode("* VANISHED 1:4294967295\r\n"),
            .untagged(.vanished(earlier: false, uids: SequenceSet(1...4_294_967_295)))
        )
        XCTAssertEqual(
            try decode("* XUNKNOWN a (b) {3}\r\nx y\r\n"),
            .untagged(.other(keyword: Atom("XUNKNOWN")!, rest: " a (b) {3}\r\nx y"))
        )
        XCTAssertThrowsError(try decode("* 4294967296 EXISTS\r\n"))
        XCTAssertThrowsError(try decode("* 1 EXISTS trailing\r\n"))
        XCTAssertThrowsError(try decode("* 1 EXISTS\r\nmore"))
    }

    /// The real-server deviations of Fixtures/quirks that concern status lines.
    func testQuirksOfStatusLines() throws {
        // quirk-27: a response code line without "* OK" (Exchange).
        XCTAssertEqual(
            try decode("[COPYUID 55 31 6]\r\n"),
            .untagged(
                .condition(
                    .ok,
                    ResponseText(
                        code: .copyUID(uidValidity: 55, source: SequenceSet(31), destination: SequenceSet(6)),
                        text: ""
                    )
                )
            )
        )
        assertStrictRejects("[COPYUID 55 31 6]\r\n", rule: "resp-cond-state")
        // quirk-31 / quirk-39: no SP and no text after the code (iCloud, QQMail).
        XCTAssertEqual(
            try decode("* OK [UIDVALIDITY 1]\r\n"),
            .untagged(.condition(.ok, ResponseText(code: .uidValidity(1))))
        )
        assertStrictRejects("* OK [UNSEEN 25]\r\n", rule: "resp-text")
        // quirk-35: a bare "+" (public-inbox, Yandex).
        XCTAssertEqual(try decode("+\r\n"), .continuation(ContinuationRequest()))
        // quirk-41: HIGHESTMODSEQ 0 (Purelymail).
        XCTAssertEqual(
            try decode("* OK [HIGHESTMODSEQ 0] Highest\r\n"),
            .untagged(.condition(.ok, ResponseText(code: .highestModSeq(0), text: "Highest")))
        )
        assertStrictRejects("* OK [HIGHESTMODSEQ 0] Highest\r\n", rule: "mod-sequence-value")
        // Bare LF and trailing spaces.
        XCTAssertEqual(try decode("* 3 EXISTS \n"), .untagged(.exists(3)))
        assertStrictRejects("* 3 EXISTS\n", rule: "CRLF")
    }

    /// decode(encode(x)) == x for generated responses.
    func testSeededRoundTrip() throws {
        var g = ValueGenerator(seed: 7)
        let encoder = ResponseEncoder()
        for _ in 0..<3000 {
            let response: Response
            switch g.int(0...8) {
            case 0: response = .continuation(ContinuationRequest(text: g.responseText()))
            case 1:
                response = .tagged(
                    TaggedResponse(tag: g.tag(), status: g.pick([.ok, .no, .bad]), text: g.responseText())
                )
            case 2: response = .untagged(.condition(g.pick([.ok, .no, .bad, .bye, .preauth]), g.responseText()))
            case 3: response = .untagged(.flags(g.array(0...6) { $0.flag() }))
            case 4:
                response = .untagged(
                    g.pick([.exists(g.uint32()), .recent(g.uint32()), .expunge(g.uint32(nonZero: true))])
                )
            case 5:
                response = .untagged(
                    .vanished(earlier: g.bool(), uids: g.sequenceSet(allowStar: false, allowDollar: false))
                )
            case 6: response = .untagged(.capability(g.array(1...5) { $0.capability() }))
            default: response = .untagged(.condition(.ok, ResponseText(code: g.responseCode(), text: g.text())))
            }
            let bytes = try encoder.encode(response)
            let decoded = try ResponseDecoder.decode(bytes, options: ResponseDecoder.Options(lenient: false))
            XCTAssertEqual(decoded, response, String(decoding: bytes, as: UTF8.self))
        }
    }

    func testDecoderSkipsABadFrameAndContinues() throws {
        var decoder = ResponseDecoder()
        decoder.append(Array("* 1 EXISTS\r\n* 1 FROB\r\nA1 OK done\r\n".utf8))
        XCTAssertEqual(try decoder.next(), .untagged(.exists(1)))
        XCTAssertThrowsError(try decoder.next()) { error in
            XCTAssertEqual((error as? IMAPDecodingError)?.frameOffset, 12)
        }
        XCTAssertEqual(
            try decoder.next(),
            .tagged(TaggedResponse(tag: Tag("A1")!, status: .ok, text: ResponseText(text: "done")))
        )
        XCTAssertNil(try decoder.next())
    }
}

/// `description` is the wire form (for logs), `debugDescription` the structure.
final class WireDescriptionTests: XCTestCase {
    func testDescriptionIsTheWireForm() {
        let tag = Tag("A1")!
        XCTAssertEqual("\(Response.ok(tag, code: .readWrite, "done"))", "A1 OK [READ-WRITE] done")
        XCTAssertEqual(
            "\(Response.untagged(.fetch(1, [.uid(7), .bodySection(SectionSpec(), origin: nil, data: "hi\r\n")])))",
            "* 1 FETCH (UID 7 BODY[] {4}\\r\\nhi\\r\\n)"
        )
        XCTAssertEqual(
            "\(Command(tag: tag, .select(SelectCommand(mailbox: "Entwürfe"))))",
            "A1 SELECT Entw&APw-rfe"
        )
        XCTAssertEqual(
            ClientMessage.command(Command(tag: tag, .login(user: "a b", password: ByteString([0xFF])))).description,
            "A1 LOGIN \"a b\" {1+}\\r\\n\\xff"
        )
        let long = Response.untagged(
            .fetch(1, [.bodySection(SectionSpec(), origin: nil, data: ByteString(String(repeating: "x", count: 5000)))])
        )
        XCTAssertTrue(long.description.hasSuffix("… (5027 bytes)"), long.description.suffix(40).description)
        // A value the encoder refuses prints its structure.
        let refused = Response.untagged(.other(keyword: Atom("SEARCH")!, rest: " x"))
        XCTAssertEqual(refused.description, refused.debugDescription)
    }

    func testDebugDescriptionIsTheStructure() {
        let response = Response.ok(Tag("A1")!, "done")
        XCTAssertTrue(
            response.debugDescription.hasPrefix("Response.tagged(TaggedResponse(tag: "),
            response.debugDescription
        )
        XCTAssertTrue(response.debugDescription.contains("status: TaggedStatus.ok"), response.debugDescription)
        XCTAssertEqual(
            Command(tag: Tag("A1")!, .noop).debugDescription,
            "Command(tag: A1, kind: CommandKind.noop)"
        )
    }

    /// `encode(_:into:)` writes into all of the array's free capacity, or moves to memory of
    /// its own when the response is larger: the bytes are those of `encode(_:)` either way,
    /// after what the array held.
    func testEncodeIntoAppendsWhateverTheFreeCapacity() throws {
        let encoder = ResponseEncoder()
        let big = Response.untagged(
            .fetch(1, [.bodySection(SectionSpec(), origin: nil, data: ByteString(String(repeating: "x", count: 5000)))])
        )
        let small = Response.untagged(.exists(3))
        for capacity in [0, 16, 1024, 4096, 1 << 16] {
            for response in [small, big] {
                var buffer: [UInt8] = [0x41]
                buffer.reserveCapacity(capacity)
                try encoder.encode(response, into: &buffer)
                XCTAssertEqual(buffer, [0x41] + (try encoder.encode(response)), "capacity \(capacity)")
            }
        }
    }
}
