import Benchmark
import Foundation
import IMAPCodec
import MallocInterposerSwift

// Throughput and allocations of IMAPCodec on the generated workloads (see README.md):
// decoding W1–W4 whole, in 64-byte chunks and in 1-byte chunks (on a prefix), and encoding
// the values decoded from W1 and W4. Each iteration processes the whole workload (or
// prefix) once; the custom metrics give the per-frame view.
//
// Frames that do not decode are counted (metric `errors`), never fatal: the decoders throw
// one error per bad frame and continue, so a branch missing part of the grammar still runs.

/// Custom metrics, measured by the benchmarks themselves once per iteration.
enum CodecMetric {
    /// Frames per iteration: decoded values plus errors (values encoded, for encoding).
    static let frames = BenchmarkMetric.custom("frames", polarity: .prefersLarger, useScalingFactor: false)
    /// Frames that did not decode, per iteration.
    static let errors = BenchmarkMetric.custom("errors", polarity: .prefersSmaller, useScalingFactor: false)
    /// Input (decoding) or output (encoding) bytes per second: 85M reads as 85 MB/s.
    static let bytesPerSecond = BenchmarkMetric.custom("bytes/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Frames per second.
    static let framesPerSecond = BenchmarkMetric.custom("frames/s", polarity: .prefersLarger, useScalingFactor: false)
    /// malloc calls per 1000 frames (12345 reads as 12.345 mallocs per frame); the same
    /// counters as package-benchmark's `mallocCountTotal`, divided by the frame count.
    static let mallocsPerKiloFrame = BenchmarkMetric.custom(
        "mallocs/1000 frames",
        polarity: .prefersSmaller,
        useScalingFactor: false
    )
}

/// `IMAP_BENCH_SHORT=1` (ci.sh): few iterations, bounded time.
let shortMode = ProcessInfo.processInfo.environment["IMAP_BENCH_SHORT"].map { $0 != "" && $0 != "0" } ?? false

/// Tolerances for `swift package benchmark thresholds check` (static p90 thresholds in
/// `Thresholds/`). Counts are exact, so they are held tightly; times are read on a noisy
/// shared 2-core machine (a neighbour's build can triple a p90), so only a collapse (5x
/// slower, e.g. quadratic behaviour) fails, and ci.sh re-runs a benchmark whose only
/// deviations are times before failing.
func codecThresholds() -> [BenchmarkMetric: BenchmarkThresholds] {
    [
        // malloc counts: deterministic for a given input and code; 5 % leaves room for a
        // toolchain or allocator change.
        .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 5.0]),
        CodecMetric.mallocsPerKiloFrame: BenchmarkThresholds(relative: [.p90: 5.0]),
        // what was decoded: exact.
        CodecMetric.frames: BenchmarkThresholds(absolute: [.p90: 0]),
        CodecMetric.errors: BenchmarkThresholds(absolute: [.p90: 0]),
        // time: +400 % (smaller is better) and -80 % (larger is better) are both 5x.
        .wallClock: BenchmarkThresholds(relative: [.p90: 400.0]),
        CodecMetric.bytesPerSecond: BenchmarkThresholds(relative: [.p90: 80.0]),
        CodecMetric.framesPerSecond: BenchmarkThresholds(relative: [.p90: 80.0]),
    ]
}

/// The metrics of every benchmark; `timed: false` leaves out the time-based ones, for a
/// benchmark whose iteration is too short (microseconds) for a time threshold to mean anything.
func configuration(timed: Bool = true) -> Benchmark.Configuration {
    let counts: [BenchmarkMetric] = [
        .mallocCountTotal, CodecMetric.frames, CodecMetric.errors, CodecMetric.mallocsPerKiloFrame,
    ]
    let times: [BenchmarkMetric] = [.wallClock, CodecMetric.bytesPerSecond, CodecMetric.framesPerSecond]
    let metrics = timed ? times + counts : counts
    return .init(
        metrics: metrics,
        timeUnits: .microseconds,
        units: [
            CodecMetric.frames: .count, CodecMetric.errors: .count,
            CodecMetric.mallocsPerKiloFrame: .count, .mallocCountTotal: .count,
            CodecMetric.bytesPerSecond: .count, CodecMetric.framesPerSecond: .count,
        ],
        warmupIterations: 1,
        maxDuration: shortMode ? .seconds(1) : .seconds(10),
        maxIterations: shortMode ? 30 : 50,
        thresholds: codecThresholds().filter { metrics.contains($0.key) }
    )
}

