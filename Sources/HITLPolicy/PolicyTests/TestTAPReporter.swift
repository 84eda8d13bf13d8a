/// `test --format tap`: TAP version 14. One test point per case (`FILE: NAME`), failures
/// with a YAML diagnostic block; an invalid test file or policy, and a coverage shortfall,
/// are `not ok` points of their own. The coverage report (`--coverage`) follows the points
/// as comment lines (`# …`), which TAP consumers show and do not count.
package enum TestTAPReporter {
    /// The report for `run`.
    package static func render(_ run: TestRun, minCoverage: Double? = nil) -> String {
        var points: [(ok: Bool, description: String, block: [(String, String)])] = []
        func point(ok: Bool, _ d: String, _ b: [(String, String)]) -> (ok: Bool, description: String, block: [(String, String)]) { (ok, d, b) }
        for f in run.files {
            if f.invalidTestFile || f.invalidPolicy {
                let what = f.invalidTestFile ? "the test file is invalid" : "the policy \(f.policyPath ?? "") is invalid"
                var block = [("message", what)]
                if let why = f.failure ?? f.policyFailure { block.append(("error", why)) }
                for d in f.diagnostics + f.policyDiagnostics { block.append(("diagnostic", "\(d.location): \(d.code.id) \(d.message)")) }
                points.append(point(ok: false, "\(f.path)", block))
            }
            for c in f.cases {
                if c.passed { points.append(point(ok: true, "\(f.path): \(c.testCase.name)", [])); continue }
                var block = [("at", c.testCase.location.description), ("action", String(decoding: c.testCase.action, as: UTF8.self))]
                for m in c.mismatches { block.append((m.key, "expected \(m.expected), got \(m.actual)")) }
                for r in c.decision.reasons { block.append(("because", "\(r.rule): \(r.effect) at \(r.source)")) }
                for e in ExpectationCheck.errorTexts(c.decision) { block.append(("error", e)) }
                points.append(point(ok: false, "\(f.path): \(c.testCase.name)", block))
            }
        }
        if minCoverage != nil {
            let short = Set(run.coverageShort(minCoverage).map(\.policy))
            for c in run.coverage {
                let block = short.contains(c.policy)
                    ? [("message", "coverage failed: \(c.reached)/\(c.total) rows (\(c.percentText)), below --min-coverage \(TestTextReporter.number(minCoverage ?? 0))%")] : []
                points.append(point(ok: !short.contains(c.policy), "coverage of \(c.policy)", block))
            }
        }
        var out = "TAP version 14\n1..\(points.count)\n"
        for (k, p) in points.enumerated() { out += render(number: k + 1, ok: p.ok, p.description, p.block) }
        for c in run.coverage { out += comment(TestTextReporter.coverageText(c)) }
        return out
    }

    static func render(number: Int, ok: Bool, _ description: String, _ block: [(String, String)]) -> String {
        var s = (ok ? "ok" : "not ok") + " \(number) - " + escape(description) + "\n"
        if !block.isEmpty {
            s += "  ---\n"
            var seen: [String: Int] = [:]
            for (k, v) in block {
                // YAML keys must be unique: repeated keys become a list.
                seen[k, default: 0] += 1
                if seen[k] == 1 {
                    let all = block.filter { $0.0 == k }.map(\.1)
                    if all.count == 1 { s += "  \(k): \(json(v))\n" }
                    else { s += "  \(k):\n" + all.map { "    - \(json($0))\n" }.joined() }
                }
            }
            s += "  ...\n"
        }
        return s
    }

    /// `text` as TAP comment lines: every line (a line break inside a name included) starts
    /// with `#`, so none can be read as a test point or plan, and control characters are
    /// written out, so none can rewrite a terminal line.
    static func comment(_ text: String) -> String {
        var lines = text.drop(while: \.isNewline).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.isEmpty ? "#\n" : "# \(String($0).escapingControlCharacters)\n" }.joined()
    }

    /// A TAP description: one line, control characters written out
    /// (`escapingControlCharacters`), then `#` and `\` escaped as TAP asks.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.escapingControlCharacters.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "#": out += "\\#"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A YAML double-quoted scalar: JSON's escapes, and `\uXXXX` (valid in JSON and YAML
    /// both) for what JSON leaves raw but `escapingControlCharacters` writes out (DEL, the C1
    /// controls, separators, bidirectional controls), so none reaches the log raw.
    static func json(_ s: String) -> String {
        var b: [UInt8] = []
        b.appendJSONString(s)
        let text = String(decoding: b, as: UTF8.self)
        guard text.unicodeScalars.contains(where: String.needsEscape) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            guard String.needsEscape(u) else { out.unicodeScalars.append(u); continue }
            let hex = String(u.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return out
    }
}
