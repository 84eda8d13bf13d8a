@testable import HITLPolicy

/// Renders docs/diagnostics.md from the code registry, with each example's real output.
enum DiagnosticsDoc {
    static func render() -> String {
        var out = """
            # Diagnostics reference

            Every finding `hitl-policy lint` reports has a stable code (`HP` and three digits, never
            reused), a readable name, a severity, a message, the `file:line:column` of the offending
            key or value, and usually a `help:` line saying what to write instead.

            - **error**: the policy is invalid and cannot be used; `lint` exits 1.
            - **warning**: legal but almost certainly not what the author meant; `lint --strict` exits 1.
            - **note**: information; never fails.

            Codes run in families: HP1xx YAML syntax and input limits, HP2xx fields, types and values,
            HP3xx references between names, HP4xx bands, HP5xx compliance rules, HP6xx warnings and notes,
            HP7xx test files (`*.test.yaml`, read by `hitl-policy test`, which exits 2 on them),
            HP8xx `x-lint` keys, which silence warnings and notes where they occur (see
            [language.md](language.md#silencing-a-finding-x-lint); errors cannot be silenced, nor can
            HP800 and HP801, which report the `x-lint` keys themselves).
            When a file has errors, the warnings that need a well-formed policy to be meaningful
            (HP600, HP601, HP603, HP604, HP608) are held back until the errors are fixed.

            This file is generated from the code registry by the test suite
            (`RECORD=1 swift test --filter docsAreCurrent` rewrites it); each example below is
            linted by the tests, so its output is the tool's real output.

            | code | name | severity | summary |
            | --- | --- | --- | --- |

            """
        for c in DiagnosticCode.all {
            out += "| [\(c.id)](#\(c.id.lowercased())) | `\(c.name)` | \(c.severity.rawValue) | \(c.summary) |\n"
        }
        for c in DiagnosticCode.all {
            out += "\n## \(c.id)\n\n`\(c.name)` (\(c.severity.rawValue)): \(c.summary).\n"
            if let trigger = c.trigger {
                out += "\nProduced by \(trigger). The file is not read further.\n"
            }
            guard let example = c.example else { continue }
            let report = LintReport(files: [Linter.lint(Array(example.triggering.utf8), file: "policy.yaml")])
            let shown = TextReporter(color: false).render(report)
                .split(separator: "\n", omittingEmptySubsequences: false)
            var block: [Substring] = []
            var keep = false
            for line in shown {
                if line.hasPrefix("policy.yaml:") { keep = line.contains("[\(c.id)]") }
                if line.contains(" checked: ") || line.isEmpty { keep = false }
                if keep { block.append(line) }
            }
            out += "\nTriggers it:\n\n```yaml\n\(example.triggering)```\n\n```text\n\(block.joined(separator: "\n"))\n```\n"
            out += "\nDoes not:\n\n```yaml\n\(example.passing)```\n"
        }
        return out
    }
}
