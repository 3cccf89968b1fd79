// body-fields, body-fld-*, body-ext-1part, body-ext-mpart, body-extension
// (RFC 9051 section 9; RFC 3501: body-extension without number64).

extension ParserState {
    // body-fields     = body-fld-param SP body-fld-id SP body-fld-desc SP
    //                   body-fld-enc SP body-fld-octets
    // body-fld-id     = nstring
    // body-fld-desc   = nstring
    // body-fld-enc    = (DQUOTE ("7BIT" / "8BIT" / "BINARY" / "BASE64"/
    //                   "QUOTED-PRINTABLE") DQUOTE) / string
    mutating func bodyFields() throws(IMAPDecodingError) -> BodyStructure.Fields {
        let parameters = try bodyFldParam()
        try sp("body-fields")
        let id = try fieldNString("body-fld-id")
        try sp("body-fields")
        let description = try fieldNString("body-fld-desc")
        try sp("body-fields")
        let encoding = try fieldString("body-fld-enc")
        try sp("body-fields")
        let octets = try bodyFldOctets()
        return BodyStructure.Fields(
            parameters: parameters,
            id: id,
            description: description,
            encoding: encoding,
            octets: octets
        )
    }

    // body-fld-octets = number
    /// Lenient: a negative size reads as 0, and a size beyond 32 bits as 4294967295.
    mutating func bodyFldOctets() throws(IMAPDecodingError) -> UInt32 {
        if !lenient { return try number("body-fld-octets") }
        let value = try fieldSize("body-fld-octets")
        return UInt32(clamping: value)
    }

    // body-fld-param  = "(" string SP string *(SP string SP string) ")" /
    //                   nil
    /// NIL gives `[]`. The pairs go to the frame's shared parameter chunk
    /// (``SharedList``). Lenient: `()`, NIL for a name or value (empty string), and a
    /// name without a value at the end of the list (empty value).
    mutating func bodyFldParam() throws(IMAPDecodingError) -> SharedList<BodyStructure.Parameter> {
        if skipNil() { return SharedList() }
        guard skip(ASCII.openParen) else {
            throw error("body-fld-param", "expected a parameter list or NIL, found \(found())")
        }
        skipExtraSpaces()
        if peek() == ASCII.closeParen {
            if !lenient { throw error("body-fld-param", "a parameter list holds at least one pair (or is NIL)") }
            index &+= 1
            return SharedList()
        }
        parameterLists.begin()
        while true {
            let name = try fieldString("body-fld-param")
            let value: ByteString
            if listEndsEarly() {
                value = ByteString([])
            } else {
                try sp("body-fld-param")
                value = try fieldString("body-fld-param")
            }
            try charge(BodyStructure.Parameter.self, count: 1, first: false, "body-fld-param")
            parameterLists.append(BodyStructure.Parameter(name: name, value: value))
            if skip(ASCII.closeParen) { return parameterLists.finish() }
            if listEndsEarly() {
                index &+= 1
                return parameterLists.finish()
            }
            try sp("body-fld-param")
        }
    }

    // body-fld-dsp    = "(" string SP body-fld-param ")" / nil
    /// Lenient: a bare string (the disposition type without parameters, as Exchange
    /// sends it), `()` for NIL, and a missing parameter list.
    mutating func bodyFldDsp() throws(IMAPDecodingError) -> BodyStructure.Disposition? {
        switch peek() {
        case ASCII.openParen?:
            if lenient && skipEmptyList() { return nil }
            index &+= 1
            skipExtraSpaces()
            let kind = try fieldString("body-fld-dsp")
            var parameters = SharedList<BodyStructure.Parameter>()
            if !listEndsEarly() {
                try sp("body-fld-dsp")
                parameters = try bodyFldParam()
                skipExtraSpaces()
            }
            if !skip(ASCII.closeParen) {
                throw error("body-fld-dsp", "expected \")\" after the disposition parameters, found \(found())")
            }
            return BodyStructure.Disposition(kind: kind, parameters: parameters)
        case ASCII.dquote?, ASCII.openBrace?, ASCII.tilde?:
            if lenient { return BodyStructure.Disposition(kind: try string("body-fld-dsp")) }
        default:
            if skipNil() { return nil }
        }
        throw error("body-fld-dsp", "expected a parenthesized disposition or NIL, found \(found())")
    }

