//===----------------------------------------------------------------------===//
//
// Modified UTF-7 mailbox-name codec (RFC 3501 §5.1.3, RFC 9051 §5.1.3).
//
// Only the Swift standard library is used.
//
//===----------------------------------------------------------------------===//

/// Modified UTF-7 (RFC 3501 §5.1.3, RFC 9051 §5.1.3), the convention IMAP uses
/// to carry international mailbox names in 7-bit US-ASCII.
///
/// The rules are:
///
/// - Printable US-ASCII characters (0x20–0x7E) other than `&` represent
///   themselves.
/// - `&` (0x26) is represented by the two-octet sequence `&-`.
/// - Every other character is converted to UTF-16 (non-BMP scalars such as
///   emoji become surrogate pairs), the big-endian code units are encoded in
///   *modified BASE64* (the standard alphabet with `,` instead of `/`, and no
///   `=` padding), and the result is enclosed in `&` … `-`.
///
/// The encoder always produces the canonical form: consecutive non-ASCII
/// characters share a single shifted run, every run is terminated with `-`,
/// and the unused low bits of the final BASE64 character are zero.
///
/// The decoder is strict and accepts only that canonical form. It rejects
/// input containing bytes outside 0x20–0x7E, unterminated shift sequences,
/// characters outside the modified BASE64 alphabet, shifted runs that encode
/// printable US-ASCII, non-zero padding bits, incomplete UTF-16 code units,
/// unpaired or reversed surrogates, and null shifts (a shifted run that
/// immediately follows another shifted run, e.g. `&AOQ-&AOQ-`).
///
/// ```swift
/// ModifiedUTF7.encode("Entwürfe")                  // Array("Entw&APw-rfe".utf8)
/// try ModifiedUTF7.decode(Array("R&-D".utf8))      // "R&D"
/// ModifiedUTF7.isValid(Array("&AOQ-&AOQ-".utf8))   // false
/// ```
public enum ModifiedUTF7 {

    /// Encodes a Unicode mailbox name into modified UTF-7 bytes (all ASCII).
    ///
    /// The result is the canonical encoding: it consists only of bytes in
    /// 0x20–0x7E, `&` is written as `&-`, and each maximal run of characters
    /// that cannot represent themselves is written as a single shifted run
    /// `&`…`-` containing the modified BASE64 form of the run's UTF-16 code
    /// units. Decoding the result with ``decode(_:)`` yields `name` again.
    ///
    /// - Parameter name: The mailbox name to encode. Any Unicode string is
    ///   accepted, including control characters and non-BMP scalars.
    /// - Returns: The modified UTF-7 representation of `name`.
    public static func encode(_ name: String) -> [UInt8] {
        let utf8 = name.utf8

        // Fast path: names that are entirely directly representable.
        var needsShift = false
        for byte in utf8 where !isDirect(byte) || byte == ampersand {
            needsShift = true
            break
        }
        if !needsShift {
            return Array(utf8)
        }

        var encoder = Base64Encoder()
        // Non-ASCII scalars take at most 4 UTF-8 bytes and at most 6 encoded
        // bytes (two UTF-16 units = 32 bits); this avoids most regrowth.
        encoder.output.reserveCapacity(utf8.count &+ utf8.count / 2 &+ 2)

        var shifted = false
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value >= 0x20 && value <= 0x7E {
                if shifted {
                    encoder.finishRun()
                    shifted = false
                }
                let byte = UInt8(truncatingIfNeeded: value)
                encoder.output.append(byte)
                if byte == ampersand {
                    encoder.output.append(hyphen)
                }
            } else {
                if !shifted {
                    encoder.output.append(ampersand)
                    shifted = true
                }
                if value >= 0x1_0000 {
                    let offsetValue = value &- 0x1_0000
                    encoder.append(unit: 0xD800 | (offsetValue &>> 10))
                    encoder.append(unit: 0xDC00 | (offsetValue & 0x3FF))
                } else {
                    encoder.append(unit: value)
                }
            }
        }
        if shifted {
            encoder.finishRun()
        }
        return encoder.output
    }

    /// Decodes modified UTF-7 bytes into a String. Throws on malformed input.
    ///
    /// Only the canonical form produced by ``encode(_:)`` is accepted; see
    /// ``ModifiedUTF7`` for the list of rejected forms.
    ///
    /// - Parameter bytes: The modified UTF-7 encoded mailbox name. Any
    ///   collection of bytes works; offsets in errors are counted from the
    ///   collection's first element (0-based), regardless of its index type.
    /// - Returns: The decoded mailbox name.
    /// - Throws: ``ModifiedUTF7/Error`` describing the first problem found
    ///   and the byte offset where it was found.
    public static func decode<C: Collection>(
        _ bytes: C
    ) throws(ModifiedUTF7.Error) -> String where C.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count)
        let failure: Error?
        if let result = bytes.withContiguousStorageIfAvailable({ buffer in
            scan(buffer, into: &utf8, collect: true)
        }) {
            failure = result
        } else {
            failure = scan(bytes, into: &utf8, collect: true)
        }
        if let failure {
            throw failure
        }
        // `scan` only emits UTF-8 for validated scalars, so no replacement
        // characters can be introduced here.
        return String(decoding: utf8, as: UTF8.self)
    }

    /// True when `bytes` is well-formed modified UTF-7 (decode would succeed).
    ///
    /// This performs the same validation as ``decode(_:)`` without building
    /// the decoded string.
    ///
    /// - Parameter bytes: The candidate modified UTF-7 mailbox name.
    /// - Returns: `true` exactly when ``decode(_:)`` would not throw.
    public static func isValid<C: Collection>(
        _ bytes: C
    ) -> Bool where C.Element == UInt8 {
        var unused: [UInt8] = []
        if let result = bytes.withContiguousStorageIfAvailable({ buffer in
            scan(buffer, into: &unused, collect: false)
        }) {
            return result == nil
        }
        return scan(bytes, into: &unused, collect: false) == nil
    }

    /// A malformed modified UTF-7 sequence.
    ///
    /// `offset` is the 0-based byte offset, within the input, of the byte at
    /// which the problem was detected:
    ///
    /// - a byte outside 0x20–0x7E: that byte;
    /// - a character outside the modified BASE64 alphabet inside a shifted
    ///   run: that character;
    /// - a shifted run that immediately follows another one (null shift): the
    ///   `&` opening the second run;
    /// - a decoded code unit that is printable US-ASCII, an unpaired low
    ///   surrogate, or a high surrogate followed by a non-low-surrogate unit:
    ///   the BASE64 character that completed the offending code unit;
    /// - an incomplete code unit, non-zero padding bits, or a high surrogate
    ///   left pending at the end of a run: the terminating `-`;
    /// - an unterminated shift sequence (input ends inside a run or right
    ///   after `&`): the `&` that opened it.
    public struct Error: Swift.Error, Sendable, Hashable {
        /// Offset (0-based, in bytes, within the input) where the problem was found.
        public var offset: Int
        /// A short human-readable reason, e.g. "unterminated shift sequence".
        public var reason: String
    }
}

