/// The QRESYNC parameter of SELECT/EXAMINE (RFC 7162).
public struct QResyncParameter: Sendable, Hashable {
    /// The last known UIDVALIDITY.
    public var uidValidity: UInt32
    /// The last known modification sequence.
    public var modSequence: UInt64
    /// The UIDs the client knows (`known-uids`), if sent.
    public var knownUIDs: SequenceSet?
    /// `seq-match-data`: message numbers and the UIDs they correspond to, if sent.
    public var sequenceMatch: SequenceMatchData?

    /// Creates a QRESYNC parameter.
    public init(
        uidValidity: UInt32,
        modSequence: UInt64,
        knownUIDs: SequenceSet? = nil,
        sequenceMatch: SequenceMatchData? = nil
    ) {
        self.uidValidity = uidValidity
        self.modSequence = modSequence
        self.knownUIDs = knownUIDs
        self.sequenceMatch = sequenceMatch
    }
}

/// `seq-match-data` (RFC 7162): message numbers and the UIDs they correspond to.
public struct SequenceMatchData: Sendable, Hashable {
    /// The message sequence numbers.
    public var knownSequenceSet: SequenceSet
    /// The corresponding UIDs.
    public var knownUIDSet: SequenceSet

    /// Creates sequence match data.
    public init(knownSequenceSet: SequenceSet, knownUIDSet: SequenceSet) {
        self.knownSequenceSet = knownSequenceSet
        self.knownUIDSet = knownUIDSet
    }
}

/// A SELECT/EXAMINE parameter (`select-param`, RFC 4466).
public enum SelectParameter: Sendable, Hashable {
    /// `CONDSTORE` (RFC 7162).
    case condStore
    /// `QRESYNC (...)` (RFC 7162).
    case qresync(QResyncParameter)
    /// Another parameter: its name and optional value.
    case other(name: String, value: TaggedExtensionValue?)
}

/// The arguments of SELECT or EXAMINE: what follows `SELECT SP` / `EXAMINE SP`.
public struct SelectCommand: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The parameters; empty when absent.
    public var parameters: [SelectParameter]

    /// Creates SELECT/EXAMINE arguments.
    public init(mailbox: MailboxName, parameters: [SelectParameter] = []) {
        self.mailbox = mailbox
        self.parameters = parameters
    }
}

/// A CREATE parameter (`create-param`, RFC 4466).
public enum CreateParameter: Sendable, Hashable {
    /// `USE (...)` (RFC 6154): the special uses of the new mailbox.
    case use([MailboxAttribute])
    /// Another parameter: its name and optional value.
    case other(name: String, value: TaggedExtensionValue?)
}

/// The arguments of CREATE: what follows `CREATE SP`.
public struct CreateCommand: Sendable, Hashable {
    /// The mailbox.
    public var mailbox: MailboxName
    /// The parameters; empty when absent.
    public var parameters: [CreateParameter]

    /// Creates CREATE arguments.
    public init(mailbox: MailboxName, parameters: [CreateParameter] = []) {
        self.mailbox = mailbox
        self.parameters = parameters
    }
}

extension ParserState {
    /// True for a byte that can begin a `tagged-ext-val` (digit, `*`, `$`, `(`).
    static func startsTaggedExtVal(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || byte == ASCII.star || byte == ASCII.dollar || byte == ASCII.openParen
    }

