import XCTest

@testable import IMAPCodec

/// Part numbers as RFC 9051 section 6.4.5 gives them (its example, as a BODYSTRUCTURE).
final class PartNumberTests: XCTestCase {
    func structure(_ text: String) throws -> BodyStructure {
        let response = try ResponseDecoder.decode(Array("* 1 FETCH (BODYSTRUCTURE \(text))\r\n".utf8))
        guard case .untagged(.fetch(_, let items)) = response, case .bodyStructure(let body)? = items.first else {
            XCTFail("not a BODYSTRUCTURE: \(response)")
            throw IMAPDecodingError(kind: .syntax, rule: "body", offset: 0, message: "not a BODYSTRUCTURE")
        }
        return body
    }

    func listing(_ body: BodyStructure) -> [String] {
        body.numberedParts.map { "\($0.section) \($0.part.mediaType.stringValue)/\($0.part.mediaSubtype.stringValue)" }
    }

    func testTheRFCExample() throws {
        let text = "TEXT/PLAIN"
        let plain = #"("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1)"#
        let octets = #"("APPLICATION" "OCTET-STREAM" NIL NIL NIL "BASE64" 20)"#
        let envelope = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"
        let message3 =
            #"("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 300 "# + envelope + " (" + plain + octets
            + #" "MIXED") 12)"#
        let alternative = "(" + plain + #"("TEXT" "RICHTEXT" NIL NIL NIL "7BIT" 10 1) "ALTERNATIVE")"#
        let message42 =
            #"("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 400 "# + envelope + " (" + plain + alternative
            + #" "MIXED") 14)"#
        let part4 = #"(("IMAGE" "GIF" NIL NIL NIL "BASE64" 30)"# + message42 + #" "MIXED")"#
        let body = try structure("(" + plain + octets + message3 + part4 + #" "MIXED")"#)
        XCTAssertEqual(
            listing(body),
            [
                "1 \(text)", "2 APPLICATION/OCTET-STREAM", "3 MESSAGE/RFC822", "3.1 \(text)",
                "3.2 APPLICATION/OCTET-STREAM", "4 MULTIPART/MIXED", "4.1 IMAGE/GIF", "4.2 MESSAGE/RFC822",
                "4.2.1 \(text)", "4.2.2 MULTIPART/ALTERNATIVE", "4.2.2.1 \(text)", "4.2.2.2 TEXT/RICHTEXT",
            ]
        )
        XCTAssertEqual(body[part: [4, 2, 2, 2]]?.mediaSubtype, "RICHTEXT")
        XCTAssertEqual(body[part: [3]]?.mediaType, "MESSAGE")
        XCTAssertNil(body[part: [5]])
        XCTAssertNil(body[part: []])
    }

    func testAMessageThatIsNotMultipartHasAPartOne() throws {
        let body = try structure(#"("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)"#)
        XCTAssertEqual(listing(body), ["1 TEXT/PLAIN"])
        // An enclosed message that is not multipart: its part is 1.1.
        let forwarded = try structure(
            #"("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 300 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ("TEXT" "HTML" NIL NIL NIL "QUOTED-PRINTABLE" 10 1) 12)"#
        )
        XCTAssertEqual(listing(forwarded), ["1 MESSAGE/RFC822", "1.1 TEXT/HTML"])
        XCTAssertEqual(forwarded[part: [1, 1]]?.mediaSubtype, "HTML")
    }
}
