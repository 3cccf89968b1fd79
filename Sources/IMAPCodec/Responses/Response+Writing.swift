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
            writeAtom(tagged.tag.bytes)
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
        case .fetch(let n, let attributes):
            writeNumber(n)
            write(" FETCH ")
            writeMsgAtt(attributes)
        case .search(let response):
            write("SEARCH")
            writeSearchResponse(response)
        case .esearch(let response):
            write("ESEARCH")
            writeESearchResponse(response)
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
            writeNumber(n)
            write(" EXPUNGE")
        case .vanished(let earlier, let uids):
            write(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            writeSequenceSet(uids)
        case .other(let keyword, let rest):
            writeAtom(keyword)
            writeRaw(rest)
        }
    }
}
