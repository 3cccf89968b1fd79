// THREAD command arguments and response (RFC 5256 `thread`, `thread-data`).

/// A threading algorithm (`thread-alg`). An open set: unknown algorithms round-trip.
/// Compared ignoring case.
public struct ThreadAlgorithm: Sendable, Hashable, CustomStringConvertible, OpenRegistry {
    /// The stored name: its spelling, and the form `==` and `hash` compare.
    let name: RegistryName

    init(name: RegistryName) {
        self.name = name
    }

    /// Creates an algorithm from its wire form (`REFERENCES`), or returns nil when it is not one (an atom).
    /// A well-known algorithm in any case is the registered value, with its registered spelling.
    public init?(_ rawValue: String) {
        guard case .success(let value) = Self.validated(rawValue) else { return nil }
        self = value
    }

    /// Creates an algorithm from its wire form, or throws ``IMAPValueError`` naming the byte that
    /// breaks the rule.
    public init(validating rawValue: String) throws(IMAPValueError) {
        self = try Self.validated(rawValue).get()
    }

    /// The wire form, e.g. `REFERENCES`.
    public var rawValue: String { name.spelling }

    /// The wire form.
    public var description: String { name.spelling }

    /// Compares ignoring ASCII case (the stored upper-cased forms).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

    /// Hashes the stored upper-cased form.
    public func hash(into hasher: inout Hasher) { name.hash(into: &hasher) }

    /// `ORDEREDSUBJECT`.
    public static let orderedSubject = ThreadAlgorithm(uncheckedRawValue: "ORDEREDSUBJECT")
    /// `REFERENCES`.
    public static let references = ThreadAlgorithm(uncheckedRawValue: "REFERENCES")
    /// `REFS` (draft, implemented by Dovecot).
    public static let refs = ThreadAlgorithm(uncheckedRawValue: "REFS")

    /// The well-known values.
    static let known: [ThreadAlgorithm] = [.orderedSubject, .references, .refs]

    /// The well-known values by their spelling, ignoring case.
    static let table = makeTable(known)

    static func problem(in spelling: String) -> IMAPValueError? {
        RegistryName.problem(in: spelling, rule: "thread-alg", backslash: .forbidden)
    }

}

/// What follows `THREAD SP` in a THREAD or UID THREAD command.
public struct ThreadArguments: Sendable, Hashable {
    /// The algorithm.
    public var algorithm: ThreadAlgorithm
    /// The charset of the search strings (required by THREAD).
    public var charset: String
    /// The search keys, all of which must match; at least one (`NonEmptyArray(.all)` is
    /// every message).
    public var keys: NonEmptyArray<SearchKey>

    /// Creates THREAD arguments.
    public init(algorithm: ThreadAlgorithm, charset: String = "UTF-8", keys: NonEmptyArray<SearchKey>) {
        self.algorithm = algorithm
        self.charset = charset
        self.keys = keys
    }
}

/// One `thread-list` of a THREAD response: a chain of messages, each the parent of the
/// next, followed by the branches below the last one.
///
/// `(3 6 (4 23)(44 7 96))` is `messages: [3, 6]` with two branches, `[4, 23]` and
/// `[44, 7, 96]`. `((3)(5))` has no messages (their common parent is missing) and two
/// branches. The grammar wants either no branches or at least two, and at least two
/// when there are no messages.
///
/// A THREAD response over a large mailbox holds a thread for nearly every message, most
/// of them a single one: so that it costs a few bytes per thread, not an allocation,
/// the decoder puts every message number of the response into one shared chunk
/// (``SharedList``), and a thread without branches allocates nothing of its own.
public struct MessageThread: Sendable, Hashable {
    /// The chain of messages (sequence numbers or UIDs), parent first.
    public var messages: SharedList<UInt32>
    /// The sub-threads below the last message.
    public var branches: [MessageThread]

    /// Creates a thread.
    public init(messages: SharedList<UInt32>, branches: [MessageThread] = []) {
        self.messages = messages
        self.branches = branches
    }

    /// Creates a thread from an array of messages.
    public init(messages: [UInt32], branches: [MessageThread] = []) {
        self.init(messages: SharedList(messages), branches: branches)
    }
}

extension ParserState {
    // thread          = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
    // thread-alg      = "ORDEREDSUBJECT" / "REFERENCES" / thread-alg-ext
    // thread-alg-ext  = atom
    // search-criteria = charset 1*(SP search-key)
    /// Parses what follows `THREAD SP`: `thread-alg SP charset 1*(SP search-key)`; stops
    /// before CRLF.
    mutating func threadArguments() throws(IMAPDecodingError) -> ThreadArguments {
        let start = index
        _ = try atom("thread-alg")
        let algorithm = try withName(start..<index, "thread-alg") { ThreadAlgorithm.from($0) }
        try sp("thread")
        let charset = try self.charset()
        try sp("search-criteria")
        let keys = try searchKeyList("search-criteria")
        return ThreadArguments(algorithm: algorithm, charset: charset, keys: keys)
    }