    /// The first byte after the spaces at the cursor (one space strict, any number lenient).
    func byteAfterSpaces() -> UInt8? {
        var i = index
        guard i < bytes.count, bytes[i] == ASCII.space else { return peek() }
        i &+= 1
        if lenient { while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 } }
        return i < bytes.count ? bytes[i] : nil
    }

    /// True when the cursor is at SP followed (after any extra spaces, lenient) by `(`.
    func atSpaceThenParen() -> Bool {
        guard peek() == ASCII.space else { return false }
        var i = index &+ 1
        if lenient { while i < bytes.count && bytes[i] == ASCII.space { i &+= 1 } }
        return i < bytes.count && bytes[i] == ASCII.openParen
    }

    // select          = "SELECT" SP mailbox [select-params]
    // examine         = "EXAMINE" SP mailbox [select-params]
    /// Parses what follows `SELECT SP` or `EXAMINE SP`; stops before CRLF.
    mutating func selectArguments() throws(IMAPDecodingError) -> SelectCommand {
        let mailbox = try mailbox()
        var parameters: [SelectParameter] = []
        if atSpaceThenParen() { parameters = try selectParams() }
        return SelectCommand(mailbox: mailbox, parameters: parameters)
    }

    // select-params   = SP "(" select-param *(SP select-param) ")"
    /// Lenient: extra spaces, an empty list.
    mutating func selectParams() throws(IMAPDecodingError) -> [SelectParameter] {
        try sp("select-params")
        try expect(ASCII.openParen, "select-params")
        var parameters: [SelectParameter] = []
        skipExtraSpaces()
        if lenient && skip(ASCII.closeParen) { return parameters }
        while true {
            try add(try selectParam(), to: &parameters, "select-params")
            if skip(ASCII.closeParen) { return parameters }
            try sp("select-params")
            if lenient && skip(ASCII.closeParen) { return parameters }
        }
    }

    // select-param    = select-param-name [SP select-param-value]
    // select-param-name= tagged-ext-label
    // select-param-value= tagged-ext-val
    // condstore-param = "CONDSTORE"                                  ; RFC 7162
    // select-param    =/  "QRESYNC" SP "(" uidvalidity SP
    //                     mod-sequence-value [SP known-uids]
    //                     [SP seq-match-data] ")"                    ; RFC 7162
    // seq-match-data  =  "(" known-sequence-set SP known-uid-set ")"
    // uidvalidity     =  nz-number
    // known-uids      =  sequence-set
    // mod-sequence-value  = 1*DIGIT
    mutating func selectParam() throws(IMAPDecodingError) -> SelectParameter {
        if skipKeyword("CONDSTORE") { return .condStore }
        if skipKeyword("QRESYNC") {
            try sp("select-param")
            try expect(ASCII.openParen, "select-param")
            skipExtraSpaces()
            let uidValidity = try nzNumber("uidvalidity")
            try sp("select-param")
            let modSeq = try parseModSequenceValue("mod-sequence-value", allowZero: false)
            var parameter = QResyncParameter(uidValidity: uidValidity, modSequence: modSeq)
            if peek() == ASCII.space, let next = byteAfterSpaces(), next != ASCII.openParen, next != ASCII.closeParen {
                try sp("select-param")
                parameter.knownUIDs = try sequenceSet(allowStar: lenient)
            }
            if atSpaceThenParen() {
                try sp("select-param")
                try expect(ASCII.openParen, "seq-match-data")
                let sequences = try sequenceSet(allowStar: lenient)
                try sp("seq-match-data")
                let uids = try sequenceSet(allowStar: lenient)
                try expect(ASCII.closeParen, "seq-match-data")
                parameter.sequenceMatch = SequenceMatchData(knownSequenceSet: sequences, knownUIDSet: uids)
            }
            skipExtraSpaces()
            try expect(ASCII.closeParen, "select-param")
            return .qresync(parameter)
        }
        let (name, value) = try taggedExtParam("select-param")
        return .other(name: name, value: value)
    }

    /// `tagged-ext-label [SP tagged-ext-val]`, the shape of select-param and create-param.
    mutating func taggedExtParam(_ rule: String) throws(IMAPDecodingError) -> (String, TaggedExtensionValue?) {
        let name = try taggedExtLabel(rule)
        guard peek() == ASCII.space, let next = peek(1), Self.startsTaggedExtVal(next) else {
            return (name, nil)
        }
        index &+= 1
        return (name, try taggedExtVal())
    }

    // create          = "CREATE" SP mailbox [create-params]
    /// Parses what follows `CREATE SP`; stops before CRLF.
    mutating func createArguments() throws(IMAPDecodingError) -> CreateCommand {
        let mailbox = try mailbox()
        var parameters: [CreateParameter] = []
        if atSpaceThenParen() { parameters = try createParams() }
        return CreateCommand(mailbox: mailbox, parameters: parameters)
    }

    // create-params   = SP "(" create-param *( SP create-param) ")"
    // create-param-name = tagged-ext-label
    // create-param      = create-param-name [SP create-param-value]
    // create-param-value= tagged-ext-val
    // create-param   =/  "USE" SP "(" [use-attr *(SP use-attr)] ")"   ; RFC 6154
    mutating func createParams() throws(IMAPDecodingError) -> [CreateParameter] {
        try sp("create-params")
        try expect(ASCII.openParen, "create-params")
        var parameters: [CreateParameter] = []
        skipExtraSpaces()
        if lenient && skip(ASCII.closeParen) { return parameters }
        while true {
            if skipKeyword("USE") {
                try sp("create-param")
                var attributes: [MailboxAttribute] = []
                try expect(ASCII.openParen, "create-param")
                skipExtraSpaces()
                if !skip(ASCII.closeParen) {
                    while true {
                        try add(try mailboxAttribute("use-attr"), to: &attributes, "use-attr")
                        if skip(ASCII.closeParen) { break }
                        try sp("create-param")
                        if lenient && skip(ASCII.closeParen) { break }
                    }
                }
                try add(.use(attributes), to: &parameters, "create-param")
            } else {
                let (name, value) = try taggedExtParam("create-param")
                try add(.other(name: name, value: value), to: &parameters, "create-param")
            }
            if skip(ASCII.closeParen) { return parameters }
            try sp("create-params")
            if lenient && skip(ASCII.closeParen) { return parameters }
        }
    }
}

