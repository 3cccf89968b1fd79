// XLIST (Gmail's pre-SPECIAL-USE listing, capability XLIST): the command takes LSUB's
// arguments, and each `* XLIST` response has LIST's shape, with the special uses as
// attributes (`\Inbox`, `\AllMail`, `\Sent`, `\Drafts`, `\Spam`, `\Starred`,
// `\Important`, `\Trash`). Gmail documents no ABNF; the rules below are written the way
// RFC 3501 writes LIST's.

extension ParserState {
    // xlist           = "XLIST" SP mailbox SP list-mailbox
    /// Parses what follows `XLIST SP`; stops before CRLF.
    mutating func xlistArguments() throws(IMAPDecodingError) -> LSubCommand {
        let reference = try mailbox()
        try sp("xlist")
        return LSubCommand(reference: reference, pattern: try listMailbox())
    }
}

extension IMAPWriter {
    // xlist           = "XLIST" SP mailbox SP list-mailbox
    /// Writes what follows `XLIST SP`.
    mutating func writeXListArguments(_ command: LSubCommand) {
        writeLSubArguments(command)
    }
}
