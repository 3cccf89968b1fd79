// body, body-type-1part, body-type-mpart, body-type-basic, body-type-text,
// body-type-msg, media-* (RFC 9051 section 9; RFC 3501 differs only in allowing
// message/rfc822 alone and in body-fld-lines being a 32-bit number).

extension ParserState {
    // body            = "(" (body-type-1part / body-type-mpart) ")"
    /// Parses the parenthesized body structure, from `(` to `)` inclusive.
    ///
    /// Lenient: extra spaces (also between the parts of a multipart); a multipart with
    /// no parts, written either with NIL where the parts belong
    /// (`(NIL "alternative" ...)`) or with the subtype right after `(`
    /// (`("RELATED" NIL ...)`, recognized because a media subtype, a string, does not
    /// follow); plus the relaxations of the field rules.
    mutating func body() throws(IMAPDecodingError) -> BodyStructure {
        try enterNesting("body")
        defer { leaveNesting() }
        try expect(ASCII.openParen, "body")
        skipExtraSpaces()
        let result: BodyStructure
        switch peek() {
        case ASCII.openParen?:
            result = .multipart(try bodyTypeMpart())
        case ASCII.dquote?, ASCII.openBrace?, ASCII.tilde?:
            let first = try string("media-basic")
            if lenient && !mediaSubtypeFollows() {
                result = .multipart(try bodyTypeMpartRest(parts: [], mediaSubtype: first))
            } else {
                result = .singlePart(try bodyType1part(mediaType: first))
            }
        default:
            if lenient && skipNil() {
                try sp("body-type-mpart")
                let subtype = try fieldString("media-subtype")
                result = .multipart(try bodyTypeMpartRest(parts: [], mediaSubtype: subtype))
            } else {
                throw error("body", "expected a body part or a media type, found \(found())")
            }
        }
        skipExtraSpaces()
        if !skip(ASCII.closeParen) {
            throw error("body", "expected \")\" at the end of the body, found \(found())")
        }
        return result
    }

