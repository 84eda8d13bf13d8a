@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the compiled-table reader (`eval --policy table.json`). A table it
// accepts must be safe to evaluate and must survive a write/read round trip; one it refuses
// must say why. Any trap, sanitizer report or broken invariant below is a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Anything else is YAML source, which the YAML harness covers.
    guard PolicyCompilation.looksLikeTable(bytes) else { return 0 }
    // Without the digest check: a mutated table would stop there, and the checks after it
    // (the consistency checks, the rebuild of the diagrams) are what an attacker who
    // rewrites the digest meets.
    let loaded = PolicyCompilation.loadTable(bytes, file: "fuzz.json", checkingDigest: false)
    guard let table = loaded.table else {
        expect(loaded.failure != nil, "a table refused without a reason")
        return 0
    }
    FuzzFiles.checkRoundTrip(table)
    FuzzFiles.decideActions(table)
    return 0
}
