import Foundation
import IMAPCodec

/// The in-memory mail store of ``TestIMAPServer``: a few mailboxes holding RFC 5322
/// messages, shared by every connection (guarded by the server's lock).
///
/// Message data is kept as the bytes the client appended; everything FETCH and SEARCH need
/// (header fields, envelope, body structure) is derived from them on demand, simply: header
/// fields are unfolded and split at the first colon, addresses are `Name <local@host>` or
/// `local@host` separated by commas, and every message is described as a single part.
struct TestMessage {
    var uid: UInt32
    var flags: [Flag]
    var internalDate: IMAPDateTime
    var bytes: [UInt8]

    /// The header, blank line included (`BODY[HEADER]`).
    var header: ArraySlice<UInt8> { bytes[..<bodyStart] }
    /// The body (`BODY[TEXT]`).
    var text: ArraySlice<UInt8> { bytes[bodyStart...] }

    var bodyStart: Int {
        let crlfcrlf: [UInt8] = [13, 10, 13, 10]
        if bytes.count >= 4 {
            for i in 0...(bytes.count - 4) where bytes[i..<(i + 4)].elementsEqual(crlfcrlf) { return i + 4 }
        }
        return bytes.count
    }

    /// The header fields as (name, raw lines including folding and CRLF, unfolded value).
    var fields: [(name: String, raw: ArraySlice<UInt8>, value: String)] {
        var result: [(String, ArraySlice<UInt8>, String)] = []
        var start = header.startIndex
        let end = header.endIndex
        while start < end {
            // A field runs until a CRLF not followed by whitespace (folding).
            var i = start
            while i < end {
                if header[i] == 10 && !(i + 1 < end && (header[i + 1] == 32 || header[i + 1] == 9)) { break }
                i += 1
            }
            let raw = header[start..<min(i + 1, end)]
            let line = String(decoding: raw, as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
            if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                result.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces), raw, value))
            }
            start = i + 1
        }
        return result
    }

    func field(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The raw lines of the named fields (`HEADER.FIELDS`), or of the others (`.NOT`),
    /// followed by the blank line.
    func headerFields(_ names: [ByteString], not: Bool) -> [UInt8] {
        let wanted = Set(names.map { $0.stringValue.lowercased() })
        var out: [UInt8] = []
        for field in fields where wanted.contains(field.name.lowercased()) != not {
            out += field.raw
        }
        return out + [13, 10]
    }

    var envelope: Envelope {
        let from = TestMessage.addresses(field("From"))
        func nstring(_ s: String?) -> ByteString? { s.map { ByteString($0) } }
        return Envelope(
            date: nstring(field("Date")),
            subject: nstring(field("Subject")),
            from: from,
            sender: field("Sender").map(TestMessage.addresses) ?? from,
            replyTo: field("Reply-To").map(TestMessage.addresses) ?? from,
            to: TestMessage.addresses(field("To")),
            cc: TestMessage.addresses(field("Cc")),
            bcc: TestMessage.addresses(field("Bcc")),
            inReplyTo: nstring(field("In-Reply-To")),
            messageID: nstring(field("Message-ID"))
        )
    }

    static func addresses(_ value: String?) -> SharedList<Address> {
        guard let value, !value.isEmpty else { return [] }
        return SharedList(
            value.split(separator: ",").compactMap { part -> Address? in
                var name: String? = nil
                var spec = part.trimmingCharacters(in: .whitespaces)
                if let open = spec.firstIndex(of: "<"), let close = spec.lastIndex(of: ">"), open < close {
                    let display = spec[..<open].trimmingCharacters(in: .whitespaces)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    name = display.isEmpty ? nil : display
                    spec = String(spec[spec.index(after: open)..<close])
                }
                guard let at = spec.lastIndex(of: "@") else { return nil }
                return Address(
                    name: name.map { ByteString($0) },
                    mailbox: ByteString(String(spec[..<at])),
                    host: ByteString(String(spec[spec.index(after: at)...]))
                )
            }
        )
    }

    /// A single part described from Content-Type and Content-Transfer-Encoding.
    var bodyStructure: BodyStructure {
        let contentType = field("Content-Type") ?? "text/plain; charset=us-ascii"
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let media = pieces[0].split(separator: "/").map(String.init)
        var parameters = SharedList<BodyStructure.Parameter>()
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            }
            if pair.count == 2 {
                parameters.append(.init(name: ByteString(pair[0].uppercased()), value: ByteString(pair[1])))
            }
        }
        let type = (media.first ?? "text").uppercased()
        let lines = Int64(text.filter { $0 == 10 }.count)
        return .singlePart(
            .init(
                mediaType: ByteString(type),
                mediaSubtype: ByteString((media.count > 1 ? media[1] : "plain").uppercased()),
                fields: .init(
                    parameters: parameters,
                    encoding: ByteString((field("Content-Transfer-Encoding") ?? "7BIT").uppercased()),
                    octets: UInt32(text.count)
                ),
                kind: type == "TEXT" ? .text(lines: lines) : .basic
            )
        )
    }

    /// The bytes of a section (nil when the message has no such part).
    func section(_ spec: SectionSpec) -> [UInt8]? {
        // A single-part message: part 1 is its body; deeper parts do not exist.
        guard spec.part.isEmpty || spec.part == [1] else { return nil }
        switch spec.kind {
        case .complete: return spec.part.isEmpty ? bytes : Array(text)
        case .header: return spec.part.isEmpty ? Array(header) : nil
        case .text: return spec.part.isEmpty ? Array(text) : nil
        case .headerFields(let names): return spec.part.isEmpty ? headerFields(names, not: false) : nil
        case .headerFieldsNot(let names): return spec.part.isEmpty ? headerFields(names, not: true) : nil
        case .mime: return nil
        }
    }
}

