/// `response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data /
/// capability-data / enable-data) CRLF`, with the data responses of the extensions.
public enum UntaggedResponse: Sendable, Hashable {
    /// `* OK|NO|BAD|BYE|PREAUTH [code] text`
    case condition(UntaggedStatus, ResponseText)
    /// `* CAPABILITY ...`
    case capability([Capability])
    /// `* FLAGS (...)`: the flags defined in the selected mailbox.
    case flags([Flag])
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
    case other(keyword: ByteString, rest: ByteString)
}
