// RENAME parameters (RFC 4466 section 2.3, rename-params). No RENAME parameter is
// registered, so every one is kept as its label and value.

/// A RENAME parameter (`rename-param`, RFC 4466): `RENAME a b (name value)`.
public enum RenameParameter: Sendable, Hashable {
    /// A parameter: its name (`rename-param-name`, a `tagged-ext-label`) and optional
    /// value (`rename-param-value`, a `tagged-ext-val`).
    case other(name: String, value: TaggedExtensionValue?)
}

extension ParserState {
    // rename          = "RENAME" SP mailbox SP mailbox
    //                   [rename-params]
    /// Parses what follows `RENAME`; stops before CRLF.
    mutating func renameArguments() throws(IMAPDecodingError) -> CommandKind {
        let from = try spMailbox("rename")
        let to = try spMailbox("rename")
        var parameters: [RenameParameter] = []
        if atSpaceThenParen() { parameters = try renameParams() }
        return .rename(from: from, to: to, parameters: parameters)
    }

    // rename-params     = SP "(" rename-param *( SP rename-param) ")"
    // rename-param      = rename-param-name [SP rename-param-value]
    // rename-param-name = tagged-ext-label
    // rename-param-value= tagged-ext-val
    /// Lenient: extra spaces, an empty list.
    mutating func renameParams() throws(IMAPDecodingError) -> [RenameParameter] {
        try sp("rename-params")
        try expect(ASCII.openParen, "rename-params")
        var parameters: [RenameParameter] = []
        skipExtraSpaces()
        if lenient && skip(ASCII.closeParen) { return parameters }
        while true {
            let (name, value) = try taggedExtParam("rename-param")
            try add(.other(name: name, value: value), to: &parameters, "rename-param")
            if skip(ASCII.closeParen) { return parameters }
            try sp("rename-params")
            if lenient && skip(ASCII.closeParen) { return parameters }
        }
    }
}

extension IMAPWriter {
    // rename-params     = SP "(" rename-param *( SP rename-param) ")"
    /// Writes `rename-params` with its leading SP; nothing for no parameters.
    mutating func writeRenameParams(_ parameters: [RenameParameter]) {
        guard !parameters.isEmpty else { return }
        write(" (")
        for (i, parameter) in parameters.enumerated() {
            if i > 0 { writeSpace() }
            switch parameter {
            case .other(let name, let value): writeTaggedExtParam(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }
}
