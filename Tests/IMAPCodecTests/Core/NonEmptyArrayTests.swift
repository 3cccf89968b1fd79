import Foundation
import XCTest

@testable import IMAPCodec

/// `NonEmptyArray`: the lists the grammar needs an element in cannot be built empty, by
/// hand or from JSON.
final class NonEmptyArrayTests: XCTestCase {
    func testFailableInitRefusesAnEmptySequence() {
        XCTAssertNil(NonEmptyArray<Int>([]))
        XCTAssertNil(NonEmptyArray(EmptyCollection<Int>()))
        XCTAssertNil(NonEmptyArray<Int>((0..<0).map { $0 }))
        XCTAssertNil(NonEmptyArray<Capability>([]))
        let list = NonEmptyArray<Int>([3, 1, 2])
        XCTAssertEqual(list?.array, [3, 1, 2])
        XCTAssertEqual(NonEmptyArray<Int>(1..<4)?.array, [1, 2, 3])
        // Without a type to build, an array argument is the one element of a list of arrays.
        XCTAssertEqual(NonEmptyArray([3, 1, 2]).count, 1)
    }

    func testFirstAndLastAreNotOptional() {
        let list = NonEmptyArray("a", "b", "c")
        let first: String = list.first
        let last: String = list.last
        XCTAssertEqual(first, "a")
        XCTAssertEqual(last, "c")
        XCTAssertEqual(NonEmptyArray(7).array, [7])
        XCTAssertEqual(NonEmptyArray(7).first, NonEmptyArray(7).last)
    }

    func testCollectionAndMutation() {
        var list = NonEmptyArray(1, 2)
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(Array(list), [1, 2])
        XCTAssertEqual(list.map { $0 * 10 }, [10, 20])
        list[1] = 5
        list.append(6)
        list.append(contentsOf: [7, 8])
        XCTAssertEqual(list.array, [1, 5, 6, 7, 8])
        XCTAssertEqual(list.reversed(), [8, 7, 6, 5, 1])
        XCTAssertEqual(list.description, "[1, 5, 6, 7, 8]")
        XCTAssertEqual(NonEmptyArray(1, 2), NonEmptyArray<Int>([1, 2]))
        XCTAssertNotEqual(NonEmptyArray(1, 2), NonEmptyArray(2, 1))
        XCTAssertEqual(Set([NonEmptyArray(1), NonEmptyArray(1), NonEmptyArray(2)]).count, 2)
    }

    func testJSONIsAnArrayAndAnEmptyOneIsRefused() throws {
        let data = try JSONEncoder().encode(NonEmptyArray("x", "y"))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["x","y"]"#)
        XCTAssertEqual(try JSONDecoder().decode(NonEmptyArray<String>.self, from: data), NonEmptyArray("x", "y"))
        XCTAssertThrowsError(try JSONDecoder().decode(NonEmptyArray<String>.self, from: Data("[]".utf8))) { error in
            guard case DecodingError.dataCorrupted(let context) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(context.debugDescription.contains("at least one element"), context.debugDescription)
        }
    }
}
