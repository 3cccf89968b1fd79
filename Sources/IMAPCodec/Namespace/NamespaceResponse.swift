/// An extension of a namespace description (`namespace-response-extension`), e.g.
/// `"TRANSLATION" ("Shared")`.
public struct NamespaceExtension: Sendable, Hashable {
    /// The extension name.
    public var name: ByteString
    /// Its values (at least one).
    public var values: NonEmptyArray<ByteString>

    /// Creates a namespace extension.
    public init(name: ByteString, values: NonEmptyArray<ByteString>) {
        self.name = name
        self.values = values
    }
}

/// One namespace (`namespace-descr`): a prefix, its hierarchy delimiter and extensions.
public struct NamespaceDescription: Sendable, Hashable {
    /// The prefix, e.g. `""` or `"#shared/"` (modified UTF-7 on the wire).
    public var prefix: ByteString
    /// The hierarchy delimiter, or nil (NIL) for a flat namespace. On the wire it is one
    /// printable ASCII character; the encoders refuse any other.
    public var delimiter: Character?
    /// The extensions, empty when none.
    public var extensions: [NamespaceExtension]

    /// Creates a namespace description.
    public init(prefix: ByteString, delimiter: Character?, extensions: [NamespaceExtension] = []) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.extensions = extensions
    }
}

/// The data of a NAMESPACE response (RFC 2342, RFC 9051): what follows `NAMESPACE SP`.
/// An empty array stands for NIL.
public struct NamespaceResponse: Sendable, Hashable {
    /// The personal namespaces.
    public var personal: [NamespaceDescription]
    /// The other users' namespaces.
    public var otherUsers: [NamespaceDescription]
    /// The shared namespaces.
    public var shared: [NamespaceDescription]

    /// Creates NAMESPACE data.
    public init(personal: [NamespaceDescription], otherUsers: [NamespaceDescription], shared: [NamespaceDescription]) {
        self.personal = personal
        self.otherUsers = otherUsers
        self.shared = shared
    }
}

extension ParserState {
    // namespace-response = "NAMESPACE" SP namespace
    //                       SP namespace SP namespace
    /// Parses what follows `NAMESPACE SP`; stops before CRLF.
    mutating func namespaceResponse() throws(IMAPDecodingError) -> NamespaceResponse {
        let personal = try namespace()
        try sp("namespace-response")
        let other = try namespace()
        try sp("namespace-response")
        let shared = try namespace()
        return NamespaceResponse(personal: personal, otherUsers: other, shared: shared)
    }

    // namespace         = nil / "(" 1*namespace-descr ")"
    /// Lenient: `()` (read as NIL) and spaces between descriptions.
    mutating func namespace() throws(IMAPDecodingError) -> [NamespaceDescription] {
        if skipNil() { return [] }
        try expect(ASCII.openParen, "namespace")
        var descriptions: [NamespaceDescription] = []
        skipExtraSpaces()
        if lenient && skip(ASCII.closeParen) { return descriptions }
        repeat {
            try add(try namespaceDescr(), to: &descriptions, "namespace")
            skipExtraSpaces()
        } while !skip(ASCII.closeParen)
        return descriptions
    }

    // namespace-descr   = "(" string SP
    //                        (DQUOTE QUOTED-CHAR DQUOTE / nil)
    //                         [namespace-response-extensions] ")"
    // namespace-response-extensions = *namespace-response-extension
    // namespace-response-extension = SP string SP
    //                   "(" string *(SP string) ")"
    mutating func namespaceDescr() throws(IMAPDecodingError) -> NamespaceDescription {
        try expect(ASCII.openParen, "namespace-descr")
        skipExtraSpaces()
        let prefix = lenient ? try astring() : try string("namespace-descr")
        try sp("namespace-descr")
        let delimiter = try hierarchyDelimiter("namespace-descr")
        var extensions: [NamespaceExtension] = []
        while true {
            skipExtraSpaces()
            if skip(ASCII.closeParen) { break }
            if !lenient || peek() == ASCII.space { try sp("namespace-response-extension") }
            let name = lenient ? try astring() : try string("namespace-response-extension")
            try sp("namespace-response-extension")
            try expect(ASCII.openParen, "namespace-response-extension")
            var values: [ByteString] = []
            skipExtraSpaces()
            while true {
                try add(
                    lenient ? try astring() : try string("namespace-response-extension"),
                    to: &values,
                    "namespace-response-extension"
                )
                if skip(ASCII.closeParen) { break }
                try sp("namespace-response-extension")
                if lenient && skip(ASCII.closeParen) { break }
            }
            try add(
                NamespaceExtension(name: name, values: NonEmptyArray(unchecked: values)),
                to: &extensions,
                "namespace-response-extensions"
            )
        }
        return NamespaceDescription(prefix: prefix, delimiter: delimiter, extensions: extensions)
    }
}

extension IMAPWriter {
    /// Writes what follows `NAMESPACE SP`.
    mutating func writeNamespaceResponse(_ response: NamespaceResponse) {
        writeNamespace(response.personal)
        writeSpace()
        writeNamespace(response.otherUsers)
        writeSpace()
        writeNamespace(response.shared)
    }

    /// Writes `namespace`: NIL for none.
    mutating func writeNamespace(_ descriptions: [NamespaceDescription]) {
        if descriptions.isEmpty {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        for description in descriptions {
            writeByte(ASCII.openParen)
            writeString(description.prefix)
            writeSpace()
            writeHierarchyDelimiter(description.delimiter)
            for ext in description.extensions {
                writeSpace()
                writeString(ext.name)
                write(" (")
                for (i, value) in ext.values.enumerated() {
                    if i > 0 { writeSpace() }
                    writeString(value)
                }
                writeByte(ASCII.closeParen)
            }
            writeByte(ASCII.closeParen)
        }
        writeByte(ASCII.closeParen)
    }
}
