// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-imap-codec",
    products: [
        .library(name: "IMAPCodec", targets: ["IMAPCodec"]),
        .executable(name: "imap-codec", targets: ["imap-codec"]),
    ],
    targets: [
        // The codec itself: Swift standard library only, no package dependencies.
        .target(
            name: "IMAPCodec",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The command-line tool: decode, check, roundtrip, bench.
        .executableTarget(
            name: "imap-codec",
            dependencies: ["IMAPCodec"]
        ),
        // The tests; they depend on the tool too, which CommandLineToolTests runs.
        .testTarget(
            name: "IMAPCodecTests",
            dependencies: ["IMAPCodec", "imap-codec"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
