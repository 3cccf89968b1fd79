import XCTest

@testable import IMAPCodec

/// The envelope and body-structure types keep their fields in an internal storage struct
/// (so that building one costs no copy; Docs/Architecture.md, "Values built once"). That
/// must stay invisible: the public properties read, write and mutate in place with value
/// semantics, and the values print and dump as the plain structs they were.
final class ValueStorageTests: XCTestCase {
    func testPropertiesMutateInPlaceWithValueSemantics() {
        var address = Address(name: "Ann", mailbox: "ann", host: "example.org")
        let copy = address
        address.host = "example.net"
        address.name?.bytes.append(0x21)
        XCTAssertEqual(address, Address(name: "Ann!", mailbox: "ann", host: "example.net"))
        XCTAssertEqual(copy, Address(name: "Ann", mailbox: "ann", host: "example.org"))

        var envelope = Envelope(subject: "Hi", from: [copy])
        let before = envelope
        envelope.from.append(address)
        envelope.to = envelope.from
        envelope.messageID = "<1@x>"
        XCTAssertEqual(envelope.from, [copy, address])
        XCTAssertEqual(envelope.to, [copy, address])
        XCTAssertEqual(envelope.messageID, "<1@x>")
        XCTAssertEqual(before.from, [copy])
        XCTAssertNil(before.messageID)

        var part = BodyStructure.SinglePart(mediaType: "TEXT", mediaSubtype: "PLAIN", kind: .text(lines: 3))
        let original = part
        part.fields.parameters.append(BodyStructure.Parameter(name: "CHARSET", value: "UTF-8"))
        part.fields.octets = 12
        part.extension = BodyStructure.SinglePart.Extension(md5: "abc")
        part.extension?.dispositionTail = BodyStructure.DispositionTail(
            disposition: BodyStructure.Disposition(kind: "INLINE"),
            languageTail: BodyStructure.LanguageTail(languages: ["en"])
        )
        part.extension?.dispositionTail?.languageTail?.locationTail = BodyStructure.LocationTail(location: "a/b")
        part.extension?.dispositionTail?.languageTail?.locationTail?.extensions.append(.number(7))
        XCTAssertEqual(part.fields.parameters.map(\.value), ["UTF-8"])
        XCTAssertEqual(part.fields.octets, 12)
        XCTAssertEqual(BodyStructure.singlePart(part).location, "a/b")
        XCTAssertEqual(BodyStructure.singlePart(part).extensions, [.number(7)])
        XCTAssertEqual(BodyStructure.singlePart(part).languages, ["en"])
        XCTAssertEqual(original.fields.parameters, [])
        XCTAssertNil(original.extension)

        var multipart = BodyStructure.Multipart(parts: [.singlePart(original)], mediaSubtype: "MIXED")
        multipart.parts.append(.singlePart(part))
        multipart.extension = BodyStructure.Multipart.Extension(parameters: [
            BodyStructure.Parameter(name: "BOUNDARY", value: "x")
        ])
        multipart.extension?.parameters[0].value = "y"
        XCTAssertEqual(multipart.parts.count, 2)
        XCTAssertEqual(multipart.extension?.parameters.first?.value, "y")
        var message = BodyStructure.Message(envelope: envelope, body: .multipart(multipart), lines: 1)
        message.lines += 1
        message.envelope.subject = "Re: Hi"
        XCTAssertEqual(message.lines, 2)
        XCTAssertEqual(message.envelope.subject, "Re: Hi")
        XCTAssertEqual(envelope.subject, "Hi")
    }

    /// Equal fields, equal values and hashes; any field differing, different values.
    func testEqualityAndHashingFollowTheFields() {
        let a = Address(name: "A", adl: nil, mailbox: "a", host: "h")
        XCTAssertEqual(a, Address(name: "A", mailbox: "a", host: "h"))
        XCTAssertEqual(a.hashValue, Address(name: "A", mailbox: "a", host: "h").hashValue)
        XCTAssertNotEqual(a, Address(name: "A", adl: "r", mailbox: "a", host: "h"))
        XCTAssertNotEqual(a, Address(name: nil, mailbox: "a", host: "h"))
        let fields = BodyStructure.Fields(id: "<i>", encoding: "BASE64", octets: 4)
        XCTAssertEqual(fields, BodyStructure.Fields(id: "<i>", encoding: "BASE64", octets: 4))
        XCTAssertNotEqual(fields, BodyStructure.Fields(id: "<i>", encoding: "BASE64", octets: 5))
        XCTAssertNotEqual(fields, BodyStructure.Fields(description: "<i>", encoding: "BASE64", octets: 4))
        XCTAssertEqual(Set([fields, fields, BodyStructure.Fields()]).count, 2)
    }

    /// `print`, `String(describing:)` and `dump` show the public fields in declaration
    /// order, as for a plain struct.
    func testValuesPrintAsStructs() {
        func check<T>(_ value: T, _ type: String, _ fields: [String], line: UInt = #line) {
            let text = String(describing: value)
            XCTAssertTrue(text.hasPrefix(type + "("), text, line: line)
            var rest = Substring(text)
            for field in fields {
                guard let range = rest.range(of: field + ": ") else {
                    XCTFail("\(field) missing or out of order in \(text)", line: line)
                    return
                }
                rest = rest[range.upperBound...]
            }
            XCTAssertFalse(text.contains("storage"), text, line: line)
            var dumped = ""
            dump(value, to: &dumped)
            for field in fields { XCTAssertTrue(dumped.contains(field), "\(field) not in dump: \(dumped)", line: line) }
        }
        check(Address(name: "A"), "Address", ["name", "adl", "mailbox", "host"])
        XCTAssertEqual(
            String(describing: Address(mailbox: "a")),
            #"Address(name: nil, adl: nil, mailbox: Optional("a"), host: nil)"#
        )
        check(
            Envelope(),
            "Envelope",
            ["date", "subject", "from", "sender", "replyTo", "to", "cc", "bcc", "inReplyTo", "messageID"]
        )
        check(BodyStructure.Fields(), "Fields", ["parameters", "id", "description", "encoding", "octets"])
        check(BodyStructure.DispositionTail(), "DispositionTail", ["disposition", "languageTail"])
        check(BodyStructure.LanguageTail(), "LanguageTail", ["languages", "locationTail"])
        check(BodyStructure.LocationTail(), "LocationTail", ["location", "extensions"])
        check(
            BodyStructure.SinglePart(mediaType: "TEXT", mediaSubtype: "PLAIN"),
            "SinglePart",
            ["mediaType", "mediaSubtype", "fields", "kind", "extension"]
        )
        check(BodyStructure.SinglePart.Extension(), "Extension", ["md5", "dispositionTail"])
        check(
            BodyStructure.Message(envelope: Envelope(), body: nil, lines: 0),
            "Message",
            ["envelope", "body", "lines"]
        )
        check(
            BodyStructure.Multipart(parts: [], mediaSubtype: "MIXED"),
            "Multipart",
            ["parts", "mediaSubtype", "extension"]
        )
        check(BodyStructure.Multipart.Extension(), "Extension", ["parameters", "dispositionTail"])
    }
}
