import XCTest

@testable import IMAPCodec

/// A frame cannot decode into values many times its size (DecodingLimits.valueBytesPerFrameByte
/// and valueBytesPerFrame): the attacks that made the decoders allocate gigabytes from
/// megabytes (issue rows, scaled down), one frame per list rule built from its smallest item,
/// and the large frames real servers send, which must still decode.
final class DecodedSizeTests: XCTestCase {
    func responses(
        _ bytes: [UInt8],
        limits: DecodingLimits = .responses
    ) -> (values: [Response], errors: [IMAPDecodingError]) {
        decodeAll(responses: bytes, options: .init(limits: limits))
    }

    func commands(
        _ bytes: [UInt8],
        limits: DecodingLimits = .commands
    ) -> (values: [ClientMessage], errors: [IMAPDecodingError]) {
        decodeAll(commands: bytes, options: .init(limits: limits))
    }

    func repeated(_ head: String, _ unit: String, _ count: Int, _ tail: String) -> [UInt8] {
        var bytes = Array(head.utf8)
        let unitBytes = Array(unit.utf8)
        bytes.reserveCapacity(bytes.count + unitBytes.count * count + tail.utf8.count)
        for _ in 0..<count { bytes.append(contentsOf: unitBytes) }
        bytes.append(contentsOf: tail.utf8)
        return bytes
    }

    // MARK: The rows of the report, scaled down (each within the default line and frame limits)

