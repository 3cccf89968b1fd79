// URLAUTH (RFC 4467): the RESETKEY, GENURLAUTH and URLFETCH commands and the GENURLAUTH and
// URLFETCH responses. URLAUTH=BINARY's (RFC 5524) parenthesized URLFETCH arguments and
// metadata are not modelled (a URLFETCH holding them fails to decode), and the URLMECH
// response code is kept as an unknown code. The grammar is RFC 4467 section 9's ABNF, which
// ../shared/rfc does not hold (taken as quoted by other implementations).

/// One URL a GENURLAUTH command asks to authorize (RFC 4467 `url-rump SP mechanism`).
public struct URLAuthRequest: Sendable, Hashable {
    /// The URL without its access token (`url-rump`), ending in `;URLAUTH=access`.
    public var urlRump: ByteString
    /// The authorization mechanism (`mechanism`), e.g. `INTERNAL`: letters, digits, `-` and `.`.
    public var mechanism: Atom

    /// Creates a GENURLAUTH item.
    public init(urlRump: ByteString, mechanism: Atom) {
        self.urlRump = urlRump
        self.mechanism = mechanism
    }
}

/// One URL of a `* URLFETCH` response and what it fetched (RFC 4467 `url-full SP nstring`).
public struct URLFetchData: Sendable, Hashable {
    /// The URL as the URLFETCH command gave it (`url-full`).
    public var url: ByteString
    /// The data the URL addresses; nil (`NIL`) when the URL is invalid or unauthorized.
    public var data: ByteString?

    /// Creates URLFETCH data.
    public init(url: ByteString, data: ByteString?) {
        self.url = url
        self.data = data
    }
}

extension ParserState {
    /// Consumes the SP before another item of a `*(SP item)` list and returns true, or returns
    /// false at the end of the line. Lenient: extra spaces, and spaces before CRLF.
    mutating func spBeforeItem() -> Bool {
        guard peek() == ASCII.space else { return false }
        if lenient {
            let save = index
            skipExtraSpaces()
            if atLineEnd {
                index = save
                return false
            }
        } else {
            index &+= 1
        }
        return true
    }

    // resetkey        = "RESETKEY" [SP mailbox *(SP mechanism)]
    /// Parses what follows `RESETKEY`; stops before CRLF.
    mutating func resetKeyArguments() throws(IMAPDecodingError) -> CommandKind {
        guard spBeforeItem() else { return .resetKey(mailbox: nil, mechanisms: []) }
        let mailbox = try mailbox()
        var mechanisms: [Atom] = []
        while spBeforeItem() { try add(try urlAuthMechanism(), to: &mechanisms, "resetkey") }
        return .resetKey(mailbox: mailbox, mechanisms: mechanisms)
    }

    // genurlauth      = "GENURLAUTH" 1*(SP url-rump SP mechanism)
    // url-rump        = astring
    /// Parses what follows `GENURLAUTH`; stops before CRLF.
    mutating func genURLAuthArguments() throws(IMAPDecodingError) -> [URLAuthRequest] {
        var requests: [URLAuthRequest] = []
        try sp("genurlauth")
        repeat {
            let rump = try astring()
            try sp("genurlauth")
            try add(URLAuthRequest(urlRump: rump, mechanism: try urlAuthMechanism()), to: &requests, "genurlauth")
        } while spBeforeItem()
        return requests
    }

    // urlfetch        = "URLFETCH" 1*(SP url-full)
    // url-full        = astring
    /// Parses what follows `URLFETCH`; stops before CRLF.
    mutating func urlFetchArguments() throws(IMAPDecodingError) -> [ByteString] {
        var urls: [ByteString] = []
        try sp("urlfetch")
        repeat {
            if peek() == ASCII.openParen {
                throw error("urlfetch", "URLAUTH=BINARY's parenthesized URLFETCH arguments are not supported")
            }
            try add(try astring(), to: &urls, "urlfetch")
        } while spBeforeItem()
        return urls
    }

    // mechanism       = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")
    /// Lenient: any atom.
    mutating func urlAuthMechanism() throws(IMAPDecodingError) -> Atom {
        if lenient { return Atom(decoded: try atom("mechanism")) }
        let start = index
        let end = scan { Self.isMechanismByte($0) }
        guard end > start else { throw error("mechanism", "expected a URLAUTH mechanism, found \(found())") }
        if end < bytes.count && CharacterClass.isAtomChar(bytes[end]) {
            throw error("mechanism", "a mechanism holds only letters, digits, \"-\" and \".\"", at: end)
        }
        index = end
        return Atom(decoded: slice(start, end))
    }