// MARK: - Implementation details

extension ModifiedUTF7 {
    private static let ampersand: UInt8 = 0x26  // "&"
    private static let hyphen: UInt8 = 0x2D  // "-"

    /// Whether `byte` is printable US-ASCII (0x20–0x7E).
    @inline(__always)
    private static func isDirect(_ byte: UInt8) -> Bool {
        byte &- 0x20 < 0x5F
    }

    /// Maps a 6-bit value to its modified BASE64 character.
    @inline(__always)
    private static func base64Character(_ value: UInt32) -> UInt8 {
        let v = UInt8(truncatingIfNeeded: value & 0x3F)
        switch v {
        case 0..<26: return v &+ 0x41  // A-Z
        case 26..<52: return v &+ 0x47  // a-z  (0x61 - 26)
        case 52..<62: return v &- 4  // 0-9  (0x30 = 52 - 4)
        case 62: return 0x2B  // +
        default: return 0x2C  // ,
        }
    }

    /// Maps a modified BASE64 character to its 6-bit value, or `nil`.
    @inline(__always)
    private static func base64Value(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x41...0x5A: return UInt32(byte &- 0x41)  // A-Z
        case 0x61...0x7A: return UInt32(byte &- 0x47)  // a-z
        case 0x30...0x39: return UInt32(byte &+ 4)  // 0-9
        case 0x2B: return 62  // +
        case 0x2C: return 63  // ,
        default: return nil
        }
    }

    /// Accumulates UTF-16 code units and writes modified BASE64 characters.
    private struct Base64Encoder {
        var output: [UInt8] = []
        /// Pending bits not yet written; only the low `bitCount` bits are used.
        private var bits: UInt32 = 0
        /// Number of pending bits, always in 0..<6 between calls.
        private var bitCount: UInt32 = 0

        @inline(__always)
        mutating func append(unit: UInt32) {
            bits = (bits &<< 16) | (unit & 0xFFFF)
            bitCount &+= 16
            while bitCount >= 6 {
                bitCount &-= 6
                output.append(ModifiedUTF7.base64Character(bits &>> bitCount))
            }
            bits &= (1 &<< bitCount) &- 1
        }

        /// Flushes the remaining bits (zero-padded) and writes the `-`.
        mutating func finishRun() {
            if bitCount > 0 {
                output.append(ModifiedUTF7.base64Character(bits &<< (6 &- bitCount)))
            }
            bits = 0
            bitCount = 0
            output.append(ModifiedUTF7.hyphen)
        }
    }

    private enum Mode {
        /// Outside a shifted run.
        case direct
        /// Just read `&`; the next byte decides between `&-` and a run.
        case afterAmpersand
        /// Inside a modified BASE64 run.
        case shifted
    }

    /// Appends the UTF-8 encoding of a (validated) Unicode scalar value.
    @inline(__always)
    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(truncatingIfNeeded: scalar &>> 6))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        case 0x800..<0x1_0000:
            output.append(0xE0 | UInt8(truncatingIfNeeded: scalar &>> 12))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(truncatingIfNeeded: scalar &>> 18))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 12) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: (scalar &>> 6) & 0x3F))
            output.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
        }
    }

    /// Validates `bytes` and, when `collect` is true, appends the decoded
    /// name as UTF-8 to `output`. Returns the first error, or `nil`.
    private static func scan<S: Sequence>(
        _ bytes: S,
        into output: inout [UInt8],
        collect: Bool
    ) -> Error? where S.Element == UInt8 {
        var mode = Mode.direct
        var offset = 0
        /// Offset of the `&` that opened the current (or pending) run.
        var shiftStart = 0
        /// Offset of the `-` that closed the most recent BASE64 run.
        var lastRunEnd = -2
        /// Pending bits; only the low `bitCount` bits are meaningful.
        var bits: UInt32 = 0
        var bitCount: UInt32 = 0
        /// A high surrogate waiting for its low surrogate, or 0.
        var highSurrogate: UInt32 = 0

        for byte in bytes {
            let index = offset
            offset &+= 1

            guard isDirect(byte) else {
                return Error(offset: index, reason: "byte outside printable US-ASCII range")
            }

            switch mode {
            case .direct:
                if byte == ampersand {
                    mode = .afterAmpersand
                    shiftStart = index
                } else if collect {
                    output.append(byte)
                }
                continue

            case .afterAmpersand:
                if byte == hyphen {
                    // "&-" represents "&".
                    if collect {
                        output.append(ampersand)
                    }
                    mode = .direct
                    continue
                }
                if lastRunEnd &+ 1 == shiftStart {
                    return Error(offset: shiftStart, reason: "adjacent shift sequences (null shift)")
                }
                mode = .shifted
                bits = 0
                bitCount = 0
                highSurrogate = 0
            // Fall out of the switch to process `byte` as BASE64.

            case .shifted:
                if byte == hyphen {
                    if bitCount >= 6 {
                        return Error(offset: index, reason: "incomplete UTF-16 code unit")
                    }
                    if bits != 0 {
                        return Error(offset: index, reason: "non-zero padding bits")
                    }
                    if highSurrogate != 0 {
                        return Error(offset: index, reason: "unpaired high surrogate")
                    }
                    mode = .direct
                    lastRunEnd = index
                    continue
                }
            }

            // Inside a shifted run: `byte` must be a modified BASE64 character.
            guard let value = base64Value(byte) else {
                return Error(offset: index, reason: "invalid modified BASE64 character")
            }
            bits = (bits &<< 6) | value
            bitCount &+= 6
            guard bitCount >= 16 else {
                continue
            }
            bitCount &-= 16
            let unit = (bits &>> bitCount) & 0xFFFF
            bits &= (1 &<< bitCount) &- 1

            if highSurrogate != 0 {
                guard unit & 0xFC00 == 0xDC00 else {
                    return Error(offset: index, reason: "unpaired high surrogate")
                }
                if collect {
                    let scalar = 0x1_0000 &+ ((highSurrogate & 0x3FF) &<< 10) &+ (unit & 0x3FF)
                    appendUTF8(scalar, to: &output)
                }
                highSurrogate = 0
            } else {
                switch unit {
                case 0xD800...0xDBFF:
                    highSurrogate = unit
                case 0xDC00...0xDFFF:
                    return Error(offset: index, reason: "unpaired low surrogate")
                case 0x20...0x7E:
                    return Error(offset: index, reason: "printable US-ASCII in shift sequence")
                default:
                    if collect {
                        appendUTF8(unit, to: &output)
                    }
                }
            }
        }

        if mode != .direct {
            return Error(offset: shiftStart, reason: "unterminated shift sequence")
        }
        return nil
    }
}
