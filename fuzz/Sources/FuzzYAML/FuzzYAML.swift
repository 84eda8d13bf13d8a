@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the YAML front end (parse, decode, validate), the lint reporters, the
// table compiler, the artifact writer and reader, and the evaluator over whatever compiled.
// Any trap, sanitizer report or broken invariant below is a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = "fuzz.yaml"
    let compiled = PolicyCompilation.compile(bytes, file: file)
    let report = LintReport(files: [FileReport(path: file, diagnostics: compiled.diagnostics, source: bytes)])
    _ = TextReporter(color: true).render(report)
    _ = JSONLintReporter.render(report)
    let errors = compiled.diagnostics.contains { $0.severity == .error }
    guard let table = compiled.table else {
        expect(errors || compiled.failure != nil, "no table, yet no error and no failure")
        return 0
    }
    expect(!errors, "a table from a policy with errors")
    expect(table.validate() == nil, "the compiler made a table that fails validate()")
    FuzzFiles.checkRoundTrip(table)
    FuzzFiles.decideActions(table)
    return 0
}