/// Runs `work` once, recording the custom metrics for it.
@inline(__always)
func measure(_ benchmark: Benchmark, _ work: () -> Counts) {
    let clock = ContinuousClock()
    let mallocsBefore = MallocInterposerSwift.getStatistics().mallocCount
    let start = clock.now
    let counts = work()
    let elapsed = clock.now - start
    let mallocs = MallocInterposerSwift.getStatistics().mallocCount - mallocsBefore
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    benchmark.measurement(CodecMetric.frames, counts.frames)
    benchmark.measurement(CodecMetric.errors, counts.errors)
    if seconds > 0 && benchmark.configuration.metrics.contains(CodecMetric.bytesPerSecond) {
        benchmark.measurement(CodecMetric.bytesPerSecond, Int(Double(counts.bytes) / seconds))
        benchmark.measurement(CodecMetric.framesPerSecond, Int(Double(counts.frames) / seconds))
    }
    if counts.frames > 0 {
        benchmark.measurement(CodecMetric.mallocsPerKiloFrame, mallocs * 1000 / counts.frames)
    }
}

/// How a workload is fed to its decoder.
struct Feeding {
    var label: String
    var chunk: Int?
    /// Decode only the first N frames (for 1-byte chunks), nil for the whole workload.
    var prefixFrames: Int?
}

/// A workload and the 1-byte prefix that keeps its benchmark within CI's short mode.
struct DecodeWorkload {
    var name: String
    var commands: Bool
    var oneBytePrefixFrames: Int?
}

let decodeWorkloads = [
    // W1: 20,000 FETCH (envelope + bodystructure), ~950 bytes each.
    DecodeWorkload(name: "W1", commands: false, oneBytePrefixFrames: 2_000),
    // W2: 2,000 FETCH BODY[] literals of 20-60 KB.
    DecodeWorkload(name: "W2", commands: false, oneBytePrefixFrames: 50),
    // W3: mixed session (LIST, STATUS, a 200,000-number SEARCH, tagged responses), 1.6 MB.
    DecodeWorkload(name: "W3", commands: false, oneBytePrefixFrames: nil),
    // W4: 100,000 commands.
    DecodeWorkload(name: "W4", commands: true, oneBytePrefixFrames: 10_000),
]

let benchmarks: @Sendable () -> Void = {
    for workload in decodeWorkloads {
        let feedings = [
            Feeding(label: "whole", chunk: nil, prefixFrames: nil),
            Feeding(label: "chunk64", chunk: 64, prefixFrames: nil),
            Feeding(
                label: workload.oneBytePrefixFrames.map { "chunk1-first\($0)" } ?? "chunk1",
                chunk: 1,
                prefixFrames: workload.oneBytePrefixFrames
            ),
        ]
        for feeding in feedings {
            // Names become file names in Thresholds/: no spaces or slashes.
            Benchmark("\(workload.name)-decode-\(feeding.label)", configuration: configuration()) { benchmark, input in
                measure(benchmark) {
                    workload.commands
                        ? decodeCommands(input, chunk: feeding.chunk)
                        : decodeResponses(input, chunk: feeding.chunk)
                }
            } setup: {
                let bytes = try Workloads.load(workload.name)
                guard let frames = feeding.prefixFrames else { return bytes }
                return Workloads.prefix(bytes, frames: frames, clientToServer: workload.commands)
            }
        }
    }

    // Encoding: decode once in setup, encode the values in the measured loop. Frames that do
    // not decode on this branch are left out (see `errors` of the decoding benchmarks).
    // The time metrics of W1-encode need more than the one response (the tagged OK) that
    // decodes while FETCH is missing: they switch on once W1 decodes.
    let w1Decodes = ((try? Workloads.load("W1")).map { decodedResponses($0).values.count } ?? 0) >= 1_000
    Benchmark("W1-encode", configuration: configuration(timed: w1Decodes)) { benchmark, values in
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32 << 20)
        benchmark.startMeasurement()
        measure(benchmark) { encodeResponses(values, buffer: &buffer) }
    } setup: {
        decodedResponses(try Workloads.load("W1")).values
    }

    Benchmark("W4-encode", configuration: configuration()) { benchmark, values in
        measure(benchmark) { encodeCommands(values) }
    } setup: {
        decodedCommands(try Workloads.load("W4")).values
    }

    // Memory under hostile inputs (Hostile.swift).
    hostileBenchmarks()
}
