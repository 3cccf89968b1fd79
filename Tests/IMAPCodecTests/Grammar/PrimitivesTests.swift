import XCTest

@testable import IMAPCodec

final class PrimitivesTests: XCTestCase {
    func testNumberBounds() throws {
        XCTAssertEqual(try parse("0") { try $0.number() }, 0)
        XCTAssertEqual(try parse("4294967295") { try $0.number() }, UInt32.max)
        assertRejects("4294967296", rule: "number", kind: .numberOutOfRange) { try $0.number() }
        assertRejects("99999999999999999999", rule: "number", kind: .numberOutOfRange) { try $0.number() }
        assertRejects("x", rule: "number", kind: .syntax) { try $0.number() }
        assertRejects("", rule: "number") { try $0.number() }

        // Eight digits at a time where eight bytes remain, byte by byte near the end: every
        // length up to 11 digits, followed by up to 9 more bytes, gives the digits' value (or
        // the range error at the number's start) and stops at the first non-digit.
        for length in 1...11 {
            for leading in ["", "0", "00000000"] {
                let digits = leading + String((0..<length).map { Character(String(($0 * 7 + 3) % 10)) })
                for tail in ["", " ", ")", "x", "/", ":", "12345678 ", "\r\n"] {
                    let run = (digits + tail).prefix { $0.isASCII && $0.isNumber }
                    let expected = UInt64(run) ?? UInt64.max
                    var state = ParserState(Array((digits + tail).utf8))
                    do {
                        let value = try state.number()
                        XCTAssertEqual(UInt64(value), expected, digits + tail)
                        XCTAssertEqual(state.index, run.count, digits + tail)
                    } catch {
                        XCTAssertGreaterThan(expected, UInt64(UInt32.max), "\(digits + tail): \(error)")
                        XCTAssertEqual(error.kind, .numberOutOfRange)
                        XCTAssertEqual(error.offset, 0)
                    }
                }
            }
        }

        XCTAssertEqual(try parse("4294967296") { try $0.number64() }, 4_294_967_296)
        XCTAssertEqual(try parse("9223372036854775807") { try $0.number64() }, Int64.max)
        assertRejects("9223372036854775808", rule: "number64", kind: .numberOutOfRange) { try $0.number64() }
        assertRejects("18446744073709551616", rule: "number64", kind: .numberOutOfRange) { try $0.number64() }
        assertRejects("99999999999999999999", rule: "number64", kind: .numberOutOfRange) { try $0.number64() }

        XCTAssertEqual(try parse("1") { try $0.nzNumber() }, 1)
        XCTAssertEqual(try parse("4294967295") { try $0.nzNumber() }, UInt32.max)
        assertRejects("0", rule: "nz-number", kind: .numberOutOfRange) { try $0.nzNumber() }
        assertRejects("4294967296", rule: "nz-number", kind: .numberOutOfRange) { try $0.nzNumber() }
        assertRejects("0", rule: "nz-number64") { try $0.nzNumber64() }
    }

    func testAtom() throws {
        XCTAssertEqual(try parse("FLAGS") { try $0.atom() }, "FLAGS")
        XCTAssertEqual(try parse("a.b-c_d$e") { try $0.atom() }, "a.b-c_d$e")
        for bad in ["(", ")", "{", " ", "%", "*", "\"", "\\", "]", "\u{7f}", "\u{1}"] {
            assertRejects(bad, rule: "atom") { try $0.atom() }
        }
        // Stops at atom-specials.
        var state = ParserState(Array("abc]d".utf8))
        XCTAssertEqual(try state.atom(), "abc")
        XCTAssertEqual(state.index, 3)
        // 8-bit bytes: lenient keeps them, strict stops.
        XCTAssertEqual(try parse("caf\u{e9}", lenient: true) { try $0.atom() }, ByteString("caf\u{e9}"))
        assertRejects("caf\u{e9}", lenient: false) { try $0.atom() }
    }

