// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "hitl-policy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hitl-policy", targets: ["hitl-policy"]),
        .library(name: "HITLPolicy", targets: ["HITLPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev), wrapped once by HITLPolicy/Syntax.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "HITLPolicy",
            dependencies: [
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "hitl-policy",
            dependencies: [
                "HITLPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up is the product's latency (an agent runtime starts `eval` per action), so a
            // release build on Linux links as the shipping build does (scripts/build-release.sh):
            // a position-dependent executable (no relocations for its metadata pointers) with the
            // Swift runtime linked in statically (no loading and relocating a dozen shared Swift
            // libraries at every start: about 3 ms of a 6-10 ms start). `-static-stdlib` alone
            // leaves out what the static FoundationEssentials (used by swift-crypto and the lint
            // JSON) needs; those libraries are named here. `--no-export-dynamic` keeps the
            // executable's ~11,000 Swift and BoringSSL symbols out of its dynamic symbol table:
            // nothing looks them up, and the runtime's one `dladdr` at start-up scans that table
            // symbol by symbol (6% of a one-action `eval`). The executable only: the HITLPolicy
            // library stays free of unsafe flags, so other packages can use it.
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic", "-static-stdlib"],
                             .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("_FoundationCShims", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("swiftSynchronization", .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .testTarget(
            name: "HITLPolicyTests",
            dependencies: ["HITLPolicy"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["hitl-policy"],
            exclude: ["Schemas"]
        ),
        // Times the typed API in process (not part of the tests): see its main.swift.
        .executableTarget(
            name: "HITLPolicyBenchmarks",
            dependencies: ["HITLPolicy"]
        ),
    ]
)
