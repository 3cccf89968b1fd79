import Foundation
import XCTest

@testable import IMAPCodec

final class ModifiedUTF7Tests: XCTestCase {

    // MARK: - Helpers

    private func bytes(_ string: String) -> [UInt8] {
        Array(string.utf8)
    }

    /// Compares scalar-by-scalar: `String ==` uses canonical equivalence,
    /// which could hide a normalising bug.
    private func assertSameScalars(
        _ actual: String,
        _ expected: String,
        _ message: @autoclosure () -> String = "",
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(
            actual.unicodeScalars.map(\.value),
            expected.unicodeScalars.map(\.value),
            message(),
            file: file,
            line: line
        )
    }

    /// Checks both directions: `decoded` encodes to exactly `encoded`, and
    /// `encoded` decodes to exactly `decoded`.
    private func assertRoundTrip(
        _ decoded: String,
        _ encoded: String,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(
            String(decoding: ModifiedUTF7.encode(decoded), as: UTF8.self),
            encoded,
            "encode",
            file: file,
            line: line
        )
        XCTAssertTrue(ModifiedUTF7.isValid(bytes(encoded)), "isValid", file: file, line: line)
        do {
            let result = try ModifiedUTF7.decode(bytes(encoded))
            assertSameScalars(result, decoded, "decode", file: file, line: line)
        } catch {
            XCTFail("decode(\(encoded)) threw \(error)", file: file, line: line)
        }
    }

    /// Checks that `input` is rejected with exactly `offset` and `reason`, by
    /// `decode` (contiguous and non-contiguous input) and by `isValid`.
    private func assertRejected(
        _ input: [UInt8],
        offset: Int,
        reason: String,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let expected = ModifiedUTF7.Error(offset: offset, reason: reason)
        let shown = String(decoding: input, as: UTF8.self).debugDescription

        do {
            let result = try ModifiedUTF7.decode(input)
            XCTFail("decode(\(shown)) returned \(result.debugDescription)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, "decode(\(shown)) [Array]", file: file, line: line)
        }

        // Non-contiguous collection: exercises the generic fallback path.
        let lazy = input.lazy.map { $0 }
        XCTAssertNil(lazy.withContiguousStorageIfAvailable { _ in 0 }, file: file, line: line)
        do {
            let result = try ModifiedUTF7.decode(lazy)
            XCTFail("decode(\(shown)) returned \(result.debugDescription)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, "decode(\(shown)) [lazy]", file: file, line: line)
        }

        // A slice whose indices do not start at 0: offsets are still 0-based.
        let padded = [0x41, 0x41, 0x41] + input
        let slice = padded[3...]
        do {
            let result = try ModifiedUTF7.decode(slice)
            XCTFail("decode(\(shown)) returned \(result.debugDescription)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, "decode(\(shown)) [slice]", file: file, line: line)
        }

        XCTAssertFalse(ModifiedUTF7.isValid(input), "isValid(\(shown)) [Array]", file: file, line: line)
        XCTAssertFalse(ModifiedUTF7.isValid(lazy), "isValid(\(shown)) [lazy]", file: file, line: line)
    }

    private func assertRejected(
        _ input: String,
        offset: Int,
        reason: String,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        assertRejected(bytes(input), offset: offset, reason: reason, file: file, line: line)
    }

    /// Independent reference encoder built on Foundation's BASE64: splits the
    /// name into printable-ASCII and other runs and encodes the latter's
    /// big-endian UTF-16 with `Data.base64EncodedString()`.
    private func referenceEncode(_ name: String) -> String {
        var result = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var data = Data()
            for unit in pending {
                data.append(UInt8(unit >> 8))
                data.append(UInt8(unit & 0xFF))
            }
            let base64 = data.base64EncodedString()
                .replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "/", with: ",")
            result += "&" + base64 + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                result += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return result
    }

    /// Deterministic generator (SplitMix64) so failures are reproducible.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func randomScalar(_ rng: inout SplitMix64) -> Unicode.Scalar {
        let value: UInt32
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1, 2: value = UInt32.random(in: 0x20...0x7E, using: &rng)
        case 3: value = [0x26, 0x2D, 0x2B, 0x2C, 0x2F].randomElement(using: &rng) ?? 0x26
        case 4: value = UInt32.random(in: 0x00...0x1F, using: &rng) | (Bool.random(using: &rng) ? 0 : 0x60)
        case 5: value = UInt32.random(in: 0x80...0xFF, using: &rng)
        case 6: value = UInt32.random(in: 0x100...0xD7FF, using: &rng)
        case 7: value = UInt32.random(in: 0xE000...0xFFFF, using: &rng)
        default: value = UInt32.random(in: 0x1_0000...0x10_FFFF, using: &rng)
        }
        // 0x60...0x7F from case 4 includes printable ASCII and DEL; all are valid scalars.
        return Unicode.Scalar(value) ?? "?"
    }