/// One mailbox: its messages in UID order.
struct TestMailbox {
    var name: MailboxName
    var attributes: [MailboxAttribute] = [.hasNoChildren]
    var uidValidity: UInt32
    var uidNext: UInt32 = 1
    var messages: [TestMessage] = []

    mutating func append(_ bytes: [UInt8], flags: [Flag] = [], date: IMAPDateTime? = nil) -> UInt32 {
        let uid = uidNext
        uidNext += 1
        messages.append(TestMessage(uid: uid, flags: flags, internalDate: date ?? TestMailbox.now(), bytes: bytes))
        return uid
    }

    static func now() -> IMAPDateTime {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return IMAPDateTime(
            date: IMAPDate(year: c.year!, month: c.month!, day: c.day!)!,
            hour: c.hour!,
            minute: c.minute!,
            second: c.second!,
            zoneMinutes: 0
        )!
    }
}

extension TestMailbox {
    /// INBOX with three messages, Sent, and a non-ASCII mailbox (`Entwürfe`, wire form
    /// `Entw&APw-rfe`).
    static func seeded() -> [TestMailbox] {
        var inbox = TestMailbox(name: .inbox, uidValidity: 1_700_000_000)
        for (i, message) in seedMessages.enumerated() {
            let date = IMAPDateTime(
                date: IMAPDate(year: 2026, month: 1, day: 10 + i)!,
                hour: 9,
                minute: 30,
                second: 0,
                zoneMinutes: 60
            )!
            _ = inbox.append(Array(message.utf8), flags: i == 0 ? [.seen] : [], date: date)
        }
        var sent = TestMailbox(name: MailboxName("Sent"), uidValidity: 1_700_000_001)
        sent.attributes.append(.sent)
        return [inbox, sent, TestMailbox(name: MailboxName("Entw\u{fc}rfe"), uidValidity: 1_700_000_002)]
    }