    static func isMechanismByte(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || (ASCII.upper(byte) >= UInt8(ascii: "A") && ASCII.upper(byte) <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    // genurlauth-data = "*" SP "GENURLAUTH" 1*(SP url-full)
    /// Parses what follows `GENURLAUTH`; stops before CRLF.
    mutating func genURLAuthData() throws(IMAPDecodingError) -> [ByteString] {
        var urls: [ByteString] = []
        try sp("genurlauth-data")
        repeat { try add(try astring(), to: &urls, "genurlauth-data") } while spBeforeItem()
        return urls
    }

    // urlfetch-data   = "*" SP "URLFETCH" 1*(SP url-full SP nstring)
    /// Parses what follows `URLFETCH`; stops before CRLF.
    mutating func urlFetchData() throws(IMAPDecodingError) -> [URLFetchData] {
        var items: [URLFetchData] = []
        try sp("urlfetch-data")
        repeat {
            let url = try astring()
            try sp("urlfetch-data")
            if peek() == ASCII.openParen {
                throw error("urlfetch-data", "URLAUTH=BINARY's URLFETCH metadata is not supported")
            }
            try add(URLFetchData(url: url, data: try nstring()), to: &items, "urlfetch-data")
        } while spBeforeItem()
        return items
    }
}

extension IMAPWriter {
    // mechanism       = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")
    mutating func writeURLAuthMechanism(_ mechanism: Atom, _ field: String) {
        let spelling = mechanism.description
        if !spelling.utf8.allSatisfy(ParserState.isMechanismByte) {
            return refuse(
                IMAPValueError(
                    kind: .forbiddenByte,
                    field: field,
                    rule: "mechanism",
                    message: "\(spelling) holds a byte other than a letter, a digit, \"-\" or \".\""
                )
            )
        }
        writeAtom(mechanism, field, rule: "mechanism")
    }

    // resetkey        = "RESETKEY" [SP mailbox *(SP mechanism)]
    /// Writes what follows `RESETKEY`; mechanisms without a mailbox are refused.
    mutating func writeResetKeyArguments(mailbox: MailboxName?, mechanisms: [Atom]) {
        guard let mailbox else {
            if !mechanisms.isEmpty {
                refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: "RESETKEY mechanisms",
                        rule: "resetkey",
                        message: "mechanisms need a mailbox"
                    )
                )
            }
            return
        }
        writeSpace()
        writeMailbox(mailbox)
        for mechanism in mechanisms {
            writeSpace()
            writeURLAuthMechanism(mechanism, "RESETKEY mechanism")
        }
    }

    // genurlauth      = "GENURLAUTH" 1*(SP url-rump SP mechanism)
    /// Writes what follows `GENURLAUTH`; an empty list is refused.
    mutating func writeGenURLAuthArguments(_ requests: [URLAuthRequest]) {
        if requests.isEmpty { return refuseEmpty("GENURLAUTH URLs", "genurlauth") }
        for request in requests {
            writeSpace()
            writeAString(request.urlRump, "GENURLAUTH url-rump")
            writeSpace()
            writeURLAuthMechanism(request.mechanism, "GENURLAUTH mechanism")
        }
    }

    // urlfetch        = "URLFETCH" 1*(SP url-full)
    // genurlauth-data = "*" SP "GENURLAUTH" 1*(SP url-full)
    /// Writes `1*(SP url-full)`; an empty list is refused naming `rule`.
    mutating func writeURLList(_ urls: [ByteString], _ field: String, _ rule: String) {
        if urls.isEmpty { return refuseEmpty(field, rule) }
        for url in urls {
            writeSpace()
            writeAString(url, field)
        }
    }

    // urlfetch-data   = "*" SP "URLFETCH" 1*(SP url-full SP nstring)
    /// Writes what follows `URLFETCH`; an empty list is refused.
    mutating func writeURLFetchData(_ items: [URLFetchData]) {
        if items.isEmpty { return refuseEmpty("URLFETCH data", "urlfetch-data") }
        for item in items {
            writeSpace()
            writeAString(item.url, "URLFETCH url-full")
            writeSpace()
            writeNString(item.data, "URLFETCH data")
        }
    }
}