    // body-fld-lang   = nstring / "(" string *(SP string) ")"
    /// NIL gives `[]`, a single string one tag. Lenient: `()` and NIL entries (skipped).
    mutating func bodyFldLang() throws(IMAPDecodingError) -> [ByteString] {
        guard skip(ASCII.openParen) else {
            if let single = try fieldNString("body-fld-lang") { return [single] }
            return []
        }
        var languages: [ByteString] = []
        skipExtraSpaces()
        if peek() == ASCII.closeParen {
            if !lenient { throw error("body-fld-lang", "a language list holds at least one string") }
            index &+= 1
            return languages
        }
        while true {
            if !(lenient && skipNil()) { try add(try string("body-fld-lang"), to: &languages, "body-fld-lang") }
            if skip(ASCII.closeParen) { return languages }
            try sp("body-fld-lang")
            if lenient && skip(ASCII.closeParen) { return languages }
        }
    }

    // body-fld-loc    = nstring
    mutating func bodyFldLoc() throws(IMAPDecodingError) -> ByteString? {
        try fieldNString("body-fld-loc")
    }

    // body-fld-md5    = nstring
    mutating func bodyFldMd5() throws(IMAPDecodingError) -> ByteString? {
        try fieldNString("body-fld-md5")
    }

    // body-ext-1part  = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang
    //                   [SP body-fld-loc *(SP body-extension)]]]
    mutating func bodyExt1part() throws(IMAPDecodingError) -> BodyStructure.SinglePart.Extension {
        let md5 = try bodyFldMd5()
        let tail = optionalSP() ? try bodyExtDispositionTail() : nil
        return BodyStructure.SinglePart.Extension(md5: md5, dispositionTail: tail)
    }

    // body-ext-mpart  = body-fld-param [SP body-fld-dsp [SP body-fld-lang
    //                   [SP body-fld-loc *(SP body-extension)]]]
    mutating func bodyExtMpart() throws(IMAPDecodingError) -> BodyStructure.Multipart.Extension {
        let parameters = try bodyFldParam()
        let tail = optionalSP() ? try bodyExtDispositionTail() : nil
        return BodyStructure.Multipart.Extension(parameters: parameters, dispositionTail: tail)
    }

    /// The part both extension rules share:
    /// `body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]`.
    /// (Each level is built once from constants, as in ``bodyType1part(mediaType:)``.)
    mutating func bodyExtDispositionTail() throws(IMAPDecodingError) -> BodyStructure.DispositionTail {
        let disposition = try bodyFldDsp()
        let languageTail = optionalSP() ? try bodyExtLanguageTail() : nil
        return BodyStructure.DispositionTail(disposition: disposition, languageTail: languageTail)
    }

    /// `body-fld-lang [SP body-fld-loc *(SP body-extension)]`.
    mutating func bodyExtLanguageTail() throws(IMAPDecodingError) -> BodyStructure.LanguageTail {
        let languages = try bodyFldLang()
        guard optionalSP() else { return BodyStructure.LanguageTail(languages: languages) }
        let location = try bodyFldLoc()
        var extensions: [BodyExtension] = []
        while optionalSP() { try add(try bodyExtension(), to: &extensions, "body-extension") }
        return BodyStructure.LanguageTail(
            languages: languages,
            locationTail: BodyStructure.LocationTail(location: location, extensions: extensions)
        )
    }

    // body-extension  = nstring / number / number64 /
    //                    "(" body-extension *(SP body-extension) ")"
    /// Lenient: `()` (an empty list), and a negative number (read as 0).
    mutating func bodyExtension() throws(IMAPDecodingError) -> BodyExtension {
        switch peek() {
        case ASCII.openParen?:
            try enterNesting("body-extension")
            defer { leaveNesting() }
            index &+= 1
            skipExtraSpaces()
            var items: [BodyExtension] = []
            if peek() == ASCII.closeParen {
                if !lenient { throw error("body-extension", "an extension list holds at least one value") }
                index &+= 1
                return .list(items)
            }
            while true {
                try add(try bodyExtension(), to: &items, "body-extension")
                if skip(ASCII.closeParen) { return .list(items) }
                try sp("body-extension")
                if lenient && skip(ASCII.closeParen) { return .list(items) }
            }
        case ASCII.dquote?, ASCII.openBrace?, ASCII.tilde?:
            return .string(try string("body-extension"))
        case let byte? where ASCII.isDigit(byte) || (lenient && byte == ASCII.minus):
            return .number(try fieldSize("body-extension"))
        default:
            if skipNil() { return .nilValue }
            throw error("body-extension", "expected a string, number, NIL or list, found \(found())")
        }
    }
}

