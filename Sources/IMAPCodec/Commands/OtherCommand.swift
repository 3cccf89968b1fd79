// Commands IMAPCodec has no grammar for (a server's private extension, or one newer than the
// codec): read as their name and their arguments as sent, so that a server can implement
// them or answer `tag BAD` knowing the name, and written back byte for byte.
//
// The rule extended is IMAP's own extensibility (RFC 9051 section 9, RFC 4466 section 2):
// `command-any`, `command-auth`, `command-nonauth` and `command-select` are the alternatives
// the registered extensions add to with `=/`. An unknown extension's arguments have no
// grammar the codec could know, so they are checked only as a frame is: balanced
// parentheses (to the nesting limit), complete quoted strings, complete literals, and no CR,
// LF or NUL outside a literal.

/// The arguments of a command IMAPCodec has no grammar for (``CommandKind/other(name:arguments:)``):
/// the bytes between the command name's space and the CRLF, kept as sent.
///
/// Valid by construction: empty (no arguments), or bytes that are one well-formed rest of a
/// command line, so that writing them can never end the command early or start another:
///
/// - no CR, LF or NUL outside a literal, and no space first or last;
/// - parentheses balanced, nested at most ``maximumNestingDepth`` deep (outside strings and
///   literals);
/// - every `"` starts a complete quoted string, in which `\` escapes only `"` and `\`;
/// - every `{` starts a complete literal `{n}` CRLF and n bytes (no NUL among them), and
///   every `~{` a literal8 `~{n}` CRLF and n bytes. The header is written `{n}` here, as
///   decoding gives it: whether a literal is synchronizing (`{n}`) or not (`{n+}`) is the
///   transport's choice, made by the encoder's ``EncodingOptions/literalMode``, not part of
///   the value.
///
/// What a value cannot promise is that a peer reads it: ``CommandEncoder`` refuses arguments
/// whose line (the bytes outside literals) is longer than ``DecodingLimits/commands`` reads,
/// 64 KiB, as it refuses every `other` case that does not read back as itself.
///
/// Raw bytes rather than a list of tokens: the bytes are the one form that writes back
/// exactly what the client sent (a token list forgets whether a string was an atom, quoted
/// or a literal, and where spaces were), they cost no allocation to decode (a slice of the
/// frame), and they hold arguments that are not tokens of any generic grammar
/// (`BODY[HEADER.FIELDS (A B)]<0.10>`, `1:*`, `%`). ``tokens`` gives them as a flat list of
/// tokens for a server that implements the command.
public struct RawCommandArguments: Sendable, Hashable, CustomStringConvertible {
    /// The arguments as sent (literal headers as `{n}` and `~{n}`); empty when the command
    /// has none.
    public let bytes: ByteString

    init(unchecked bytes: ByteString) {
        self.bytes = bytes
    }

    /// No arguments.
    public static let empty = RawCommandArguments(unchecked: ByteString([]))

    /// The deepest nesting of parentheses a value may hold: the ``DecodingLimits/maxNestingDepth``
    /// of ``DecodingLimits/commands`` (32), so that every value reads back with the default
    /// limits.
    public static let maximumNestingDepth = DecodingLimits.commands.maxNestingDepth

    /// Creates arguments from their bytes, or returns nil when they break a rule above.
    public init?(_ bytes: ByteString) {
        guard let value = try? RawCommandArguments(validating: bytes) else { return nil }
        self = value
    }

    /// Creates arguments from their bytes, or throws ``IMAPValueError`` naming the rule they
    /// break and the offending byte.
    public init(validating bytes: ByteString) throws(IMAPValueError) {
        let problem = bytes.withUnsafeBytes {
            Self.problem(in: $0, maxNestingDepth: Self.maximumNestingDepth, canonicalLiterals: true)
        }
        if let problem {
            throw IMAPValueError(
                kind: problem.kind,
                field: "command arguments",
                rule: "command-other",
                message: problem.message,
                offset: problem.offset
            )
        }
        self.bytes = bytes
    }

    /// True when the command has no arguments.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The bytes, printable ASCII as it is and anything else escaped.
    public var description: String { bytes.withUnsafeBytes { ASCII.escaped(ArraySlice($0)) } }
}

