import XCTest

@testable import IMAPCodec

/// A deterministic random generator (SplitMix64) for seeded value generators and
/// mutation tests: the same seed gives the same sequence on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs one grammar rule over `text` (UTF-8) and requires that it consumed everything.
func parse<T>(
    _ text: String,
    lenient: Bool = false,
    utf8Accept: Bool = false,
    _ rule: (inout ParserState) throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> T {
    try parse(Array(text.utf8), lenient: lenient, utf8Accept: utf8Accept, rule, file: file, line: line)
}

/// Runs one grammar rule over `bytes` and requires that it consumed everything.
func parse<T>(
    _ bytes: [UInt8],
    lenient: Bool = false,
    utf8Accept: Bool = false,
    _ rule: (inout ParserState) throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> T {
    var state = ParserState(bytes, options: ParseOptions(lenient: lenient, utf8Accept: utf8Accept))
    let value = try rule(&state)
    XCTAssertEqual(state.index, bytes.count, "rule did not consume all input", file: file, line: line)
    return value
}

/// Asserts that a rule rejects `text`, naming `rule` in the error, and returns the error.
@discardableResult
func assertRejects<T>(
    _ text: String,
    lenient: Bool = false,
    rule expectedRule: String? = nil,
    kind: IMAPDecodingError.Kind? = nil,
    _ rule: (inout ParserState) throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) -> IMAPDecodingError? {
    var state = ParserState(Array(text.utf8), options: ParseOptions(lenient: lenient))
    do {
        let value = try rule(&state)
        if state.index == text.utf8.count {
            XCTFail("accepted \(text.debugDescription) as \(value)", file: file, line: line)
        }
        return nil
    } catch {
        guard let error = error as? IMAPDecodingError else {
            XCTFail("unexpected error type \(error)", file: file, line: line)
            return nil
        }
        if let expectedRule {
            XCTAssertEqual(error.rule, expectedRule, "rule for \(text.debugDescription)", file: file, line: line)
        }
        if let kind { XCTAssertEqual(error.kind, kind, "kind for \(text.debugDescription)", file: file, line: line) }
        return error
    }
}

/// Writes with an `IMAPWriter` and returns the bytes as a String (UTF-8, lossy).
func written(
    options: EncodingOptions = EncodingOptions(literalMode: .response),
    _ body: (inout IMAPWriter) -> Void
) -> String {
    var writer = IMAPWriter(options: options)
    body(&writer)
    return String(decoding: writer.finishBytes(), as: UTF8.self)
}

/// The repository's Fixtures folder (tests never read ../shared).
let fixturesDirectory: String = {
    var path = "\(#filePath)"
    for _ in 0..<4 { path = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) }
    return path + "/Fixtures"
}()

/// Decodes a whole stream of responses: the values and the errors, in order.
func decodeAll(
    responses bytes: [UInt8],
    options: ResponseDecoder.Options = .init()
) -> (values: [Response], errors: [IMAPDecodingError]) {
    var decoder = ResponseDecoder(options: options)
    decoder.append(bytes)
    var values: [Response] = []
    var errors: [IMAPDecodingError] = []
    while true {
        do {
            guard let response = try decoder.next() else { break }
            values.append(response)
        } catch {
            errors.append(error)
        }
    }
    return (values, errors)
}

/// Decodes a whole stream of commands (every literal accepted): the messages and the errors.
func decodeAll(
    commands bytes: [UInt8],
    options: CommandDecoder.Options = .init()
) -> (values: [ClientMessage], errors: [IMAPDecodingError]) {
    var decoder = CommandDecoder(options: options)
    decoder.append(bytes)
    var values: [ClientMessage] = []
    var errors: [IMAPDecodingError] = []
    while true {
        do {
            guard let event = try decoder.next() else { break }
            if case .message(let message) = event { values.append(message) }
        } catch {
            errors.append(error)
        }
    }
    return (values, errors)
}
