#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the action scanner and evaluator. Each input is decided as one line
// against payments (with and without --explain) and platform (attributes). Any trap,
// sanitizer report or broken invariant below is a crash. The stream around it (line
// splitting, pretty-printed objects, files and pipes) is the FuzzStream harness.

/// The example policies, compiled once.
enum Policies {
    nonisolated(unsafe) static let payments = FuzzFiles.evaluator("policies/payments.yaml", explain: false)
    nonisolated(unsafe) static let paymentsExplain = FuzzFiles.evaluator("policies/payments.yaml", explain: true)
    nonisolated(unsafe) static let platform = FuzzFiles.evaluator("policies/platform.yaml", explain: false)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzActions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let plain = FuzzFiles.decideLine(bytes, Policies.payments)
    let explained = FuzzFiles.decideLine(bytes, Policies.paymentsExplain)
    expect(plain.verdict == explained.verdict, "--explain changed the verdict")
    _ = FuzzFiles.decideLine(bytes, Policies.platform)
    return 0
}
