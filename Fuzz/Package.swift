// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer target for Lantian's decoders, kept apart from the main package because it only
// links when built with `-sanitize=fuzzer` (libFuzzer supplies `main`). Run it with `script/fuzz`.
let package = Package(
    name: "LantianFuzz",
    dependencies: [.package(name: "Lantian", path: "..")],
    targets: [
        .executableTarget(name: "FuzzWire", dependencies: [.product(name: "LantianCore", package: "Lantian")]),
    ]
)
