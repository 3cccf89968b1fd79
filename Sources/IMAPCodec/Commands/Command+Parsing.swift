extension ParserState {
    // command         = tag SP (command-any / command-auth / command-nonauth /
    //                   command-select) CRLF
    /// One complete command frame, CRLF included. Fails if anything follows it.
    mutating func command() throws(IMAPDecodingError) -> Command {
        let tag = Tag(unchecked: try self.tag())
        try sp("command")
        let kind = try commandKind()
        try crlf()
        if !isAtEnd { throw error("command", "unexpected bytes after the end of the command") }
        return Command(tag: tag, kind)
    }

    /// The command keyword and its arguments, dispatched on the keyword's first byte.
    mutating func commandKind() throws(IMAPDecodingError) -> CommandKind {
        guard let first = peek() else { throw error("command", "expected a command, found end of input") }
        if let kind = try selectedStateCommand(uid: false) { return kind }
        switch ASCII.upper(first) {
        case UInt8(ascii: "A"):
            if skipKeyword("APPEND") {
                try sp("append")
                return .append(try appendArguments())
            }
            // authenticate    = "AUTHENTICATE" SP auth-type [SP initial-resp] *(CRLF base64)
            if skipKeyword("AUTHENTICATE") {
                try sp("authenticate")
                // auth-type       = atom
                let mechanism = Atom(decoded: try atom("auth-type"))
                var initial: ByteString? = nil
                if skip(ASCII.space) { initial = try initialResp() }
                return .authenticate(mechanism: mechanism, initialResponse: initial)
            }
        case UInt8(ascii: "C"):
            if skipKeyword("CAPABILITY") { return .capability }
            // comparator-cmd  = "COMPARATOR" *(SP comp-order-quoted)      (RFC 5255)
            if skipKeyword("COMPARATOR") { return .comparator(try spAStrings("comparator-cmd")) }
            if skipKeyword("CHECK") { return .check }
            if skipKeyword("CLOSE") { return .close }
            // command-select      =/ "CANCELUPDATE" 1*(SP quoted)          (RFC 5267)
            if skipKeyword("CANCELUPDATE") {
                var tags: [ByteString] = []
                repeat {
                    try sp("command-select")
                    try add(try quoted(), to: &tags, "command-select")
                } while peek() == ASCII.space
                return .cancelUpdate(NonEmptyArray(unchecked: tags))
            }
            if skipKeyword("CREATE") {
                try sp("create")
                return .create(try createArguments())
            }
            // copy            = "COPY" SP sequence-set SP mailbox
            if skipKeyword("COPY") {
                let (set, mailbox) = try setAndMailbox("copy")
                return .copy(set, mailbox, uid: false)
            }
            // compress        = "COMPRESS" SP algorithm        (RFC 4978)
            if skipKeyword("COMPRESS") {
                try sp("compress")
                return .compress(Atom(decoded: try atom("algorithm")))
            }
        case UInt8(ascii: "D"):
            if skipKeyword("DELETE") { return .delete(try spMailbox("delete")) }
            if skipKeyword("DELETEACL") {
                try sp("deleteacl")
                return .deleteACL(try aclIdentifierArguments("deleteacl"))
            }
        case UInt8(ascii: "E"):
            if skipKeyword("EXPUNGE") { return .expunge }
            // enable          = "ENABLE" 1*(SP capability)
            if skipKeyword("ENABLE") {
                try sp("enable")
                return .enable(try enableArguments())
            }
            // examine         = "EXAMINE" SP mailbox [select-params]
            if skipKeyword("EXAMINE") {
                try sp("examine")
                return .examine(try selectArguments())
            }
        case UInt8(ascii: "G"):
            // command-auth    =/ genurlauth                              (RFC 4467)
            if skipKeyword("GENURLAUTH") { return .genURLAuth(try genURLAuthArguments()) }
            // command-auth =/ "GETJMAPACCESS"                            (RFC 9698)
            if skipKeyword("GETJMAPACCESS") { return .getJMAPAccess }
            if skipKeyword("GETQUOTAROOT") { return .getQuotaRoot(try spMailbox("getquotaroot")) }
            if skipKeyword("GETACL") { return .getACL(try spMailbox("getacl")) }
            if skipKeyword("GETQUOTA") {
                try sp("getquota")
                return .getQuota(try getquotaArguments())
            }
            if skipKeyword("GETMETADATA") {
                try sp("getmetadata")
                return .getMetadata(try getmetadataArguments())
            }
        case UInt8(ascii: "I"):
            // idle            = "IDLE" CRLF "DONE"
            if skipKeyword("IDLE") { return .idle }
            // id              = "ID" SP id-params-list                 (RFC 2971)
            if skipKeyword("ID") {
                try sp("id")
                return .id(try idParamsList())
            }
        case UInt8(ascii: "L"):
            // login           = "LOGIN" SP userid SP password
            if skipKeyword("LOGIN") {
                try sp("login")
                let user = try astring()
                try sp("login")
                return .login(user: user, password: try astring())
            }
            if skipKeyword("LOGOUT") { return .logout }
            // language-cmd    = "LANGUAGE" *(SP lang-range-quoted)         (RFC 5255)
            if skipKeyword("LANGUAGE") { return .language(try spAStrings("language-cmd")) }
            if skipKeyword("LIST") {
                try sp("list")
                return .list(try listArguments())
            }
            if skipKeyword("LSUB") {
                try sp("lsub")
                return .lsub(try lsubArguments())
            }
            if skipKeyword("LISTRIGHTS") {
                try sp("listrights")
                return .listRights(try aclIdentifierArguments("listrights"))
            }
        case UInt8(ascii: "M"):
            // move            = "MOVE" SP sequence-set SP mailbox   (RFC 6851)
            if skipKeyword("MOVE") {
                let (set, mailbox) = try setAndMailbox("move")
                return .move(set, mailbox, uid: false)
            }
            if skipKeyword("MYRIGHTS") { return .myRights(try spMailbox("myrights")) }
        case UInt8(ascii: "N"):
            if skipKeyword("NOOP") { return .noop }
            if skipKeyword("NAMESPACE") { return .namespace }
            // command-auth    =/ notify                                  (RFC 5465)
            if skipKeyword("NOTIFY") { return .notify(try notifyArguments()) }
        case UInt8(ascii: "R"):
            // rename          = "RENAME" SP mailbox SP mailbox [rename-params]
            if skipKeyword("RENAME") { return try renameArguments() }
            // command-auth    =/ resetkey                                (RFC 4467)
            if skipKeyword("RESETKEY") { return try resetKeyArguments() }
        case UInt8(ascii: "S"):
            if skipKeyword("STARTTLS") { return .startTLS }
            if skipKeyword("SUBSCRIBE") { return .subscribe(try spMailbox("subscribe")) }
            // select          = "SELECT" SP mailbox [select-params]
            if skipKeyword("SELECT") {
                try sp("select")
                return .select(try selectArguments())
            }
            // status          = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
            if skipKeyword("STATUS") {
                try sp("status")
                return .status(try statusArguments())
            }
            if skipKeyword("SETQUOTA") {
                try sp("setquota")
                return .setQuota(try setquotaArguments())
            }
            if skipKeyword("SETMETADATA") {
                try sp("setmetadata")
                return .setMetadata(try setmetadataArguments())
            }
            if skipKeyword("SETACL") {
                try sp("setacl")
                return .setACL(try setaclArguments())
            }
        case UInt8(ascii: "U"):
            if skipKeyword("UNSELECT") { return .unselect }
            if skipKeyword("UNSUBSCRIBE") { return .unsubscribe(try spMailbox("unsubscribe")) }
            if skipKeyword("UNAUTHENTICATE") { return .unauthenticate }
            // command-auth    =/ urlfetch                                (RFC 4467)
            if skipKeyword("URLFETCH") { return .urlFetch(try urlFetchArguments()) }
            // command-select =/ message-batches                        (RFC 10022)
            if skipKeyword("UIDBATCHES") {
                try sp("message-batches")
                return .uidBatches(try messageBatchesArguments())
            }
            if skipKeyword("UID") {
                try sp("uid")
                return try uidCommand()
            }
        case UInt8(ascii: "X"):
            // xlist           = "XLIST" SP mailbox SP list-mailbox      (Gmail)
            if skipKeyword("XLIST") {
                try sp("xlist")
                return .xlist(try xlistArguments())
            }
        default:
            break
        }
        // No keyword above: an unknown command, its name and raw arguments (OtherCommand.swift).
        return try commandOther()
    }

    // uid             = "UID" SP (copy / move / fetch / search / store / uid-expunge)
    // uid-expunge     = "EXPUNGE" SP sequence-set
    mutating func uidCommand() throws(IMAPDecodingError) -> CommandKind {
        if let kind = try selectedStateCommand(uid: true) { return kind }
        if skipKeyword("COPY") {
            let (set, mailbox) = try setAndMailbox("copy")
            return .copy(set, mailbox, uid: true)
        }
        if skipKeyword("MOVE") {
            let (set, mailbox) = try setAndMailbox("move")
            return .move(set, mailbox, uid: true)
        }
        if skipKeyword("EXPUNGE") {
            try sp("uid-expunge")
            return .uidExpunge(try sequenceSet())
        }
        throw error(
            "uid",
            "expected COPY, MOVE, FETCH, SEARCH, STORE, EXPUNGE or REPLACE after UID, found \(foundWord())"
        )
    }

    /// The commands that have a UID form and share their grammar with it; nil (nothing
    /// consumed) for any other keyword.
    mutating func selectedStateCommand(uid: Bool) throws(IMAPDecodingError) -> CommandKind? {
        switch peek().map(ASCII.upper) {
        case UInt8(ascii: "E"):
            // esearch =  "ESEARCH" [SP esearch-source-opts]
            //         [SP search-return-opts] SP search-program           (RFC 7377)
            if skipKeyword("ESEARCH") {
                try sp("esearch")
                return .esearch(try esearchArguments(), uid: uid)
            }
        case UInt8(ascii: "F"):
            // fetch           = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" /
            //                   fetch-att / "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]
            if skipKeyword("FETCH") {
                try sp("fetch")
                let set = try sequenceSet()
                try sp("fetch")
                let attributes = try fetchAttributes()
                return .fetch(set, attributes, modifiers: try fetchModifiers(), uid: uid)
            }
        case UInt8(ascii: "S"):
            // search          = "SEARCH" [search-return-opts] SP search-program
            if skipKeyword("SEARCH") {
                try sp("search")
                return .search(try searchProgram(), uid: uid)
            }
            // store           = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
            if skipKeyword("STORE") {
                try sp("store")
                let set = try sequenceSet()
                let modifiers = try storeModifiers()
                try sp("store")
                return .store(set, modifiers: modifiers, try storeAttFlags(), uid: uid)
            }
            // sort            = ["UID" SP] "SORT" SP sort-criteria SP search-criteria   (RFC 5256)
            if skipKeyword("SORT") {
                try sp("sort")
                return .sort(try sortArguments(), uid: uid)
            }
        case UInt8(ascii: "T"):
            // thread          = ["UID" SP] "THREAD" SP thread-alg SP search-criteria  (RFC 5256)
            if skipKeyword("THREAD") {
                try sp("thread")
                return .thread(try threadArguments(), uid: uid)
            }
        case UInt8(ascii: "R"):
            // replace        = "REPLACE" SP seq-number SP mailbox append-message      (RFC 8508)
            if skipKeyword("REPLACE") {
                try sp("replace")
                let number = try seqNumber()
                let mailbox = try spMailbox("replace")
                try sp("replace")
                return .replace(number, mailbox, try appendMessage(), uid: uid)
            }
        default:
            break
        }
        return nil
    }

    /// `SP mailbox`
    mutating func spMailbox(_ rule: String) throws(IMAPDecodingError) -> MailboxName {
        try sp(rule)
        return try mailbox()
    }

    /// `SP sequence-set SP mailbox`
    mutating func setAndMailbox(_ rule: String) throws(IMAPDecodingError) -> (SequenceSet, MailboxName) {
        try sp(rule)
        let set = try sequenceSet()
        try sp(rule)
        return (set, try mailbox())
    }

    // initial-resp    =  (base64 / "=")
    //                    ; "=" indicates a zero-length initial response.
    /// An empty value stands for `=`.
    mutating func initialResp() throws(IMAPDecodingError) -> ByteString {
        if peek() == UInt8(ascii: "="), peek(1) == nil || peek(1) == ASCII.cr || peek(1) == ASCII.lf {
            index += 1
            return ByteString([])
        }
        return try base64("initial-resp")
    }

    // base64          = *(4base64-char) [base64-terminal]
    // base64-char     = ALPHA / DIGIT / "+" / "/"
    // base64-terminal = (2base64-char "==") / (3base64-char "=")
    /// Up to the end of the line; strict: the alphabet and the length are checked.
    mutating func base64(_ rule: String = "base64") throws(IMAPDecodingError) -> ByteString {
        let start = index
        let end = scan { $0 != ASCII.cr && $0 != ASCII.lf }
        if !lenient {
            var padding = 0
            for i in start..<end {
                let byte = bytes[i]
                let isChar =
                    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || ASCII.isDigit(byte)
                    || byte == ASCII.plus || byte == 0x2F
                if byte == UInt8(ascii: "=") {
                    padding += 1
                } else if !isChar || padding > 0 {
                    throw error(rule, "not base64", at: i)
                }
            }
            if (end - start) % 4 != 0 || padding > 2 {
                throw error(rule, "base64 length is not a multiple of 4", at: start)
            }
        }
        index = end
        return slice(start, end)
    }
}
