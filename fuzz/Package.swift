// swift-tools-version: 6.0
// libFuzzer harnesses for hitl-policy. Build and run them with scripts/fuzz.sh (it does the
// link step SwiftPM cannot do for a fuzzer binary); see docs/fuzzing.md.
import PackageDescription

// Each harness defines `LLVMFuzzerTestOneInput` and no `main`: libFuzzer's main drives it.
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let library = Target.Dependency.product(name: "HITLPolicy", package: "hitl-policy")

let package = Package(
    name: "hitl-policy-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "hitl-policy", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [library]),
        .executableTarget(name: "FuzzActions", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzStream", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzYAML", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzTable", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzTestFile", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzReviews", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzHook", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
        .executableTarget(name: "FuzzRewrite", dependencies: [library, "FuzzSupport"], swiftSettings: harness),
    ]
)
