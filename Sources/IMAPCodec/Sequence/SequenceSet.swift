/// One end of a sequence range: a message sequence number or UID, or `*` (the largest
/// number in use).
public enum SequenceNumber: Sendable, Hashable {
    /// A number, 1 or more.
    case number(UInt32)
    /// `*`: the largest number in use.
    case last
}

/// A set of message sequence numbers or UIDs, kept as written: ranges are never
/// expanded, so `1:4294967295` costs the same as `1:2`.
///
/// `sequence-set = (seq-number / seq-range) ["," sequence-set]` and the SEARCHRES
/// alternative `$` (RFC 5182), the result of the last SEARCH.
public struct SequenceSet: Sendable, Hashable, CustomStringConvertible {
    /// One element of a set.
    public enum Element: Sendable, Hashable {
        /// A single number or `*`.
        case single(SequenceNumber)
        /// `a:b`, all numbers between both ends inclusive, in either order.
        case range(SequenceNumber, SequenceNumber)
        /// `$` (SEARCHRES): the result of the last SEARCH command.
        case lastCommand
    }

    /// The elements, in the order written; never empty.
    public let elements: [Element]

    /// Creates a set from elements. Returns nil when `elements` is empty or a number is 0.
    public init?(_ elements: [Element]) {
        guard !elements.isEmpty else { return nil }
        for element in elements {
            switch element {
            case .single(.number(0)), .range(.number(0), _), .range(_, .number(0)): return nil
            default: continue
            }
        }
        self.elements = elements
    }
    init(unchecked elements: [Element]) {
        self.elements = elements
    }

    /// A set of one number (1 or more; 0 becomes 1).
    public init(_ number: UInt32) {
        self.elements = [.single(.number(max(1, number)))]
    }

    /// A set of one range `lower:upper` (0 becomes 1); a range of one number is that number.
    public init(_ range: ClosedRange<UInt32>) {
        let lower = max(1, range.lowerBound)
        let upper = max(1, range.upperBound)
        self.elements = [lower == upper ? .single(.number(lower)) : .range(.number(lower), .number(upper))]
    }

    /// `1:*`, every message.
    public static let all = SequenceSet(unchecked: [.range(.number(1), .last)])

    /// `$` (SEARCHRES).
    public static let lastCommand = SequenceSet(unchecked: [.lastCommand])

    /// The wire form, e.g. `1:3,7,9:*`.
    public var description: String {
        var writer = IMAPWriter()
        writer.writeSequenceSet(self)
        return String(decoding: writer.finishBytes(), as: UTF8.self)
    }

    /// True when `number` is in the set, given the largest number in use (for `*`).
    /// `$` never contains anything here: its value lives in the server's state.
    public func contains(_ number: UInt32, largest: UInt32) -> Bool {
        func value(_ n: SequenceNumber) -> UInt32 {
            if case .number(let v) = n { return v }
            return largest
        }
        for element in elements {
            switch element {
            case .single(let n): if value(n) == number { return true }
            case .range(let a, let b):
                let (lo, hi) = (min(value(a), value(b)), max(value(a), value(b)))
                if lo <= number && number <= hi { return true }
            case .lastCommand: continue
            }
        }
        return false
    }
}

extension ParserState {
    // seq-number      = nz-number / "*"
    mutating func seqNumber(allowStar: Bool = true) throws(IMAPDecodingError) -> SequenceNumber {
        if allowStar && skip(ASCII.star) { return .last }
        return .number(try nzNumber("seq-number"))
    }

    // sequence-set    = (seq-number / seq-range) ["," sequence-set]
    // seq-range       = seq-number ":" seq-number
    // sequence-set    =/ seq-last-command
    // seq-last-command   = "$"
    /// Iterative, not recursive: a set of a million elements uses no stack.
    /// `allowStar: false` parses `uid-set` (RFC 4315), which has no `*`.
    mutating func sequenceSet(allowStar: Bool = true) throws(IMAPDecodingError) -> SequenceSet {
        var elements: [SequenceSet.Element] = []
        repeat {
            if skip(ASCII.dollar) {
                try add(.lastCommand, to: &elements, "sequence-set")
                continue
            }
            let first = try seqNumber(allowStar: allowStar)
            let element: SequenceSet.Element
            if skip(ASCII.colon) {
                element = .range(first, try seqNumber(allowStar: allowStar))
            } else {
                element = .single(first)
            }
            try add(element, to: &elements, expected: 8, last: peek() != ASCII.comma, "sequence-set")
        } while skip(ASCII.comma)
        return SequenceSet(unchecked: elements)
    }
}

extension IMAPWriter {
    // seq-number      = nz-number / "*"
    /// Refused for `.number(0)` (a `SequenceSet` cannot hold it; REPLACE takes a bare one).
    mutating func writeSeqNumber(_ number: SequenceNumber) {
        switch number {
        case .number(let n): writeNZNumber(n, "sequence number")
        case .last: writeByte(ASCII.star)
        }
    }

    // uid-set         = (uniqueid / uid-range) *("," uid-set)
    // uid-range       = (uniqueid ":" uniqueid)
    // known-uids      = sequence-set   ;; Sequence of UIDs; "*" is not allowed.  (RFC 7162)
    /// Writes a set where `rule` takes numbers only: refused when it holds `*` (the largest
    /// number in use; kept when `allowingStar`) or `$` (the client's saved search result),
    /// which stand for numbers the writer of such a set must give (COPYUID, APPENDUID,
    /// VANISHED, QRESYNC, ESEARCH ALL).
    mutating func writeNumberSet(_ set: SequenceSet, _ field: String, _ rule: String, allowingStar: Bool = false) {
        for element in set.elements {
            let marker: String?
            switch element {
            case .single(.last), .range(.last, _), .range(_, .last): marker = allowingStar ? nil : "\"*\""
            case .lastCommand: marker = "\"$\""
            default: marker = nil
            }
            if let marker {
                return refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: field,
                        rule: rule,
                        message: "\(marker) is not allowed here: the rule takes numbers only"
                    )
                )
            }
        }
        writeSequenceSet(set)
    }

    // sequence-set    = (seq-number / seq-range) ["," sequence-set]
    mutating func writeSequenceSet(_ set: SequenceSet) {
        for (i, element) in set.elements.enumerated() {
            if i > 0 { writeByte(ASCII.comma) }
            switch element {
            case .single(let n): writeSeqNumber(n)
            case .range(let a, let b):
                writeSeqNumber(a)
                writeByte(ASCII.colon)
                writeSeqNumber(b)
            case .lastCommand: writeByte(ASCII.dollar)
            }
        }
    }
}