    func testQuoted() throws {
        XCTAssertEqual(try parse("\"\"") { try $0.quoted() }, "")
        XCTAssertEqual(try parse("\"hello world\"") { try $0.quoted() }, "hello world")
        XCTAssertEqual(try parse(#""a\"b\\c""#) { try $0.quoted() }, #"a"b\c"#)
        XCTAssertEqual(
            try parse("\"Gr\u{fc}\u{df}e \u{65e5}\"") { try $0.quoted() },
            ByteString("Gr\u{fc}\u{df}e \u{65e5}")
        )
        assertRejects("\"abc", rule: "quoted") { try $0.quoted() }
        assertRejects("\"a\r\nb\"", rule: "quoted") { try $0.quoted() }
        assertRejects("\"a\0b\"", rule: "QUOTED-CHAR") { try $0.quoted() }
        assertRejects(#""a\xb""#, rule: "quoted-specials") { try $0.quoted() }
        // Invalid UTF-8: strict rejects, lenient keeps the bytes.
        let invalid: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        var strict = ParserState(invalid, options: ParseOptions(lenient: false))
        XCTAssertThrowsError(try strict.quoted())
        XCTAssertEqual(try parse(invalid, lenient: true) { try $0.quoted() }, ByteString([0x61, 0xC3, 0x28]))
        // Lenient: an unescaped quote not followed by a delimiter belongs to the string.
        XCTAssertEqual(
            try parse(#""<"3928.11"@Redacted>""#, lenient: true) { try $0.quoted() },
            #"<"3928.11"@Redacted>"#
        )
        assertRejects(#""<"3928.11"@Redacted>""#, lenient: false) { try $0.quoted() }
    }

    /// `quoted` skips plain bytes eight at a time: every byte that ends or changes the
    /// string must be seen wherever it falls in a word, and at the frame's last bytes.
    func testQuotedSeesSpecialBytesAtEveryOffset() throws {
        let a = UInt8(ascii: "a")
        for length in 0..<26 {
            for position in 0..<length {
                func quoted(_ special: [UInt8], lenient: Bool) -> (ByteString?, IMAPDecodingError?) {
                    var body = [UInt8](repeating: a, count: length)
                    body.replaceSubrange(position..<position + 1, with: special)
                    var state = ParserState(
                        [ASCII.dquote] + body + [ASCII.dquote, ASCII.space],
                        options: ParseOptions(lenient: lenient)
                    )
                    do { return (try state.quoted(), nil) } catch { return (nil, error) }
                }
                let plain = [UInt8](repeating: a, count: length - 1)
                func with(_ inserted: [UInt8]) -> ByteString {
                    var bytes = plain
                    bytes.insert(contentsOf: inserted, at: position)
                    return ByteString(bytes)
                }
                let context = "length \(length), position \(position)"
                // A quote followed by a delimiter ends the string there.
                XCTAssertEqual(
                    quoted([ASCII.dquote, ASCII.space], lenient: false).0,
                    ByteString(plain[..<position]),
                    context
                )
                // Escapes are unescaped.
                XCTAssertEqual(
                    quoted([ASCII.backslash, ASCII.dquote], lenient: false).0,
                    with([ASCII.dquote]),
                    context
                )
                XCTAssertEqual(
                    quoted([ASCII.backslash, ASCII.backslash], lenient: false).0,
                    with([ASCII.backslash]),
                    context
                )
                // DEL and UTF-8 belong to the string; invalid UTF-8 only when lenient.
                XCTAssertEqual(quoted([0x7F], lenient: false).0, with([0x7F]), context)
                XCTAssertEqual(quoted([0xC3, 0xA9], lenient: false).0, with([0xC3, 0xA9]), context)
                XCTAssertNotNil(quoted([0xFF], lenient: false).1, context)
                XCTAssertEqual(quoted([0xFF], lenient: true).0, with([0xFF]), context)
                // Line ends and NUL are errors, NUL at its own offset.
                XCTAssertEqual(quoted([ASCII.cr], lenient: true).1?.rule, "quoted", context)
                XCTAssertEqual(quoted([ASCII.lf], lenient: false).1?.rule, "quoted", context)
                XCTAssertEqual(quoted([0], lenient: false).1?.offset, 1 + position, context)
            }
        }
        // A frame ending inside the string, at every length.
        for length in 0..<20 {
            var state = ParserState([ASCII.dquote] + [UInt8](repeating: a, count: length))
            XCTAssertThrowsError(try state.quoted(), "length \(length)")
        }
    }

    func testLiteralAndLiteral8() throws {
        XCTAssertEqual(try parse("{0}\r\n") { try $0.literal() }, "")
        XCTAssertEqual(try parse("{5}\r\na\r\nbc") { try $0.literal() }, "a\r\nbc")
        XCTAssertEqual(try parse("{5+}\r\nhello") { try $0.literal() }, "hello")
        XCTAssertEqual(try parse("~{3}\r\n\0\u{1}\0") { try $0.literal8() }, ByteString([0, 1, 0]))
        assertRejects("{5}\r\nabc", rule: "literal", kind: .truncated) { try $0.literal() }
        assertRejects("{3}\r\na\0b", lenient: false, rule: "CHAR8") { try $0.literal() }
        assertRejects("{99999999999999999999}\r\n", rule: "number64", kind: .numberOutOfRange) { try $0.literal() }
        assertRejects("{-1}\r\n", rule: "number64") { try $0.literal() }
        assertRejects("{3}x", lenient: false, rule: "literal") { try $0.literal() }
        // A long literal is a slice of the frame, not a copy; a short one is held inline.
        let long = String(repeating: "x", count: ByteString.inlineCapacity + 1)
        var state = ParserState(Array("{\(long.utf8.count)}\r\n\(long)".utf8))
        let value = try state.literal()
        XCTAssertEqual(value.bytes.startIndex, 6)
        XCTAssertEqual(value, ByteString(long))
        var short = ParserState(Array("{3}\r\nabc".utf8))
        let shortValue = try short.literal()
        XCTAssertTrue(shortValue.isInline, "a 3-byte literal is stored inline")
        XCTAssertEqual(shortValue, "abc")
    }

    func testStringForms() throws {
        XCTAssertEqual(try parse("\"x y\"") { try $0.string() }, "x y")
        XCTAssertEqual(try parse("{3}\r\nx y") { try $0.string() }, "x y")
        assertRejects("xy", rule: "string") { try $0.string() }
        XCTAssertEqual(try parse("INBOX") { try $0.astring() }, "INBOX")
        XCTAssertEqual(try parse("a]b") { try $0.astring() }, "a]b")
        XCTAssertEqual(try parse("\"a b\"") { try $0.astring() }, "a b")
        XCTAssertEqual(try parse("{1}\r\n(") { try $0.astring() }, "(")
        assertRejects("(", rule: "astring") { try $0.astring() }
        XCTAssertNil(try parse("NIL") { try $0.nstring() })
        XCTAssertNil(try parse("nil") { try $0.nstring() })
        XCTAssertEqual(try parse("\"NIL\"") { try $0.nstring() }, "NIL")
        assertRejects("NILS", rule: "nstring") { try $0.nstring() }
    }

    func testTagAndText() throws {
        XCTAssertEqual(try parse("A001") { try $0.tag() }, "A001")
        XCTAssertEqual(try parse("a]b.1") { try $0.tag() }, "a]b.1")
        assertRejects("+", rule: "tag") { try $0.tag() }
        assertRejects("*", rule: "tag") { try $0.tag() }
        var state = ParserState(Array("a+b".utf8))
        XCTAssertEqual(try state.tag(), "a")

        var text = ParserState(Array("LOGIN completed \u{e9}\r\n".utf8), options: ParseOptions(lenient: false))
        XCTAssertEqual(try text.text(), ByteString("LOGIN completed \u{e9}"))
        XCTAssertNoThrow(try text.crlf())
        assertRejects("\r\n", lenient: false, rule: "text") { try $0.text() }
        assertRejects("a\0b", lenient: false, rule: "TEXT-CHAR") { try $0.text() }
    }

    func testFlags() throws {
        XCTAssertEqual(try parse("\\Seen") { try $0.flag() }, .seen)
        XCTAssertEqual(try parse("\\SEEN") { try $0.flag() }, .seen)
        XCTAssertEqual(try parse("\\seen") { try $0.flag() }.rawValue, "\\Seen")  // interned spelling
        XCTAssertEqual(try parse("$Forwarded") { try $0.flag() }, .forwarded)
        XCTAssertEqual(try parse("Work") { try $0.flag() }.rawValue, "Work")
        XCTAssertEqual(try parse("\\Custom") { try $0.flag() }.rawValue, "\\Custom")
        XCTAssertEqual(try parse("\\*") { try $0.flag() }, .wildcard)
        // Every interned flag is found in any case, with its interned spelling; a flag of
        // the same length and first byte that differs in one letter is not.
        for flag in Flag.known where flag != .wildcard {
            for spelling in [flag.rawValue, flag.rawValue.uppercased(), flag.rawValue.lowercased()] {
                XCTAssertEqual(try parse(spelling) { try $0.flag() }.rawValue, flag.rawValue, spelling)
            }
            var other = Array(flag.rawValue.utf8)
            other[other.count - 1] = other[other.count - 1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            let text = String(decoding: other, as: UTF8.self)
            XCTAssertEqual(try parse(text) { try $0.flag() }.rawValue, text)
        }
        assertRejects("\\", lenient: false, rule: "flag-extension") { try $0.flag() }
        assertRejects("(", rule: "flag") { try $0.flag() }

        XCTAssertEqual(try parse("()") { try $0.flagList() }, [])
        XCTAssertEqual(try parse("(\\Seen \\Answered $Junk)") { try $0.flagList() }, [.seen, .answered, .junk])
        assertRejects("(\\Seen  \\Answered)", lenient: false, rule: "flag") { try $0.flagList() }
        XCTAssertEqual(try parse("(\\Seen  \\Answered )", lenient: true) { try $0.flagList() }, [.seen, .answered])
        assertRejects("(\\Seen", rule: "flag-list") { try $0.flagList() }
        assertRejects("\\Seen", rule: "flag-list") { try $0.flagList() }

        XCTAssertEqual(written { $0.writeFlagList([.seen, Flag("$Label1")!]) }, "(\\Seen $Label1)")
        XCTAssertNil(Flag("has space"))
        XCTAssertNil(Flag(""))
        XCTAssertNil(Flag("\\"))
    }

    func testMailbox() throws {
        for inbox in ["INBOX", "inbox", "iNbOx", "\"InBox\"", "{5}\r\ninbox"] {
            let name = try parse(inbox) { try $0.mailbox() }
            XCTAssertTrue(name.isInbox, inbox)
            XCTAssertEqual(name, .inbox)
        }
        let umlaut = try parse("Entw&APw-rfe") { try $0.mailbox() }
        XCTAssertEqual(umlaut.name, "Entw\u{fc}rfe")
        XCTAssertFalse(umlaut.isInbox)
        XCTAssertEqual(MailboxName("Entw\u{fc}rfe"), umlaut)
        XCTAssertEqual(try parse("INBOX.Sent") { try $0.mailbox() }.bytes, "INBOX.Sent")
        // UTF8=ACCEPT: raw UTF-8 names decode to the same value as their modified UTF-7 form.
        let utf8 = try parse("\"Entw\u{fc}rfe\"", utf8Accept: true) { try $0.mailbox() }
        XCTAssertEqual(utf8, umlaut)
        XCTAssertEqual(try parse("\"R&D\"", utf8Accept: true) { try $0.mailbox() }, MailboxName("R&D"))
        XCTAssertEqual(try parse("R&-D") { try $0.mailbox() }.name, "R&D")
        // Writing: modified UTF-7, or UTF-8 once UTF8=ACCEPT is on.
        XCTAssertEqual(written { $0.writeMailbox(umlaut) }, "Entw&APw-rfe")
        XCTAssertEqual(
            written(options: EncodingOptions(literalMode: .response, utf8Accept: true)) { $0.writeMailbox(umlaut) },
            "\"Entw\u{fc}rfe\""
        )
        XCTAssertEqual(written { $0.writeMailbox(MailboxName("Reports \"Q1\"")) }, #""Reports \"Q1\"""#)
    }

    func testSequenceSet() throws {
        let set = try parse("1:3,7,9:*,*,$") { try $0.sequenceSet() }
        XCTAssertEqual(
            set.elements,
            [
                .range(.number(1), .number(3)), .single(.number(7)), .range(.number(9), .last), .single(.last),
                .lastCommand,
            ]
        )
        XCTAssertEqual(set.description, "1:3,7,9:*,*,$")
        XCTAssertEqual(try parse("$") { try $0.sequenceSet() }, .lastCommand)
        // Never expanded.
        let huge = try parse("1:4294967295") { try $0.sequenceSet() }
        XCTAssertEqual(huge.elements, [.range(.number(1), .number(4_294_967_295))])
        XCTAssertTrue(huge.contains(4_000_000_000, largest: 5))
        XCTAssertTrue(try parse("4:2") { try $0.sequenceSet() }.contains(3, largest: 10))
        assertRejects("0", rule: "seq-number") { try $0.sequenceSet() }
        assertRejects("1:4294967296", rule: "seq-number", kind: .numberOutOfRange) { try $0.sequenceSet() }
        assertRejects("1,", rule: "seq-number") { try $0.sequenceSet() }
        assertRejects(":1", rule: "seq-number") { try $0.sequenceSet() }
        assertRejects("1:*", rule: "seq-number") { try $0.sequenceSet(allowStar: false) }
        XCTAssertNil(SequenceSet([]))
        XCTAssertNil(SequenceSet([.single(.number(0))]))
    }

    func testDates() throws {
        let date = try parse("1-Feb-1994") { try $0.date() }
        XCTAssertEqual(date, IMAPDate(year: 1994, month: 2, day: 1))
        XCTAssertEqual(try parse("\"29-feb-2024\"") { try $0.date() }, IMAPDate(year: 2024, month: 2, day: 29))
        assertRejects("29-Feb-2023", rule: "date-text", kind: .numberOutOfRange) { try $0.date() }
        assertRejects("1-Foo-1994", rule: "date-month") { try $0.date() }
        assertRejects("1-Feb-94", rule: "date-year") { try $0.date() }
        assertRejects("123-Feb-1994", rule: "date-text") { try $0.date() }
        XCTAssertEqual(date.description, "1-Feb-1994")

        let dt = try parse("\"17-Jul-1996 02:44:25 -0700\"") { try $0.dateTime() }
        XCTAssertEqual(dt.date, IMAPDate(year: 1996, month: 7, day: 17))
        XCTAssertEqual([dt.hour, dt.minute, dt.second, dt.zoneMinutes], [2, 44, 25, -420])
        XCTAssertEqual(try parse("\" 7-Jul-1996 02:44:25 +0530\"") { try $0.dateTime() }.zoneMinutes, 330)
        XCTAssertEqual(try parse("\"7-Jul-1996 02:44:25 +0000\"", lenient: true) { try $0.dateTime() }.date.day, 7)
        assertRejects("\"7-Jul-1996 02:44:25 +0000\"", lenient: false, rule: "date-day-fixed") { try $0.dateTime() }
        assertRejects("\"17-Jul-1996 24:00:00 +0000\"", rule: "date-time", kind: .numberOutOfRange) {
            try $0.dateTime()
        }
        assertRejects("\"17-Jul-1996 02:44:25 0700\"", rule: "zone") { try $0.dateTime() }
        assertRejects("\"17-Jul-1996 02:44:25 +0760\"", rule: "zone") { try $0.dateTime() }
        XCTAssertEqual(Array(written { $0.writeDateTime(dt) }.utf8), Array("\"17-Jul-1996 02:44:25 -0700\"".utf8))
    }

    func testWriterPicksTheStringForm() {
        XCTAssertEqual(written { $0.writeAString("INBOX") }, "INBOX")
        XCTAssertEqual(written { $0.writeAString("") }, "\"\"")
        XCTAssertEqual(written { $0.writeAString("a b") }, "\"a b\"")
        XCTAssertEqual(written { $0.writeAString("a\"b") }, #""a\"b""#)
        XCTAssertEqual(written { $0.writeAString("a\r\nb") }, "{4}\r\na\r\nb")
        XCTAssertEqual(written { $0.writeAString(ByteString("\u{e9}")) }, "{2}\r\n\u{e9}")
        XCTAssertEqual(written { $0.writeNString(nil) }, "NIL")
        XCTAssertEqual(written { $0.writeNString("NIL") }, "\"NIL\"")
        // Synchronizing literals split the output where the client must wait.
        var writer = IMAPWriter(options: EncodingOptions(literalMode: .synchronizing))
        writer.write("A1 LOGIN ")
        writer.writeAString("a\r\n")
        writer.writeSpace()
        writer.writeAString("pw")
        writer.writeCRLF()
        let chunks = writer.finish()
        XCTAssertEqual(chunks.map(\.waitForContinuation), [true, false])
        XCTAssertEqual(chunks.map { String(decoding: $0.bytes, as: UTF8.self) }, ["A1 LOGIN {3}\r\n", "a\r\n pw\r\n"])
        XCTAssertEqual(
            written(options: EncodingOptions(literalMode: .nonSynchronizing)) { $0.writeLiteral("x", "test") },
            "{1+}\r\nx"
        )
        XCTAssertEqual(
            written(options: EncodingOptions(literalMode: .literalMinus)) { $0.writeLiteral("x", "test") },
            "{1+}\r\nx"
        )
        let big = ByteString([UInt8](repeating: 0x61, count: 4097))
        var minus = IMAPWriter(options: EncodingOptions(literalMode: .literalMinus))
        minus.writeLiteral(big, "test")
        XCTAssertEqual(minus.finish().first?.waitForContinuation, true)
    }

    /// The form of a string is decided by its bytes, whichever path (the eight-at-a-time
    /// check for plain strings, or the byte-by-byte one) decides it: one odd byte at every
    /// position of strings of 1 to 17 bytes, every byte value, and the length limit.
    func testWriterStringFormByByte() {
        func expected(_ bytes: [UInt8]) -> [UInt8] {
            let dquote = UInt8(ascii: "\"")
            let backslash = UInt8(ascii: "\\")
            if bytes.contains(0) { return [] }  // refused: NUL is in no string but a literal8
            if bytes.count > 1024 || bytes.contains(where: { $0 == 0 || $0 == 0x0D || $0 == 0x0A || $0 >= 0x80 }) {
                return Array("{\(bytes.count)}\r\n".utf8) + bytes
            }
            var out: [UInt8] = [dquote]
            for byte in bytes {
                if byte == dquote || byte == backslash { out.append(backslash) }
                out.append(byte)
            }
            return out + [dquote]
        }
        for length in 1...17 {
            for position in 0..<length {
                for odd in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(odd)
                    var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
                    writer.writeString(ByteString(bytes))
                    XCTAssertEqual(writer.failure != nil, odd == 0, "byte \(odd) at \(position) of \(length)")
                    XCTAssertEqual(writer.finishBytes(), expected(bytes), "byte \(odd) at \(position) of \(length)")
                }
            }
        }
        for length in [1023, 1024, 1025] {
            let bytes = [UInt8](repeating: UInt8(ascii: "b"), count: length)
            XCTAssertEqual(
                Array(written { $0.writeString(ByteString(bytes)) }.utf8),
                expected(bytes),
                "\(length) bytes"
            )
        }
    }

    /// Round trip of random strings through the writer and the parser.
    func testSeededStringRoundTrip() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<40, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 1...255, using: &rng) }
            let value = ByteString(bytes)
            for write in [
                { (w: inout IMAPWriter) in w.writeAString(value) }, { $0.writeString(value) },
                { $0.writeNString(value) },
            ] {
                var writer = IMAPWriter(options: EncodingOptions(literalMode: .response))
                write(&writer)
                let wire = writer.finishBytes()
                let parsed = try parse(wire, lenient: false) { try $0.astring() }
                XCTAssertEqual(parsed, value, ASCII.escaped(wire))
            }
        }
    }
}
