import XCTest

@testable import IMAPCodec

/// Decodes one command (strict unless `lenient`), encodes it, and checks both directions.
@discardableResult
func assertCommandRoundTrip(
    _ wire: String,
    lenient: Bool = false,
    canonical: String? = nil,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> CommandKind? {
    let (values, errors) = decodeAll(commands: Array(wire.utf8), options: CommandDecoder.Options(lenient: lenient))
    XCTAssertEqual(errors, [], "decoding \(wire.debugDescription)", file: file, line: line)
    guard values.count == 1, case .command(let command) = values[0] else {
        XCTFail("expected one command from \(wire.debugDescription), got \(values)", file: file, line: line)
        return nil
    }
    let chunks = try CommandEncoder(capabilities: [.literalPlus]).encode(command)
    let bytes = chunks.flatMap(\.bytes)
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), canonical ?? wire, file: file, line: line)
    let again = decodeAll(commands: bytes)
    XCTAssertEqual(again.values, [.command(command)], "reading back", file: file, line: line)
    return command.kind
}

/// Decodes one response (strict unless `lenient`), encodes it, and checks both directions.
@discardableResult
func assertResponseRoundTrip(
    _ wire: String,
    lenient: Bool = false,
    canonical: String? = nil,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> Response? {
    let response: Response
    do {
        response = try ResponseDecoder.decode(Array(wire.utf8), options: ResponseDecoder.Options(lenient: lenient))
    } catch {
        XCTFail("decoding \(wire.debugDescription): \(error)", file: file, line: line)
        return nil
    }
    let bytes = try ResponseEncoder().encode(response)
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), canonical ?? wire, file: file, line: line)
    XCTAssertEqual(try ResponseDecoder.decode(bytes, options: .init(lenient: false)), response, file: file, line: line)
    return response
}

/// Asserts that strict (or lenient) decoding of one command fails naming `rule`.
func assertCommandRejected(
    _ wire: String,
    lenient: Bool = false,
    rule: String,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    let (values, errors) = decodeAll(commands: Array(wire.utf8), options: CommandDecoder.Options(lenient: lenient))
    XCTAssertEqual(values, [], "accepted \(wire.debugDescription)", file: file, line: line)
    XCTAssertEqual(errors.first?.rule, rule, "rule for \(wire.debugDescription)", file: file, line: line)
}

/// Asserts that decoding one response fails naming `rule`.
func assertResponseRejected(
    _ wire: String,
    lenient: Bool = false,
    rule: String,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    do {
        let value = try ResponseDecoder.decode(Array(wire.utf8), options: ResponseDecoder.Options(lenient: lenient))
        XCTFail("accepted \(wire.debugDescription) as \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.rule, rule, "rule for \(wire.debugDescription)", file: file, line: line)
    }
}

/// Asserts that encoding a command is refused naming `rule`.
func assertCommandRefused(
    _ kind: CommandKind,
    rule: String,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    do {
        let chunks = try CommandEncoder().encode(Command(tag: Tag("A1")!, kind))
        XCTFail("wrote \(String(decoding: chunks.flatMap(\.bytes), as: UTF8.self))", file: file, line: line)
    } catch {
        XCTAssertEqual(error.rule, rule, file: file, line: line)
    }
}

/// Asserts that encoding a response is refused naming `rule`.
func assertResponseRefused(
    _ response: Response,
    rule: String,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    do {
        let bytes = try ResponseEncoder().encode(response)
        XCTFail("wrote \(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
    } catch {
        XCTAssertEqual(error.rule, rule, file: file, line: line)
    }
}