    /// Look-ahead after a media type: true when SP and a string (the subtype) follow.
    func mediaSubtypeFollows() -> Bool {
        var i = index
        guard i < bytes.count, bytes[i] == ASCII.space else { return false }
        while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 }
        guard i < bytes.count else { return false }
        let byte = bytes[i]
        return byte == ASCII.dquote || byte == ASCII.openBrace || byte == ASCII.tilde
    }

    // body-type-mpart = 1*body SP media-subtype
    //                   [SP body-ext-mpart]
    // media-subtype   = string
    /// After the `(` of a multipart body, up to (not including) its `)`.
    mutating func bodyTypeMpart() throws(IMAPDecodingError) -> BodyStructure.Multipart {
        var parts: [BodyStructure] = []
        parts.reserveCapacity(4)
        while true {
            try add(try body(), to: &parts, "body-type-mpart")
            if peek() == ASCII.openParen { continue }
            if lenient && peek() == ASCII.space {
                var i = index
                while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 }
                if i < bytes.count && bytes[i] == ASCII.openParen {
                    index = i
                    continue
                }
            }
            break
        }
        try sp("body-type-mpart")
        let subtype = try fieldString("media-subtype")
        return try bodyTypeMpartRest(parts: parts, mediaSubtype: subtype)
    }

    /// The optional `SP body-ext-mpart` after the subtype.
    mutating func bodyTypeMpartRest(
        parts: [BodyStructure],
        mediaSubtype: ByteString
    ) throws(IMAPDecodingError) -> BodyStructure.Multipart {
        let ext = optionalSP() ? try bodyExtMpart() : nil
        return BodyStructure.Multipart(parts: parts, mediaSubtype: mediaSubtype, extension: ext)
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text)
    //                   [SP body-ext-1part]
    // body-type-basic = media-basic SP body-fields
    // body-type-msg   = media-message SP body-fields SP envelope
    //                   SP body SP body-fld-lines
    // body-type-text  = media-text SP body-fields SP body-fld-lines
    // media-basic     = ((DQUOTE ("APPLICATION" / "AUDIO" / "IMAGE" /
    //                   "FONT" / "MESSAGE" / "MODEL" / "VIDEO" ) DQUOTE)
    //                   / string) SP media-subtype
    // media-message   = DQUOTE "MESSAGE" DQUOTE SP
    //                   DQUOTE ("RFC822" / "GLOBAL") DQUOTE
    // media-text      = DQUOTE "TEXT" DQUOTE SP media-subtype
    /// After the media type (already read), up to (not including) the part's `)`.
    /// The media type decides the alternative, ignoring case and string form.
    ///
    /// Lenient: NIL for the strings, negative sizes, a missing `body-fld-lines`, and `()`
    /// or NIL where the enclosed message's body belongs. A `message/*` part of another
    /// subtype (`message/delivery-status` in a multipart/report) followed by an envelope,
    /// a body and a line count, as if it were message/rfc822 (DBMail), is read as a
    /// message part: body-fld-md5, an nstring, cannot start with `(`.
    mutating func bodyType1part(mediaType: ByteString) throws(IMAPDecodingError) -> BodyStructure.SinglePart {
        try sp("media-basic")
        let subtype = try fieldString("media-subtype")
        try sp("body-type-1part")
        let fields = try bodyFields()
        // Each field is read into a constant and the part built once at the end ("Values
        // built once" in Docs/Architecture.md): assigning into a `var` part field by field
        // made the compiler copy the whole part, reference counts included, twice.
        let kind: BodyStructure.SinglePart.Kind
        if Self.equals(mediaType, "TEXT") {
            if listEndsEarly() {
                kind = .text(lines: 0)
            } else {
                try sp("body-type-text")
                kind = .text(lines: try bodyFldLines())
            }
        } else if Self.equals(mediaType, "MESSAGE")
            && (Self.equals(subtype, "RFC822") || Self.equals(subtype, "GLOBAL"))
        {
            kind = .message(try bodyTypeMsgRest())
            // The case's box (indirect), which holds the message part's envelope and body.
            try charge(Self.allocationOverhead &+ MemoryLayout<BodyStructure.Message>.stride, "body-type-msg")
        } else if lenient && Self.equals(mediaType, "MESSAGE") && envelopeFollows() {
            kind = .message(try bodyTypeMsgRest())
            try charge(Self.allocationOverhead &+ MemoryLayout<BodyStructure.Message>.stride, "body-type-msg")
        } else {
            kind = .basic
        }
        let ext = optionalSP() ? try bodyExt1part() : nil
        return BodyStructure.SinglePart(
            mediaType: mediaType,
            mediaSubtype: subtype,
            fields: fields,
            kind: kind,
            extension: ext
        )
    }

    /// The `SP envelope SP body SP body-fld-lines` of `body-type-msg`.
    mutating func bodyTypeMsgRest() throws(IMAPDecodingError) -> BodyStructure.Message {
        try sp("body-type-msg")
        let envelope = try envelope()
        try sp("body-type-msg")
        let inner: BodyStructure?
        if lenient && (skipEmptyList() || skipNil()) {
            inner = nil
        } else {
            inner = try body()
        }
        let lines: Int64
        if listEndsEarly() {
            lines = 0
        } else {
            try sp("body-type-msg")
            lines = try bodyFldLines()
        }
        return BodyStructure.Message(envelope: envelope, body: inner, lines: lines)
    }

    // body-fld-lines  = number64
    /// Lenient: a negative count and NIL (DavMail wrote NIL into fields that take none) read
    /// as 0; a missing count is handled by the callers (``listEndsEarly()``).
    mutating func bodyFldLines() throws(IMAPDecodingError) -> Int64 {
        if lenient && skipNil() { return 0 }
        return try fieldSize("body-fld-lines")
    }

    /// Lenient look-ahead after a part's body fields: SP, then `(` not closing at once
    /// (an envelope, where body-fld-md5, an nstring, would otherwise be).
    func envelopeFollows() -> Bool {
        peek() == ASCII.space && peek(1) == ASCII.openParen && peek(2) != ASCII.closeParen
    }

    /// True when `value` equals the upper-case ASCII `keyword`, ignoring case.
    static func equals(_ value: ByteString, _ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard value.count == count else { return false }
        let base = keyword.utf8Start
        return value.withUnsafeBytes { raw in
            for k in 0..<count where ASCII.upper(raw[k]) != base[k] { return false }
            return true
        }
    }
}

