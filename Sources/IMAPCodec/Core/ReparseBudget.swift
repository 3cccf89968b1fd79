/// Bounds the work a decoder spends re-reading the start of a frame.
///
/// With streaming on, a decoder learns whether a literal it was just told of can be
/// streamed by parsing the frame's bytes before it again (``ResponseDecoder`` for a FETCH
/// body, ``CommandDecoder`` for an APPEND message). A frame holding many large literals
/// that cannot be streamed (labels, search strings) would have its growing prefix parsed
/// once per literal: quadratic time. The budget allows, per frame (or per part of a frame
/// after a streamed literal), re-reading at most ``bytesPerByte`` times the part's bytes
/// plus ``allowance`` in all; past that its literals are buffered within the limits, as
/// without streaming. A real FETCH or APPEND has one or two such literals, far within it.
struct ReparseBudget: Sendable, Hashable {
    /// Where, in the stream, the part being framed starts.
    var partStart = -1
    /// Bytes re-read in that part so far.
    var spent = 0

    static let bytesPerByte = 4
    static let allowance = 64 << 10

    /// Whether a prefix of `length` bytes of the part starting at `start` may be re-read;
    /// charges it when so.
    mutating func allows(prefixLength length: Int, partStart start: Int) -> Bool {
        if start != partStart {
            partStart = start
            spent = 0
        }
        let (total, overflow) = spent.addingReportingOverflow(length)
        guard !overflow, total <= Self.allowance &+ Self.bytesPerByte &* length else { return false }
        spent = total
        return true
    }
}