    static let seedMessages = [
        "From: Alice Example <alice@example.com>\r\nTo: Test User <test@example.org>\r\n"
            + "Subject: Welcome to the test server\r\nDate: Sat, 10 Jan 2026 09:30:00 +0100\r\n"
            + "Message-ID: <seed-1@example.com>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Hello,\r\nthis is the first message.\r\n",
        "From: Bob <bob@example.net>\r\nTo: test@example.org\r\nCc: Carol <carol@example.com>\r\n"
            + "Subject: Lunch on Friday?\r\n\tfolded continuation\r\nDate: Sun, 11 Jan 2026 09:30:00 +0100\r\n"
            + "Message-ID: <seed-2@example.net>\r\n\r\nShall we meet at noon?\r\nBob\r\n",
        "From: Alice Example <alice@example.com>\r\nTo: test@example.org\r\nSubject: Quarterly report\r\n"
            + "Date: Mon, 12 Jan 2026 09:30:00 +0100\r\nMessage-ID: <seed-3@example.com>\r\n"
            + "In-Reply-To: <seed-1@example.com>\r\n\r\nThe numbers are in the attachment (not really).\r\n",
    ]
}

/// SEARCH evaluation over one message (`seq`: its sequence number; `last`: the largest
/// sequence number / UID for `*`). Returns nil for a key the test server does not support.
func testSearchMatches(_ key: SearchKey, _ m: TestMessage, seq: UInt32, lastSeq: UInt32, lastUID: UInt32) -> Bool? {
    func has(_ flag: Flag) -> Bool { m.flags.contains(flag) }
    func contains(_ haystack: String?, _ needle: ByteString) -> Bool {
        guard let haystack else { return false }
        return needle.isEmpty || haystack.range(of: needle.stringValue, options: .caseInsensitive) != nil
    }
    func all(_ keys: some Sequence<SearchKey>) -> Bool? {
        for key in keys {
            guard let match = testSearchMatches(key, m, seq: seq, lastSeq: lastSeq, lastUID: lastUID) else {
                return nil
            }
            if !match { return false }
        }
        return true
    }
    let body = String(decoding: m.text, as: UTF8.self)
    switch key {
    case .all: return true
    case .seen: return has(.seen)
    case .unseen: return !has(.seen)
    case .flagged: return has(.flagged)
    case .unflagged: return !has(.flagged)
    case .answered: return has(.answered)
    case .unanswered: return !has(.answered)
    case .deleted: return has(.deleted)
    case .undeleted: return !has(.deleted)
    case .draft: return has(.draft)
    case .undraft: return !has(.draft)
    case .recent, .new: return false
    case .old: return true
    case .keyword(let flag): return has(flag)
    case .unkeyword(let flag): return !has(flag)
    case .subject(let s): return contains(m.field("Subject"), s)
    case .from(let s): return contains(m.field("From"), s)
    case .to(let s): return contains(m.field("To"), s)
    case .cc(let s): return contains(m.field("Cc"), s)
    case .bcc(let s): return contains(m.field("Bcc"), s)
    case .header(let field, let s): return contains(m.field(field.stringValue), s)
    case .body(let s): return contains(body, s)
    case .text(let s): return contains(String(decoding: m.bytes, as: UTF8.self), s)
    case .larger(let n): return Int64(m.bytes.count) > n
    case .smaller(let n): return Int64(m.bytes.count) < n
    case .before(let d): return m.internalDate.date < d
    case .on(let d): return m.internalDate.date == d
    case .since(let d): return m.internalDate.date >= d
    case .sequenceSet(let set): return set.contains(seq, largest: lastSeq)
    case .uid(let set): return set.contains(m.uid, largest: lastUID)
    case .not(let inner): return testSearchMatches(inner, m, seq: seq, lastSeq: lastSeq, lastUID: lastUID).map { !$0 }
    case .fuzzy(let inner): return testSearchMatches(inner, m, seq: seq, lastSeq: lastSeq, lastUID: lastUID)
    case .or(let a, let b):
        guard let x = testSearchMatches(a, m, seq: seq, lastSeq: lastSeq, lastUID: lastUID),
            let y = testSearchMatches(b, m, seq: seq, lastSeq: lastSeq, lastUID: lastUID)
        else { return nil }
        return x || y
    case .and(let keys): return all(keys)
    default: return nil
    }
}
