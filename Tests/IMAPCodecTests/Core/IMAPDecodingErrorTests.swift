import XCTest

@testable import IMAPCodec

/// The error's kind is a code struct: distinct values, named as their static members, and
/// matched in a `switch` by value.
final class IMAPDecodingErrorTests: XCTestCase {
    func testKindsAreDistinctAndNamedAsTheirMembers() {
        let kinds: [(IMAPDecodingError.Kind, String)] = [
            (.syntax, "syntax"), (.numberOutOfRange, "numberOutOfRange"), (.lineTooLong, "lineTooLong"),
            (.literalTooLarge, "literalTooLarge"), (.frameTooLarge, "frameTooLarge"),
            (.nestingTooDeep, "nestingTooDeep"), (.valuesTooLarge, "valuesTooLarge"), (.truncated, "truncated"),
        ]
        XCTAssertEqual(Set(kinds.map(\.0)).count, kinds.count)
        for (kind, name) in kinds {
            XCTAssertEqual(kind.description, name)
            XCTAssertEqual("\(kind)", name)
        }
    }

    func testKindsMatchInASwitch() {
        func label(_ kind: IMAPDecodingError.Kind) -> String {
            switch kind {
            case .syntax: return "bad bytes"
            case .lineTooLong, .frameTooLarge, .literalTooLarge, .valuesTooLarge: return "too large"
            default: return "other"
            }
        }
        XCTAssertEqual(label(.syntax), "bad bytes")
        XCTAssertEqual(label(.valuesTooLarge), "too large")
        XCTAssertEqual(label(.nestingTooDeep), "other")
        var decoder = ResponseDecoder()
        decoder.append(Array("* 1 FETCH (UID x)\r\n".utf8))
        XCTAssertThrowsError(try decoder.next()) { error in
            XCTAssertEqual(label((error as? IMAPDecodingError)?.kind ?? .truncated), "bad bytes")
        }
    }
}
