// JMAPACCESS (RFC 9698): GETJMAPACCESS and the JMAPACCESS response (the JMAP session URL).

extension ParserState {
    // response-data =/ "*" SP "JMAPACCESS" SP quoted CRLF
    /// Parses what follows `JMAPACCESS`; stops before CRLF. Strict: a quoted string, as the
    /// RFC writes it. Lenient: any string (a literal too).
    mutating func jmapaccessResponse() throws(IMAPDecodingError) -> ByteString {
        try sp("jmapaccess-response")
        skipExtraSpaces()
        if lenient { return try string() }
        guard peek() == ASCII.dquote else {
            throw error("jmapaccess-response", "expected the URL as a quoted string, found \(found())")
        }
        return try quoted()
    }
}

extension IMAPWriter {
    /// Writes ` "url"` after `JMAPACCESS`: refused when the URL cannot be a quoted string.
    mutating func writeJMAPAccessResponse(_ url: ByteString) {
        writeSpace()
        writeQuotedOnly(url, "JMAPACCESS URL")
    }
}
