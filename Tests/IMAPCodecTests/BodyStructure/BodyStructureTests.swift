import XCTest

@testable import IMAPCodec

/// Random body structures. `lenientForms` adds the values only lenient decoding
/// produces and the writer still writes (empty extension lists; multiparts without parts and
/// a message part without a body are refused by the writer, their reading is tested with
/// quirk-11, quirk-19 and quirk-09).
struct BodyGenerator {
    var lenientForms: Bool

    func string<G: RandomNumberGenerator>(_ g: inout G) -> ByteString { EnvelopeGenerator.string(&g) }
    func nstring<G: RandomNumberGenerator>(_ g: inout G) -> ByteString? { EnvelopeGenerator.nstring(&g) }

    func parameters<G: RandomNumberGenerator>(_ g: inout G) -> SharedList<BodyStructure.Parameter> {
        SharedList(
            (0..<Int.random(in: 0..<3, using: &g)).map { _ in
                BodyStructure.Parameter(name: string(&g), value: string(&g))
            }
        )
    }

    func fields<G: RandomNumberGenerator>(_ g: inout G) -> BodyStructure.Fields {
        BodyStructure.Fields(
            parameters: parameters(&g),
            id: nstring(&g),
            description: nstring(&g),
            encoding: ["7BIT", "base64", "QUOTED-PRINTABLE", "x-uuencode"].randomElement(using: &g) ?? "7BIT",
            octets: UInt32.random(in: 0...UInt32.max, using: &g)
        )
    }

    func bodyExtension<G: RandomNumberGenerator>(_ g: inout G, depth: Int) -> BodyExtension {
        switch Int.random(in: 0..<5, using: &g) {
        case 0: return .nilValue
        case 1: return .string(string(&g))
        case 2: return .number(Int64.random(in: 0...Int64.max, using: &g))
        default:
            if depth <= 0 { return .number(Int64.random(in: 0...10, using: &g)) }
            let minimum = lenientForms ? 0 : 1
            return .list((0..<Int.random(in: minimum...3, using: &g)).map { _ in bodyExtension(&g, depth: depth - 1) })
        }
    }

    func dispositionTail<G: RandomNumberGenerator>(_ g: inout G) -> BodyStructure.DispositionTail {
        var tail = BodyStructure.DispositionTail()
        if Bool.random(using: &g) {
            tail.disposition = BodyStructure.Disposition(kind: string(&g), parameters: parameters(&g))
        }
        guard Int.random(in: 0..<3, using: &g) > 0 else { return tail }
        var language = BodyStructure.LanguageTail(
            languages: (0..<Int.random(in: 0..<3, using: &g)).map { _ in string(&g) }
        )
        if Int.random(in: 0..<3, using: &g) > 0 {
            language.locationTail = BodyStructure.LocationTail(
                location: nstring(&g),
                extensions: (0..<Int.random(in: 0..<3, using: &g)).map { _ in bodyExtension(&g, depth: 3) }
            )
        }
        tail.languageTail = language
        return tail
    }

    func singlePart<G: RandomNumberGenerator>(_ g: inout G, depth: Int, extensions: Bool) -> BodyStructure.SinglePart {
        var part: BodyStructure.SinglePart
        switch Int.random(in: 0..<(depth > 0 ? 4 : 3), using: &g) {
        case 0:
            let type: ByteString =
                ["image", "APPLICATION", "audio", "multipart", "message", "x-unknown"].randomElement(using: &g)
                ?? "image"
            let subtype: ByteString =
                ["jpeg", "octet-stream", "delivery-status", "digest", ""].randomElement(using: &g) ?? "jpeg"
            part = BodyStructure.SinglePart(mediaType: type, mediaSubtype: subtype, fields: fields(&g))
        case 1, 2:
            part = BodyStructure.SinglePart(
                mediaType: Bool.random(using: &g) ? "TEXT" : "text",
                mediaSubtype: string(&g),
                fields: fields(&g),
                kind: .text(lines: Int64.random(in: 0...Int64.max, using: &g))
            )
        default:
            let inner = body(&g, depth: depth - 1, extensions: extensions)
            part = BodyStructure.SinglePart(
                mediaType: Bool.random(using: &g) ? "MESSAGE" : "message",
                mediaSubtype: Bool.random(using: &g) ? "RFC822" : "global",
                fields: fields(&g),
                kind: .message(
                    BodyStructure.Message(
                        envelope: EnvelopeGenerator.envelope(&g),
                        body: inner,
                        lines: Int64.random(in: 0...100_000, using: &g)
                    )
                )
            )
        }
        if extensions {
            var ext = BodyStructure.SinglePart.Extension(md5: nstring(&g))
            if Int.random(in: 0..<4, using: &g) > 0 { ext.dispositionTail = dispositionTail(&g) }
            part.extension = ext
        }
        return part
    }

