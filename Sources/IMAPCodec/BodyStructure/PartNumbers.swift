// Part numbers of a body structure (RFC 9051 section 6.4.5, the `section-part` of
// `BODY[section]`): which number each part of a message has.

extension BodyStructure {
    /// A part of a body structure with its part number: `[1, 2]` is section `1.2`.
    public struct NumberedPart: Sendable, Hashable {
        /// The part number, outermost first (`section-part`).
        public var number: [UInt32]
        /// The part.
        public var part: BodyStructure

        /// Creates a numbered part.
        public init(number: [UInt32], part: BodyStructure) {
            self.number = number
            self.part = part
        }

        /// The number as written in a section: `1.2`.
        public var section: String { number.map(String.init).joined(separator: ".") }
    }

    /// Every part that has a part number, depth first, as RFC 9051 section 6.4.5 numbers
    /// them: the parts of a multipart are 1, 2, ...; a message that is not multipart has
    /// a part 1; a nested multipart has a number and its parts are numbered below it; a
    /// message/rfc822 (or message/global) part has a number, and the parts of the message
    /// it encloses are numbered below it (3.1, 3.2; 3.1 alone when that message is not
    /// multipart). The outermost multipart and an enclosed message's multipart body have
    /// no number of their own (they are the `TEXT` of their message) and are not listed.
    ///
    /// ```swift
    /// for part in structure.numberedParts {
    ///     print(part.section, part.part.mediaType, part.part.mediaSubtype)  // 1 TEXT PLAIN ...
    /// }
    /// ```
    public var numberedParts: [NumberedPart] {
        var parts: [NumberedPart] = []
        Self.numberParts(of: self, below: [], into: &parts)
        return parts
    }

    /// The part with part number `number` (`[1, 2]` for section `1.2`), or nil when there
    /// is none.
    public subscript(part number: [UInt32]) -> BodyStructure? {
        numberedParts.first { $0.number == number }?.part
    }

    /// Numbers the parts of `body`, the body of a message, below `prefix`.
    static func numberParts(of body: BodyStructure, below prefix: [UInt32], into parts: inout [NumberedPart]) {
        switch body {
        case .multipart(let multipart):
            for (index, child) in multipart.parts.enumerated() {
                numberPart(child, as: prefix + [UInt32(truncatingIfNeeded: index + 1)], into: &parts)
            }
        case .singlePart:
            numberPart(body, as: prefix + [1], into: &parts)
        }
    }

    /// Lists `part` as `number`, then what is numbered below it.
    static func numberPart(_ part: BodyStructure, as number: [UInt32], into parts: inout [NumberedPart]) {
        parts.append(NumberedPart(number: number, part: part))
        switch part {
        case .multipart(let multipart):
            for (index, child) in multipart.parts.enumerated() {
                numberPart(child, as: number + [UInt32(truncatingIfNeeded: index + 1)], into: &parts)
            }
        case .singlePart(let single):
            if case .message(let message) = single.kind, let enclosed = message.body {
                numberParts(of: enclosed, below: number, into: &parts)
            }
        }
    }
}
