import Benchmark
import Foundation
import IMAPCodec
import MallocInterposerSwift

#if canImport(Glibc)
import Glibc
#endif

// Memory of the decoders under inputs built to make them allocate (Docs/Security.md,
// "Memory bounded by the bytes"): each row of the report that found the problem, at its
// size, fed in 64 KiB pieces as from a socket, with the default limits. Metrics per iteration: mallocs, frames
// and errors, and the peak resident memory the decoding added (the kernel's high-water mark,
// reset before the iteration), in KiB and in hundredths of a byte per input byte.

enum HostileMetric {
    /// Peak resident memory added while decoding, in KiB.
    static let peakKiB = BenchmarkMetric.custom("peak KiB", polarity: .prefersSmaller, useScalingFactor: false)
    /// The same per input byte, in hundredths: 512 reads as 5.12 bytes per byte.
    static let peakPerByte = BenchmarkMetric.custom(
        "peak bytes per input byte x100",
        polarity: .prefersSmaller,
        useScalingFactor: false
    )
}

/// One hostile input: a decoder, and how to build its bytes.
struct HostileInput: Sendable {
    var name: String
    var commands: Bool
    /// Literals of at least this many bytes are streamed (the decoder's option), nil: buffered.
    var streamAbove: Int64? = nil
    var build: @Sendable () -> [UInt8]
}

func repeated(_ head: String, _ unit: String, _ count: Int, _ tail: String) -> [UInt8] {
    var bytes = Array(head.utf8)
    let unitBytes = Array(unit.utf8)
    bytes.reserveCapacity(bytes.count + unitBytes.count * count + tail.utf8.count)
    for _ in 0..<count { bytes.append(contentsOf: unitBytes) }
    bytes.append(contentsOf: tail.utf8)
    return bytes
}

/// A FETCH response whose one literal of 600 MiB is over the literal limit (256 MiB), read
/// with streaming on through `next()`, which gathers streamed literals.
func oversizedStreamedLiteral() -> [UInt8] {
    var bytes = Array("* 1 FETCH (UID 7 BODY[] {629145600}\r\n".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 600 << 20))
    bytes.append(contentsOf: Array(")\r\n* 2 EXISTS\r\n".utf8))
    return bytes
}

let hostileInputs: [HostileInput] = {
    [
        HostileInput(name: "append-1-byte-literals", commands: true) {
            repeated("A1 APPEND INBOX", " {1+}\r\nx", 10_000_000, "\r\nA2 NOOP\r\n")
        },
        HostileInput(name: "search-text-literals", commands: true) {
            repeated("A1 SEARCH", " TEXT {1+}\r\nx", 3_000_000, "\r\nA2 NOOP\r\n")
        },
        HostileInput(name: "gmail-labels", commands: false) {
            repeated("* 1 FETCH (X-GM-LABELS (a", " a", 10_000_000, "))\r\n* 2 EXISTS\r\n")
        },
        HostileInput(name: "capabilities", commands: false) {
            repeated("* CAPABILITY IMAP4rev1", " A", 10_000_000, "\r\n* 2 EXISTS\r\n")
        },
        HostileInput(name: "flags", commands: false) {
            repeated("* FLAGS (\\Seen", " A", 10_000_000, ")\r\n* 2 EXISTS\r\n")
        },
        HostileInput(name: "fetch-items", commands: false) {
            repeated("* 1 FETCH (UID 1", " UID 1", 3_000_000, ")\r\n* 2 EXISTS\r\n")
        },
        HostileInput(name: "thread-singletons", commands: false) {
            repeated("* THREAD (1)", "(1)", 5_000_000, "\r\n* 2 EXISTS\r\n")
        },
        HostileInput(name: "streamed-literal-over-limit", commands: false, streamAbove: 4096) {
            oversizedStreamedLiteral()
        },
    ]
}()

/// Resident memory (`VmRSS`) or its high-water mark (`VmHWM`) in KiB, from /proc/self/status.
func residentKiB(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

/// Returns the memory freed so far to the system, then resets the kernel's high-water mark
/// of resident memory to the current size. Blocks of 128 KiB and more are mapped on their
/// own (a fixed threshold: glibc's moving one keeps large freed blocks in its heap, where a
/// later iteration reuses them without raising the high-water mark).
func resetPeakResident() {
    #if canImport(Glibc)
    // malloc.h is not part of the Glibc module: mallopt(M_MMAP_THRESHOLD = -3, ...) and
    // malloc_trim(0), looked up by name.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    typealias MallocTrim = @convention(c) (Int) -> Int32
    if let mallopt = dlsym(nil, "mallopt") { _ = unsafeBitCast(mallopt, to: Mallopt.self)(-3, 128 << 10) }
    if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: MallocTrim.self)(0) }
    #endif
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// Decodes a hostile input in 64 KiB pieces, as from a socket.
func decodeHostile(_ input: HostileInput, _ bytes: [UInt8]) -> Counts {
    let piece = 64 << 10
    if input.commands {
        return decodeCommands(
            bytes,
            chunk: piece,
            options: .init(streamLiteralsAbove: input.streamAbove)
        )
    }
    return decodeResponses(
        bytes,
        chunk: piece,
        options: .init(streamLiteralsAbove: input.streamAbove)
    )
}

let hostileBenchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [
        .mallocCountTotal, CodecMetric.frames, CodecMetric.errors, HostileMetric.peakKiB, HostileMetric.peakPerByte,
    ]
    var thresholds = codecThresholds().filter { metrics.contains($0.key) }
    // A few dozen mallocs a run (an error's message and excerpt among them): a change of a
    // handful is not a regression; one allocation per item (millions) is.
    thresholds[.mallocCountTotal] = BenchmarkThresholds(relative: [.p90: 50.0])
    // Page-granular, and the allocator's reuse varies a little: a quarter either way.
    thresholds[HostileMetric.peakKiB] = BenchmarkThresholds(relative: [.p90: 25.0])
    thresholds[HostileMetric.peakPerByte] = BenchmarkThresholds(relative: [.p90: 25.0])
    let configuration = Benchmark.Configuration(
        metrics: metrics,
        units: [
            CodecMetric.frames: .count, CodecMetric.errors: .count, .mallocCountTotal: .count,
            HostileMetric.peakKiB: .count, HostileMetric.peakPerByte: .count,
        ],
        warmupIterations: 1,
        maxDuration: shortMode ? .seconds(1) : .seconds(5),
        maxIterations: shortMode ? 5 : 20,
        thresholds: thresholds
    )
    for input in hostileInputs {
        Benchmark("Hostile-\(input.name)", configuration: configuration) { benchmark, bytes in
            resetPeakResident()
            let before = residentKiB("VmRSS")
            let counts = decodeHostile(input, bytes)
            let peak = max(0, residentKiB("VmHWM") - before)
            benchmark.measurement(CodecMetric.frames, counts.frames)
            benchmark.measurement(CodecMetric.errors, counts.errors)
            benchmark.measurement(HostileMetric.peakKiB, peak)
            benchmark.measurement(HostileMetric.peakPerByte, peak * 1024 * 100 / max(1, bytes.count))
        } setup: {
            input.build()
        }
    }
}