    func body<G: RandomNumberGenerator>(_ g: inout G, depth: Int, extensions: Bool) -> BodyStructure {
        if depth > 0 && Int.random(in: 0..<3, using: &g) == 0 {
            var multipart = BodyStructure.Multipart(
                parts: (0..<Int.random(in: 1...3, using: &g)).map { _ in
                    body(&g, depth: depth - 1, extensions: extensions)
                },
                mediaSubtype: ["mixed", "ALTERNATIVE", "related", "x-new"].randomElement(using: &g) ?? "mixed"
            )
            if extensions {
                var ext = BodyStructure.Multipart.Extension(parameters: parameters(&g))
                if Int.random(in: 0..<4, using: &g) > 0 { ext.dispositionTail = dispositionTail(&g) }
                multipart.extension = ext
            }
            return .multipart(multipart)
        }
        return .singlePart(singlePart(&g, depth: depth, extensions: extensions))
    }
}

final class BodyStructureTests: XCTestCase {
    func body(
        _ text: String,
        lenient: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> BodyStructure {
        try parse(
            text,
            lenient: lenient,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() },
            file: file,
            line: line
        )
    }

    @discardableResult
    func rejectsBody(
        _ text: String,
        lenient: Bool = false,
        rule: String,
        kind: IMAPDecodingError.Kind? = nil,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> IMAPDecodingError? {
        assertRejects(
            text,
            lenient: lenient,
            rule: rule,
            kind: kind,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() },
            file: file,
            line: line
        )
    }

    func writtenBody(_ body: BodyStructure) -> String {
        written { $0.writeBody(body) }
    }

    /// What the writer refuses in `body`, nil when it writes it.
    func bodyRefusal(_ body: BodyStructure) -> IMAPValueError? {
        var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
        writer.writeBody(body)
        return writer.failure
    }

    func rawBody(_ body: BodyStructure) -> [UInt8] {
        var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
        writer.writeBody(body)
        return writer.finishBytes()
    }

    func singlePart(
        _ body: BodyStructure,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> BodyStructure.SinglePart? {
        guard case .singlePart(let part) = body else {
            XCTFail("not a single part: \(body)", file: file, line: line)
            return nil
        }
        return part
    }

    func multipart(
        _ body: BodyStructure?,
        file: StaticString = #filePath,
        line: UInt = #line
    ) -> BodyStructure.Multipart? {
        guard case .multipart(let multipart)? = body else {
            XCTFail("not a multipart: \(String(describing: body))", file: file, line: line)
            return nil
        }
        return multipart
    }

    // MARK: - RFC examples

    func testRFCSinglePartExample() throws {
        let text = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)"
        let value = try body(text)
        let expected = BodyStructure.singlePart(
            BodyStructure.SinglePart(
                mediaType: "TEXT",
                mediaSubtype: "PLAIN",
                fields: BodyStructure.Fields(
                    parameters: [.init(name: "CHARSET", value: "US-ASCII")],
                    encoding: "7BIT",
                    octets: 3028
                ),
                kind: .text(lines: 92)
            )
        )
        XCTAssertEqual(value, expected)
        XCTAssertFalse(value.hasExtensionData)
        XCTAssertEqual(writtenBody(value), text)
    }