extension RawCommandArguments {
    /// One token of ``RawCommandArguments/tokens``.
    public enum Token: Sendable, Hashable {
        /// A run of bytes that are none of SP, `(`, `)`, `"`, and no literal: an atom, a
        /// number, a sequence set, `\Seen`, `BODY[1]`, `NIL`.
        case word(ByteString)
        /// A quoted string, its escapes undone.
        case quoted(ByteString)
        /// A literal's bytes; `binary` for a literal8 (`~{n}`).
        case literal(ByteString, binary: Bool)
        /// `(`
        case open
        /// `)`
        case close
    }

    /// The arguments as a flat list of tokens, with the spaces between them dropped: what a
    /// server implementing the command reads (parentheses are ``Token/open`` and
    /// ``Token/close``, balanced; a word ends at a space, a parenthesis or a quote).
    public var tokens: [Token] {
        bytes.withUnsafeBytes { raw in
            var tokens: [Token] = []
            var i = 0
            while i < raw.count {
                let byte = raw[i]
                switch byte {
                case ASCII.space:
                    i &+= 1
                case ASCII.openParen:
                    tokens.append(.open)
                    i &+= 1
                case ASCII.closeParen:
                    tokens.append(.close)
                    i &+= 1
                case ASCII.dquote:
                    var out: [UInt8] = []
                    i &+= 1
                    while i < raw.count && raw[i] != ASCII.dquote {
                        if raw[i] == ASCII.backslash { i &+= 1 }
                        if i < raw.count { out.append(raw[i]) }
                        i &+= 1
                    }
                    i &+= 1
                    tokens.append(.quoted(ByteString(out)))
                default:
                    let binary = byte == ASCII.tilde && i &+ 1 < raw.count && raw[i &+ 1] == ASCII.openBrace
                    let brace = binary ? i &+ 1 : i
                    if raw[brace] == ASCII.openBrace, let header = RawLiteral.header(in: raw, at: brace) {
                        let end = header.contentStart &+ header.count
                        let content = UnsafeRawBufferPointer(rebasing: raw[header.contentStart..<end])
                        tokens.append(.literal(ByteString(bytes: content), binary: binary))
                        i = end
                        continue
                    }
                    let start = i
                    while i < raw.count {
                        let b = raw[i]
                        if b == ASCII.space || b == ASCII.openParen || b == ASCII.closeParen || b == ASCII.dquote {
                            break
                        }
                        // In valid arguments every `{` starts a literal, and so does `~{`.
                        if i > start,
                            b == ASCII.openBrace
                                || (b == ASCII.tilde && i &+ 1 < raw.count && raw[i &+ 1] == ASCII.openBrace)
                        {
                            break
                        }
                        i &+= 1
                    }
                    tokens.append(.word(ByteString(bytes: UnsafeRawBufferPointer(rebasing: raw[start..<i]))))
                }
            }
            return tokens
        }
    }
}

extension RawCommandArguments {
    /// A problem found by ``scan(_:maxNestingDepth:canonicalLiterals:toLineEnd:)``: the kind,
    /// a message, the offset of the offending byte, and whether it is the nesting limit.
    typealias Problem = (kind: IMAPValueError.Kind, message: String, offset: Int, nesting: Bool)

    /// What is wrong with `raw` as arguments, if anything. `canonicalLiterals` also refuses
    /// literal headers not in the form decoding gives them (`{n+}`, leading zeros), which a
    /// decoder accepts and rewrites.
    static func problem(
        in raw: UnsafeRawBufferPointer,
        maxNestingDepth: Int,
        canonicalLiterals: Bool
    ) -> Problem? {
        let scanned = scan(
            raw,
            maxNestingDepth: maxNestingDepth,
            canonicalLiterals: canonicalLiterals,
            toLineEnd: false
        )
        if let problem = scanned.problem { return problem }
        if raw.last == ASCII.space { return (.ambiguous, "ends with a space", raw.count &- 1, false) }
        return nil
    }