    func testManyOneByteAppendLiteralsAreOneErrorAndTheNextCommandDecodes() {
        let bytes = repeated("A1 APPEND INBOX", " {1+}\r\nx", 200_000, "\r\nA2 NOOP\r\n")
        let (values, errors) = commands(bytes)
        XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge])
        XCTAssertEqual(errors.first?.rule, "append")
        XCTAssertEqual(errors.first?.tag, Tag("A1"))
        XCTAssertEqual(values.count, 1)
        guard case .command(let command)? = values.first else { return XCTFail("\(values)") }
        XCTAssertEqual(command.kind, .noop)
    }

    func testManyTextLiteralsInSearch() {
        let bytes = repeated("A1 SEARCH", " TEXT {1+}\r\nx", 200_000, "\r\nA2 NOOP\r\n")
        let (values, errors) = commands(bytes)
        XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge])
        XCTAssertEqual(errors.first?.rule, "search-key")
        XCTAssertEqual(values.count, 1)
    }

    func testManyOneLetterGmailLabels() {
        let bytes = repeated("* 1 FETCH (X-GM-LABELS (a", " a", 1_000_000, "))\r\n* 2 EXISTS\r\n")
        let (values, errors) = responses(bytes)
        XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge])
        XCTAssertEqual(values, [.untagged(.exists(2))])
    }

    func testManyOneLetterCapabilitiesAndFlags() {
        for (head, tail) in [
            ("* CAPABILITY IMAP4rev1", "\r\n"), ("* FLAGS (\\Seen", ")\r\n"),
            ("* OK [PERMANENTFLAGS (\\Seen", ")] x\r\n"),
        ] {
            let bytes = repeated(head, " A", 2_000_000, tail + "* 2 EXISTS\r\n")
            let (values, errors) = responses(bytes)
            XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge], head)
            XCTAssertEqual(values, [.untagged(.exists(2))], head)
        }
    }

    func testRepeatedFetchItems() {
        // Every FETCH item takes a MessageAttribute's stride (72 bytes since its large cases
        // are boxed): 400,000 of them, 29 MB from 2.4 MB of input, pass the 16 MiB allowance.
        let bytes = repeated("* 1 FETCH (UID 1", " UID 1", 400_000, ")\r\n* 2 EXISTS\r\n")
        let (values, errors) = responses(bytes)
        XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge])
        XCTAssertEqual(errors.first?.rule, "msg-att")
        XCTAssertEqual(values, [.untagged(.exists(2))])
    }

    func testRepeatedEnvelopesChargeTheirBoxes() {
        // An ENVELOPE item is boxed: 72 bytes in the list and 272 in its box, from 51 bytes
        // of input. Charged by the list's stride alone, 100,000 of them would pass.
        let item = " ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"
        let bytes = repeated("* 1 FETCH (UID 1", item, 100_000, ")\r\n* 2 EXISTS\r\n")
        let (values, errors) = responses(bytes)
        XCTAssertEqual(errors.map(\.kind), [.valuesTooLarge])
        XCTAssertEqual(errors.first?.rule, "msg-att-static")
        XCTAssertEqual(values, [.untagged(.exists(2))])
    }

    // MARK: Streaming: next() gathers streamed literals within the literal and frame limits

    func testNextGathersStreamedLiteralsOnlyWithinTheLimits() throws {
        var limits = DecodingLimits.responses
        limits.maxLiteralSize = 10_000
        limits.maxFrameSize = 30_000
        let body = [UInt8](repeating: UInt8(ascii: "b"), count: 20_000)
        let small = [UInt8](repeating: UInt8(ascii: "s"), count: 9_000)
        var input = Array("* 1 FETCH (UID 7 BODY[] {20000}\r\n".utf8) + body + Array(")\r\n".utf8)
        input += Array("* 2 FETCH (UID 8 BODY[1] {9000}\r\n".utf8) + small + Array(" BODY[2] {9000}\r\n".utf8) + small
        input +=
            Array(" BODY[3] {9000}\r\n".utf8) + small + Array(" BODY[4] {9000}\r\n".utf8) + small + Array(")\r\n".utf8)
        input += Array("* 3 FETCH (UID 9 BODY[] {9000}\r\n".utf8) + small + Array(")\r\nA1 OK done\r\n".utf8)
        for chunk in [1 << 20, 4096, 777] {
            var decoder = ResponseDecoder(options: .init(limits: limits, streamLiteralsAbove: 4096))
            var values: [Response] = []
            var errors: [IMAPDecodingError] = []
            var start = 0
            while start < input.count {
                let end = min(input.count, start + chunk)
                decoder.append(input[start..<end])
                start = end
                while true {
                    do {
                        guard let response = try decoder.next() else { break }
                        values.append(response)
                    } catch {
                        errors.append(error)
                    }
                }
            }
            // The 20,000-byte literal breaks maxLiteralSize; the second response's four
            // literals (36 KB) break maxFrameSize; each is one error and is skipped.
            XCTAssertEqual(errors.map(\.kind), [.literalTooLarge, .frameTooLarge], "chunk \(chunk)")
            XCTAssertEqual(
                errors.map(\.frameOffset),
                [0, input.firstRange(of: Array("* 2 FETCH".utf8))?.lowerBound ?? -1]
            )
            XCTAssertEqual(values.count, 2, "chunk \(chunk)")
            guard case .untagged(.fetch(3, let items))? = values.first else { return XCTFail("\(values)") }
            guard case .bodySection(_, _, let data)? = items.last else { return XCTFail("\(items)") }
            XCTAssertEqual(data?.bytes.count, 9000)
            XCTAssertEqual(values.last, .ok(Tag("A1")!, "done"))
        }
        // nextEvent() still hands the large literal out in pieces.
        var decoder = ResponseDecoder(options: .init(limits: limits, streamLiteralsAbove: 4096))
        decoder.append(input)
        var streamed = 0
        while let event = try decoder.nextEvent() {
            if case .streamBytes(let bytes) = event { streamed += bytes.count }
            if case .response = event { break }
            if case .streamEnd = event, streamed >= 20_000 { break }
        }
        XCTAssertEqual(streamed, 20_000)
    }

    func testNextHoldsTheWholeGatheredResponseToTheFrameLimit() {
        // The streamed literal fits; the rest after it (six buffered literals) is framed on
        // its own, and the whole response is over maxFrameSize.
        var limits = DecodingLimits.responses
        limits.maxLiteralSize = 10_000
        limits.maxFrameSize = 30_000
        var input = Array("* 1 FETCH (UID 7 BODY[] {9000}\r\n".utf8) + [UInt8](repeating: 0x61, count: 9000)
        for part in 1...6 {
            input += Array(" BODY[\(part)] {4000}\r\n".utf8) + [UInt8](repeating: 0x62, count: 4000)
        }
        input += Array(")\r\n* 2 EXISTS\r\n".utf8)
        let (values, errors) = decodeAll(responses: input, options: .init(limits: limits, streamLiteralsAbove: 4096))
        XCTAssertEqual(errors.map(\.kind), [.frameTooLarge])
        XCTAssertEqual(errors.first?.frameOffset, 0)
        XCTAssertEqual(values, [.untagged(.exists(2))])
        // Fed in pieces, the rest is refused as it arrives, not once it is all buffered: the
        // decoder (its buffer and what it gathered) never holds more than the frame limit and
        // a piece.
        var decoder = ResponseDecoder(options: .init(limits: limits, streamLiteralsAbove: 4096))
        var held = 0
        var kinds: [IMAPDecodingError.Kind] = []
        for start in stride(from: 0, to: input.count, by: 1000) {
            decoder.append(input[start..<min(input.count, start + 1000)])
            while true {
                do {
                    guard try decoder.next() != nil else { break }
                } catch {
                    kinds.append(error.kind)
                }
            }
            held = max(held, decoder.bufferedBytes.count + decoder.gatheredBytes.count)
        }
        XCTAssertEqual(kinds, [.frameTooLarge])
        XCTAssertLessThanOrEqual(held, 30_000 + 1000)
        // Without streaming, the same limits refuse the same response.
        let buffered = decodeAll(responses: input, options: .init(limits: limits))
        XCTAssertEqual(buffered.errors.map(\.kind), [.frameTooLarge])
        XCTAssertEqual(buffered.values, [.untagged(.exists(2))])
    }

    func testDiscardingBufferedBytesEndsAStreamedResponseOrAppend() throws {
        var responses = ResponseDecoder(options: .init(streamLiteralsAbove: 4096))
        responses.append(Array("A1 OK Begin TLS\r\n* 1 FETCH (BODY[] {100000}\r\nxxxx".utf8))
        var seen: [Response] = []
        while let response = try responses.next() { seen.append(response) }
        XCTAssertEqual(seen, [.ok(Tag("A1")!, "Begin TLS")])
        responses.discardBufferedBytes()
        responses.append(Array("* CAPABILITY IMAP4rev1\r\n".utf8))
        XCTAssertEqual(try responses.next(), .untagged(.capability([.imap4rev1])))

        var commands = CommandDecoder(options: .init(streamLiteralsAbove: 4096))
        commands.append(Array("A1 APPEND INBOX {100000+}\r\nxxxx".utf8))
        var events = 0
        while try commands.next() != nil { events += 1 }
        XCTAssertEqual(events, 2)  // appendStart, appendBytes
        commands.discardBufferedBytes()
        commands.append(Array("A2 NOOP\r\n".utf8))
        guard case .message(.command(let noop))? = try commands.next() else { return XCTFail("no NOOP") }
        XCTAssertEqual(noop.kind, .noop)
    }

    func testAnErrorAfterAStreamedAppendMessageCarriesItsTag() {
        let input =
            Array("A1 APPEND INBOX {5000+}\r\n".utf8) + [UInt8](repeating: 0x6D, count: 5000)
            + Array(" (BOGUS\r\nA2 NOOP\r\n".utf8)
        let (messages, errors) = decodeAll(commands: input, options: .init(streamLiteralsAbove: 4096))
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.tag, Tag("A1"))
        guard case .command(let noop)? = messages.last else { return XCTFail("\(messages)") }
        XCTAssertEqual(noop.kind, .noop)
    }

    // MARK: Re-reading a frame's start to find a streamable literal is bounded

    func testLiteralsThatCannotBeStreamedAreNotReparsedQuadratically() {
        // Literals above the threshold inside a label list: none can be streamed, and each
        // would have the growing frame parsed again.
        let label = "{5000}\r\n" + String(repeating: "l", count: 5000)
        let count = 400
        let input = Array(
            ("* 1 FETCH (X-GM-LABELS (" + Array(repeating: label, count: count).joined(separator: " ") + "))\r\n").utf8
        )
        var decoder = ResponseDecoder(options: .init(streamLiteralsAbove: 4096))
        decoder.append(input)
        var maxSpent = 0
        var decoded = 0
        while true {
            do {
                maxSpent = max(maxSpent, decoder.core.reparse.spent)
                guard let event = try decoder.nextEvent() else { break }
                if case .response(.untagged(.fetch(1, let items))) = event { decoded = items.count }
            } catch {
                XCTFail("\(error)")
                break
            }
            maxSpent = max(maxSpent, decoder.core.reparse.spent)
        }
        XCTAssertEqual(decoded, 1)
        // Quadratic would be about count² / 2 × 5008 = 400 MB re-read; the bound is linear.
        XCTAssertLessThanOrEqual(maxSpent, ReparseBudget.allowance + ReparseBudget.bytesPerByte * input.count)
        XCTAssertGreaterThan(maxSpent, 0)

        var commands = CommandDecoder(options: .init(streamLiteralsAbove: 4096))
        let search = Array(
            ("A1 SEARCH" + String(repeating: " TEXT {5000+}\r\n" + String(repeating: "t", count: 5000), count: count)
                + "\r\n").utf8
        )
        commands.append(search)
        var messages = 0
        var spent = 0
        while true {
            do {
                guard let event = try commands.next() else { break }
                if case .message = event { messages += 1 }
            } catch {
                XCTFail("\(error)")
                break
            }
            spent = max(spent, commands.core.reparse.spent)
        }
        XCTAssertEqual(messages, 1)
        XCTAssertLessThanOrEqual(spent, ReparseBudget.allowance + ReparseBudget.bytesPerByte * search.count)
    }

    // MARK: Large frames real servers send decode within the defaults

    func testLargeRealFramesDecodeWithinTheDefaults() {
        // THREAD=REFERENCES over a 1,000,000-message mailbox, mostly single messages.
        var thread = "* THREAD"
        for uid in 1_000_000..<2_000_000 {
            thread += uid % 10 == 0 ? " (\(uid) (\(uid + 1))(\(uid + 2) \(uid + 3)))" : uid % 10 < 4 ? "" : " (\(uid))"
        }
        // A BODYSTRUCTURE of 5,000 attachments, as Dovecot writes them.
        let part =
            #"("application" "octet-stream" ("name" "report-2026.pdf") NIL NIL "base64" 123456 NIL ("attachment" ("filename" "report-2026.pdf")) NIL NIL)"#
        let body =
            "* 1 FETCH (UID 9 BODYSTRUCTURE (" + String(repeating: part, count: 5_000)
            + #" "mixed" ("boundary" "b1") NIL NIL NIL))"#
        // An envelope with 20,000 recipients; FLAGS with 20,000 keywords; CAPABILITY with 500.
        let to = (0..<20_000).map { #"("Recipient \#($0)" NIL "user\#($0)" "example.com")"# }.joined()
        let envelope =
            #"* 2 FETCH (ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800" "Meeting" (("A" NIL "a" "example.com")) NIL NIL ("#
            + to + #") NIL NIL NIL "<id@example.com>"))"#
        let flags = "* FLAGS (\\Seen " + (0..<20_000).map { "$Label\($0)" }.joined(separator: " ") + ")"
        let capability = "* CAPABILITY IMAP4rev1 " + (0..<500).map { "X-EXTENSION-\($0)" }.joined(separator: " ")
        let labels = "* 3 FETCH (X-GM-LABELS (" + (0..<5_000).map { "\"Label \($0)\"" }.joined(separator: " ") + "))"
        for text in [thread, body, envelope, flags, capability, labels] {
            let (values, errors) = responses(Array((text + "\r\n").utf8))
            XCTAssertEqual(errors, [], String(text.prefix(40)))
            XCTAssertEqual(values.count, 1, String(text.prefix(40)))
        }
        // A MULTIAPPEND of 2,000 small messages; a SEARCH of 300 keys; a UID set of 100,000 ranges.
        let append =
            "A1 APPEND INBOX"
            + String(repeating: " (\\Seen) \"7-Feb-1994 21:52:25 -0800\" {12+}\r\nHello world!", count: 2_000)
        let search = "A2 SEARCH " + (0..<300).map { "OR FROM user\($0) SUBJECT \"topic \($0)\"" }.joined(separator: " ")
        let store =
            "A3 UID STORE " + (0..<100_000).map { "\(2 * $0 + 100_000)" }.joined(separator: ",") + " +FLAGS (\\Seen)"
        for text in [append, search] {
            let (values, errors) = commands(Array((text + "\r\n").utf8))
            XCTAssertEqual(errors, [], String(text.prefix(40)))
            XCTAssertEqual(values.count, 1, String(text.prefix(40)))
        }
        // The UID set is longer than a command line may be (64 KiB): a client's line.
        var longLines = DecodingLimits.commands
        longLines.maxLineLength = 1 << 20
        let (values, errors) = commands(Array((store + "\r\n").utf8), limits: longLines)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(values.count, 1)
    }

    // MARK: Every list rule charges its items

    /// A frame for each list rule: `head`, the rule's item repeated, `tail`.
    struct ListFrame {
        var rule: String
        var head: String
        var unit: String
        var tail: String
        /// The budget's bytes per frame byte for this frame (1 unless an item's value is
        /// smaller than its wire form without what is under test).
        var perByte = 1
    }

    static let responseLists: [ListFrame] = [
        // RFC 4466 extension values: components are not boxed (they were, uncharged).
        ListFrame(rule: "tagged-ext-comp", head: "* ESEARCH XFOO (a", unit: " a", tail: ")"),
        ListFrame(rule: "tagged-ext-comp", head: "* STATUS INBOX (XFOO (a", unit: " a", tail: "))"),
        // Names the intern tables do not know, over a small string: their String is charged
        // (a flag's stride alone is less than its 17 bytes; the error names whichever charge
        // crossed the budget).
        ListFrame(rule: "flag-list", head: "* FLAGS (ABCDEFGHIJKLMNOP", unit: " ABCDEFGHIJKLMNOP", tail: ")"),
        ListFrame(rule: "capability", head: "* CAPABILITY IMAP4rev1", unit: " X-ABCDEFGHIJKLMNOP", tail: ""),
        // A quoted string with an escape is copied: the copy is charged (the error names
        // whichever charge crossed the budget).
        ListFrame(
            rule: "resp-text-code",
            head: "* NO [BADCHARSET (A",
            unit: #" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\""#,
            tail: ")] x"
        ),
        // Message parts: their box is charged (without it, a part looks 3.3 times its size,
        // under the 4 allowed here; the box's charge is the one that breaks the budget).
        ListFrame(
            rule: "body-type-msg",
            head: "* 1 FETCH (BODYSTRUCTURE (",
            unit:
                #"("message" "rfc822" NIL NIL NIL "7bit" 0 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" NIL NIL NIL "7bit" 0 0) 0)"#,
            tail: #" "mixed"))"#,
            perByte: 4
        ),
        ListFrame(rule: "namespace", head: "* NAMESPACE (", unit: #"("" "/")"#, tail: ") NIL NIL"),
        ListFrame(
            rule: "namespace-response-extension",
            head: #"* NAMESPACE (("" "/" "X" ("a""#,
            unit: #" "a""#,
            tail: "))) NIL NIL"
        ),
        ListFrame(rule: "resp-text-code", head: "* NO [BADCHARSET (a", unit: " a", tail: ")] x"),
        ListFrame(
            rule: "body-type-mpart",
            head: "* 1 FETCH (BODYSTRUCTURE (",
            unit: #"("text" "plain" NIL NIL NIL "7bit" 0 0)"#,
            tail: #" "mixed"))"#
        ),
        ListFrame(
            rule: "body-fld-param",
            head: #"* 1 FETCH (BODYSTRUCTURE ("text" "plain" ("a" "b""#,
            unit: #" "a" "b""#,
            tail: #") NIL NIL "7bit" 0 0))"#
        ),
        ListFrame(
            rule: "body-fld-lang",
            head: #"* 1 FETCH (BODYSTRUCTURE ("text" "plain" NIL NIL NIL "7bit" 0 0 NIL NIL ("a""#,
            unit: #" "a""#,
            tail: ")))"
        ),
        ListFrame(
            rule: "body-extension",
            head: #"* 1 FETCH (BODYSTRUCTURE ("text" "plain" NIL NIL NIL "7bit" 0 0 NIL NIL NIL NIL"#,
            unit: " 1",
            tail: "))"
        ),
        ListFrame(rule: "status-att-list", head: "* STATUS INBOX (MESSAGES 1", unit: " MESSAGES 1", tail: ")"),
        ListFrame(rule: "acl-data", head: "* ACL INBOX", unit: " a r", tail: ""),
        ListFrame(rule: "listrights-data", head: "* LISTRIGHTS INBOX a r", unit: " a", tail: ""),
        ListFrame(rule: "quota-response", head: #"* QUOTA "" (STORAGE 1 1"#, unit: " STORAGE 1 1", tail: ")"),
        ListFrame(rule: "quotaroot-response", head: "* QUOTAROOT INBOX", unit: " a", tail: ""),
        ListFrame(rule: "mbx-list-flags", head: #"* LIST (\A"#, unit: #" \A"#, tail: #") "/" INBOX"#),
        ListFrame(
            rule: "childinfo-extended-item",
            head: #"* LIST () "/" INBOX (CHILDINFO ("A""#,
            unit: #" "A""#,
            tail: "))"
        ),
        ListFrame(rule: "thread-data", head: "* THREAD (1)", unit: "(1)", tail: ""),
        ListFrame(rule: "thread-members", head: "* THREAD (1", unit: " 1", tail: ")"),
        ListFrame(rule: "thread-nested", head: "* THREAD (1 (1)", unit: "(1)", tail: ")"),
        ListFrame(rule: "search-return-data", head: "* ESEARCH MIN 1", unit: " MIN 1", tail: ""),
        ListFrame(rule: "msg-att", head: "* 1 FETCH (UID 1", unit: " UID 1", tail: ")"),
        ListFrame(rule: "msg-att", head: "* 1 FETCH (X-GM-LABELS (a", unit: " a", tail: "))"),
        ListFrame(rule: "flag-list", head: "* FLAGS (a", unit: " a", tail: ")"),
        ListFrame(rule: "capability-data", head: "* CAPABILITY IMAP4rev1", unit: " A", tail: ""),
        ListFrame(
            rule: "env-to",
            head: "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL (",
            unit: "(NIL NIL NIL NIL)",
            tail: ") NIL NIL NIL NIL))"
        ),
        ListFrame(rule: "mailbox-data", head: "* SEARCH 1", unit: " 1", tail: ""),
        ListFrame(rule: "sort-data", head: "* SORT 1", unit: " 1", tail: ""),
        ListFrame(rule: "sequence-set", head: "* VANISHED 1", unit: ",1", tail: ""),
        ListFrame(rule: "entry-values", head: "* METADATA INBOX (/a NIL", unit: " /a NIL", tail: ")"),
        ListFrame(rule: "entry-list", head: "* METADATA INBOX /a", unit: " /a", tail: ""),
        ListFrame(rule: "id-params-list", head: #"* ID ("a" NIL"#, unit: #" "a" NIL"#, tail: ")"),
        // ANNOTATE (RFC 5257)
        ListFrame(rule: "msg-att-dynamic", head: "* 1 FETCH (ANNOTATION (a", unit: " a", tail: "))"),
        ListFrame(rule: "entry-att", head: "* 1 FETCH (ANNOTATION (a (b NIL", unit: " b NIL", tail: ")))"),
        // NOTIFY (RFC 5465)
        ListFrame(rule: "unsupported-events-code", head: "* NO [BADEVENT (X", unit: " X", tail: ")] x"),
        // URLAUTH (RFC 4467)
        ListFrame(rule: "genurlauth-data", head: "* GENURLAUTH a", unit: " a", tail: ""),
        ListFrame(rule: "urlfetch-data", head: "* URLFETCH a NIL", unit: " a NIL", tail: ""),
    ]

    static let commandLists: [ListFrame] = [
        // LIST option names the codec does not know: their String is charged (their stride
        // alone is under 2 bytes for each of their 17).
        ListFrame(
            rule: "list-select-opt",
            head: "A1 LIST (SUBSCRIBED",
            unit: " XOPTIONABCDEFGHI",
            tail: #") "" *"#,
            perByte: 2
        ),
        ListFrame(rule: "append", head: "A1 APPEND INBOX {1+}\r\nx", unit: " {1+}\r\nx", tail: ""),
        ListFrame(rule: "search-key", head: "A1 SEARCH ALL", unit: " ALL", tail: ""),
        ListFrame(rule: "search-key", head: "A1 SEARCH (ALL", unit: " ALL", tail: ")"),
        ListFrame(rule: "search-key", head: "A1 SEARCH ALL", unit: " NOT ALL", tail: ""),
        ListFrame(rule: "search-key", head: "A1 SEARCH ALL", unit: " OR ALL ALL", tail: ""),
        ListFrame(rule: "search-return-opts", head: "A1 SEARCH RETURN (MIN", unit: " MIN", tail: ") ALL"),
        ListFrame(rule: "sort-criteria", head: "A1 SORT (DATE", unit: " DATE", tail: ") UTF-8 ALL"),
        ListFrame(rule: "fetch-att", head: "A1 FETCH 1 (UID", unit: " UID", tail: ")"),
        // section-part has a count limit of its own: 1,000 part numbers.
        ListFrame(rule: "header-list", head: "A1 FETCH 1 BODY[HEADER.FIELDS (a", unit: " a", tail: ")]"),
        ListFrame(rule: "flag-list", head: "A1 STORE 1 +FLAGS (a", unit: " a", tail: ")"),
        ListFrame(rule: "store-att-flags", head: "A1 STORE 1 +X-GM-LABELS a", unit: " a", tail: ""),
        ListFrame(
            rule: "store-modifier",
            head: "A1 STORE 1 (UNCHANGEDSINCE 1",
            unit: " UNCHANGEDSINCE 1",
            tail: #") +FLAGS (\Seen)"#
        ),
        ListFrame(rule: "cat-part", head: "A1 APPEND INBOX CATENATE (URL a", unit: " URL a", tail: ")"),
        ListFrame(rule: "command-select", head: #"A1 CANCELUPDATE "a""#, unit: #" "a""#, tail: ""),
        ListFrame(rule: "select-params", head: "A1 SELECT INBOX (CONDSTORE", unit: " CONDSTORE", tail: ")"),
        ListFrame(rule: "use-attr", head: #"A1 CREATE a (USE (\A"#, unit: #" \A"#, tail: "))"),
        ListFrame(rule: "tagged-ext-comp", head: "A1 SELECT INBOX (X (a", unit: " a", tail: "))"),
        ListFrame(rule: "list-mailbox", head: #"A1 LIST "" (a"#, unit: " a", tail: ")"),
        ListFrame(rule: "list-select-opts", head: #"A1 LIST (SUBSCRIBED"#, unit: " SUBSCRIBED", tail: #") "" *"#),
        ListFrame(rule: "list-return-opts", head: #"A1 LIST "" * RETURN (CHILDREN"#, unit: " CHILDREN", tail: ")"),
        ListFrame(rule: "status-att", head: "A1 STATUS INBOX (MESSAGES", unit: " MESSAGES", tail: ")"),
        ListFrame(rule: "entries", head: "A1 GETMETADATA INBOX (/a", unit: " /a", tail: ")"),
        ListFrame(rule: "setquota-list", head: #"A1 SETQUOTA "" (STORAGE 1"#, unit: " STORAGE 1", tail: ")"),
        ListFrame(rule: "capability-data", head: "A1 ENABLE A", unit: " A", tail: ""),
        ListFrame(rule: "id-params-list", head: #"A1 ID ("a" NIL"#, unit: #" "a" NIL"#, tail: ")"),
        ListFrame(rule: "sequence-set", head: "A1 FETCH 1", unit: ",1", tail: " FLAGS"),
        // RFC 4466 parameters, ANNOTATE (RFC 5257)
        ListFrame(rule: "rename-param", head: "A1 RENAME a b (x", unit: " x", tail: ")"),
        ListFrame(rule: "append-ext", head: "A1 APPEND a X 1", unit: " X 1", tail: " {1+}\r\nx"),
        ListFrame(rule: "entries", head: "A1 FETCH 1 (ANNOTATION ((a", unit: " a", tail: ") b))"),
        ListFrame(rule: "attribs", head: "A1 FETCH 1 (ANNOTATION (a (b", unit: " b", tail: ")))"),
        // Each entry's own list of values is what crosses the budget first.
        ListFrame(rule: "entry-att", head: "A1 STORE 1 ANNOTATION (a (b NIL)", unit: " a (b NIL)", tail: ")"),
        // NOTIFY (RFC 5465)
        ListFrame(rule: "many-mailboxes", head: "A1 NOTIFY SET (SUBTREE (a", unit: " a", tail: ") NONE)"),
        // URLAUTH (RFC 4467)
        ListFrame(rule: "resetkey", head: "A1 RESETKEY a X", unit: " X", tail: ""),
        ListFrame(rule: "genurlauth", head: "A1 GENURLAUTH a X", unit: " a X", tail: ""),
        ListFrame(rule: "urlfetch", head: "A1 URLFETCH a", unit: " a", tail: ""),
        ListFrame(rule: "events", head: "A1 NOTIFY SET (SELECTED (X", unit: " X", tail: "))"),
        ListFrame(rule: "message-event", head: "A1 NOTIFY SET (SELECTED (MessageNew (UID", unit: " UID", tail: ")))"),
        ListFrame(rule: "event-groups", head: "A1 NOTIFY SET (INBOXES NONE)", unit: " (INBOXES NONE)", tail: ""),
    ]

    /// Limits under which a value must take less than a byte per frame byte: every list
    /// item's value is larger than its wire form, so a rule that does not charge its items
    /// decodes and fails the test.
    static func tight(_ limits: DecodingLimits, perByte: Int = 1) -> DecodingLimits {
        var tight = limits
        tight.maxLineLength = 1 << 22
        tight.valueBytesPerFrameByte = perByte
        tight.valueBytesPerFrame = 4096
        return tight
    }

    /// Values whose storage the budget cannot see must not be boxed: an `indirect` enum
    /// allocates a box per value, which the budget's strides do not count (RFC 4466
    /// extension components were boxed: 72 bytes for every 2 of the frame).
    func testListElementsHoldTheirPayloadsInline() {
        XCTAssertGreaterThan(MemoryLayout<TaggedExtensionComponent>.size, MemoryLayout<Int>.size)
    }

    func testEveryListRuleChargesItsItems() {
        for frame in Self.responseLists {
            assertCharged(frame, next: "* 2 EXISTS\r\n") { bytes in
                let (values, errors) = responses(bytes, limits: Self.tight(.responses, perByte: frame.perByte))
                return (values.count, errors)
            }
        }
        for frame in Self.commandLists {
            assertCharged(frame, next: "A2 NOOP\r\n") { bytes in
                let (values, errors) = commands(bytes, limits: Self.tight(.commands, perByte: frame.perByte))
                return (values.count, errors)
            }
        }
    }

    /// A few items of `frame` decode; a hundred kilobytes of them are one `.valuesTooLarge`
    /// error naming the rule (with the frame's tag), and the frame after it decodes.
    func assertCharged(
        _ frame: ListFrame,
        next: String,
        _ decode: ([UInt8]) -> (count: Int, errors: [IMAPDecodingError]),
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let label = "\(frame.rule): \(frame.head)"
        let few = decode(repeated(frame.head, frame.unit, 3, frame.tail + "\r\n"))
        XCTAssertEqual(few.errors, [], label, file: file, line: line)
        XCTAssertEqual(few.count, 1, label, file: file, line: line)
        let count = 100_000 / frame.unit.utf8.count + 1000
        let many = decode(repeated(frame.head, frame.unit, count, frame.tail + "\r\n" + next))
        XCTAssertEqual(many.errors.map(\.kind), [.valuesTooLarge], label, file: file, line: line)
        XCTAssertEqual(many.errors.first?.rule, frame.rule, label, file: file, line: line)
        let tag = frame.head.hasPrefix("A1 ") ? Tag("A1") : nil
        XCTAssertEqual(many.errors.first?.tag, tag, label, file: file, line: line)
        XCTAssertEqual(many.count, 1, label, file: file, line: line)
    }
}