    func testRFCMultipartExample() throws {
        let text = """
            (("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23)\
            ("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "NAME" "cc.diff") \
            "<960723163407.20117h@cac.washington.edu>" "Compiler diff" "BASE64" 4554 73) "MIXED")
            """
        let value = try body(text)
        guard let multipart = multipart(value) else { return }
        XCTAssertEqual(multipart.mediaSubtype, "MIXED")
        XCTAssertEqual(multipart.parts.count, 2)
        XCTAssertNil(multipart.extension)
        let second = singlePart(multipart.parts[1])
        XCTAssertEqual(second?.fields.id, "<960723163407.20117h@cac.washington.edu>")
        XCTAssertEqual(second?.fields.description, "Compiler diff")
        XCTAssertEqual(second?.fields.parameters.last, .init(name: "NAME", value: "cc.diff"))
        XCTAssertEqual(second?.kind, .text(lines: 73))
        XCTAssertEqual(writtenBody(value), text)
        // The RFC prints the parts on separate lines; a space between parts is lenient only.
        let spaced = text.replacingOccurrences(of: "23)(", with: "23) (")
        XCTAssertEqual(try body(spaced, lenient: true), value)
        rejectsBody(spaced, rule: "media-subtype")
    }

    // MARK: - Extension data

    func testAbsentVersusNil() throws {
        let forms = [
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2)",
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL)",
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL)",
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL NIL)",
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL NIL NIL)",
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL NIL NIL NIL)",
        ]
        let values = try forms.map { try body($0) }
        XCTAssertEqual(Set(values).count, forms.count, "each form decodes to a different value")
        for (text, value) in zip(forms, values) { XCTAssertEqual(writtenBody(value), text) }
        let last = singlePart(values[5])
        XCTAssertEqual(last?.extension?.dispositionTail?.languageTail?.locationTail?.extensions, [.nilValue])

        let mforms = [
            "((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\")",
            "((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\" NIL)",
            "((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\" NIL NIL)",
            "((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\" NIL NIL NIL)",
            "((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\" NIL NIL NIL NIL)",
        ]
        let mvalues = try mforms.map { try body($0) }
        XCTAssertEqual(Set(mvalues).count, mforms.count)
        for (text, value) in zip(mforms, mvalues) { XCTAssertEqual(writtenBody(value), text) }
    }

    func testAllExtensionForms() throws {
        let text = """
            (("text" "plain" ("charset" "utf-8" "format" "flowed") "<id@x>" "desc" "quoted-printable" 10 1 \
            "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" ("filename" "a.txt")) ("en" "de") "http://x/a" \
            1 "s" NIL (2 ("deep" (3)) NIL))("image" "png" NIL NIL NIL "base64" 20 NIL ("attachment" NIL) "fr" NIL)\
            ("message" "global" NIL NIL NIL "8bit" 30 (NIL "s" NIL NIL NIL NIL NIL NIL NIL NIL) \
            ("text" "plain" NIL NIL NIL "7bit" 5 1) 3) "mixed" ("boundary" "b") ("attachment" ("x" "y")) \
            NIL NIL 4294967296)
            """
        let value = try body(text)
        guard let multipart = multipart(value) else { return }
        XCTAssertEqual(multipart.parts.count, 3)
        let text0 = multipart.parts[0]
        XCTAssertEqual(text0.md5, "Q2hlY2sgSW50ZWdyaXR5IQ==")
        XCTAssertEqual(
            text0.disposition,
            BodyStructure.Disposition(kind: "inline", parameters: [.init(name: "filename", value: "a.txt")])
        )
        XCTAssertEqual(text0.languages, ["en", "de"])
        XCTAssertEqual(text0.location, "http://x/a")
        XCTAssertEqual(
            text0.extensions,
            [
                .number(1), .string("s"), .nilValue,
                .list([.number(2), .list([.string("deep"), .list([.number(3)])]), .nilValue]),
            ]
        )
        XCTAssertEqual(multipart.parts[1].languages, ["fr"])
        XCTAssertNil(multipart.parts[1].location)
        XCTAssertEqual(multipart.parts[1].disposition, BodyStructure.Disposition(kind: "attachment"))
        guard let global = singlePart(multipart.parts[2]), case .message(let message) = global.kind else {
            return XCTFail("message/global")
        }
        XCTAssertEqual(message.envelope.subject, "s")
        XCTAssertEqual(message.lines, 3)
        XCTAssertEqual(message.body?.mediaSubtype, "plain")
        XCTAssertEqual(value.parameters, [.init(name: "boundary", value: "b")])
        XCTAssertEqual(value.extensions, [.number(4_294_967_296)])
        // A single language is written as a one-element list (Dovecot's form).
        XCTAssertEqual(writtenBody(value), text.replacingOccurrences(of: "\"fr\"", with: "(\"fr\")"))
        XCTAssertEqual(try body(text.replacingOccurrences(of: "\"fr\"", with: "(\"fr\")")), value)
    }

    func testStrictRejects() {
        rejectsBody("()", rule: "body")
        rejectsBody("(\"text\")", rule: "media-basic")
        rejectsBody("(\"text\" NIL NIL NIL NIL \"7bit\" 1 1)", rule: "media-subtype")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1)", rule: "body-type-text")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" x 1)", rule: "body-fld-octets")
        rejectsBody(
            "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 4294967296 1)",
            rule: "body-fld-octets",
            kind: .numberOutOfRange
        )
        rejectsBody("(\"text\" \"plain\" () NIL NIL \"7bit\" 1 1)", rule: "body-fld-param")
        rejectsBody("(\"text\" \"plain\" (\"a\") NIL NIL \"7bit\" 1 1)", rule: "body-fld-param")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL NIL 1 1)", rule: "body-fld-enc")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL \"inline\")", rule: "body-fld-dsp")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL NIL ())", rule: "body-fld-lang")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL NIL NIL ())", rule: "body-fld-loc")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL NIL NIL NIL ())", rule: "body-extension")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL NIL NIL NIL atom)", rule: "body-extension")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 )", rule: "body-fld-md5")
        rejectsBody(
            "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) () 1)",
            rule: "body"
        )
        rejectsBody("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 NIL NIL 1)", rule: "envelope")
        rejectsBody("((\"a\" \"b\" NIL NIL NIL \"7bit\" 1))", rule: "body-type-mpart")
        rejectsBody("((\"a\" \"b\" NIL NIL NIL \"7bit\" 1) \"mixed\" ())", rule: "body-fld-param")
        rejectsBody("(NIL \"mixed\")", rule: "body")
        rejectsBody("(\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL)", rule: "media-subtype")
        rejectsBody("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1", rule: "body")
        rejectsBody("", rule: "body")
    }

    // MARK: - Quirks (real servers)

    func quirk(_ number: String) -> String {
        CorpusSamples.quirkBodyStructures[number] ?? ""
    }

    /// quirk-09 / quirk-43 (Domino): message/rfc822 with an all-NIL envelope and "()" as
    /// its body; 43 also has double spaces.
    func testQuirk09And43EmptyMessageBody() throws {
        for number in ["09", "43"] {
            let value = try body(quirk(number), lenient: true)
            guard let report = multipart(value) else { return }
            XCTAssertEqual(report.mediaSubtype, "report")
            XCTAssertEqual(report.parts.count, 3)
            XCTAssertEqual(report.parts[1].mediaSubtype, "delivery-status")
            guard let rfc822 = singlePart(report.parts[2]), case .message(let message) = rfc822.kind else {
                return XCTFail("message/rfc822")
            }
            XCTAssertEqual(message.envelope, Envelope())
            XCTAssertNil(message.body)
            XCTAssertEqual(message.lines, 0)
            XCTAssertEqual(rfc822.fields.octets, 787)
            // body-type-msg needs the body: the writer refuses the part instead of writing `()`.
            var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
            writer.writeBody(value)
            XCTAssertEqual(writer.failure?.rule, "body-type-msg")
        }
        XCTAssertEqual(try body(quirk("09"), lenient: true), try body(quirk("43"), lenient: true))
        rejectsBody(quirk("09"), rule: "body")
        rejectsBody(quirk("43"), rule: "body-fld-param")
    }

    /// quirk-11 (Gmail): multiparts without children, subtype right after "(".
    func testQuirk11ChildlessMultiparts() throws {
        let value = try body(quirk("11"), lenient: true)
        guard let mixed = multipart(value) else { return }
        XCTAssertEqual(mixed.mediaSubtype, "MIXED")
        XCTAssertEqual(mixed.parts.count, 5)
        XCTAssertEqual(mixed.parts[0].parts.count, 2)
        for part in mixed.parts.dropFirst() {
            guard let related = multipart(part) else { return }
            XCTAssertEqual(related.mediaSubtype, "RELATED")
            XCTAssertEqual(related.parts, [])
            XCTAssertEqual(part.disposition, BodyStructure.Disposition(kind: "ATTACHMENT"))
            XCTAssertEqual(part.languages, [])
        }
        // 1*body: a multipart without parts has no wire form, so the writer refuses it.
        XCTAssertEqual(bodyRefusal(value)?.rule, "body-type-mpart")
        rejectsBody(quirk("11"), rule: "media-subtype")
    }

    /// quirk-13: unescaped quotes inside a media type.
    func testQuirk13UnescapedQuotes() throws {
        let value = try body(quirk("13"), lenient: true)
        guard let mixed = multipart(value) else { return }
        XCTAssertEqual(mixed.parts.count, 2)
        XCTAssertEqual(mixed.parts[0].mediaType, "MOUNDARY=\"_006_5DBB50A5A54730AD4A54730AD4A54730AD4A54730AD42KOS_\"")
        XCTAssertEqual(mixed.parts[0].mediaSubtype, "OCTET-STREAM")
        XCTAssertEqual(mixed.parts[1].disposition?.parameters, [.init(name: "filename", value: "test.dat")])
        XCTAssertEqual(mixed.extension?.dispositionTail, nil)
        XCTAssertEqual(try body(writtenBody(value)), value)
        XCTAssertNotNil(rejectsBody(quirk("13"), rule: "media-basic"))
    }

    /// quirk-15 (Exchange): body-fld-dsp as a bare string.
    func testQuirk15BareDisposition() throws {
        let value = try body(quirk("15"), lenient: true)
        XCTAssertEqual(
            value.parts.map(\.disposition),
            [BodyStructure.Disposition(kind: "inline"), BodyStructure.Disposition(kind: "inline")]
        )
        XCTAssertEqual(value.parts.first?.languages, [])
        XCTAssertEqual(try body(writtenBody(value)), value)
        rejectsBody(quirk("15"), rule: "body-fld-dsp")
    }

    /// quirk-17 (Exchange): octets -1, and a multipart type sent as a single part.
    func testQuirk17NegativeOctets() throws {
        let value = try body(quirk("17"), lenient: true)
        guard let part = singlePart(value) else { return }
        XCTAssertEqual(part.mediaType, "multipart")
        XCTAssertEqual(part.mediaSubtype, "digest")
        XCTAssertEqual(part.kind, .basic)
        XCTAssertEqual(part.fields.octets, 0)
        XCTAssertEqual(part.fields.parameters, [.init(name: "boundary", value: "ommgDs4vJ6fX2nQAghXj4aUy9wsHMMDb")])
        XCTAssertEqual(try body(writtenBody(value)), value)
        rejectsBody(quirk("17"), rule: "body-fld-octets")
    }

    /// quirk-19 (Dovecot): NIL where a multipart's parts belong.
    func testQuirk19NilParts() throws {
        let value = try body(quirk("19"), lenient: true)
        guard let report = multipart(value), report.parts.count == 3 else { return XCTFail("report") }
        guard let rfc822 = singlePart(report.parts[2]), case .message(let message) = rfc822.kind else {
            return XCTFail("message/rfc822")
        }
        XCTAssertEqual(message.envelope.cc.count, 2)
        XCTAssertEqual(message.envelope.messageID, "<D6173425-9D71-4D78-8C3C-1CEB03BCB4D0@example.com>")
        guard let alternative = multipart(message.body) else { return }
        XCTAssertEqual(alternative.parts, [])
        XCTAssertEqual(alternative.mediaSubtype, "alternative")
        XCTAssertEqual(alternative.extension?.parameters.first?.name, "boundary")
        XCTAssertEqual(message.lines, 17)
        XCTAssertEqual(bodyRefusal(value)?.rule, "body-type-mpart")
        XCTAssertEqual(bodyRefusal(value)?.kind, .empty)
        rejectsBody(quirk("19"), rule: "body")
    }

    /// quirk-21: "()" where body-fld-loc belongs, and spaces between parts.
    func testQuirk21EmptyListForLocation() throws {
        let value = try body(quirk("21"), lenient: true)
        XCTAssertEqual(value.parts.count, 4)
        for part in value.parts {
            XCTAssertNil(part.location)
            XCTAssertNotNil(part.dispositionTail?.languageTail?.locationTail)
        }
        XCTAssertEqual(value.parts[1].disposition?.parameters.count, 4)
        XCTAssertEqual(value.languages, ["de-DE"])
        XCTAssertEqual(try body(writtenBody(value)), value)
        rejectsBody(quirk("21"), rule: "body-fld-loc")
    }

    // MARK: - Corpus

    func testDovecotBodyStructures() throws {
        XCTAssertGreaterThan(CorpusSamples.dovecotBodyStructures.count, 10)
        for text in CorpusSamples.dovecotBodyStructures {
            let value = try body(text)
            XCTAssertTrue(value.hasExtensionData, text)
            XCTAssertEqual(try body(text, lenient: true), value)
            // Dovecot's forms are the writer's: the bytes come back unchanged, except
            // that Dovecot sends strings holding quotes as literals.
            if !text.contains("}\r\n") { XCTAssertEqual(writtenBody(value), text) }
            XCTAssertEqual(try body(writtenBody(value)), value)
        }
    }

    func testDovecotBodies() throws {
        XCTAssertGreaterThan(CorpusSamples.dovecotBodies.count, 5)
        for text in CorpusSamples.dovecotBodies {
            let value = try body(text)
            XCTAssertFalse(value.hasExtensionData, text)
            if !text.contains("}\r\n") { XCTAssertEqual(writtenBody(value), text) }
            XCTAssertEqual(try body(writtenBody(value)), value)
        }
    }

    // MARK: - Nesting

    func testDeepNestingRejected() {
        let deep = String(repeating: "(", count: 100_000)
        let error = rejectsBody(deep, rule: "body", kind: .nestingTooDeep)
        XCTAssertNotNil(error)
        XCTAssertNotNil(rejectsBody(deep, lenient: true, rule: "body", kind: .nestingTooDeep))
        let ext = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL NIL NIL " + deep
        XCTAssertNotNil(rejectsBody(ext, rule: "body-extension", kind: .nestingTooDeep))
        // Nested message/rfc822 parts count too.
        let message = "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
        let nested =
            String(repeating: message, count: 200) + "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)"
            + String(repeating: " 1)", count: 200)
        XCTAssertNotNil(rejectsBody(nested, rule: "body", kind: .nestingTooDeep))
    }

    func testNestingWithinLimit() throws {
        var text = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)"
        for _ in 0..<99 { text = "(" + text + " \"mixed\")" }
        var value = try body(text)
        var depth = 1
        while case .multipart(let multipart) = value, let first = multipart.parts.first {
            value = first
            depth += 1
        }
        XCTAssertEqual(depth, 100)
        text = "(" + text + " \"mixed\")"
        rejectsBody(text, rule: "body", kind: .nestingTooDeep)
    }

    // MARK: - Round trips

    func testGeneratedRoundTripStrict() throws {
        var g = SeededGenerator(seed: 0xB0D7)
        let generator = BodyGenerator(lenientForms: false)
        for i in 0..<600 {
            let value = generator.body(&g, depth: 4, extensions: i % 3 != 0)
            let bytes = rawBody(value)
            for lenient in [false, true] {
                let back = try parse(
                    bytes,
                    lenient: lenient,
                    { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() }
                )
                XCTAssertEqual(back, value, String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    func testGeneratedRoundTripLenientForms() throws {
        var g = SeededGenerator(seed: 0x1E41)
        let generator = BodyGenerator(lenientForms: true)
        for i in 0..<400 {
            let value = generator.body(&g, depth: 4, extensions: i % 2 == 0)
            let bytes = rawBody(value)
            let back = try parse(
                bytes,
                lenient: true,
                { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() }
            )
            XCTAssertEqual(back, value, String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension BodyStructure {
    /// The multipart's extension parameters (tests only).
    var parameters: SharedList<Parameter> {
        if case .multipart(let multipart) = self { return multipart.extension?.parameters ?? [] }
        return []
    }
}
