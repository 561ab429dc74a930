// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Lantian",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lantiand", targets: ["lantiand"]),
        .executable(name: "lantian", targets: ["lantian"]),
        // For the libFuzzer target in Fuzz/.
        .library(name: "LantianProtocol", targets: ["LantianProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The pure core shared by server and client: no I/O, no clocks.
        .target(name: "LantianProtocol", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ], path: "Protocol", exclude: ["PROTOCOL.md", "EVENTS.md"]),

        // Edges: libuv, SQLite, the sync engine, and the two applications' logic.
        .systemLibrary(name: "CLibUV", path: "Sources/CLibUV"),
        .target(name: "LantianStore", dependencies: [
            "LantianProtocol",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "LantianTransport", dependencies: ["LantianProtocol", "CLibUV"]),
        .target(name: "LantianSync", dependencies: [
            "LantianProtocol", "LantianStore", "LantianTransport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "LantianFiles", dependencies: [
            "LantianProtocol",
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "LantianServer", dependencies: ["LantianSync", "LantianFiles"]),
        .target(name: "LantianClient", dependencies: ["LantianSync", "LantianFiles", "LantianStore", "LantianTransport", "LantianProtocol"]),

        // The two executables: argument parsing only.
        .executableTarget(name: "lantiand", dependencies: [
            "LantianServer", "LantianStore", "LantianFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Server"),
        .executableTarget(name: "lantian", dependencies: [
            "LantianClient", "LantianProtocol",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Client"),

        // Benchmarks (release builds; `script/bench`, results in Benchmarks/BENCHMARKS.md).
        .executableTarget(name: "lantian-bench", dependencies: [
            "LantianSync", "LantianStore", "LantianProtocol", "LantianTransport", "CLibUV",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/LantianBench"),

        .target(name: "LantianTestSupport", dependencies: ["LantianSync", "LantianStore", "LantianProtocol"],
                path: "Tests/LantianTestSupport"),
        .testTarget(name: "LantianProtocolTests", dependencies: ["LantianProtocol", "LantianTestSupport"]),
        .testTarget(name: "LantianStoreTests", dependencies: ["LantianStore", "LantianTestSupport"]),
        .testTarget(name: "LantianTransportTests", dependencies: ["LantianTransport"]),
        .testTarget(name: "LantianSyncTests", dependencies: ["LantianSync", "LantianStore", "LantianProtocol", "LantianTestSupport"]),
        .testTarget(name: "LantianClientTests", dependencies: [
            "LantianClient", "LantianFiles", "LantianSync", "LantianStore", "LantianProtocol", "LantianTestSupport",
        ]),
        .testTarget(name: "LantianFilesTests", dependencies: ["LantianFiles"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LantianProtocol", "LantianStore", "LantianTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