extension IMAPWriter {
    // body            = "(" (body-type-1part / body-type-mpart) ")"
    /// Writes the parenthesized body structure. A multipart without parts is written
    /// `(NIL "subtype" ...)`; a message part without a body is refused (it was written `()`
    /// in its place). Both only come from lenient decoding of non-conforming servers.
    mutating func writeBody(_ body: BodyStructure) {
        writeByte(ASCII.openParen)
        switch body {
        case .singlePart(let part):
            writeBodyType1part(part)
        case .multipart(let multipart):
            writeBodyTypeMpart(multipart)
        }
        writeByte(ASCII.closeParen)
    }

    // body-type-mpart = 1*body SP media-subtype
    //                   [SP body-ext-mpart]
    mutating func writeBodyTypeMpart(_ multipart: BodyStructure.Multipart) {
        // 1*body: a multipart without parts (which lenient decoding reads from servers that
        // send `(NIL "mixed")`) has no wire form.
        if multipart.parts.isEmpty { return refuseEmpty("multipart parts", "body-type-mpart") }
        for part in multipart.parts { writeBody(part) }
        writeSpace()
        writeString(multipart.mediaSubtype)
        if let ext = multipart.extension {
            writeSpace()
            writeBodyExtMpart(ext)
        }
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text)
    //                   [SP body-ext-1part]
    mutating func writeBodyType1part(_ part: BodyStructure.SinglePart) {
        if let problem = Self.kindProblem(part) { return refuse(problem) }
        writeString(part.mediaType)
        writeSpace()
        writeString(part.mediaSubtype)
        writeSpace()
        writeBodyFields(part.fields)
        switch part.kind {
        case .basic:
            break
        case .text(let lines):
            writeSpace()
            writeNumber(lines)
        case .message(let message):
            writeSpace()
            writeEnvelope(message.envelope)
            writeSpace()
            // body-type-msg   = media-message SP body-fields SP envelope
            //                   SP body SP body-fld-lines
            guard let inner = message.body else {
                return refuse(
                    IMAPValueError(
                        kind: .empty,
                        field: "MESSAGE part body",
                        rule: "body-type-msg",
                        message: "a MESSAGE/RFC822 or MESSAGE/GLOBAL part needs the body of the message it holds"
                    )
                )
            }
            writeBody(inner)
            writeSpace()
            writeNumber(message.lines)
        }
        if let ext = part.extension {
            writeSpace()
            writeBodyExt1part(ext)
        }
    }

    // body-type-text  = media-text SP body-fields SP body-fld-lines
    // media-text      = DQUOTE "TEXT" DQUOTE SP media-subtype
    // body-type-msg   = media-message SP body-fields SP envelope SP body SP body-fld-lines
    // media-message   = DQUOTE "MESSAGE" DQUOTE SP DQUOTE ("RFC822" / "GLOBAL") DQUOTE
    /// The media type picks the alternative when read (as ``ParserState/bodyType1part(mediaType:)``
    /// does), so a part whose kind does not agree with it would read back as another: TEXT
    /// without its line count, another type with one, MESSAGE/RFC822 without an envelope.
    static func kindProblem(_ part: BodyStructure.SinglePart) -> IMAPValueError? {
        let text = ParserState.equals(part.mediaType, "TEXT")
        let message =
            ParserState.equals(part.mediaType, "MESSAGE")
            && (ParserState.equals(part.mediaSubtype, "RFC822") || ParserState.equals(part.mediaSubtype, "GLOBAL"))
        let rule: String
        let reason: String
        switch part.kind {
        case .basic:
            if text {
                (rule, reason) = (
                    "body-type-text", "a TEXT part needs its line count: build it with kind .text(lines:)"
                )
            } else if message {
                (rule, reason) = ("body-type-msg", "a MESSAGE/RFC822 or MESSAGE/GLOBAL part needs kind .message")
            } else {
                return nil
            }
        case .text:
            if text { return nil }
            (rule, reason) = ("media-text", "kind .text(lines:) needs the media type TEXT")
        case .message:
            if message { return nil }
            (rule, reason) = ("media-message", "kind .message needs the media type MESSAGE/RFC822 or MESSAGE/GLOBAL")
        }
        return IMAPValueError(kind: .ambiguous, field: "body part kind", rule: rule, message: reason)
    }
}
