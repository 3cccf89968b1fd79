/// One field of an ID command or response (RFC 2971): a name and an optional value.
public struct IDField: Sendable, Hashable {
    /// The field name, e.g. `name`, `version`, `vendor`.
    public var key: ByteString
    /// The value, or nil (NIL).
    public var value: ByteString?

    /// Creates an ID field.
    public init(key: ByteString, value: ByteString?) {
        self.key = key
        self.value = value
    }
}

extension ParserState {
    // id_params_list ::= "(" #(string SPACE nstring) ")" / nil
    //          ;; list of field value pairs
    /// Parses what follows `ID SP` (command and response alike); stops before CRLF.
    /// Returns nil for NIL. Lenient: extra spaces, atoms for names and values, and a last
    /// name without a value (an odd count of strings), read as a NIL value.
    mutating func idParamsList() throws(IMAPDecodingError) -> [IDField]? {
        if skipNil() { return nil }
        try expect(ASCII.openParen, "id-params-list")
        var fields: [IDField] = []
        skipExtraSpaces()
        if skip(ASCII.closeParen) { return fields }
        while true {
            let key = lenient ? try astring() : try string("id-params-list")
            if lenient && listEndsEarly() {
                try add(IDField(key: key, value: nil), to: &fields, "id-params-list")
                try expect(ASCII.closeParen, "id-params-list")
                return fields
            }
            try sp("id-params-list")
            let value: ByteString?
            if skipNil() {
                value = nil
            } else {
                value = lenient ? try astring() : try string("id-params-list")
            }
            try add(IDField(key: key, value: value), to: &fields, "id-params-list")
            if skip(ASCII.closeParen) { return fields }
            try sp("id-params-list")
            if lenient && skip(ASCII.closeParen) { return fields }
        }
    }
}

extension IMAPWriter {
    /// Writes `id-params-list`: NIL for nil.
    mutating func writeIDParamsList(_ fields: [IDField]?) {
        guard let fields else {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        for (i, field) in fields.enumerated() {
            if i > 0 { writeSpace() }
            writeString(field.key)
            writeSpace()
            writeNString(field.value)
        }
        writeByte(ASCII.closeParen)
    }
}
