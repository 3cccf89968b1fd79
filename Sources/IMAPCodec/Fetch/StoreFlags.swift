// STORE arguments: store-att-flags (RFC 9051), store modifiers (RFC 4466, UNCHANGEDSINCE
// from RFC 7162) and Gmail's X-GM-LABELS.

/// What a STORE command changes: `+FLAGS.SILENT (\Seen)`, `X-GM-LABELS (Work)`.
public struct StoreFlags: Sendable, Hashable {
    /// How the given values combine with the message's current ones.
    public enum Operation: Sendable, Hashable {
        /// No prefix: replace.
        case replace
        /// `+`: add.
        case add
        /// `-`: remove.
        case remove
    }

    /// What is stored.
    public enum Target: Sendable, Hashable {
        /// `FLAGS`: message flags.
        case flags([Flag])
        /// `X-GM-LABELS` (Gmail): labels as sent, system labels with their backslash.
        case gmailLabels([ByteString])
        /// `ANNOTATION (entry-att ...)` (RFC 5257): the annotations to set (a NIL value
        /// removes one). It takes no `+`/`-` and no `.SILENT`: the encoders refuse an
        /// operation other than ``Operation/replace`` or `silent` with it.
        case annotations([AnnotationEntry])
    }

    /// Replace, add or remove.
    public var operation: Operation
    /// `.SILENT`: the server sends no untagged FETCH for the change.
    public var silent: Bool
    /// The flags or labels.
    public var target: Target

    /// Creates STORE arguments.
    public init(operation: Operation, silent: Bool = false, target: Target) {
        self.operation = operation
        self.silent = silent
        self.target = target
    }

    /// `[+|-]FLAGS[.SILENT] (flags)`.
    public static func flags(_ operation: Operation, _ flags: [Flag], silent: Bool = false) -> StoreFlags {
        StoreFlags(operation: operation, silent: silent, target: .flags(flags))
    }
}

/// A modifier of a STORE command: `STORE 1 (UNCHANGEDSINCE 12) +FLAGS (\Seen)`.
public enum StoreModifier: Sendable, Hashable {
    /// `UNCHANGEDSINCE mod-sequence-valzer` (RFC 7162).
    case unchangedSince(UInt64)
    /// A modifier this codec does not know: its name and its value as sent.
    case other(name: ByteString, value: ByteString?)
}

extension ParserState {
    // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP
    //                   (flag-list / (flag *(SP flag)))
    /// Also Gmail's `["+" / "-"] "X-GM-LABELS" [".SILENT"] SP (label-list / label *(SP label))`.
    /// Parses what follows `STORE SP sequence-set [store-modifiers] SP`; stops before
    /// CRLF. Strict: no `\*`.
    mutating func storeAttFlags() throws(IMAPDecodingError) -> StoreFlags {
        // store-att-flags  =/ att-annotate                            ; RFC 5257
        if skipKeyword("ANNOTATION") {
            return StoreFlags(operation: .replace, silent: false, target: .annotations(try attAnnotate()))
        }
        let operation: StoreFlags.Operation
        if skip(ASCII.plus) {
            operation = .add
        } else if skip(ASCII.minus) {
            operation = .remove
        } else {
            operation = .replace
        }
        if skipKeyword("FLAGS.SILENT") {
            return StoreFlags(operation: operation, silent: true, target: .flags(try storeFlagValues()))
        }
        if skipKeyword("FLAGS") {
            return StoreFlags(operation: operation, silent: false, target: .flags(try storeFlagValues()))
        }
        if skipKeyword("X-GM-LABELS.SILENT") {
            return StoreFlags(operation: operation, silent: true, target: .gmailLabels(try storeLabelValues()))
        }
        if skipKeyword("X-GM-LABELS") {
            return StoreFlags(operation: operation, silent: false, target: .gmailLabels(try storeLabelValues()))
        }
        throw error("store-att-flags", "expected FLAGS, FLAGS.SILENT or X-GM-LABELS, found \(found())")
    }

    /// `SP (flag-list / (flag *(SP flag)))`. Lenient: NIL stands for no flag in the bare
    /// form as in the parenthesized one (``flagList()``), so both forms of the same flags
    /// decode alike (the encoder writes the parenthesized form).
    mutating func storeFlagValues() throws(IMAPDecodingError) -> [Flag] {
        try sp("store-att-flags")
        let flags: [Flag]
        if peek() == ASCII.openParen {
            flags = try flagList()
        } else {
            var list: [Flag] = []
            while true {
                if !(lenient && skipNil()) { try add(try flag(), to: &list, "flag-list") }
                guard moreBareValues() else { break }
                try sp("store-att-flags")
            }
            flags = list
        }
        if !lenient, flags.contains(.wildcard) {
            throw error("store-att-flags", "\\* is not a flag")
        }
        return flags
    }