    /// Walks `raw` as arguments, in one pass with no recursion: quoted strings and literals
    /// as units, parentheses counted. With `toLineEnd`, a CR or LF outside a literal ends
    /// the arguments (a decoder's line end) instead of being a problem; `end` is where they
    /// end. A space first is a problem (a reader takes it for extra spacing); the caller
    /// checks the last byte.
    static func scan(
        _ raw: UnsafeRawBufferPointer,
        maxNestingDepth: Int,
        canonicalLiterals: Bool,
        toLineEnd: Bool
    ) -> (end: Int, problem: Problem?) {
        let count = raw.count
        if count == 0 { return (0, nil) }
        if raw[0] == ASCII.space { return (0, (.ambiguous, "starts with a space", 0, false)) }
        var depth = 0
        var lastOpen = 0
        var i = 0
        scanning: while i < count {
            let byte = raw[i]
            switch byte {
            case ASCII.cr, ASCII.lf, 0:
                if toLineEnd && byte != 0 { break scanning }
                return (i, (.forbiddenByte, "CR, LF or NUL outside a literal", i, false))
            case ASCII.openParen:
                depth &+= 1
                if depth > maxNestingDepth {
                    return (i, (.malformed, "nesting deeper than \(maxNestingDepth)", i, true))
                }
                lastOpen = i
                i &+= 1
            case ASCII.closeParen:
                if depth == 0 { return (i, (.malformed, "\")\" without its \"(\"", i, false)) }
                depth &-= 1
                i &+= 1
            case ASCII.dquote:
                // quoted          = DQUOTE *QUOTED-CHAR DQUOTE
                // QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
                let open = i
                i &+= 1
                while true {
                    guard i < count else { return (i, (.malformed, "unterminated quoted string", open, false)) }
                    let c = raw[i]
                    if c == ASCII.dquote { break }
                    if c == ASCII.cr || c == ASCII.lf || c == 0 {
                        return (i, (.forbiddenByte, "CR, LF or NUL in a quoted string", i, false))
                    }
                    if c == ASCII.backslash {
                        guard i &+ 1 < count, raw[i &+ 1] == ASCII.dquote || raw[i &+ 1] == ASCII.backslash else {
                            return (
                                i,
                                (.malformed, "\"\\\" escapes only \"\\\"\" and \"\\\\\" in a quoted string", i, false)
                            )
                        }
                        i &+= 1
                    }
                    i &+= 1
                }
                i &+= 1
            case ASCII.openBrace, ASCII.tilde:
                // literal         = "{" number64 ["+"] "}" CRLF *CHAR8
                // literal8        = "~{" number64 "}" CRLF *OCTET
                let binary = byte == ASCII.tilde
                if binary && (i &+ 1 >= count || raw[i &+ 1] != ASCII.openBrace) {
                    i &+= 1
                    continue
                }
                let brace = binary ? i &+ 1 : i
                guard let header = RawLiteral.header(in: raw, at: brace) else {
                    return (i, (.malformed, "\"{\" that does not start a complete literal", brace, false))
                }
                if canonicalLiterals {
                    let digits = (header.plus ?? header.closeBrace) &- (brace &+ 1)
                    if header.plus != nil || (digits > 1 && raw[brace &+ 1] == ASCII.zero) {
                        return (
                            i,
                            (
                                .ambiguous,
                                "a literal header is written {n} (the encoder chooses {n+} by its literal mode)",
                                brace,
                                false
                            )
                        )
                    }
                }
                let end = header.contentStart &+ header.count
                if !binary,
                    let nul = WordBytes.firstZero(in: UnsafeRawBufferPointer(rebasing: raw[header.contentStart..<end]))
                {
                    return (i, (.forbiddenByte, "NUL is allowed only in a literal8", header.contentStart &+ nul, false))
                }
                i = end
            default:
                i &+= 1
            }
        }
        if depth > 0 { return (i, (.malformed, "\"(\" not closed", lastOpen, false)) }
        return (i, nil)
    }

