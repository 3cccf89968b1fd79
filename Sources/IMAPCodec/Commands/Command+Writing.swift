extension IMAPWriter {
    // base64          = *(4base64-char) [base64-terminal]
    // base64-char     = ALPHA / DIGIT / "+" / "/"
    // base64-terminal = (2base64-char "==") / (3base64-char "=")
    /// The longest base64 line written (an AUTHENTICATE response cannot be a literal): under
    /// the 16 KiB that ``DecodingLimits/commandsBeforeAuthentication`` reads.
    static let maximumBase64Length = 16_000

    /// Refused when the bytes are not base64 (a multiple of four, `=` only as padding) or are
    /// longer than ``maximumBase64Length``.
    mutating func writeBase64(_ data: ByteString, _ field: String) {
        if data.count > Self.maximumBase64Length {
            return refuse(
                IMAPValueError(
                    kind: .tooLong,
                    field: field,
                    rule: "base64",
                    message: "longer than \(Self.maximumBase64Length) bytes: too long for one line"
                )
            )
        }
        let bad = data.withUnsafeBytes { raw -> Int? in
            for (i, byte) in raw.enumerated() {
                let upper = ASCII.upper(byte)
                let char = (upper >= 0x41 && upper <= 0x5A) || ASCII.isDigit(byte) || byte == ASCII.plus || byte == 0x2F
                let padding = byte == 0x3D && i >= raw.count &- 2 && (i == raw.count &- 1 || raw[i &+ 1] == 0x3D)
                if !(char || padding) { return i }
            }
            return raw.count % 4 == 0 ? nil : raw.count
        }
        if let bad {
            return refuse(
                IMAPValueError(kind: .forbiddenByte, field: field, rule: "base64", message: "not base64", offset: bad)
            )
        }
        writeBytes(data)
    }

    /// Writes any client message, CRLF included.
    mutating func writeClientMessage(_ message: ClientMessage) {
        switch message {
        case .command(let command): writeCommand(command)
        case .idleDone:
            write("DONE")
            writeCRLF()
        case .authenticationResponse(let base64):
            writeBase64(base64, "AUTHENTICATE response")
            writeCRLF()
        case .authenticationCancel:
            write("*")
            writeCRLF()
        }
    }

    // command         = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF
    mutating func writeCommand(_ command: Command) {
        writeBytes(command.tag.bytes)  // a Tag is valid by construction
        writeSpace()
        writeCommandKind(command.kind)
        writeCRLF()
    }

    mutating func writeCommandKind(_ kind: CommandKind) {
        switch kind {
        case .capability: write("CAPABILITY")
        case .noop: write("NOOP")
        case .logout: write("LOGOUT")
        case .startTLS: write("STARTTLS")
        case .authenticate(let mechanism, let initial):
            write("AUTHENTICATE ")
            writeAtom(mechanism, "AUTHENTICATE mechanism", rule: "auth-type")
            if let initial {
                writeSpace()
                if initial.isEmpty { write("=") } else { writeBase64(initial, "AUTHENTICATE initial response") }
            }
        case .login(let user, let password):
            write("LOGIN ")
            writeAString(user, "LOGIN user")
            writeSpace()
            writeAString(password, "LOGIN password")
        case .delete(let mailbox):
            write("DELETE ")
            writeMailbox(mailbox)
        case .rename(let from, let to, let parameters):
            write("RENAME ")
            writeMailbox(from)
            writeSpace()
            writeMailbox(to)
            writeRenameParams(parameters)
        case .subscribe(let mailbox):
            write("SUBSCRIBE ")
            writeMailbox(mailbox)
        case .unsubscribe(let mailbox):
            write("UNSUBSCRIBE ")
            writeMailbox(mailbox)
        case .lsub(let command):
            write("LSUB ")
            writeLSubArguments(command)
        case .xlist(let command):
            write("XLIST ")
            writeXListArguments(command)
        case .enable(let capabilities):
            write("ENABLE ")
            writeEnableArguments(capabilities)
        case .select(let command):
            write("SELECT ")
            writeSelectArguments(command)
        case .examine(let command):
            write("EXAMINE ")
            writeSelectArguments(command)
        case .create(let command):
            write("CREATE ")
            writeCreateArguments(command)
        case .list(let command):
            write("LIST ")
            writeListArguments(command)
        case .status(let command):
            write("STATUS ")
            writeStatusArguments(command)
        case .id(let fields):
            write("ID ")
            writeIDParamsList(fields)
        case .getQuota(let root):
            write("GETQUOTA ")
            writeGetquotaArguments(root)
        case .setQuota(let command):
            write("SETQUOTA ")
            writeSetquotaArguments(command)
        case .getMetadata(let command):
            write("GETMETADATA ")
            writeGetmetadataArguments(command)
        case .setMetadata(let command):
            write("SETMETADATA ")
            writeSetmetadataArguments(command)
        case .setACL(let command):
            write("SETACL ")
            writeSetaclArguments(command)
        case .deleteACL(let command):
            write("DELETEACL ")
            writeACLIdentifierArguments(command)
        case .listRights(let command):
            write("LISTRIGHTS ")
            writeACLIdentifierArguments(command)
        case .namespace: write("NAMESPACE")
        case .append(let append):
            write("APPEND ")
            writeAppendArguments(append)
        case .idle: write("IDLE")
        case .getQuotaRoot(let mailbox):
            write("GETQUOTAROOT ")
            writeMailbox(mailbox)
        case .getACL(let mailbox):
            write("GETACL ")
            writeMailbox(mailbox)
        case .myRights(let mailbox):
            write("MYRIGHTS ")
            writeMailbox(mailbox)
        case .unauthenticate: write("UNAUTHENTICATE")
        case .compress(let mechanism):
            write("COMPRESS ")
            writeAtom(mechanism, "COMPRESS algorithm", rule: "algorithm")
        case .language(let ranges):
            write("LANGUAGE")
            writeSPAStrings(ranges)
        case .comparator(let comparators):
            write("COMPARATOR")
            writeSPAStrings(comparators)
        case .getJMAPAccess: write("GETJMAPACCESS")
        case .notify(let command):
            write("NOTIFY")
            writeNotifyArguments(command)
        case .resetKey(let mailbox, let mechanisms):
            write("RESETKEY")
            writeResetKeyArguments(mailbox: mailbox, mechanisms: mechanisms)
        case .genURLAuth(let requests):
            write("GENURLAUTH")
            writeGenURLAuthArguments(requests)
        case .urlFetch(let urls):
            write("URLFETCH")
            writeURLList(urls, "URLFETCH url-full", "urlfetch")
        case .check: write("CHECK")
        case .close: write("CLOSE")
        case .unselect: write("UNSELECT")
        case .expunge: write("EXPUNGE")
        case .uidExpunge(let set):
            write("UID EXPUNGE ")
            writeSequenceSet(set)
        case .search(let program, let uid):
            write(uid ? "UID SEARCH " : "SEARCH ")
            writeSearchProgram(program)
        case .esearch(let command, let uid):
            write(uid ? "UID ESEARCH " : "ESEARCH ")
            writeESearchArguments(command)
        case .fetch(let set, let attributes, let modifiers, let uid):
            write(uid ? "UID FETCH " : "FETCH ")
            writeSequenceSet(set)
            writeSpace()
            writeFetchAttributes(attributes)
            writeFetchModifiers(modifiers)
        case .store(let set, let modifiers, let flags, let uid):
            write(uid ? "UID STORE " : "STORE ")
            writeSequenceSet(set)
            writeStoreModifiers(modifiers)
            writeSpace()
            writeStoreAttFlags(flags)
        case .sort(let arguments, let uid):
            write(uid ? "UID SORT " : "SORT ")
            writeSortArguments(arguments)
        case .thread(let arguments, let uid):
            write(uid ? "UID THREAD " : "THREAD ")
            writeThreadArguments(arguments)
        case .replace(let number, let mailbox, let message, let uid):
            write(uid ? "UID REPLACE " : "REPLACE ")
            writeSeqNumber(number)
            writeSpace()
            writeMailbox(mailbox)
            writeAppendMessage(message)
        case .uidBatches(let command):
            write("UIDBATCHES ")
            writeMessageBatchesArguments(command)
        case .cancelUpdate(let tags):
            // cancelupdate    = "CANCELUPDATE" 1*(SP quoted)
            write("CANCELUPDATE")
            for tag in tags {
                writeSpace()
                writeQuotedOnly(tag, "CANCELUPDATE tag")
            }
        case .copy(let set, let mailbox, let uid):
            write(uid ? "UID COPY " : "COPY ")
            writeSequenceSet(set)
            writeSpace()
            writeMailbox(mailbox)
        case .move(let set, let mailbox, let uid):
            write(uid ? "UID MOVE " : "MOVE ")
            writeSequenceSet(set)
            writeSpace()
            writeMailbox(mailbox)
        case .other(let name, let arguments):
            writeCommandOther(name, arguments)
        }
    }
}
