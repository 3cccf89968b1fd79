// NOTIFY (RFC 5465): the NOTIFY command (NONE, SET [STATUS] with event groups) and the
// NOTIFICATIONOVERFLOW and BADEVENT response codes. The OLDNAME list extended item stays a
// generic LIST extended item, `\NoAccess` a mailbox attribute like any other.

/// A `NOTIFY` command (RFC 5465 `notify`).
public enum NotifyCommand: Sendable, Hashable {
    /// `NOTIFY NONE`: cancel every registered notification.
    case none
    /// `NOTIFY SET [STATUS] group...`: replace the registered events with `groups` (never empty:
    /// the grammar needs one group); `status` asks for STATUS responses for the mailboxes named.
    case set(status: Bool, groups: [NotifyEventGroup])
}

/// One `event-group` of NOTIFY SET: the mailboxes it watches and the events it asks for.
public struct NotifyEventGroup: Sendable, Hashable {
    /// The mailboxes (`filter-mailboxes`).
    public var mailboxes: NotifyMailboxFilter
    /// The events; empty for `NONE` (the client wants no event for these mailboxes).
    public var events: [NotifyEvent]

    /// Creates an event group; an empty `events` is written `NONE`.
    public init(mailboxes: NotifyMailboxFilter, events: [NotifyEvent]) {
        self.mailboxes = mailboxes
        self.events = events
    }
}

/// The mailboxes an event group watches (RFC 5465 `filter-mailboxes`).
public enum NotifyMailboxFilter: Sendable, Hashable {
    /// `SELECTED`: the selected mailbox.
    case selected
    /// `SELECTED-DELAYED`: the selected mailbox, expunges delayed as without NOTIFY.
    case selectedDelayed
    /// `INBOXES`: the mailboxes messages are delivered to.
    case inboxes
    /// `PERSONAL`: the user's personal mailboxes.
    case personal
    /// `SUBSCRIBED`: the subscribed mailboxes.
    case subscribed
    /// `SUBTREE mailbox...`: the mailboxes and all below them (never empty). One mailbox is
    /// written bare, several in parentheses.
    case subtree([MailboxName])
    /// `MAILBOXES mailbox...`: exactly these mailboxes (never empty). One mailbox is written
    /// bare, several in parentheses.
    case mailboxes([MailboxName])
}

/// An event NOTIFY asks for (RFC 5465 `event`), or names in a BADEVENT code (`event-name`).
public enum NotifyEvent: Sendable, Hashable {
    /// `MessageNew [(fetch-att...)]`: new messages, with the data to send for them (empty: none;
    /// only allowed with SELECTED or SELECTED-DELAYED, and never in BADEVENT).
    case messageNew([FetchAttribute])
    /// `MessageExpunge`
    case messageExpunge
    /// `FlagChange`
    case flagChange
    /// `AnnotationChange`
    case annotationChange
    /// `MailboxName`: mailboxes created, deleted or renamed.
    case mailboxName
    /// `SubscriptionChange`
    case subscriptionChange
    /// `MailboxMetadataChange`
    case mailboxMetadataChange
    /// `ServerMetadataChange`
    case serverMetadataChange
    /// An event of a later extension (`event-ext`, an atom). A name of one of the other cases
    /// is refused by the encoders (it would read back as that case).
    case other(Atom)

    /// The names given a case of their own, upper-cased, as the decoder matches them.
    static let knownNames: [(String, NotifyEvent)] = [
        ("MESSAGENEW", .messageNew([])), ("MESSAGEEXPUNGE", .messageExpunge), ("FLAGCHANGE", .flagChange),
        ("ANNOTATIONCHANGE", .annotationChange), ("MAILBOXNAME", .mailboxName),
        ("SUBSCRIPTIONCHANGE", .subscriptionChange), ("MAILBOXMETADATACHANGE", .mailboxMetadataChange),
        ("SERVERMETADATACHANGE", .serverMetadataChange),
    ]
}

extension ParserState {
    // notify          = "NOTIFY" SP (notify-set / notify-none)
    // notify-set      = "SET" [status-indicator] SP event-groups
    // notify-none     = "NONE"
    // status-indicator = SP "STATUS"
    // event-groups    = event-group *(SP event-group)
    /// Parses what follows `NOTIFY`; stops before CRLF.
    mutating func notifyArguments() throws(IMAPDecodingError) -> NotifyCommand {
        try sp("notify")
        if skipKeyword("NONE") { return .none }
        guard skipKeyword("SET") else { throw error("notify", "expected SET or NONE, found \(foundWord())") }
        try sp("notify-set")
        let status = skipKeyword("STATUS")
        if status { try sp("notify-set") }
        var groups: [NotifyEventGroup] = []
        while true {
            try add(try notifyEventGroup(), to: &groups, "event-groups")
            guard peek() == ASCII.space else { return .set(status: status, groups: groups) }
            if lenient {
                let save = index
                skipExtraSpaces()
                if atLineEnd {
                    index = save
                    return .set(status: status, groups: groups)
                }
            } else {
                index &+= 1
            }
        }
    }

