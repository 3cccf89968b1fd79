/// A command sent by a client: a tag and what it asks for.
public struct Command: Sendable, Hashable {
    /// The tag the server's completion response will carry.
    public var tag: Tag
    /// The command and its arguments.
    public var kind: CommandKind

    /// Creates a command.
    public init(tag: Tag, _ kind: CommandKind) {
        self.tag = tag
        self.kind = kind
    }
}

/// Everything a client sends: commands, and the lines that are not commands (the
/// continuation of AUTHENTICATE, and DONE ending IDLE).
public enum ClientMessage: Sendable, Hashable {
    /// A tagged command.
    case command(Command)
    /// `DONE`, ending IDLE (RFC 2177).
    case idleDone
    /// A line answering an AUTHENTICATE challenge: base64 bytes as sent (may be empty).
    case authenticationResponse(ByteString)
    /// `*`: the client cancels AUTHENTICATE.
    case authenticationCancel
}

/// The commands of RFC 9051, RFC 3501 and the extensions.
///
/// Cases whose arguments take 64 bytes or more (all rare commands) are boxed, so that a
/// command is 88 bytes and moves cheaply through the decoder (Docs/Performance.md).
public enum CommandKind: Sendable, Hashable {
    // command-any     = "CAPABILITY" / "LOGOUT" / "NOOP"
    /// `CAPABILITY`
    case capability
    /// `NOOP`
    case noop
    /// `LOGOUT`
    case logout
    /// `LANGUAGE [range...]` (RFC 5255): list the server's languages (no ranges) or choose
    /// one (language ranges, e.g. `de`, `fr-CA`, `default`).
    case language([ByteString])

    // command-nonauth = login / authenticate / "STARTTLS"
    /// `STARTTLS`
    case startTLS
    /// `AUTHENTICATE mechanism [initial-response]` (SASL-IR, RFC 4959: the initial response
    /// as base64 text; an empty initial response is sent as `=`).
    indirect case authenticate(mechanism: Atom, initialResponse: ByteString?)
    /// `LOGIN user password`
    indirect case login(user: ByteString, password: ByteString)

    // command-auth
    /// `DELETE mailbox`
    case delete(MailboxName)
    /// `RENAME from to [(params)]` (parameters: RFC 4466 `rename-params`)
    indirect case rename(from: MailboxName, to: MailboxName, parameters: [RenameParameter] = [])
    /// `SUBSCRIBE mailbox`
    case subscribe(MailboxName)
    /// `UNSUBSCRIBE mailbox`
    case unsubscribe(MailboxName)
    /// `ENABLE capability...` (RFC 5161)
    case enable(NonEmptyArray<Capability>)
    /// `SELECT mailbox [(params)]` (CONDSTORE, QRESYNC: RFC 7162)
    case select(SelectCommand)
    /// `EXAMINE mailbox [(params)]`
    case examine(SelectCommand)
    /// `CREATE mailbox [(USE (...))]` (RFC 6154)
    case create(CreateCommand)
    /// `LIST [(select-opts)] reference patterns [RETURN (...)]` (RFC 5258, 9051)
    case list(ListCommand)
    /// `LSUB reference pattern` (IMAP4rev1)
    indirect case lsub(LSubCommand)
    /// `XLIST reference pattern` (Gmail's XLIST capability): LSUB's arguments; the server
    /// answers with ``UntaggedResponse/xlist(_:)`` responses.
    indirect case xlist(LSubCommand)
    /// `STATUS mailbox (attributes)`
    case status(StatusCommand)
    /// `ID (fields)` or `ID NIL` (RFC 2971)
    case id([IDField]?)
    /// `GETQUOTA root` (RFC 9208)
    case getQuota(ByteString)
    /// `SETQUOTA root (resource limit ...)` (RFC 9208)
    case setQuota(SetQuotaCommand)
    /// `GETMETADATA [(options)] mailbox entries` (RFC 5464)
    case getMetadata(GetMetadataCommand)
    /// `SETMETADATA mailbox (entry value ...)` (RFC 5464)
    case setMetadata(SetMetadataCommand)
    /// `SETACL mailbox identifier rights` (RFC 4314)
    indirect case setACL(SetACLCommand)
    /// `DELETEACL mailbox identifier` (RFC 4314)
    indirect case deleteACL(ACLIdentifierCommand)
    /// `LISTRIGHTS mailbox identifier` (RFC 4314)
    indirect case listRights(ACLIdentifierCommand)
    /// `NAMESPACE` (RFC 2342)
    case namespace
    /// `COMPARATOR [comparator...]` (RFC 5255 I18NLEVEL=2): show (no arguments) or choose
    /// the comparator, e.g. `i;unicode-casemap`.
    case comparator([ByteString])
    /// `GETJMAPACCESS` (RFC 9698): ask for the JMAP session URL.
    case getJMAPAccess
    /// `NOTIFY NONE` or `NOTIFY SET [STATUS] group...` (RFC 5465): choose the events the
    /// server reports unasked.
    case notify(NotifyCommand)
    /// `RESETKEY [mailbox [mechanism...]]` (RFC 4467): invalidate URLAUTH keys, all of them
    /// (no mailbox) or a mailbox's; mechanisms need a mailbox.
    case resetKey(mailbox: MailboxName?, mechanisms: [Atom])
    /// `GENURLAUTH url-rump mechanism...` (RFC 4467): ask for authorized URLs (never empty).
    case genURLAuth([URLAuthRequest])
    /// `URLFETCH url...` (RFC 4467): fetch the data URLAUTH-authorized URLs address (never empty).
    case urlFetch([ByteString])
    /// `APPEND mailbox message...` (one message, or several with MULTIAPPEND).
    case append(AppendCommand)
    /// `IDLE` (RFC 2177); the client ends it with `DONE`.
    case idle
    /// `GETQUOTAROOT mailbox` (RFC 9208)
    case getQuotaRoot(MailboxName)
    /// `GETACL mailbox` (RFC 4314)
    case getACL(MailboxName)
    /// `MYRIGHTS mailbox` (RFC 4314)
    case myRights(MailboxName)
    /// `UNAUTHENTICATE` (RFC 8437)
    case unauthenticate
    /// `COMPRESS mechanism` (RFC 4978, `DEFLATE`)
    case compress(Atom)

