// FETCH modifiers (RFC 4466 fetch-modifiers): CHANGEDSINCE and VANISHED (RFC 7162),
// PARTIAL (RFC 9394), and unknown modifiers kept as sent.

/// A modifier of a FETCH command: `UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12 VANISHED)`.
public enum FetchModifier: Sendable, Hashable {
    /// `CHANGEDSINCE mod-sequence-value` (RFC 7162).
    case changedSince(UInt64)
    /// `VANISHED` (RFC 7162, UID FETCH only).
    case vanished
    /// `PARTIAL partial-range` (RFC 9394): `first:last` counts from the oldest message,
    /// `-first:-last` (`fromEnd`) from the newest; the bounds are kept as written.
    case partial(first: UInt32, last: UInt32, fromEnd: Bool)
    /// A modifier this codec does not know: its name and its value (tagged-ext-val)
    /// as sent.
    case other(name: ByteString, value: ByteString?)
}

extension ParserState {
    // fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"
    /// Parses the modifiers after the fetch attributes when an SP and "(" are next;
    /// returns [] (consuming nothing) otherwise.
    mutating func fetchModifiers() throws(IMAPDecodingError) -> [FetchModifier] {
        guard modifiersFollow() else { return [] }
        try sp("fetch-modifiers")
        try expect(ASCII.openParen, "fetch-modifiers")
        var modifiers: [FetchModifier] = []
        skipExtraSpaces()
        if !lenient && peek() == ASCII.closeParen {
            throw error("fetch-modifiers", "expected at least one fetch-modifier")
        }
        while !skip(ASCII.closeParen) {
            try add(try fetchModifier(), to: &modifiers, "fetch-modifier")
            if skip(ASCII.closeParen) { return modifiers }
            try sp("fetch-modifiers")
            if !lenient && peek() == ASCII.closeParen {
                throw error("fetch-modifiers", "expected a modifier after SP")
            }
        }
        return modifiers
    }

    /// True when SP (lenient: spaces) and "(" are next.
    func modifiersFollow() -> Bool {
        var ahead = index
        guard ahead < bytes.count, bytes[ahead] == ASCII.space else { return false }
        ahead &+= 1
        if lenient { while ahead < bytes.count && bytes[ahead] == ASCII.space { ahead &+= 1 } }
        return ahead < bytes.count && bytes[ahead] == ASCII.openParen
    }

    // fetch-modifier  = fetch-modifier-name [ SP fetch-modif-params ]
    // fetch-modifier  =/ chgsince-fetch-mod / rexpunges-fetch-mod   ; RFC 7162
    // chgsince-fetch-mod  = "CHANGEDSINCE" SP mod-sequence-value
    // rexpunges-fetch-mod =  "VANISHED"
    // fetch-modifier  =/ modifier-partial                           ; RFC 9394
    // modifier-partial    = "PARTIAL" SP partial-range
    mutating func fetchModifier() throws(IMAPDecodingError) -> FetchModifier {
        if skipKeyword("CHANGEDSINCE") {
            try sp("chgsince-fetch-mod")
            return .changedSince(try parseModSequenceValue("mod-sequence-value", allowZero: false))
        }
        if skipKeyword("VANISHED") { return .vanished }
        if skipKeyword("PARTIAL") {
            try sp("modifier-partial")
            return try fetchPartialRange()
        }
        let (name, value) = try taggedModifier("fetch-modifier")
        return .other(name: name, value: value)
    }

    // partial-range-first = nz-number ":" nz-number
    // partial-range-last  = MINUS nz-number ":" MINUS nz-number
    // partial-range       = partial-range-first / partial-range-last
    mutating func fetchPartialRange() throws(IMAPDecodingError) -> FetchModifier {
        let fromEnd = skip(ASCII.minus)
        let first = try nzNumber("partial-range")
        try expect(ASCII.colon, "partial-range")
        if fromEnd { try expect(ASCII.minus, "partial-range-last") }
        let last = try nzNumber("partial-range")
        return .partial(first: first, last: last, fromEnd: fromEnd)
    }

    // tagged-ext-label    = tagged-label-fchar *tagged-label-char
    // tagged-label-fchar  = ALPHA / "-" / "_" / "."
    // tagged-label-char   = tagged-label-fchar / DIGIT / ":"
    // tagged-ext-val      = tagged-ext-simple / "(" [tagged-ext-comp] ")"
    // tagged-ext-simple   = sequence-set / number
    /// An unknown modifier: its label and, when the next token can only be a value (it
    /// starts with a digit, "*", "$", "-" or "("), the value as sent.
    mutating func taggedModifier(_ rule: String) throws(IMAPDecodingError) -> (ByteString, ByteString?) {
        let name = try atom(rule)
        if !lenient {
            for (i, byte) in name.bytes.enumerated() {
                let letter = ASCII.upper(byte)
                let fchar =
                    (letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z"))
                    || byte == ASCII.minus || byte == UInt8(ascii: "_") || byte == ASCII.dot
                if !(fchar || (i > 0 && (ASCII.isDigit(byte) || byte == ASCII.colon))) {
                    throw error("tagged-ext-label", "not a valid label", at: index - name.count + i)
                }
            }
        }
        var ahead = index
        while ahead < bytes.count && bytes[ahead] == ASCII.space { ahead &+= 1 }
        guard ahead > index, ahead < bytes.count else { return (name, nil) }
        let next = bytes[ahead]
        guard
            ASCII.isDigit(next) || next == ASCII.star || next == ASCII.dollar || next == ASCII.minus
                || next == ASCII.openParen
        else { return (name, nil) }
        try sp(rule)
        return (name, try fetchRawValue(rule))
    }
}

extension IMAPWriter {
    // fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"
    /// Writes nothing for no modifiers.
    mutating func writeFetchModifiers(_ modifiers: [FetchModifier]) {
        guard !modifiers.isEmpty else { return }
        write(" (")
        for (i, modifier) in modifiers.enumerated() {
            if i > 0 { writeSpace() }
            writeFetchModifier(modifier)
        }
        writeByte(ASCII.closeParen)
    }

    // fetch-modifier  = fetch-modifier-name [ SP fetch-modif-params ]
    mutating func writeFetchModifier(_ modifier: FetchModifier) {
        switch modifier {
        // chgsince-fetch-mod  = "CHANGEDSINCE" SP mod-sequence-value
        case .changedSince(let value):
            write("CHANGEDSINCE ")
            writeModSequenceValue(value, "CHANGEDSINCE")
        case .vanished:
            write("VANISHED")
        // partial-range-first = nz-number ":" nz-number
        // partial-range-last  = MINUS nz-number ":" MINUS nz-number
        case .partial(let first, let last, let fromEnd):
            write("PARTIAL ")
            if fromEnd { writeByte(ASCII.minus) }
            writeNZNumber(first, "FETCH PARTIAL range")
            writeByte(ASCII.colon)
            if fromEnd { writeByte(ASCII.minus) }
            writeNZNumber(last, "FETCH PARTIAL range")
        case .other(let name, let value):
            writeTaggedModifier(name, value)
        }
    }

    /// An unknown modifier: label, then SP and the raw value if any.
    mutating func writeTaggedModifier(_ name: ByteString, _ value: ByteString?) {
        needsReadBack("modifier")
        writeRawName(name, "modifier name")
        if let value {
            writeSpace()
            writeRaw(value, "modifier value")
        }
    }
}