    /// True when `NIL` is next (not consumed).
    func skipNilAhead() -> Bool {
        var copy = self
        return copy.skipNil()
    }

    /// True when an SP (lenient: spaces) followed by something other than the end of
    /// the line is next.
    func moreBareValues() -> Bool {
        var ahead = index
        guard ahead < bytes.count, bytes[ahead] == ASCII.space else { return false }
        ahead &+= 1
        if lenient { while ahead < bytes.count && bytes[ahead] == ASCII.space { ahead &+= 1 } }
        return ahead < bytes.count && bytes[ahead] != ASCII.cr && bytes[ahead] != ASCII.lf
    }

    /// `SP (label-list / label *(SP label))` for X-GM-LABELS.
    mutating func storeLabelValues() throws(IMAPDecodingError) -> [ByteString] {
        try sp("store-att-flags")
        if peek() == ASCII.openParen || lenient && skipNilAhead() { return try gmailLabelList() }
        var labels: [ByteString] = [try gmailLabel()]
        while moreBareValues() {
            try sp("store-att-flags")
            try add(try gmailLabel(), to: &labels, "store-att-flags")
        }
        return labels
    }

    // store-modifiers =  SP "(" store-modifier *(SP store-modifier) ")"
    // store-modifier  = store-modifier-name [SP store-modif-params]
    // store-modifier  =/ "UNCHANGEDSINCE" SP mod-sequence-valzer   ; RFC 7162
    /// Parses the modifiers after `STORE SP sequence-set` when an SP and "(" are next;
    /// returns [] (consuming nothing) otherwise.
    mutating func storeModifiers() throws(IMAPDecodingError) -> [StoreModifier] {
        guard modifiersFollow() else { return [] }
        try sp("store-modifiers")
        try expect(ASCII.openParen, "store-modifiers")
        var modifiers: [StoreModifier] = []
        skipExtraSpaces()
        if !lenient && peek() == ASCII.closeParen {
            throw error("store-modifiers", "expected at least one store-modifier")
        }
        while !skip(ASCII.closeParen) {
            if skipKeyword("UNCHANGEDSINCE") {
                try sp("store-modifier")
                try add(
                    .unchangedSince(try parseModSequenceValue("mod-sequence-valzer", allowZero: true)),
                    to: &modifiers,
                    "store-modifier"
                )
            } else {
                let (name, value) = try taggedModifier("store-modifier")
                try add(.other(name: name, value: value), to: &modifiers, "store-modifier")
            }
            if skip(ASCII.closeParen) { return modifiers }
            try sp("store-modifiers")
            if !lenient && peek() == ASCII.closeParen {
                throw error("store-modifiers", "expected a modifier after SP")
            }
        }
        return modifiers
    }
}

extension IMAPWriter {
    // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP
    //                   (flag-list / (flag *(SP flag)))
    /// Always writes the parenthesized form.
    mutating func writeStoreAttFlags(_ store: StoreFlags) {
        if case .annotations(let entries) = store.target {
            // store-att-flags  =/ att-annotate   ; no "+" / "-", no ".SILENT" (RFC 5257)
            if store.operation != .replace || store.silent {
                return refuse(
                    IMAPValueError(
                        kind: .malformed,
                        field: "STORE ANNOTATION",
                        rule: "att-annotate",
                        message: "STORE ANNOTATION takes no +/- and no .SILENT"
                    )
                )
            }
            return writeAttAnnotate(entries, "STORE ANNOTATION", "att-annotate")
        }
        switch store.operation {
        case .replace: break
        case .add: writeByte(ASCII.plus)
        case .remove: writeByte(ASCII.minus)
        }
        switch store.target {
        case .flags(let flags):
            write(store.silent ? "FLAGS.SILENT " : "FLAGS ")
            writeFlagList(flags)
        case .gmailLabels(let labels):
            write(store.silent ? "X-GM-LABELS.SILENT " : "X-GM-LABELS ")
            writeGmailLabelList(labels)
        case .annotations: break  // written above
        }
    }

    // store-modifiers =  SP "(" store-modifier *(SP store-modifier) ")"
    /// Writes nothing for no modifiers.
    mutating func writeStoreModifiers(_ modifiers: [StoreModifier]) {
        guard !modifiers.isEmpty else { return }
        write(" (")
        for (i, modifier) in modifiers.enumerated() {
            if i > 0 { writeSpace() }
            switch modifier {
            // store-modifier  =/ "UNCHANGEDSINCE" SP mod-sequence-valzer   ; RFC 7162
            case .unchangedSince(let value):
                write("UNCHANGEDSINCE ")
                writeModSequenceValzer(value, "UNCHANGEDSINCE")
            case .other(let name, let value):
                writeTaggedModifier(name, value)
            }
        }
        writeByte(ASCII.closeParen)
    }
}