    // event-group     = "(" filter-mailboxes SP events ")"
    // events          = ( "(" event *(SP event) ")" ) / "NONE"
    /// Lenient: the events without their parentheses, as RFC 5465's own first example writes
    /// them (`(selected MessageNew (uid) MessageExpunge)`).
    mutating func notifyEventGroup() throws(IMAPDecodingError) -> NotifyEventGroup {
        try expect(ASCII.openParen, "event-group")
        skipExtraSpaces()
        let filter = try notifyMailboxFilter()
        try sp("event-group")
        var events: [NotifyEvent] = []
        if skipKeyword("NONE") {
            events = []
        } else if skip(ASCII.openParen) {
            skipExtraSpaces()
            while true {
                try add(try notifyEvent(), to: &events, "events")
                if skip(ASCII.closeParen) { break }
                try sp("events")
                if lenient && skip(ASCII.closeParen) { break }
            }
        } else if lenient {
            while true {
                try add(try notifyEvent(), to: &events, "events")
                if peek() == ASCII.closeParen { break }
                try sp("events")
                if peek() == ASCII.closeParen { break }
            }
        } else {
            throw error("events", "expected \"(\" or NONE, found \(found())")
        }
        skipExtraSpaces()
        try expect(ASCII.closeParen, "event-group")
        return NotifyEventGroup(mailboxes: filter, events: events)
    }

    // filter-mailboxes = filter-mailboxes-selected / filter-mailboxes-other
    // filter-mailboxes-other = "inboxes" / "personal" / "subscribed" /
    //                 ( "subtree" SP one-or-more-mailbox ) /
    //                 ( "mailboxes" SP one-or-more-mailbox )
    // filter-mailboxes-selected = "selected" / "selected-delayed"
    mutating func notifyMailboxFilter() throws(IMAPDecodingError) -> NotifyMailboxFilter {
        if skipKeyword("SELECTED") { return .selected }
        if skipKeyword("SELECTED-DELAYED") { return .selectedDelayed }
        if skipKeyword("INBOXES") { return .inboxes }
        if skipKeyword("PERSONAL") { return .personal }
        if skipKeyword("SUBSCRIBED") { return .subscribed }
        // `oneOrMoreMailbox()` (MULTISEARCH's, the same rule) reads the SP too.
        if skipKeyword("SUBTREE") { return .subtree(try oneOrMoreMailbox()) }
        if skipKeyword("MAILBOXES") { return .mailboxes(try oneOrMoreMailbox()) }
        throw error("filter-mailboxes", "expected a mailbox filter, found \(foundWord())")
    }

    // event           = message-event / mailbox-event / user-event / event-ext
    // message-event   = ( "MessageNew" [SP "(" fetch-att *(SP fetch-att) ")" ] )
    //                 / "MessageExpunge" / "FlagChange" / "AnnotationChange"
    // mailbox-event   = "MailboxName" / "SubscriptionChange" / "MailboxMetadataChange"
    // user-event      = "ServerMetadataChange"
    // event-ext       = atom
    mutating func notifyEvent() throws(IMAPDecodingError) -> NotifyEvent {
        let event = try notifyEventName()
        guard event == .messageNew([]), peek() == ASCII.space else { return event }
        var probe = index &+ 1
        if lenient { while probe < bytes.count && bytes[probe] == ASCII.space { probe &+= 1 } }
        guard probe < bytes.count && bytes[probe] == ASCII.openParen else { return event }
        index = probe &+ 1
        skipExtraSpaces()
        var items: [FetchAttribute] = []
        while true {
            try add(try fetchAtt(), to: &items, "message-event")
            if skip(ASCII.closeParen) { return .messageNew(items) }
            try sp("message-event")
            if lenient && skip(ASCII.closeParen) { return .messageNew(items) }
        }
    }

    // event-name = message-event-name / mailbox-event / user-event
    // message-event-name = "MessageNew" / "MessageExpunge" / "FlagChange" / "AnnotationChange"
    /// A known event's name, or any atom as ``NotifyEvent/other(_:)``.
    mutating func notifyEventName() throws(IMAPDecodingError) -> NotifyEvent {
        let extent = atomExtent()
        guard !extent.isEmpty else { throw error("event", "expected an event, found \(found())") }
        for (name, event) in NotifyEvent.knownNames where name.utf8.count == extent.count {
            if ASCII.equalsCaseInsensitive(name.utf8, bytes[extent]) {
                index = extent.upperBound
                return event
            }
        }
        return .other(Atom(decoded: try atom("event-ext")))
    }

