// The generic extension syntax of RFC 4466 / RFC 9051 (tagged-ext-val), used by
// select-param, create-param, getmetadata-option, LIST options and mbox-list-extended
// items that this codec does not know by name, so they round-trip unchanged.

/// One component of a `tagged-ext-comp`: an astring, or a parenthesized group of components.
public enum TaggedExtensionComponent: Sendable, Hashable {
    /// An astring (atom, quoted string or literal).
    case astring(ByteString)
    /// `"(" tagged-ext-comp ")"`: a parenthesized group.
    case list([TaggedExtensionComponent])
}

/// The value of an extension parameter (`tagged-ext-val`).
public enum TaggedExtensionValue: Sendable, Hashable {
    /// A number (`number` / `number64`). A bare run of digits always decodes to this.
    case number(Int64)
    /// A sequence set other than a single number (`1:5,7`, `*`, `$`).
    case sequenceSet(SequenceSet)
    /// `"(" [tagged-ext-comp] ")"`: a parenthesized list of components (possibly empty).
    case list([TaggedExtensionComponent])
}

extension ParserState {
    // tagged-ext-label    = tagged-label-fchar *tagged-label-char
    //                       ; Is a valid RFC 3501 "atom".
    // tagged-label-fchar  = ALPHA / "-" / "_" / "."
    // tagged-label-char   = tagged-label-fchar / DIGIT / ":"
    /// Lenient: any atom.
    mutating func taggedExtLabel(_ rule: String = "tagged-ext-label") throws(IMAPDecodingError) -> String {
        let start = index
        if lenient {
            _ = try atom(rule)
        } else {
            guard let first = peek(), Self.isTaggedLabelFChar(first) else {
                throw error(rule, "expected a letter, \"-\", \"_\" or \".\", found \(found())")
            }
            index &+= 1
            while let byte = peek(), Self.isTaggedLabelFChar(byte) || ASCII.isDigit(byte) || byte == ASCII.colon {
                index &+= 1
            }
        }
        try chargeString(index &- start, rule)
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isTaggedLabelFChar(_ byte: UInt8) -> Bool {
        let upper = ASCII.upper(byte)
        return (upper >= 0x41 && upper <= 0x5A) || byte == ASCII.minus || byte == 0x5F || byte == ASCII.dot
    }

    // tagged-ext-val      = tagged-ext-simple /
    //                       "(" [tagged-ext-comp] ")"
    // tagged-ext-simple   = sequence-set / number / number64
    mutating func taggedExtVal() throws(IMAPDecodingError) -> TaggedExtensionValue {
        if peek() == ASCII.openParen {
            return .list(try taggedExtCompList())
        }
        let start = index
        var end = index
        while end < bytes.count && ASCII.isDigit(bytes[end]) { end &+= 1 }
        if end > start, end == bytes.count || (bytes[end] != ASCII.colon && bytes[end] != ASCII.comma) {
            return .number(try number64("tagged-ext-simple"))
        }
        guard let byte = peek(), ASCII.isDigit(byte) || byte == ASCII.star || byte == ASCII.dollar else {
            throw error("tagged-ext-val", "expected a sequence set, a number or \"(\", found \(found())")
        }
        return .sequenceSet(try sequenceSet())
    }

    // tagged-ext-comp     = astring /
    //                       tagged-ext-comp *(SP tagged-ext-comp) /
    //                       "(" tagged-ext-comp ")"
    /// Parses `"(" [tagged-ext-comp] ")"`, returning the components inside.
    mutating func taggedExtCompList() throws(IMAPDecodingError) -> [TaggedExtensionComponent] {
        try enterNesting("tagged-ext-comp")
        try expect(ASCII.openParen, "tagged-ext-comp")
        var components: [TaggedExtensionComponent] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) {
            leaveNesting()
            return components
        }
        while true {
            if peek() == ASCII.openParen {
                try add(.list(try taggedExtCompList()), to: &components, "tagged-ext-comp")
            } else {
                try add(.astring(try astring()), to: &components, "tagged-ext-comp")
            }
            if skip(ASCII.closeParen) { break }
            try sp("tagged-ext-comp")
            if lenient && skip(ASCII.closeParen) { break }
        }
        leaveNesting()
        return components
    }
}

extension IMAPWriter {
    // tagged-ext-val      = tagged-ext-simple / "(" [tagged-ext-comp] ")"
    mutating func writeTaggedExtVal(_ value: TaggedExtensionValue) {
        switch value {
        case .number(let n): writeNumber(n)
        case .sequenceSet(let set): writeSequenceSet(set)
        case .list(let components): writeTaggedExtCompList(components)
        }
    }

    /// Writes `"(" [tagged-ext-comp] ")"`.
    mutating func writeTaggedExtCompList(_ components: [TaggedExtensionComponent]) {
        writeByte(ASCII.openParen)
        for (i, component) in components.enumerated() {
            if i > 0 { writeSpace() }
            switch component {
            case .astring(let s): writeAString(s)
            case .list(let inner): writeTaggedExtCompList(inner)
            }
        }
        writeByte(ASCII.closeParen)
    }
}
