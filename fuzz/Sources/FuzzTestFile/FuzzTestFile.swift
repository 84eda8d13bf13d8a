@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the policy test-file decoder (`test`, `lint` of a `*.test.yaml` file).
// Each input is a test file's text. It decodes to a file or to errors, each diagnostic at a
// place in that file; every case's action is one JSON object (unless the file has errors);
// and the cases run against a fixed policy (payments), as `test` runs them: the expectations
// checked against what the policy can decide, each action decided through the typed API and
// compared byte for byte with `eval`'s line for the same JSON. Any trap, sanitizer report or
// broken invariant below is a crash.

/// The policy the cases run against, compiled once, and `eval`'s evaluator over its table.
enum Policies {
    nonisolated(unsafe) static let payments = FuzzFiles.compiledPolicy("policies/payments.yaml")
    nonisolated(unsafe) static let evaluator = Evaluator(table: payments.table)
    nonisolated(unsafe) static let known = ExpectationCheck.Known(payments.table)
}

/// Cases decided per input: a small file may expand to `TestFileFields.maxCases` cases,
/// which decoding bounds; deciding them all would only time the evaluator.
let casesDecided = 1_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = "fuzz.test.yaml"
    let (decoded, diagnostics) = TestFileDecoder.decode(bytes, file: file)
    for d in diagnostics {
        expect(d.location.file == file && d.location.line >= 1 && d.location.column >= 1, "a diagnostic at \(d.location)")
    }
    let errors = diagnostics.contains { $0.severity == .error }
    _ = TextReporter(color: true).render(LintReport(files: [FileReport(path: file, diagnostics: diagnostics, source: bytes)]))
    guard let testFile = decoded else {
        expect(errors, "no test file, yet no error")
        return 0
    }
    expect(testFile.cases.count <= TestFileFields.maxCases, "\(testFile.cases.count) cases, over the limit")
    var sink = DiagnosticSink()
    for (k, c) in testFile.cases.prefix(casesDecided).enumerated() {
        if !errors { expectObject(c.action) }
        ExpectationCheck.impossible(c.expect, known: Policies.known, into: &sink)
        let decision = Policies.payments.decide(Action(json: c.action, line: k + 1))
        var typed: [UInt8] = []
        decision.appendJSONLine(to: &typed)
        var line: [UInt8] = []
        let verdict = c.action.withUnsafeBufferPointer { Policies.evaluator.evaluate(line: $0, number: k + 1, into: &line) }
        expect(typed == line, "a case's typed decision is not eval's line for its action")
        expect(verdict.description == decision.outcome.rawValue, "a case's typed outcome is not eval's verdict")
        _ = ExpectationCheck.mismatches(c.expect, decision)
    }
    for d in sink.diagnostics { expect(d.location.file == file && d.location.line >= 1, "an expectation diagnostic at \(d.location)") }
    return 0
}

/// A case's action is the JSON `eval` reads: one object and nothing after it. The only
/// refusals allowed are the evaluator's own limits (nesting depth, a key twice in YAML
/// written with different escapes), which the decision then reports.
func expectObject(_ json: [UInt8]) {
    json.withUnsafeBufferPointer { b in
        var s = JSONScanner(b)
        do throws(JSONSyntaxError) {
            guard case .object = try s.value() else { expect(false, "a case's action is not a JSON object"); return }
            s.skipSpace()
            expect(s.i == b.count, "a case's action has bytes after its object")
        } catch {
            expect(error.message.hasPrefix("nesting deeper") || error.message.hasPrefix("duplicate key"),
                   "a case's action is not JSON: \(error.message) at byte \(error.offset)")
        }
    }
}