    // command-select
    /// `CHECK` (IMAP4rev1)
    case check
    /// `CLOSE`
    case close
    /// `UNSELECT` (RFC 3691)
    case unselect
    /// `EXPUNGE`
    case expunge
    /// `UID EXPUNGE set` (RFC 4315)
    case uidExpunge(SequenceSet)
    /// `[UID] SEARCH [RETURN (...)] [CHARSET x] keys...`
    case search(SearchProgram, uid: Bool = false)
    /// `[UID] ESEARCH [IN (...)] [RETURN (...)] [CHARSET x] keys...` (MULTISEARCH, RFC 7377):
    /// a search of other mailboxes. RFC 7377's grammar has no UID form, but its section 2
    /// sends `UID ESEARCH`; both are read and written.
    case esearch(ESearchCommand, uid: Bool = false)
    /// `[UID] FETCH set attributes [(modifiers)]`
    case fetch(SequenceSet, FetchAttributes, modifiers: [FetchModifier] = [], uid: Bool = false)
    /// `[UID] STORE set [(modifiers)] [+|-]FLAGS[.SILENT] (flags)`
    case store(SequenceSet, modifiers: [StoreModifier] = [], StoreFlags, uid: Bool = false)
    /// `[UID] SORT ...` (RFC 5256)
    case sort(SortArguments, uid: Bool = false)
    /// `[UID] THREAD ...` (RFC 5256)
    case thread(ThreadArguments, uid: Bool = false)
    /// `[UID] REPLACE n mailbox message` (RFC 8508)
    indirect case replace(SequenceNumber, MailboxName, AppendMessage, uid: Bool = false)
    /// `UIDBATCHES size [first:last]` (RFC 10022): the UID ranges splitting the mailbox into
    /// batches of `size` messages.
    case uidBatches(UIDBatchesCommand)
    /// `CANCELUPDATE "tag"...` (RFC 5267): stop the updates of earlier searches.
    case cancelUpdate(NonEmptyArray<ByteString>)
    /// `[UID] COPY set mailbox`
    case copy(SequenceSet, MailboxName, uid: Bool = false)
    /// `[UID] MOVE set mailbox` (RFC 6851)
    case move(SequenceSet, MailboxName, uid: Bool = false)

    // The open end of the grammar (RFC 4466 section 2)
    /// A command IMAPCodec has no grammar for (a private or newer extension): its name and
    /// its arguments as sent, so that a server can implement it or answer `tag BAD` knowing
    /// its name. Never a name the decoder reads into a case of its own (`LOGIN`, `UID`,
    /// ...): the encoder refuses one, and a known command with bad arguments is an error.
    indirect case other(name: Atom, arguments: RawCommandArguments = .empty)
}
