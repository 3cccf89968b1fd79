import Foundation
import XCTest

@testable import IMAPCodec

// The JSON model (Docs/JSON.md): every value survives JSONEncoder → JSONDecoder exactly,
// decoding goes through the validating initializers, and a refused field is named by its path.

final class JSONModelTests: XCTestCase {
    func roundTrip<T: Codable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let data = try JSONEncoder().encode(value)
            let back = try JSONDecoder().decode(T.self, from: data)
            XCTAssertEqual(back, value, String(decoding: data, as: UTF8.self), file: file, line: line)
        } catch {
            XCTFail("\(value): \(error)", file: file, line: line)
        }
    }

    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The error decoding `text` as `T` gives, as `path: message`.
    func refusal<T: Decodable>(_ type: T.Type, _ text: String) -> String? {
        do {
            _ = try JSONDecoder().decode(T.self, from: Data(text.utf8))
            return nil
        } catch let DecodingError.dataCorrupted(context) {
            return context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                + ": " + context.debugDescription
        } catch {
            return "\(error)"
        }
    }

    func testEveryResponseCaseFromTheGenerator() {
        var g = TopLevelGenerator(seed: 0x4A53_4F4E)
        for _ in 0..<20 {
            for which in ResponseCase.allCases { roundTrip(g.response(which)) }
        }
    }

    func testEveryClientMessageCaseFromTheGenerator() {
        var g = TopLevelGenerator(seed: 0x4A53_4F4F)
        for _ in 0..<20 {
            for which in MessageCase.allCases { roundTrip(g.message(which)) }
        }
    }

    func testEveryValueOfTheFixturesSurvives() throws {
        let directory = fixturesDirectory + "/dovecot"
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            if name.hasSuffix(".s2c") {
                for value in decodeAll(responses: Array(data)).values {
                    roundTrip(value)
                    checked += 1
                }
            } else if name.hasSuffix(".c2s") {
                for value in decodeAll(commands: Array(data)).values {
                    roundTrip(value)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testShapes() throws {
        XCTAssertEqual(
            try json(Response.ok(Tag("A1")!, code: .uidNext(5), "done")),
            #"{"tagged":{"status":"ok","tag":"A1","text":{"code":{"uidNext":5},"text":"done"}}}"#
        )
        XCTAssertEqual(
            try json(ClientMessage.command(Command(tag: Tag("a")!, .login(user: "u", password: "p")))),
            #"{"command":{"kind":{"login":{"password":"p","user":"u"}},"tag":"a"}}"#
        )
        XCTAssertEqual(try json(ClientMessage.idleDone), #""idleDone""#)
        XCTAssertEqual(
            try json(SequenceSet([.range(.number(5), .last), .single(.number(2)), .lastCommand])),
            #""5:*,2,$""#
        )
        XCTAssertEqual(try json(ByteString([0xFF, 0x00, 0x41])), #"{"base64":"/wBB"}"#)
        XCTAssertEqual(try json(ByteString("Grüße")), #""Grüße""#)
        XCTAssertEqual(try json(Flag.seen), #""\\Seen""#)
        XCTAssertEqual(
            try json(CommandKind.copy(SequenceSet(1...3), "Trash", uid: true)),
            #"{"copy":{"mailbox":"Trash","set":"1:3","uid":true}}"#
        )
        XCTAssertEqual(try json(SequenceNumber.last), #""*""#)
    }

    func testBytesOfEveryKind() {
        for bytes in [[], [0], [0xFF], [0xC3], [0xC3, 0xA9], [0x0D, 0x0A], Array(0...255), [0xED, 0xA0, 0x80]]
            as [[UInt8]]
        {
            roundTrip(ByteString(bytes))
            roundTrip(MailboxName(bytes: ByteString(bytes)))
        }
        for length in 0..<9 {
            roundTrip(ByteString((0..<length).map { UInt8(0x80 | $0) }))
        }
    }

    func testValuesOfManyKinds() throws {
        roundTrip(IMAPDate(year: 2024, month: 2, day: 29)!)
        roundTrip(
            IMAPDateTime(
                date: IMAPDate(year: 1999, month: 12, day: 31)!,
                hour: 23,
                minute: 59,
                second: 60,
                zoneMinutes: -330
            )!
        )
        roundTrip(
            SearchKey.or(
                .not(.seen),
                .and(NonEmptyArray(.header(field: "X-A", value: "b"), .uid(.all), .larger(1 << 40)))
            )
        )
        roundTrip(SearchKey.modSequence(entry: ModSequenceEntry(flag: .seen, type: .priv), value: UInt64.max))
        roundTrip(
            MessageAttribute.bodySection(
                SectionSpec(part: [1, 2], kind: .headerFields(["From", "To"])),
                origin: 7,
                data: nil
            )
        )
        roundTrip(
            MessageAttribute.internalDate(
                IMAPDateTime(
                    date: IMAPDate(year: 2020, month: 1, day: 2)!,
                    hour: 3,
                    minute: 4,
                    second: 5,
                    zoneMinutes: 60
                )!
            )
        )
        roundTrip(MailboxListData(attributes: [.hasChildren, .noSelect], delimiter: "/", mailbox: "a/b"))
        roundTrip(MailboxListData(attributes: [], delimiter: nil, mailbox: .inbox))
        roundTrip(
            NamespaceResponse(personal: [NamespaceDescription(prefix: "", delimiter: ".")], otherUsers: [], shared: [])
        )
        let part = BodyStructure.singlePart(
            .init(
                mediaType: "TEXT",
                mediaSubtype: "PLAIN",
                fields: .init(parameters: [.init(name: "CHARSET", value: "UTF-8")], octets: 12),
                kind: .text(lines: 1)
            )
        )
        roundTrip(
            BodyStructure.multipart(
                .init(
                    parts: [part, part],
                    mediaSubtype: "MIXED",
                    extension: .init(parameters: [], dispositionTail: nil)
                )
            )
        )
        roundTrip(
            Envelope(
                subject: ByteString([0xFF]),
                from: [Address(name: "A", mailbox: "a", host: "b")],
                to: [.groupStart("g"), .groupEnd]
            )
        )
        roundTrip(StatusValue.other(StatusAttribute("X-FOO")!, .list([.astring("a"), .list([])])))
        roundTrip(
            ESearchResponse(
                tag: "A1",
                mailbox: "INBOX",
                uidValidity: 3,
                uid: true,
                data: [.count(3), .all(SequenceSet(1...3)), .partial(.first(from: 1, to: 5), nil)]
            )
        )
        roundTrip(UntaggedResponse.thread([MessageThread(messages: [1, 2], branches: [MessageThread(messages: [3])])]))
        roundTrip(Capability.auth("PLAIN")!)
        roundTrip(ResponseCode.other(name: Atom("X-CODE")!, value: "v"))
        roundTrip(ResponseCode.simple(.alreadyExists))
    }

    func testDecodingRefusesInvalidFieldsAndNamesThem() throws {
        let bad = refusal(Response.self, #"{"tagged":{"tag":"A1","status":"ok","text":{"text":"done\r\n* 5 EXISTS"}}}"#)
        XCTAssertTrue(bad?.hasPrefix("tagged.text.text: ") == true, bad ?? "accepted")
        let flag = refusal(Response.self, #"{"untagged":{"flags":["\\Seen","two words"]}}"#)
        XCTAssertTrue(flag?.hasPrefix("untagged.flags.[1]: ") == true, flag ?? "accepted")
        let tag = refusal(Response.self, #"{"tagged":{"tag":"A+1","status":"ok","text":{"text":""}}}"#)
        XCTAssertTrue(tag?.hasPrefix("tagged.tag: not a valid tag") == true, tag ?? "accepted")
        let atom = refusal(ClientMessage.self, #"{"command":{"tag":"a","kind":{"compress":"DEFLATE\r\nA2 LOGOUT"}}}"#)
        XCTAssertTrue(atom?.hasPrefix("command.kind.compress: ") == true, atom ?? "accepted")
        let set = refusal(ClientMessage.self, #"{"command":{"tag":"a","kind":{"uidExpunge":"0:5"}}}"#)
        XCTAssertTrue(set?.hasPrefix("command.kind.uidExpunge: not a sequence set") == true, set ?? "accepted")
        let unknownCase = refusal(ClientMessage.self, #"{"command":{"tag":"a","kind":"frobnicate"}}"#)
        XCTAssertTrue(unknownCase?.contains("unknown case \"frobnicate\"") == true, unknownCase ?? "accepted")
        let unknownField = refusal(ClientMessage.self, #"{"command":{"tag":"a","kind":"noop","extra":1}}"#)
        XCTAssertTrue(
            unknownField?.hasPrefix("command.extra: Command has no field") == true,
            unknownField ?? "accepted"
        )
        let base64 = refusal(ByteString.self, #"{"base64":"abc"}"#)
        XCTAssertTrue(base64?.hasPrefix("base64: not valid base64") == true, base64 ?? "accepted")
        let date = refusal(IMAPDate.self, #"{"year":2023,"month":2,"day":29}"#)
        XCTAssertNotNil(date)
        let delimiter = refusal(MailboxListData.self, #"{"attributes":[],"delimiter":"ab","mailbox":"x"}"#)
        XCTAssertTrue(delimiter?.hasPrefix("delimiter: expected one character") == true, delimiter ?? "accepted")
    }

    func testDefaultsMayBeLeftOut() throws {
        let text = #"{"command":{"tag":"a","kind":{"copy":{"set":"1","mailbox":"Trash"}}}}"#
        let message = try JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8))
        XCTAssertEqual(message, .command(Command(tag: Tag("a")!, .copy(SequenceSet(1), "Trash"))))
    }
}