    /// The names the decoder reads into a case of their own (upper-cased): an
    /// ``CommandKind/other(name:arguments:)`` with one would not read back as itself, so the
    /// encoder refuses it. (`UID` is one: `UID` with any other command is an error, never an
    /// unknown command.) The encoder's read-back is the net under this list: a name that
    /// gains a case and is missing here still fails to read back as `other`.
    static let knownNames: Set<String> = [
        "APPEND", "AUTHENTICATE", "CAPABILITY", "CHECK", "CLOSE", "CANCELUPDATE", "CREATE", "COPY", "COMPRESS",
        "DELETE", "DELETEACL", "EXPUNGE", "ENABLE", "EXAMINE", "FETCH", "GETQUOTAROOT", "GETACL", "GETQUOTA",
        "GETMETADATA", "IDLE", "ID", "LOGIN", "LOGOUT", "LIST", "LSUB", "LISTRIGHTS", "MOVE", "MYRIGHTS", "NOOP",
        "NAMESPACE", "RENAME", "REPLACE", "SEARCH", "SORT", "STARTTLS", "STATUS", "STORE", "SUBSCRIBE", "SELECT",
        "SETQUOTA", "SETMETADATA", "SETACL", "THREAD", "UID", "UNSELECT", "UNSUBSCRIBE", "UNAUTHENTICATE", "XLIST",
        "UIDBATCHES", "ESEARCH", "LANGUAGE", "COMPARATOR", "GETJMAPACCESS", "NOTIFY",
        "RESETKEY", "GENURLAUTH", "URLFETCH",
    ]
}

extension ParserState {
    // command-other   = atom [SP other-arguments]
    //                   ; a command name none of command-any, command-auth,
    //                   ; command-nonauth, command-select (RFC 9051 section 9) and
    //                   ; the extensions IMAPCodec reads starts with: the open end
    //                   ; of their "=/" alternatives (RFC 4466 section 2)
    // other-arguments = the rest of the line up to CRLF, literals included, with
    //                   balanced parentheses and complete quoted strings and literals
    /// An unknown command: its name and its arguments, as sent. Lenient: more than one space
    /// after the name, and spaces before the CRLF, are dropped (as ``crlf()`` drops them).
    mutating func commandOther() throws(IMAPDecodingError) -> CommandKind {
        let start = index
        let nameEnd = scan { CharacterClass.isAtomChar($0) }
        guard nameEnd > start else { throw error("command", "expected a command name, found \(found())") }
        guard nameEnd &- start <= Atom.maximumLength else {
            throw error("command", "command name longer than \(Atom.maximumLength) bytes", at: start)
        }
        index = nameEnd
        let name = Atom(decoded: slice(start, nameEnd))
        if atLineEnd { return .other(name: name, arguments: .empty) }
        try sp("command-other")
        let argumentsStart = index
        let scanned = bytes.withUnsafeBytes {
            RawCommandArguments.scan(
                UnsafeRawBufferPointer(rebasing: $0[argumentsStart...]),
                maxNestingDepth: options.maxNestingDepth,
                canonicalLiterals: false,
                toLineEnd: true
            )
        }
        if let problem = scanned.problem {
            throw error(
                "command-other",
                problem.message,
                kind: problem.nesting ? .nestingTooDeep : .syntax,
                at: argumentsStart &+ problem.offset
            )
        }
        var argumentsEnd = argumentsStart &+ scanned.end
        if lenient {
            while argumentsEnd > argumentsStart && bytes[argumentsEnd &- 1] == ASCII.space { argumentsEnd &-= 1 }
        } else if argumentsEnd == argumentsStart {
            throw error("command-other", "expected arguments after the space, found \(found())")
        } else if bytes[argumentsEnd &- 1] == ASCII.space {
            throw error("command-other", "a space before the end of the line", at: argumentsEnd &- 1)
        }
        let arguments = RawCommandArguments(unchecked: try rawValue(argumentsStart, argumentsEnd))
        index = argumentsEnd
        return .other(name: name, arguments: arguments)
    }
}

extension IMAPWriter {
    // command-other   = atom [SP other-arguments]
    /// Writes an unknown command's name and arguments (literals framed by the literal mode).
    /// Refused: a name the decoder reads into a case of its own.
    mutating func writeCommandOther(_ name: Atom, _ arguments: RawCommandArguments) {
        needsReadBack("command name")
        if RawCommandArguments.knownNames.contains(name.name.folded) {
            return refuse(
                IMAPValueError(
                    kind: .ambiguous,
                    field: "command name",
                    rule: "command-other",
                    message: "\(name) is a command IMAPCodec reads into its own case; build that case instead"
                )
            )
        }
        writeAtom(name, "command name", rule: "command-other")
        if arguments.isEmpty { return }
        writeSpace()
        writeRaw(arguments.bytes, "command arguments")
    }
}
