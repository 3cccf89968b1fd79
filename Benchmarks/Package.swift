// swift-tools-version: 6.3
// The benchmark package: kept apart from the library so that IMAPCodec itself has no
// dependencies. Run from this folder: `swift package benchmark` (see README.md, ci.sh).
import PackageDescription

let package = Package(
    name: "swift-imap-codec-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The library under test: the repository root. `name:` pins the identity, whatever
        // the folder of the clone is called.
        .package(name: "swift-imap-codec", path: ".."),
        // package-benchmark, under its current name (the old URL .../package-benchmark still
        // resolves, with a rename warning). Trait MallocInterposer: malloc counts on Swift 6.3+;
        // naming it leaves out the default RuntimeInterposer trait, whose package
        // (swift-runtime-interposer) this machine does not have and whose ARC metrics we don't use.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // Read by the benchmarks themselves for mallocs per frame (the same counters
        // package-benchmark's malloc metrics read).
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "IMAPCodecBenchmarks",
            dependencies: [
                .product(name: "IMAPCodec", package: "swift-imap-codec"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/IMAPCodecBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
