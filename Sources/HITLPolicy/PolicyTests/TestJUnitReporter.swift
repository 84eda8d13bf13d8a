/// `test --format junit`: JUnit XML as CI systems read it: one `testsuite` per test file,
/// one `testcase` per case, `failure` with a message and a body. Everything is escaped,
/// including characters XML 1.0 cannot hold at all (written as `\u{…}` text), so a failing
/// case never makes the file unreadable. With `--coverage`, a `coverage` suite holds the
/// report: a property per policy and the text report as `system-out`.
package enum TestJUnitReporter {
    /// The report for `run`.
    package static func render(_ run: TestRun, minCoverage: Double? = nil) -> String {
        let text = TestTextReporter()
        var suites = ""
        var tests = 0, failures = 0, errors = 0
        for f in run.files {
            var body = ""
            var t = 0, fl = 0, er = 0
            if f.invalidTestFile || f.invalidPolicy {
                let what = f.invalidTestFile ? "the test file is invalid" : "the policy \(f.policyPath ?? "") is invalid"
                var detail = f.failure ?? f.policyFailure ?? ""
                for d in f.diagnostics + f.policyDiagnostics { detail += "\(d.location): \(d.severity.rawValue)[\(d.code.id)]: \(d.message)\n" }
                body += "    <testcase name=\"\(escape(f.path))\" classname=\"\(escape(f.path))\">\n"
                body += "      <error message=\"\(escape(what))\">\(escape(detail))</error>\n    </testcase>\n"
                t = 1; er = 1
            }
            for c in f.cases {
                t += 1
                body += "    <testcase name=\"\(escape(c.testCase.name))\" classname=\"\(escape(f.path))\">"
                if c.passed { body += "</testcase>\n"; continue }
                fl += 1
                let message = c.mismatches.map { "\($0.key): expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
                let detail = text.caseText(c).split(separator: "\n").dropFirst().map { $0.drop { $0 == " " } }.joined(separator: "\n")
                body += "\n      <failure message=\"\(escape(message))\" type=\"mismatch\">\(escape(detail))</failure>\n    </testcase>\n"
            }
            suites += "  <testsuite name=\"\(escape(f.path))\" tests=\"\(t)\" failures=\"\(fl)\" errors=\"\(er)\">\n\(body)  </testsuite>\n"
            tests += t; failures += fl; errors += er
        }
        if !run.coverage.isEmpty {
            // The report: a property per policy (its rows reached) and the text report as the
            // suite's output; with --min-coverage, a case per policy as well.
            let short = Set(run.coverageShort(minCoverage).map(\.policy))
            var body = "    <properties>\n"
            for c in run.coverage {
                body += "      <property name=\"\(escape("coverage of \(c.policy)"))\" value=\"\(c.reached)/\(c.total) rows (\(c.percentText))\"/>\n"
            }
            body += "    </properties>\n"
            for c in run.coverage where minCoverage != nil {
                tests += 1
                body += "    <testcase name=\"\(escape("coverage of \(c.policy)"))\" classname=\"coverage\">"
                if short.contains(c.policy) {
                    failures += 1
                    let m = "coverage failed: \(c.reached)/\(c.total) rows (\(c.percentText)), below --min-coverage \(TestTextReporter.number(minCoverage ?? 0))%"
                    body += "\n      <failure message=\"\(escape(m))\" type=\"coverage\">\(escape(TestTextReporter.coverageText(c)))</failure>\n    </testcase>\n"
                } else { body += "</testcase>\n" }
            }
            // Line breaks stay line breaks in element content, so the report reads as text.
            let report = run.coverage.map(TestTextReporter.coverageText).joined().drop { $0 == "\n" }
            body += "    <system-out>" + report.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n") + "</system-out>\n"
            let cases = minCoverage == nil ? 0 : run.coverage.count
            suites += "  <testsuite name=\"coverage\" tests=\"\(cases)\" failures=\"\(short.count)\" errors=\"0\">\n\(body)  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"hitl-policy test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
            + suites + "</testsuites>\n"
    }

    /// Text safe in XML 1.0 content and double-quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = u.value
                let allowed = (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                if allowed { out.unicodeScalars.append(u) } else { out += "\\u{\(String(v, radix: 16))}" }
            }
        }
        return out
    }
}
