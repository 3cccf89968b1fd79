import XCTest
@testable import IMAPCodec

/// Parses `text` with `rule`, writes the value back with `write`, and returns both.
func fetchBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The bytes `write` produces for a value, as a String.
func writtenString(_ body: (inout IMAPWriter) -> Void) -> String {
    written(options: EncodingOptions(literalMode: .response), body)
}

/// A BODY[...]/msg-att parse in lenient or strict mode over raw bytes, requiring the
/// whole input to be consumed.
func parseMsgAtt(_ text: String, lenient: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> [MessageAttribute] {
    try parse(text, lenient: lenient, { (s: inout ParserState) throws(IMAPDecodingError) in try s.msgAtt() }, file: file, line: line)
}