    // thread-data     = "THREAD" [SP 1*thread-list]
    /// Parses what follows `THREAD`, up to (not including) CRLF; an empty result is
    /// `THREAD` directly followed by CRLF. Lenient: a trailing space, spaces between
    /// thread lists.
    mutating func threadResponse() throws(IMAPDecodingError) -> [MessageThread] {
        var threads: [MessageThread] = []
        guard peek() == ASCII.space else { return threads }
        // Every thread's messages go to one shared chunk (kept out of ParserState, which
        // every frame makes: a wider one cost every command 1.5 %).
        var members = SharedListBuilder<UInt32>(initialCapacity: 64)
        try sp("thread-data")
        if lenient && atLineEnd { return threads }
        try add(try threadList(&members), to: &threads, "thread-data")
        while true {
            if peek() == ASCII.openParen {
                try add(try threadList(&members), to: &threads, "thread-data")
            } else if lenient && peek() == ASCII.space {
                skipExtraSpaces()
                if atLineEnd { break }
                try add(try threadList(&members), to: &threads, "thread-data")
            } else {
                break
            }
        }
        return threads
    }

    // thread-list     = "(" (thread-members / thread-nested) ")"
    // thread-members  = nz-number *(SP nz-number) [SP thread-nested]
    // thread-nested   = 2*thread-list
    /// Each level counts as nesting. Lenient: a single nested list, spaces between lists.
    mutating func threadList(_ members: inout SharedListBuilder<UInt32>) throws(IMAPDecodingError) -> MessageThread {
        try enterNesting("thread-list")
        try expect(ASCII.openParen, "thread-list")
        var thread = MessageThread(messages: SharedList<UInt32>())
        if peek() != ASCII.openParen {
            // The members go to the frame's shared chunk; the list is closed before any
            // nested thread-list opens one.
            members.begin()
            try charge(UInt32.self, count: 1, first: false, "thread-members")
            members.append(try nzNumber("thread-members"))
            while true {
                if skip(ASCII.closeParen) {
                    leaveNesting()
                    thread.messages = members.finish()
                    return thread
                }
                try sp("thread-members")
                if peek() == ASCII.openParen { break }
                if lenient && skip(ASCII.closeParen) {
                    leaveNesting()
                    thread.messages = members.finish()
                    return thread
                }
                try charge(UInt32.self, count: 1, first: false, "thread-members")
                members.append(try nzNumber("thread-members"))
            }
            thread.messages = members.finish()
        }
        // thread-nested
        let nestedStart = index
        while true {
            try add(try threadList(&members), to: &thread.branches, "thread-nested")
            if skip(ASCII.closeParen) { break }
            if lenient { skipExtraSpaces() }
            if skip(ASCII.closeParen) { break }
            if peek() != ASCII.openParen {
                throw error("thread-nested", "expected \"(\" or \")\", found \(found())")
            }
        }
        if !lenient && thread.branches.count < 2 {
            throw error("thread-nested", "a nested thread list needs at least two thread lists", at: nestedStart)
        }
        leaveNesting()
        return thread
    }
}

extension IMAPWriter {
    // thread          = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
    /// Writes what follows `THREAD SP`.
    mutating func writeThreadArguments(_ arguments: ThreadArguments) {
        writeBytes(arguments.algorithm.rawValue.utf8)
        writeSpace()
        writeCharset(arguments.charset)
        writeSpace()
        writeSearchKeys(arguments.keys)
    }

    // thread-data     = "THREAD" [SP 1*thread-list]
    /// Writes what follows `THREAD`, no CRLF.
    mutating func writeThreadResponse(_ threads: [MessageThread]) {
        if threads.isEmpty { return }
        writeSpace()
        for thread in threads { writeThreadList(thread) }
    }

    // thread-list     = "(" (thread-members / thread-nested) ")"
    // thread-members  = nz-number *(SP nz-number) [SP thread-nested]
    // thread-nested   = 2*thread-list
    /// Refused: a thread with neither messages nor two branches (`()`, `((1))`), one with
    /// messages and exactly one branch (`(1 (2))`: write `(1 2)`), and a 0 among the numbers
    /// (it was written as 1).
    mutating func writeThreadList(_ thread: MessageThread) {
        if thread.messages.isEmpty && thread.branches.count < 2 {
            return refuse(
                IMAPValueError(
                    kind: .empty,
                    field: "THREAD list",
                    rule: "thread-list",
                    message: "a thread needs a message or at least two nested threads"
                )
            )
        }
        if thread.branches.count == 1 {
            return refuse(
                IMAPValueError(
                    kind: .malformed,
                    field: "THREAD list",
                    rule: "thread-nested",
                    message: "one nested thread is not allowed: its messages continue the thread's own"
                )
            )
        }
        writeByte(ASCII.openParen)
        for (i, number) in thread.messages.enumerated() {
            if i > 0 { writeSpace() }
            writeNZNumber(number, "THREAD number")
        }
        if !thread.messages.isEmpty && !thread.branches.isEmpty { writeSpace() }
        for branch in thread.branches { writeThreadList(branch) }
        writeByte(ASCII.closeParen)
    }
}
