extension UntaggedResponse {
    /// The keywords the decoder reads into a case of their own (upper-cased): an
    /// ``other(keyword:rest:)`` with one (or with a number, `* 5 EXISTS`) would not read back
    /// as itself, so the encoders refuse it.
    static let knownKeywords: Set<String> = [
        "OK", "NO", "BAD", "BYE", "PREAUTH", "CAPABILITY", "ENABLED", "ID", "LIST", "LSUB", "XLIST", "STATUS",
        "NAMESPACE",
        "QUOTA", "QUOTAROOT", "METADATA", "ACL", "LISTRIGHTS", "MYRIGHTS", "FLAGS", "SEARCH", "ESEARCH", "SORT",
        "THREAD", "VANISHED", "UIDBATCHES", "LANGUAGE", "COMPARATOR", "JMAPACCESS",
        "GENURLAUTH", "URLFETCH",
    ]
}

extension IMAPWriter {
    /// Writes a whole response, CRLF included.
    mutating func writeResponse(_ response: Response) {
        switch response {
        case .continuation(let request):
            // continue-req    = "+" SP (resp-text / base64) CRLF
            write("+ ")
            writeRespText(request.text)
        case .untagged(let data):
            write("* ")
            writeResponseData(data)
        case .tagged(let tagged):
            // response-tagged = tag SP resp-cond-state CRLF
            writeBytes(tagged.tag.bytes)  // a Tag is valid by construction
            switch tagged.status {
            case .ok: write(" OK ")
            case .no: write(" NO ")
            case .bad: write(" BAD ")
            }
            writeRespText(tagged.text)
        }
        writeCRLF()
    }

    mutating func writeResponseData(_ data: UntaggedResponse) {
        switch data {
        case .condition(let status, let text):
            switch status {
            case .ok: write("OK ")
            case .no: write("NO ")
            case .bad: write("BAD ")
            case .bye: write("BYE ")
            case .preauth: write("PREAUTH ")
            }
            writeRespText(text)
        case .capability(let capabilities):
            write("CAPABILITY")
            writeCapabilityData(capabilities)
        case .enabled(let capabilities):
            write("ENABLED")
            writeEnableData(capabilities)
        case .id(let fields):
            write("ID ")
            writeIDParamsList(fields)
        case .list(let data):
            write("LIST ")
            writeMailboxList(data)
        case .lsub(let data):
            write("LSUB ")
            writeMailboxList(data)
        case .xlist(let data):
            write("XLIST ")
            writeMailboxList(data)
        case .status(let status):
            write("STATUS ")
            writeStatusResponse(status)
        case .namespace(let namespace):
            write("NAMESPACE ")
            writeNamespaceResponse(namespace)
        case .quota(let quota):
            write("QUOTA ")
            writeQuotaResponse(quota)
        case .quotaRoot(let root):
            write("QUOTAROOT ")
            writeQuotarootResponse(root)
        case .metadata(let metadata):
            write("METADATA ")
            writeMetadataResp(metadata)
        case .acl(let acl):
            write("ACL ")
            writeACLData(acl)
        case .listRights(let rights):
            write("LISTRIGHTS ")
            writeListrightsData(rights)
        case .myRights(let rights):
            write("MYRIGHTS ")
            writeMyrightsData(rights)
        case .flags(let flags):
            write("FLAGS ")
            writeFlagList(flags)
        // message-data    = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
        case .fetch(let n, let attributes):
            writeNZNumber(n, "FETCH message number")
            write(" FETCH ")
            writeMsgAtt(attributes)
        case .search(let response):
            write("SEARCH")
            writeSearchResponse(response)
        case .esearch(let response):
            write("ESEARCH")
            writeESearchResponse(response)
        case .language(let tags):
            write("LANGUAGE")
            writeLanguageData(tags)
        case .comparator(let response):
            write("COMPARATOR")
            writeComparatorData(response)
        case .jmapAccess(let url):
            write("JMAPACCESS")
            writeJMAPAccessResponse(url)
        case .genURLAuth(let urls):
            write("GENURLAUTH")
            writeURLList(urls, "GENURLAUTH url-full", "genurlauth-data")
        case .urlFetch(let items):
            write("URLFETCH")
            writeURLFetchData(items)
        case .uidBatches(let response):
            write("UIDBATCHES")
            writeUIDBatchesResponse(response)
        case .sort(let response):
            write("SORT")
            writeSortResponse(response)
        case .thread(let threads):
            write("THREAD")
            writeThreadResponse(threads)
        case .exists(let n):
            writeNumber(n)
            write(" EXISTS")
        case .recent(let n):
            writeNumber(n)
            write(" RECENT")
        case .expunge(let n):
            writeNZNumber(n, "EXPUNGE message number")
            write(" EXPUNGE")
        // expunged-resp   = "VANISHED" [SP "(EARLIER)"] SP known-uids
        // known-uids      = sequence-set   ;; Sequence of UIDs; "*" is not allowed.
        case .vanished(let earlier, let uids):
            write(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            writeNumberSet(uids, "VANISHED", "known-uids")
        case .other(let keyword, let rest):
            needsReadBack("untagged response")
            let folded = keyword.name.folded
            if UntaggedResponse.knownKeywords.contains(folded) || folded.utf8.allSatisfy(ASCII.isDigit) {
                return refuse(
                    IMAPValueError(
                        kind: .ambiguous,
                        field: "untagged keyword",
                        rule: "response-data",
                        message:
                            "\(keyword) starts a response IMAPCodec reads into its own case; build that case instead"
                    )
                )
            }
            writeAtom(keyword, "untagged keyword")
            if let first = rest.withUnsafeBytes({ $0.first }), CharacterClass.isAtomChar(first) || first >= 0x80 {
                return refuse(
                    IMAPValueError(
                        kind: .ambiguous,
                        field: "untagged data",
                        rule: "response-data",
                        message: "starts with an atom character: it would be read as part of the keyword",
                        offset: 0
                    )
                )
            }
            writeRaw(rest, "untagged data")
        }
    }
}