    // unsupported-events-code = "BADEVENT" SP "(" event-name *(SP event-name) ")"
    /// Parses what follows `BADEVENT`. `event-name` lists only RFC 5465's events, but the code
    /// "MUST list names of all events supported by the server", extension events (`event-ext`)
    /// included, so both modes read any atom there, as ``NotifyEvent/other(_:)``.
    mutating func badEventCode() throws(IMAPDecodingError) -> [NotifyEvent] {
        try sp("unsupported-events-code")
        try expect(ASCII.openParen, "unsupported-events-code")
        skipExtraSpaces()
        var events: [NotifyEvent] = []
        while true {
            try add(try notifyEventName(), to: &events, "unsupported-events-code")
            if skip(ASCII.closeParen) { return events }
            try sp("unsupported-events-code")
            if lenient && skip(ASCII.closeParen) { return events }
        }
    }
}

extension IMAPWriter {
    // notify          = "NOTIFY" SP (notify-set / notify-none)
    /// Writes what follows `NOTIFY`; refuses a SET without groups.
    mutating func writeNotifyArguments(_ command: NotifyCommand) {
        switch command {
        case .none: write(" NONE")
        case .set(let status, let groups):
            if groups.isEmpty { return refuseEmpty("NOTIFY SET event groups", "event-groups") }
            write(status ? " SET STATUS" : " SET")
            for group in groups {
                writeSpace()
                writeNotifyEventGroup(group)
            }
        }
    }

    // event-group     = "(" filter-mailboxes SP events ")"
    mutating func writeNotifyEventGroup(_ group: NotifyEventGroup) {
        writeByte(ASCII.openParen)
        switch group.mailboxes {
        case .selected: write("SELECTED")
        case .selectedDelayed: write("SELECTED-DELAYED")
        case .inboxes: write("INBOXES")
        case .personal: write("PERSONAL")
        case .subscribed: write("SUBSCRIBED")
        case .subtree(let names):
            write("SUBTREE ")
            writeNotifyMailboxes(names, "SUBTREE mailboxes")
        case .mailboxes(let names):
            write("MAILBOXES ")
            writeNotifyMailboxes(names, "MAILBOXES mailboxes")
        }
        writeSpace()
        if group.events.isEmpty {
            write("NONE")
        } else {
            writeByte(ASCII.openParen)
            for (i, event) in group.events.enumerated() {
                if i > 0 { writeSpace() }
                writeNotifyEvent(event, field: "NOTIFY event")
            }
            writeByte(ASCII.closeParen)
        }
        writeByte(ASCII.closeParen)
    }

    // one-or-more-mailbox = mailbox / many-mailboxes
    /// One mailbox bare, several in parentheses; an empty list is refused.
    mutating func writeNotifyMailboxes(_ names: [MailboxName], _ field: String) {
        if names.isEmpty { return refuseEmpty(field, "one-or-more-mailbox") }
        if names.count == 1, let name = names.first { return writeMailbox(name) }
        writeByte(ASCII.openParen)
        for (i, name) in names.enumerated() {
            if i > 0 { writeSpace() }
            writeMailbox(name)
        }
        writeByte(ASCII.closeParen)
    }

    // event           = message-event / mailbox-event / user-event / event-ext
    /// Writes one event; `nameOnly` (BADEVENT's `event-name`) refuses a MessageNew with items.
    mutating func writeNotifyEvent(_ event: NotifyEvent, field: String, nameOnly: Bool = false) {
        switch event {
        case .messageNew(let items):
            write("MessageNew")
            if items.isEmpty { return }
            if nameOnly {
                return refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: field,
                        rule: "event-name",
                        message: "an event name carries no fetch-att list"
                    )
                )
            }
            write(" (")
            for (i, item) in items.enumerated() {
                if i > 0 { writeSpace() }
                writeFetchAtt(item)
            }
            writeByte(ASCII.closeParen)
        case .messageExpunge: write("MessageExpunge")
        case .flagChange: write("FlagChange")
        case .annotationChange: write("AnnotationChange")
        case .mailboxName: write("MailboxName")
        case .subscriptionChange: write("SubscriptionChange")
        case .mailboxMetadataChange: write("MailboxMetadataChange")
        case .serverMetadataChange: write("ServerMetadataChange")
        case .other(let atom):
            let folded = atom.description.uppercased()
            if NotifyEvent.knownNames.contains(where: { $0.0 == folded }) {
                return refuse(
                    IMAPValueError(
                        kind: .ambiguous,
                        field: field,
                        rule: "event-ext",
                        message: "\(atom) names an event with a case of its own; build that case"
                    )
                )
            }
            writeAtom(atom, field, rule: "event-ext")
        }
    }

    // unsupported-events-code = "BADEVENT" SP "(" event-name *(SP event-name) ")"
    /// Writes `BADEVENT (...)`; an empty list is refused.
    mutating func writeBadEventCode(_ events: [NotifyEvent]) {
        if events.isEmpty { return refuseEmpty("BADEVENT events", "unsupported-events-code") }
        write("BADEVENT (")
        for (i, event) in events.enumerated() {
            if i > 0 { writeSpace() }
            writeNotifyEvent(event, field: "BADEVENT event", nameOnly: true)
        }
        writeByte(ASCII.closeParen)
    }
}