extension IMAPWriter {
    /// Writes what follows `SELECT SP` / `EXAMINE SP`.
    mutating func writeSelectArguments(_ command: SelectCommand) {
        writeMailbox(command.mailbox)
        if !command.parameters.isEmpty { writeSelectParams(command.parameters) }
    }

    /// Writes `select-params` (with its leading SP).
    mutating func writeSelectParams(_ parameters: [SelectParameter]) {
        write(" (")
        for (i, parameter) in parameters.enumerated() {
            if i > 0 { writeSpace() }
            switch parameter {
            case .condStore: write("CONDSTORE")
            // select-param    =/ "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids]
            //                     [SP seq-match-data] ")"
            // uidvalidity     =  nz-number
            // seq-match-data  =  "(" known-sequence-set SP known-uid-set ")"
            // known-uids, known-sequence-set, known-uid-set = sequence-set  ;; "*" is not allowed.
            case .qresync(let q):
                write("QRESYNC (")
                writeNZNumber(q.uidValidity, "QRESYNC uidvalidity")
                writeSpace()
                writeModSequenceValue(q.modSequence, "QRESYNC mod-sequence")
                if let known = q.knownUIDs {
                    writeSpace()
                    writeNumberSet(known, "QRESYNC known UIDs", "known-uids")
                }
                if let match = q.sequenceMatch {
                    write(" (")
                    writeNumberSet(match.knownSequenceSet, "QRESYNC known sequence set", "known-sequence-set")
                    writeSpace()
                    writeNumberSet(match.knownUIDSet, "QRESYNC known UID set", "known-uid-set")
                    writeByte(ASCII.closeParen)
                }
                writeByte(ASCII.closeParen)
            case .other(let name, let value): writeTaggedExtParam(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }

    /// Writes `tagged-ext-label [SP tagged-ext-val]`.
    mutating func writeTaggedExtParam(_ name: String, _ value: TaggedExtensionValue?) {
        needsReadBack("extension parameter")
        writeLabel(name, "extension parameter name")
        if let value {
            writeSpace()
            writeTaggedExtVal(value)
        }
    }

    /// Writes what follows `CREATE SP`.
    mutating func writeCreateArguments(_ command: CreateCommand) {
        writeMailbox(command.mailbox)
        if !command.parameters.isEmpty { writeCreateParams(command.parameters) }
    }

    /// Writes `create-params` (with its leading SP).
    mutating func writeCreateParams(_ parameters: [CreateParameter]) {
        write(" (")
        for (i, parameter) in parameters.enumerated() {
            if i > 0 { writeSpace() }
            switch parameter {
            case .use(let attributes):
                write("USE ")
                writeMbxListFlagList(attributes)
            case .other(let name, let value): writeTaggedExtParam(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }
}
