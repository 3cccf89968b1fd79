/// `response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data /
/// capability-data / enable-data) CRLF`, with the data responses of the extensions.
///
/// The cases whose payload is wider than five words are `indirect` (boxed), so that the
/// common small ones (FETCH, EXISTS, EXPUNGE, SEARCH, STATUS ...) travel unboxed and the
/// value stays a few words to move.
public enum UntaggedResponse: Sendable, Hashable {
    /// `* OK|NO|BAD|BYE|PREAUTH [code] text`
    indirect case condition(UntaggedStatus, ResponseText)
    /// `* CAPABILITY ...`
    case capability([Capability])
    /// `* ENABLED ...` (RFC 5161): the extensions the ENABLE command turned on.
    case enabled([Capability])
    /// `* LANGUAGE (tag...)` (RFC 5255): the available languages, or the one chosen.
    case language([ByteString])
    /// `* COMPARATOR active [(matching...)]` (RFC 5255 I18NLEVEL=2).
    case comparator(ComparatorResponse)
    /// `* JMAPACCESS "url"` (RFC 9698): the JMAP session URL.
    case jmapAccess(ByteString)
    /// `* GENURLAUTH url...` (RFC 4467): the authorized URLs, in the command's order (never empty).
    case genURLAuth([ByteString])
    /// `* URLFETCH url data...` (RFC 4467): each URL with the data it addresses (never empty).
    case urlFetch([URLFetchData])
    /// `* ID (...)` (RFC 2971): the server's identification, nil for `NIL`.
    case id([IDField]?)
    /// `* LIST ...`: one mailbox (with LIST-EXTENDED data).
    indirect case list(MailboxListData)
    /// `* LSUB ...` (IMAP4rev1): one subscribed mailbox.
    indirect case lsub(MailboxListData)
    /// `* XLIST ...` (Gmail's XLIST): one mailbox, with LIST's shape; the special uses are
    /// attributes (`\Inbox`, `\AllMail`, `\Spam`, `\Starred`, `\Important` ...).
    indirect case xlist(MailboxListData)
    /// `* STATUS mailbox (...)`
    case status(StatusResponse)
    /// `* NAMESPACE ...` (RFC 2342)
    case namespace(NamespaceResponse)
    /// `* QUOTA root (...)` (RFC 9208)
    case quota(QuotaResponse)
    /// `* QUOTAROOT mailbox root...` (RFC 9208)
    case quotaRoot(QuotaRootResponse)
    /// `* METADATA mailbox ...` (RFC 5464)
    case metadata(MetadataResponse)
    /// `* ACL mailbox identifier rights ...` (RFC 4314)
    case acl(ACLResponse)
    /// `* LISTRIGHTS mailbox identifier required optional...` (RFC 4314)
    indirect case listRights(ListRightsResponse)
    /// `* MYRIGHTS mailbox rights` (RFC 4314)
    indirect case myRights(MyRightsResponse)
    /// `* FLAGS (...)`: the flags defined in the selected mailbox.
    case flags([Flag])
    /// `* n FETCH (...)`: data about message n.
    case fetch(UInt32, [MessageAttribute])
    /// `* SEARCH n...` (IMAP4rev1; with CONDSTORE a MODSEQ)
    case search(SearchResponse)
    /// `* ESEARCH ...` (RFC 4731, 9051)
    indirect case esearch(ESearchResponse)
    /// `* UIDBATCHES (TAG "t") ranges` (RFC 10022): the UID ranges of the batches.
    indirect case uidBatches(UIDBatchesResponse)
    /// `* SORT n...` (RFC 5256)
    case sort(SearchResponse)
    /// `* THREAD (...)...` (RFC 5256)
    case thread([MessageThread])
    /// `* n EXISTS`
    case exists(UInt32)
    /// `* n RECENT` (IMAP4rev1)
    case recent(UInt32)
    /// `* n EXPUNGE`
    case expunge(UInt32)
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162): UIDs expunged, kept as ranges.
    case vanished(earlier: Bool, uids: SequenceSet)
    /// Untagged data IMAPCodec has no grammar for: its keyword and the rest of the line
    /// (with any literals), kept so it round-trips.
    indirect case other(keyword: Atom, rest: ByteString)
}
