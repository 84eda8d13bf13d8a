@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: `suggest`'s reading and judging of a review log (SPEC §9). Each input
// is one JSON Lines review log, read from a regular file by `Suggester.run` (the line
// reader, `ReviewLine.read`, the duplicate check, the decisions with the policy and its two
// proposals, the judge) against payments, as `suggest --policy policies/payments.yaml`
// runs it; then the text, JSON and Markdown reports and the reliability diagram. Any trap,
// sanitizer report or broken invariant below is a crash:
//   - the run succeeds (a regular file cannot fail to read);
//   - every non-blank line is counted once, as read, and is used (a review: counted, or
//     disabled, invalid or a duplicate under the policy), a decision record (skipped) or
//     bad: the counts add up to the lines read;
//   - each line that is not used (bad, invalid, duplicate) is reported once through
//     `problem`, and the report keeps the first `ReviewEvidence.maxNotes` of them;
//   - the JSON report is one JSON object (read with the library's strict reader).

/// The policy the reviews are judged against, its model and table, compiled once; the
/// scratch file the log is read from.
enum Policies {
    static let path = "policies/payments.yaml"
    static let model: Policy = {
        guard let p = PolicyLoader.load(FuzzFiles.bytes(path), file: path).policy else { fatalError("fuzz harness setup: \(path)") }
        return p
    }()
    static let table: DecisionTable = {
        guard let t = PolicyCompilation.compile(FuzzFiles.bytes(path), file: path).table else { fatalError("fuzz harness setup: \(path)") }
        return t
    }()
    static let log = FuzzFiles.temporaryFile()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReviews(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzFiles.replace(Policies.log, with: bytes)
    var problems = 0
    let result = Suggester.run(policy: Policies.model, table: Policies.table, logs: [(Policies.log, "fuzz.jsonl")],
                               options: SuggestionOptions(), problem: { _ in problems += 1 })
    guard case .success(let r) = result else {
        if case .failure(let f) = result { expect(false, "suggest failed on a regular file: \(f.message)") }
        return 0
    }
    expect(r.lines == FuzzFiles.nonBlankLines(bytes), "\(r.lines) lines read of \(FuzzFiles.nonBlankLines(bytes)) non-blank")
    let used = r.reviews + r.disabled + r.invalid + r.duplicates
    expect(used + r.decisionRecords + r.badLines == r.lines,
           "\(used) used + \(r.decisionRecords) decision records + \(r.badLines) bad != \(r.lines) lines")
    expect(r.kindMismatch <= r.reviews, "more kind mismatches than reviews")
    expect(problems == r.badLines + r.invalid + r.duplicates, "\(problems) problems reported")
    expect(r.notes.count == min(problems, ReviewEvidence.maxNotes), "\(r.notes.count) notes kept of \(problems)")
    let json = Array(SuggestionJSONReporter.render(r).utf8)
    json.withUnsafeBufferPointer { b in
        do throws(JSONSyntaxError) {
            guard case .object = try RawJSON.parse(b).node else { expect(false, "the JSON report is not an object"); return }
        } catch {
            expect(false, "the JSON report is not JSON: \(error.message) at byte \(error.offset)")
        }
    }
    expect(!SuggestionTextReporter.render(r).isEmpty, "an empty text report")
    expect(!SuggestionMarkdownReporter.render(r).isEmpty, "an empty Markdown report")
    _ = CalibrationChart.render(r)
    return 0
}
