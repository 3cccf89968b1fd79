// ============================================================================
// TEMPORARY STAND-INS — DELETE THIS FILE AT MERGE TIME.
//
// The real `Envelope`, `BodyStructure`, `ParserState.envelope()`, `ParserState.body()`,
// `IMAPWriter.writeEnvelope(_:)` and `IMAPWriter.writeBody(_:)` are written on another
// branch. These minimal versions keep the raw parenthesized bytes (found with a
// balanced, string-aware skipper) so the FETCH code compiles and round-trips meanwhile.
// ============================================================================

/// STUB (delete at merge): an envelope kept as its raw parenthesized bytes.
public struct Envelope: Sendable, Hashable {
    /// STUB: the raw bytes, parentheses included.
    public var raw: ByteString
    /// STUB: creates an envelope from its raw bytes.
    public init(raw: ByteString) { self.raw = raw }
}

/// STUB (delete at merge): a body structure kept as its raw parenthesized bytes.
public struct BodyStructure: Sendable, Hashable {
    /// STUB: the raw bytes, parentheses included.
    public var raw: ByteString
    /// STUB: creates a body structure from its raw bytes.
    public init(raw: ByteString) { self.raw = raw }
}

extension ParserState {
    /// STUB (delete at merge): `envelope` as raw bytes.
    mutating func envelope() throws(IMAPDecodingError) -> Envelope {
        guard peek() == ASCII.openParen else { throw error("envelope", "expected \"(\", found \(found())") }
        return Envelope(raw: try fetchRawValue("envelope"))
    }

    /// STUB (delete at merge): `body` as raw bytes.
    mutating func body() throws(IMAPDecodingError) -> BodyStructure {
        guard peek() == ASCII.openParen else { throw error("body", "expected \"(\", found \(found())") }
        return BodyStructure(raw: try fetchRawValue("body"))
    }
}

extension IMAPWriter {
    /// STUB (delete at merge).
    mutating func writeEnvelope(_ envelope: Envelope) { writeBytes(envelope.raw.bytes) }
    /// STUB (delete at merge).
    mutating func writeBody(_ body: BodyStructure) { writeBytes(body.raw.bytes) }
}
