/// `test --format text`: per case `ok` or `FAIL`; a failure shows where the case is, the
/// action, expected against actual for the keys that differ, and the reasons behind the
/// actual decision. Test-file diagnostics are shown as `lint` shows them. Names, paths and
/// values from the files are shown with control characters escaped
/// (`escapingControlCharacters`), so a case's name cannot erase or forge a line.
package struct TestTextReporter {
    /// ANSI colours.
    package var color = false

    /// Creates a reporter.
    package init(color: Bool = false) { self.color = color }

    /// The report for `run` (coverage sections included when measured).
    package func render(_ run: TestRun, minCoverage: Double? = nil) -> String {
        var out = ""
        let lint = TextReporter(color: color)
        for f in run.files {
            out += f.path.escapingControlCharacters + (f.policyPath.map { " (policy \($0.escapingControlCharacters))" } ?? "") + "\n"
            if let failure = f.failure { out += "  error: \(failure.escapingControlCharacters)\n"; continue }
            if !f.diagnostics.isEmpty {
                let excerpt = SourceExcerpt(f.source)
                for d in f.diagnostics { out += lint.render(d, excerpt: excerpt) + "\n" }
                if f.invalidTestFile { out += "  the test file is invalid: no case ran\n"; continue }
            }
            if f.invalidPolicy {
                out += "  the policy \((f.policyPath ?? "").escapingControlCharacters) is invalid: no case ran\n"
                if let why = f.policyFailure { out += "  \(why.escapingControlCharacters)\n" }
                let excerpt = SourceExcerpt(f.policySource)
                for d in f.policyDiagnostics { out += lint.render(d, excerpt: excerpt) + "\n" }
                continue
            }
            for c in f.cases { out += caseText(c) }
        }
        for cov in run.coverage { out += Self.coverageText(cov) }
        out += summary(run, minCoverage: minCoverage) + "\n"
        return out
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func caseText(_ c: TestRun.CaseResult) -> String {
        let name = c.testCase.name.escapingControlCharacters
        if c.passed { return "  " + paint("ok", "32") + "    \(name)\n" }
        var s = "  " + paint("FAIL", "31") + "  \(name)\n"
        s += "        at \(c.testCase.location.description.escapingControlCharacters)\n"
        s += "        action: \(String(decoding: c.testCase.action, as: UTF8.self).escapingControlCharacters)\n"
        let keys = c.mismatches.map(\.key.escapingControlCharacters)
        let width = keys.map(\.count).max() ?? 0
        for (m, key) in zip(c.mismatches, keys) {
            s += "        \(key):" + String(repeating: " ", count: width - key.count)
                + " expected \(m.expected.escapingControlCharacters), got \(m.actual.escapingControlCharacters)\n"
        }
        let reasons = c.decision.reasons
        if c.decision.outcome == .invalid {
            for e in ExpectationCheck.errorTexts(c.decision) { s += "        error: \(e.escapingControlCharacters)\n" }
        } else if reasons.isEmpty {
            s += "        no rule matched\n"
        } else {
            s += "        because:\n"
            for r in reasons {
                let line = "\(r.rule): \(r.effect)" + (r.detail.map { " (\($0))" } ?? "") + " at \(r.source)"
                s += "          \(line.escapingControlCharacters)\n"
            }
        }
        return s
    }

    /// The coverage section for one policy.
    static func coverageText(_ c: TestCoverage) -> String {
        var s = "\ncoverage of \(c.policy.escapingControlCharacters): \(c.reached)/\(c.total) rows (\(c.percentText))"
        s += c.empty > 0 ? ", \(c.empty) rows hold no action and are not counted\n" : "\n"
        for cls in c.classes { s += "  \(cls.label.escapingControlCharacters): \(cls.reached)/\(cls.total) rows\n" }
        let rules = c.rulesContributed.count + c.rulesNotContributed.count
        s += "rules and bands that contributed to a decision: \(c.rulesContributed.count)/\(rules)\n"
        for r in c.rulesNotContributed { s += "  never contributed: \(r.escapingControlCharacters)\n" }
        if !c.thresholds.isEmpty {
            s += "thresholds (on / just past / field missing):\n"
            for t in c.thresholds {
                func mark(_ b: Bool) -> String { b ? "yes" : "no" }
                s += "  \("\(t.rule) \(t.text)".escapingControlCharacters): on \(mark(t.on)), past \(mark(t.past)), missing \(mark(t.missing))\n"
            }
        }
        if !c.uncovered.isEmpty {
            s += "rows no case reaches, as cases ready to paste under 'cases:':\n"
            for u in c.uncovered { s += TestGenerator.caseText(name: u.name, action: u.action, decision: u.decision, indent: "  ") }
        }
        return s
    }

    func summary(_ run: TestRun, minCoverage: Double?) -> String {
        let n = run.caseCount, failed = run.failedCount
        var s = "\(n) case\(n == 1 ? "" : "s") in \(run.files.count) file\(run.files.count == 1 ? "" : "s"): \(n - failed) passed, \(failed) failed"
        let invalidTests = run.files.filter(\.invalidTestFile).count
        let invalidPolicies = run.files.filter(\.invalidPolicy).count
        if invalidTests > 0 { s += ", \(invalidTests) invalid test file\(invalidTests == 1 ? "" : "s")" }
        if invalidPolicies > 0 { s += ", \(invalidPolicies) with an invalid policy" }
        if let p = minCoverage {
            for c in run.coverage where c.percent < p {
                s += "\ncoverage failed: \(c.policy.escapingControlCharacters) reaches \(c.percentText) of its rows, below --min-coverage \(Self.number(p))% (a coverage failure, not a failing case)"
            }
        }
        return s
    }

    static func number(_ p: Double) -> String {
        p == p.rounded() ? String(Int(p)) : String(p)
    }
}