extension IMAPWriter {
    // body-fields     = body-fld-param SP body-fld-id SP body-fld-desc SP
    //                   body-fld-enc SP body-fld-octets
    mutating func writeBodyFields(_ fields: BodyStructure.Fields) {
        writeBodyFldParam(fields.parameters)
        writeSpace()
        writeNString(fields.id)
        writeSpace()
        writeNString(fields.description)
        writeSpace()
        writeString(fields.encoding)
        writeSpace()
        writeNumber(fields.octets)
    }

    // body-fld-param  = "(" string SP string *(SP string SP string) ")" /
    //                   nil
    /// Writes `[]` as NIL.
    mutating func writeBodyFldParam(_ parameters: SharedList<BodyStructure.Parameter>) {
        if parameters.isEmpty {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        for (i, parameter) in parameters.enumerated() {
            if i > 0 { writeSpace() }
            writeString(parameter.name)
            writeSpace()
            writeString(parameter.value)
        }
        writeByte(ASCII.closeParen)
    }

    // body-fld-dsp    = "(" string SP body-fld-param ")" / nil
    mutating func writeBodyFldDsp(_ disposition: BodyStructure.Disposition?) {
        guard let disposition else {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        writeString(disposition.kind)
        writeSpace()
        writeBodyFldParam(disposition.parameters)
        writeByte(ASCII.closeParen)
    }

    // body-fld-lang   = nstring / "(" string *(SP string) ")"
    /// `[]` as NIL, otherwise a list (also for one tag, as Dovecot writes it; a single
    /// string decodes to the same value).
    mutating func writeBodyFldLang(_ languages: [ByteString]) {
        if languages.isEmpty {
            writeNil()
            return
        }
        writeByte(ASCII.openParen)
        for (i, language) in languages.enumerated() {
            if i > 0 { writeSpace() }
            writeString(language)
        }
        writeByte(ASCII.closeParen)
    }

    // body-ext-1part  = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang
    //                   [SP body-fld-loc *(SP body-extension)]]]
    mutating func writeBodyExt1part(_ ext: BodyStructure.SinglePart.Extension) {
        writeNString(ext.md5)
        if let tail = ext.dispositionTail {
            writeSpace()
            writeBodyExtDispositionTail(tail)
        }
    }

    // body-ext-mpart  = body-fld-param [SP body-fld-dsp [SP body-fld-lang
    //                   [SP body-fld-loc *(SP body-extension)]]]
    mutating func writeBodyExtMpart(_ ext: BodyStructure.Multipart.Extension) {
        writeBodyFldParam(ext.parameters)
        if let tail = ext.dispositionTail {
            writeSpace()
            writeBodyExtDispositionTail(tail)
        }
    }

    /// `body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]`.
    mutating func writeBodyExtDispositionTail(_ tail: BodyStructure.DispositionTail) {
        writeBodyFldDsp(tail.disposition)
        guard let language = tail.languageTail else { return }
        writeSpace()
        writeBodyFldLang(language.languages)
        guard let location = language.locationTail else { return }
        writeSpace()
        writeNString(location.location)
        for ext in location.extensions {
            writeSpace()
            writeBodyExtension(ext)
        }
    }

    // body-extension  = nstring / number / number64 /
    //                    "(" body-extension *(SP body-extension) ")"
    /// Writes an extension value. Nesting is bounded by the value itself (the parser
    /// limits what it builds to ``DecodingLimits/maxNestingDepth``).
    mutating func writeBodyExtension(_ ext: BodyExtension) {
        switch ext {
        case .nilValue:
            writeNil()
        case .string(let value):
            writeString(value)
        case .number(let value):
            writeNumber(value)
        case .list(let items):
            writeByte(ASCII.openParen)
            for (i, item) in items.enumerated() {
                if i > 0 { writeSpace() }
                writeBodyExtension(item)
            }
            writeByte(ASCII.closeParen)
        }
    }
}
