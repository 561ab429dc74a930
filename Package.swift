// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Lantian",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lantiand", targets: ["lantiand"]),
        .executable(name: "lantian", targets: ["lantian"]),
        // For the libFuzzer target in Fuzz/.
        .library(name: "LantianCore", targets: ["LantianFraming", "LantianDomain", "LantianWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // The pure core shared by server and client (Protocol/, see its README): no I/O, no clocks.
        // Bytes: frames and field encodings. The domain: events and their catalogue, who may record
        // what where, the grid, the issue workflow and the four categories, reviews, hash chains.
        // The wire: the messages server and client exchange, and their codec.
        .target(name: "LantianFraming", path: "Protocol/Framing"),
        .target(name: "LantianDomain", dependencies: [
            "LantianFraming",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], path: "Protocol/Domain"),
        .target(name: "LantianWire", dependencies: ["LantianDomain", "LantianFraming", "CLantianZlib"], path: "Protocol/Wire"),
        // zlib, for deflated pages.
        .systemLibrary(name: "CLantianZlib", path: "Sources/CLantianZlib"),

        // Edges: SQLite, libuv, the sync sessions and their drivers, files, and the two applications' logic.
        .systemLibrary(name: "CLibUV", path: "Sources/CLibUV"),
        // libpq: a server record shared by several lantiand nodes on one PostgreSQL database.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),
        .target(name: "LantianPostgres", dependencies: ["CLibPQ", "LantianStore", "LantianDomain"]),
        // OpenSSL, for TLS 1.3 on every sync connection.
        .systemLibrary(name: "CLantianOpenSSL", path: "Sources/CLantianOpenSSL"),
        .target(name: "LantianStore", dependencies: [
            "LantianDomain", "LantianWire", "LantianFraming",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "LantianTransport", dependencies: ["LantianFraming", "CLibUV", "CLantianOpenSSL"]),
        // The sync protocol's two sides as message in, answer out: no sockets.
        .target(name: "LantianSessions", dependencies: ["LantianDomain", "LantianWire", "LantianFraming", "LantianStore"]),
        // The sessions driven over libuv connections.
        .target(name: "LantianSync", dependencies: [
            "LantianSessions", "LantianTransport", "LantianStore", "LantianDomain", "LantianWire", "LantianFraming",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "LantianFiles", dependencies: [
            "LantianDomain",
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "LantianServer", dependencies: [
            "LantianSync", "LantianStore", "LantianPostgres", "LantianTransport", "LantianFiles", "LantianDomain", "LantianWire",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "LantianClient", dependencies: [
            "LantianSync", "LantianSessions", "LantianStore", "LantianTransport", "LantianFiles", "LantianDomain", "LantianWire",
        ]),

        // What both executables need of the command line: ArgumentParser's messages in the user's language.
        .target(name: "LantianCommandLine", dependencies: [
            "LantianDomain",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The two executables: argument parsing only.
        .executableTarget(name: "lantiand", dependencies: [
            "LantianServer", "LantianCommandLine", "LantianTransport", "LantianFiles", "LantianDomain",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Server"),
        .executableTarget(name: "lantian", dependencies: [
            "LantianClient", "LantianCommandLine", "LantianSessions", "LantianFiles", "LantianDomain", "LantianWire",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Client"),

        // Benchmarks (release builds; `script/bench`, results in Benchmarks/BENCHMARKS.md).
        .executableTarget(name: "lantian-bench", dependencies: [
            "LantianSync", "LantianSessions", "LantianStore", "LantianPostgres", "LantianDomain", "LantianWire", "LantianFraming", "LantianTransport", "CLibUV",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/LantianBench"),

        .target(name: "LantianTestSupport", dependencies: ["LantianSessions", "LantianStore", "LantianPostgres", "LantianDomain", "LantianWire"],
                path: "Tests/LantianTestSupport"),
        .testTarget(name: "LantianDomainTests", dependencies: ["LantianDomain", "LantianTestSupport"]),
        .testTarget(name: "LantianWireTests", dependencies: ["LantianWire", "LantianDomain", "LantianFraming", "LantianTestSupport"]),
        .testTarget(name: "LantianStoreTests", dependencies: [
            "LantianStore", "LantianDomain", "LantianWire", "LantianTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "LantianPostgresTests", dependencies: ["LantianPostgres", "LantianStore", "LantianDomain", "LantianTestSupport"]),
        .testTarget(name: "LantianTransportTests", dependencies: ["LantianTransport", "LantianFraming"]),
        .testTarget(name: "LantianSessionsTests", dependencies: [
            "LantianSessions", "LantianStore", "LantianDomain", "LantianWire", "LantianTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "LantianClientTests", dependencies: [
            "LantianClient", "LantianServer", "LantianSessions", "LantianFiles", "LantianSync", "LantianStore", "LantianDomain", "LantianWire",
            "LantianTestSupport",
        ]),
        .testTarget(name: "LantianFilesTests", dependencies: [
            "LantianFiles", "LantianDomain", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "LantianDomain", "LantianWire", "LantianFraming", "LantianStore", "LantianPostgres", "LantianTestSupport", "CLantianOpenSSL",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
