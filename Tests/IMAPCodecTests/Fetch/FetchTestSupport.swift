import XCTest

@testable import IMAPCodec

/// The bytes `write` produces for a value, as a String.
func writtenString(_ body: (inout IMAPWriter) -> Void) -> String {
    written(options: EncodingOptions(literalMode: .response), body)
}

/// Parses a msg-att list (strict unless `lenient`), requiring all input consumed.
func parseMsgAtt(
    _ text: String,
    lenient: Bool = false,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> [MessageAttribute] {
    try parse(
        text,
        lenient: lenient,
        { (s: inout ParserState) throws(IMAPDecodingError) in try s.msgAtt() },
        file: file,
        line: line
    )
}
