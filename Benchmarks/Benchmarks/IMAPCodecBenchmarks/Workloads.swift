import Foundation
import IMAPCodec

/// The generated workloads (W1–W4, see `Workloads/gen_workloads.py`).
///
/// They are tens of MB, so they are not committed: they are generated on first use into
/// `$IMAP_BENCH_WORKLOADS` (default: `Benchmarks/.build/workloads`), with a stamp file
/// that marks a complete run of the generator.
enum Workloads {
    /// The Benchmarks package folder (this file is `Benchmarks/Benchmarks/IMAPCodecBenchmarks/…`).
    static let packageDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IMAPCodecBenchmarks
        .deletingLastPathComponent()  // Benchmarks (sources)
        .deletingLastPathComponent()  // Benchmarks (package)

    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["IMAP_BENCH_WORKLOADS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageDirectory.appendingPathComponent(".build/workloads")
    }()

    static let generator = packageDirectory.appendingPathComponent("Workloads/gen_workloads.py")
    static let stamp = directory.appendingPathComponent(".complete")

    /// Runs the generator unless a previous run completed.
    static func generateIfNeeded() throws {
        if FileManager.default.fileExists(atPath: stamp.path) { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator.path, directory.path]
        process.standardOutput = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkloadError("\(generator.path) exited with \(process.terminationStatus)")
        }
        try Data("ok\n".utf8).write(to: stamp)
    }

    /// The bytes of workload `name` ("W1" … "W4").
    static func load(_ name: String) throws -> [UInt8] {
        try generateIfNeeded()
        let url = directory.appendingPathComponent("\(name).bin")
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else {
            throw WorkloadError("cannot read \(url.path)")
        }
        return [UInt8](data)
    }

    /// The first `frames` frames of `input`, cut at a frame boundary (literals included).
    static func prefix(_ input: [UInt8], frames: Int, clientToServer: Bool) -> [UInt8] {
        var decoder = FrameDecoder(limits: clientToServer ? .commands : .responses, clientToServer: clientToServer)
        decoder.append(input)
        var seen = 0
        while seen < frames, let event = decoder.next() {
            switch event {
            case .frame, .error: seen += 1
            case .literal: continue
            }
        }
        return Array(input[..<decoder.streamOffset])
    }
}

struct WorkloadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
