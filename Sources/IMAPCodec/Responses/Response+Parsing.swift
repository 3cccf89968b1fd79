extension ParserState {
    // response        = *(continue-req / response-data) response-done
    /// One complete frame: a continuation request, an untagged or a tagged response,
    /// including its CRLF. Fails if anything follows it.
    mutating func response() throws(IMAPDecodingError) -> Response {
        let response: Response
        switch peek() {
        case ASCII.plus?:
            response = .continuation(try continueReq())
        case ASCII.star?:
            index += 1
            try sp("response-data")
            response = .untagged(try responseData())
        case ASCII.openBracket? where lenient:
            // A response code line with its "* OK " forgotten (seen from Exchange).
            response = .untagged(.condition(.ok, try respText()))
        default:
            response = .tagged(try responseTagged())
        }
        if lenient {
            // Stray closing parentheses after a complete response (SmarterMail).
            while skip(ASCII.closeParen) || skip(ASCII.space) {}
        }
        try crlf()
        if !isAtEnd { throw error("response", "unexpected bytes after the end of the response") }
        return response
    }

    // continue-req    = "+" SP (resp-text / base64) CRLF
    /// Lenient: a bare `+` with no SP (public-inbox, Yandex).
    mutating func continueReq() throws(IMAPDecodingError) -> ContinuationRequest {
        try expect(ASCII.plus, "continue-req")
        if !skip(ASCII.space) {
            if lenient && atLineEnd { return ContinuationRequest() }
            throw error("continue-req", "expected SP after \"+\", found \(found())")
        }
        return ContinuationRequest(text: try respText())
    }

    // response-tagged = tag SP resp-cond-state CRLF
    // resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
    mutating func responseTagged() throws(IMAPDecodingError) -> TaggedResponse {
        let tag = Tag(unchecked: try self.tag())
        try sp("response-tagged")
        let status: TaggedStatus
        if skipKeyword("OK") {
            status = .ok
        } else if skipKeyword("NO") {
            status = .no
        } else if skipKeyword("BAD") {
            status = .bad
        } else {
            throw error("resp-cond-state", "expected OK, NO or BAD, found \(found())")
        }
        return TaggedResponse(tag: tag, status: status, text: try condText())
    }

    /// `SP resp-text` after a status keyword. Lenient: nothing at all (`* OK` CRLF).
    mutating func condText() throws(IMAPDecodingError) -> ResponseText {
        if !skip(ASCII.space) {
            if lenient && atLineEnd { return ResponseText(decoded: nil, text: ByteString([])) }
            throw error("resp-text", "expected SP after the status, found \(found())")
        }
        skipExtraSpaces()
        return try respText()
    }

    // response-data   = "*" SP (resp-cond-state / resp-cond-bye /
    //                   mailbox-data / message-data / capability-data /
    //                   enable-data) CRLF
    // message-data    = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
    // mailbox-data    =/ number SP "EXISTS" / number SP "RECENT"
    mutating func responseData() throws(IMAPDecodingError) -> UntaggedResponse {
        guard let first = peek() else { throw error("response-data", "expected response data, found end of input") }
        if ASCII.isDigit(first) {
            return try numberedResponseData()
        }
        switch ASCII.upper(first) {
        case UInt8(ascii: "O"):
            if skipKeyword("OK") { return .condition(.ok, try condText()) }
        case UInt8(ascii: "A"):
            // acl-data        = "ACL" SP mailbox *(SP identifier SP rights)      (RFC 4314)
            if skipKeyword("ACL") {
                try sp("acl-data")
                return .acl(try aclData())
            }
        case UInt8(ascii: "E"):
            // enable-data     = "ENABLED" *(SP capability)
            if skipKeyword("ENABLED") { return .enabled(try enableData()) }
            // esearch-response  = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
            if skipKeyword("ESEARCH") { return .esearch(try esearchResponse()) }
        case UInt8(ascii: "I"):
            // id-response     = "ID" SP id-params-list                           (RFC 2971)
            if skipKeyword("ID") {
                try sp("id-response")
                return .id(try idParamsList())
            }
        case UInt8(ascii: "J"):
            // response-data =/ "*" SP "JMAPACCESS" SP quoted CRLF         (RFC 9698)
            if skipKeyword("JMAPACCESS") { return .jmapAccess(try jmapaccessResponse()) }
        case UInt8(ascii: "L"):
            // language-data   = "LANGUAGE" SP "(" lang-tag-quoted *(SP lang-tag-quoted) ")"
            if skipKeyword("LANGUAGE") { return .language(try languageData()) }
            // mailbox-data    =/ "LIST" SP mailbox-list
            if skipKeyword("LIST") {
                try sp("mailbox-data")
                return .list(try mailboxList())
            }
            if skipKeyword("LSUB") {
                try sp("mailbox-data")
                return .lsub(try mailboxList())
            }
            // listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)
            if skipKeyword("LISTRIGHTS") {
                try sp("listrights-data")
                return .listRights(try listrightsData())
            }
        case UInt8(ascii: "M"):
            // myrights-data   = "MYRIGHTS" SP mailbox SP rights
            if skipKeyword("MYRIGHTS") {
                try sp("myrights-data")
                return .myRights(try myrightsData())
            }
            // metadata-resp   = "METADATA" SP mailbox SP (entry-values / entry-list)  (RFC 5464)
            if skipKeyword("METADATA") {
                try sp("metadata-resp")
                return .metadata(try metadataResp())
            }
        case UInt8(ascii: "Q"):
            // quota-response  = "QUOTA" SP quota-root-name SP quota-list        (RFC 9208)
            if skipKeyword("QUOTA") {
                try sp("quota-response")
                return .quota(try quotaResponse())
            }
            // quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)
            if skipKeyword("QUOTAROOT") {
                try sp("quotaroot-response")
                return .quotaRoot(try quotarootResponse())
            }
        case UInt8(ascii: "G"):
            // genurlauth-data = "*" SP "GENURLAUTH" 1*(SP url-full)      (RFC 4467)
            if skipKeyword("GENURLAUTH") { return .genURLAuth(try genURLAuthData()) }
        case UInt8(ascii: "U"):
            // urlfetch-data   = "*" SP "URLFETCH" 1*(SP url-full SP nstring)  (RFC 4467)
            if skipKeyword("URLFETCH") { return .urlFetch(try urlFetchData()) }
            // response-data =/ "*" SP uidbatches-response CRLF          (RFC 10022)
            if skipKeyword("UIDBATCHES") {
                try chargeBox(UIDBatchesResponse.self, "uidbatches-response")
                return .uidBatches(try uidbatchesResponse())
            }
        case UInt8(ascii: "S"):
            // mailbox-data    =/ "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]   (RFC 3501, 7162)
            if skipKeyword("SEARCH") { return .search(try searchResponse()) }
            // sort-data       = "SORT" *(SP nz-number)                        (RFC 5256)
            if skipKeyword("SORT") { return .sort(try sortResponse()) }
            // mailbox-data    =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
            if skipKeyword("STATUS") {
                try sp("mailbox-data")
                return .status(try statusResponse())
            }
        case UInt8(ascii: "N"):
            if skipKeyword("NO") { return .condition(.no, try condText()) }
            // namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace
            if skipKeyword("NAMESPACE") {
                try sp("namespace-response")
                return .namespace(try namespaceResponse())
            }
        case UInt8(ascii: "B"):
            if skipKeyword("BAD") { return .condition(.bad, try condText()) }
            // resp-cond-bye   = "BYE" SP resp-text
            if skipKeyword("BYE") { return .condition(.bye, try condText()) }
        case UInt8(ascii: "P"):
            // resp-cond-auth  = ("OK" / "PREAUTH") SP resp-text
            if skipKeyword("PREAUTH") { return .condition(.preauth, try condText()) }
        case UInt8(ascii: "C"):
            // capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev2" *(SP capability)
            if skipKeyword("CAPABILITY") { return .capability(try capabilityData()) }
            // comparator-data = "COMPARATOR" SP comp-sel-quoted [SP "(" comp-id-quoted ...")"]
            if skipKeyword("COMPARATOR") { return .comparator(try comparatorData()) }
        case UInt8(ascii: "F"):
            // mailbox-data    =  "FLAGS" SP flag-list
            if skipKeyword("FLAGS") {
                try sp("mailbox-data")
                return .flags(try flagList())
            }
        case UInt8(ascii: "T"):
            // thread-data     = "THREAD" [SP 1*thread-list]                   (RFC 5256)
            if skipKeyword("THREAD") { return .thread(try threadResponse()) }
        case UInt8(ascii: "X"):
            // mailbox-data    =/ "XLIST" SP mailbox-list                      (Gmail)
            if skipKeyword("XLIST") {
                try sp("mailbox-data")
                return .xlist(try mailboxList())
            }
        case UInt8(ascii: "V"):
            // expunged-resp       =  "VANISHED" [SP "(EARLIER)"] SP known-uids   (RFC 7162)
            if skipKeyword("VANISHED") {
                try sp("expunged-resp")
                var earlier = false
                if skip(ASCII.openParen) {
                    try expectKeyword("EARLIER", "expunged-resp")
                    try expect(ASCII.closeParen, "expunged-resp")
                    try sp("expunged-resp")
                    earlier = true
                }
                return .vanished(earlier: earlier, uids: try sequenceSet(allowStar: false))
            }
        default:
            break
        }
        return try otherResponseData()
    }

    /// `number SP ("EXISTS" / "RECENT" / "EXPUNGE" / "FETCH" SP msg-att)`
    mutating func numberedResponseData() throws(IMAPDecodingError) -> UntaggedResponse {
        let start = index
        let n = try number()
        try sp("message-data")
        if skipKeyword("FETCH") {
            if n == 0 && !lenient { throw error("message-data", "FETCH needs a non-zero number", at: start) }
            try sp("message-data")
            return .fetch(n, try msgAtt())
        }
        if skipKeyword("EXISTS") { return .exists(n) }
        if skipKeyword("RECENT") { return .recent(n) }
        if skipKeyword("EXPUNGE") {
            if n == 0 && !lenient { throw error("message-data", "EXPUNGE needs a non-zero number", at: start) }
            return .expunge(n)
        }
        throw error("message-data", "expected EXISTS, RECENT, EXPUNGE or FETCH, found \(found())")
    }

    /// Untagged data of an unknown kind: keyword and the rest of the frame before CRLF.
    mutating func otherResponseData() throws(IMAPDecodingError) -> UntaggedResponse {
        let keyword = Atom(decoded: try atom("response-data"))
        let restStart = index
        var end = bytes.count
        if end > restStart && bytes[end - 1] == ASCII.lf { end -= 1 }
        if end > restStart && bytes[end - 1] == ASCII.cr { end -= 1 }
        if !lenient,
            let bad = bytes.withUnsafeBytes({
                RawLiteral.firstForbiddenByte(in: UnsafeRawBufferPointer(rebasing: $0[restStart..<end]))
            })
        {
            throw error("response-data", "CR, LF or NUL outside a literal", at: restStart &+ bad)
        }
        index = end
        return .other(keyword: keyword, rest: try rawValue(restStart, end))
    }
}