    private func randomString(_ rng: inout SplitMix64, maxLength: Int = 40) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &rng) {
            scalars.append(randomScalar(&rng))
        }
        return String(scalars)
    }

    // MARK: - Known values

    func testUmlauts() {
        assertRoundTrip("Entwürfe", "Entw&APw-rfe")
        assertRoundTrip("Gelöschte Elemente", "Gel&APY-schte Elemente")
    }

    func testConsecutiveNonASCIIUseSingleRun() {
        assertRoundTrip("äöü", "&AOQA9gD8-")
        assertRoundTrip("xäöüx", "x&AOQA9gD8-x")
    }

    func testCJK() {
        assertRoundTrip("日本語", "&ZeVnLIqe-")
    }

    func testRFCExample() {
        assertRoundTrip("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
    }

    func testEmoji() {
        // Independent computation of the expected bytes: UTF-16BE of the
        // emoji through Foundation's BASE64, then the RFC modifications.
        let emoji = "📬"
        var data = Data()
        for unit in emoji.utf16 {
            data.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)])
        }
        XCTAssertEqual(data.count, 4, "📬 must be a surrogate pair")
        let base64 = data.base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "/", with: ",")
        let expected = "Emoji &" + base64 + "-"
        XCTAssertEqual(expected, "Emoji &2D3c7A-")
        assertRoundTrip("Emoji 📬", expected)
        assertRoundTrip("📬📬", "&2D3c7Ng93Ow-")
    }

    func testAmpersand() {
        assertRoundTrip("R&D", "R&-D")
        assertRoundTrip("&", "&-")
        assertRoundTrip("&&", "&-&-")
        assertRoundTrip("&-", "&--")
        assertRoundTrip("ä&ä", "&AOQ-&-&AOQ-")
        assertRoundTrip("ä-", "&AOQ--")
    }

    func testControlCharactersAreShifted() {
        assertRoundTrip("\u{0}", "&AAA-")
        assertRoundTrip("a\tb", "a&AAk-b")
        assertRoundTrip("\u{7F}", "&AH8-")
        assertRoundTrip("\r\n", "&AA0ACg-")
    }

    func testPureASCII() {
        assertRoundTrip("INBOX", "INBOX")
        assertRoundTrip("Sent Items/2024.Q1 [old] +x,y~\\", "Sent Items/2024.Q1 [old] +x,y~\\")
        let printable = String(decoding: Array(UInt8(0x20)...UInt8(0x7E)), as: UTF8.self)
        let expected = printable.replacingOccurrences(of: "&", with: "&-")
        XCTAssertEqual(expected.utf8.count, 96)
        assertRoundTrip(printable, expected)
    }

    func testEmptyString() {
        XCTAssertEqual(ModifiedUTF7.encode(""), [])
        assertRoundTrip("", "")
    }

    func testDoesNotNormalize() {
        // Decomposed é stays decomposed; precomposed stays precomposed.
        assertRoundTrip("e\u{301}", "e&AwE-")
        assertRoundTrip("\u{E9}", "&AOk-")
    }

    func testDecodeAcceptsOtherCollections() throws {
        let expected = "~peter/mail/台北/日本語"
        let encoded = "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
        assertSameScalars(try ModifiedUTF7.decode(Data(encoded.utf8)), expected)
        assertSameScalars(try ModifiedUTF7.decode(bytes(encoded).lazy.map { $0 }), expected)
        assertSameScalars(try ModifiedUTF7.decode(encoded.utf8), expected)
        let padded = bytes("xx" + encoded)
        assertSameScalars(try ModifiedUTF7.decode(padded[2...]), expected)
        XCTAssertTrue(ModifiedUTF7.isValid(bytes(encoded).lazy.map { $0 }))
    }

    func testLargeInputRoundTrip() throws {
        let name = String(repeating: "Entwürfe/日本語/📬 R&D ", count: 5_000)
        let encoded = ModifiedUTF7.encode(name)
        // Plain Bool assertions: a mismatch would otherwise dump megabytes.
        XCTAssertTrue(encoded == Array(referenceEncode(name).utf8), "encode differs from reference")
        let decoded = try ModifiedUTF7.decode(encoded)
        XCTAssertTrue(
            decoded.unicodeScalars.elementsEqual(name.unicodeScalars),
            "decode did not round-trip"
        )
        XCTAssertEqual(decoded.utf8.count, name.utf8.count)
    }

    // MARK: - Randomised

    func testRandomRoundTripMatchesReference() throws {
        var rng = SplitMix64(state: 0x5EED_1234_ABCD_0001)
        var sawNonBMP = 0
        var sawAmpersand = 0
        for iteration in 0..<3_000 {
            let name = randomString(&rng)
            if name.unicodeScalars.contains(where: { $0.value >= 0x1_0000 }) { sawNonBMP += 1 }
            if name.unicodeScalars.contains("&") { sawAmpersand += 1 }

            let encoded = ModifiedUTF7.encode(name)
            XCTAssertTrue(
                encoded.allSatisfy { (0x20...0x7E).contains($0) },
                "iteration \(iteration): non-printable output"
            )
            XCTAssertEqual(
                String(decoding: encoded, as: UTF8.self),
                referenceEncode(name),
                "iteration \(iteration): \(name.debugDescription)"
            )
            XCTAssertTrue(ModifiedUTF7.isValid(encoded), "iteration \(iteration)")
            let decoded = try ModifiedUTF7.decode(encoded)
            assertSameScalars(decoded, name, "iteration \(iteration)")
        }
        // Make sure the generator actually exercised the interesting cases.
        XCTAssertGreaterThan(sawNonBMP, 1_000)
        XCTAssertGreaterThan(sawAmpersand, 500)
    }

    /// Random and mutated byte strings: `isValid` agrees with `decode`, error
    /// offsets are in range, and — because the decoder accepts only canonical
    /// input — every accepted input re-encodes to exactly the same bytes.
    func testRandomBytesAreCanonicalOrRejected() throws {
        var rng = SplitMix64(state: 0xF00D_FACE_0000_0007)
        let alphabet = Array("&-AQZazg09+,/=. ~".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        var accepted = 0
        var rejected = 0
        for iteration in 0..<6_000 {
            var input: [UInt8]
            if iteration.isMultiple(of: 2) {
                input = (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                    alphabet.randomElement(using: &rng) ?? 0x41
                }
            } else {
                // Mutate a valid encoding: replace, insert or delete one byte.
                input = ModifiedUTF7.encode(randomString(&rng, maxLength: 8))
                let position = Int.random(in: 0...input.count, using: &rng)
                let replacement = alphabet.randomElement(using: &rng) ?? 0x41
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where position < input.count: input[position] = replacement
                case 1: input.insert(replacement, at: position)
                case 2 where position < input.count: input.remove(at: position)
                default: break
                }
            }
            let valid = ModifiedUTF7.isValid(input)
            do {
                let decoded = try ModifiedUTF7.decode(input)
                accepted += 1
                XCTAssertTrue(valid, "isValid disagrees on \(input)")
                XCTAssertEqual(ModifiedUTF7.encode(decoded), input, "non-canonical input accepted: \(input)")
            } catch {
                rejected += 1
                XCTAssertFalse(valid, "isValid disagrees on \(input)")
                XCTAssertTrue(
                    (0..<input.count).contains(error.offset),
                    "offset \(error.offset) out of range for \(input)"
                )
                XCTAssertFalse(error.reason.isEmpty)
            }
        }
        XCTAssertGreaterThan(accepted, 500)
        XCTAssertGreaterThan(rejected, 500)
    }

    // MARK: - Malformed input

    func testRejectsBytesOutsidePrintableASCII() {
        let reason = "byte outside printable US-ASCII range"
        assertRejected([0x00], offset: 0, reason: reason)
        assertRejected([0x61, 0x62, 0x63, 0x00], offset: 3, reason: reason)
        assertRejected("a\tb", offset: 1, reason: reason)
        assertRejected("ab\r\n", offset: 2, reason: reason)
        assertRejected([0x61, 0x7F], offset: 1, reason: reason)
        assertRejected("Entwürfe", offset: 4, reason: reason)  // raw UTF-8 0xC3 0xBC
        assertRejected([0x26, 0x41, 0x4F, 0x80, 0x2D], offset: 3, reason: reason)  // inside a run
        assertRejected([0x26, 0x00], offset: 1, reason: reason)  // right after "&"
        assertRejected([0xFF], offset: 0, reason: reason)
    }

    func testRejectsUnterminatedShift() {
        let reason = "unterminated shift sequence"
        assertRejected("&", offset: 0, reason: reason)
        assertRejected("abc&", offset: 3, reason: reason)
        assertRejected("&AOQ", offset: 0, reason: reason)
        assertRejected("x&AOQ", offset: 1, reason: reason)
        assertRejected("&-&", offset: 2, reason: reason)
        assertRejected("&AOQ-&", offset: 5, reason: reason)
        assertRejected("Entw&APwrfe", offset: 4, reason: reason)
    }

    func testRejectsInvalidBase64Characters() {
        let reason = "invalid modified BASE64 character"
        assertRejected("&AO/-", offset: 3, reason: reason)  // "/" is not modified BASE64
        assertRejected("&AOQ=-", offset: 4, reason: reason)  // no padding
        assertRejected("&A&Q-", offset: 2, reason: reason)
        assertRejected("&AO Q-", offset: 3, reason: reason)
        assertRejected("&.-", offset: 1, reason: reason)
        assertRejected("&&-", offset: 1, reason: reason)
        assertRejected("a&~", offset: 2, reason: reason)
    }

    func testRejectsShiftedPrintableASCII() {
        let reason = "printable US-ASCII in shift sequence"
        assertRejected("&AGE-", offset: 3, reason: reason)  // "a"
        assertRejected("&ACY-", offset: 3, reason: reason)  // "&"
        assertRejected("&ACA-", offset: 3, reason: reason)  // " "
        assertRejected("&AH4-", offset: 3, reason: reason)  // "~"
        assertRejected("x&AOQAYQ-", offset: 7, reason: reason)  // "ä" then "a"
    }

    func testRejectsNonZeroPaddingBits() {
        let reason = "non-zero padding bits"
        assertRejected("&AOR-", offset: 4, reason: reason)  // 2 padding bits = 01
        assertRejected("&AOT-", offset: 4, reason: reason)  // 2 padding bits = 11
        assertRejected("&AOQA5B-", offset: 7, reason: reason)  // 4 padding bits = 0001
        assertRejected("&AOQA5I-", offset: 7, reason: reason)  // 4 padding bits = 1000
    }

    func testRejectsIncompleteCodeUnit() {
        let reason = "incomplete UTF-16 code unit"
        assertRejected("&A-", offset: 2, reason: reason)  // 6 bits
        assertRejected("&AA-", offset: 3, reason: reason)  // 12 bits
        assertRejected("&AOQA-", offset: 5, reason: reason)  // 16 + 8 bits
        assertRejected("&AOQA5-", offset: 6, reason: reason)  // 16 + 14 bits
        assertRejected("&AOQAAAA-", offset: 8, reason: reason)  // 32 + 10 bits
    }

    func testRejectsUnpairedSurrogates() {
        assertRejected("&2D0-", offset: 4, reason: "unpaired high surrogate")  // D83D alone
        assertRejected("&2D0A5A-", offset: 6, reason: "unpaired high surrogate")  // D83D 00E4
        assertRejected("&2D3YPQ-", offset: 6, reason: "unpaired high surrogate")  // D83D D83D
        assertRejected("&AOQA5ADk2D0-", offset: 12, reason: "unpaired high surrogate")  // ... D83D
        assertRejected("&2D0-&3Ow-", offset: 4, reason: "unpaired high surrogate")  // split pair
        assertRejected("&3Ow-", offset: 3, reason: "unpaired low surrogate")  // DCEC alone
        assertRejected("&3OzYPQ-", offset: 3, reason: "unpaired low surrogate")  // reversed pair
        assertRejected("&AOTc7A-", offset: 6, reason: "unpaired low surrogate")  // 00E4 DCEC
    }

    func testRejectsAdjacentShiftedRuns() {
        let reason = "adjacent shift sequences (null shift)"
        assertRejected("&AOQ-&AOQ-", offset: 5, reason: reason)
        assertRejected("x&AOQ-&APw-y", offset: 6, reason: reason)
        // Separated runs and "&-" after a run are fine.
        assertRoundTrip("ä ä", "&AOQ- &AOQ-")
        assertRoundTrip("ä&", "&AOQ-&-")
    }

    func testErrorValue() {
        do {
            _ = try ModifiedUTF7.decode(bytes("INBOX/&AOQ"))
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.offset, 6)
            XCTAssertEqual(error.reason, "unterminated shift sequence")
            XCTAssertNotEqual(error, ModifiedUTF7.Error(offset: 0, reason: error.reason))
            XCTAssertEqual(Set([error, error]).count, 1)
        }
    }
}
