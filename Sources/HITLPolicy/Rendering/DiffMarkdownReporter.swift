/// `diff --format markdown`: a pull-request comment. A summary line, then a table of the
/// loosened regions, then the other changes.
package enum DiffMarkdownReporter {
    /// Renders the report.
    package static func render(_ report: DiffReport) -> String {
        var out = "### Policy diff: `\(report.new.policy)`\n\n"
        if report.isEmpty {
            return out + "No changes: every action gets the same decision, and approvers are unchanged.\n"
        }
        let loosened = report.count(.loosened)
        out += "\(report.weakened ? "⚠️ " : "")**\(loosened) loosened**, \(report.count(.tightened)) tightened, "
            + "\(report.count(.changed)) changed (`\(cell(report.old.source))` → `\(cell(report.new.source))`)\n"
        for c in DiffClassification.allCases {
            let regions = report.regions.filter { $0.classification == c }
            guard !regions.isEmpty else { continue }
            out += "\n#### \(c.rawValue.capitalized)\n\n| capability | when | old | new | rules | witness |\n| --- | --- | --- | --- | --- | --- |\n"
            for r in regions {
                let when = r.conditions.map { "\($0.field) \($0.text)" } + (r.currency.map { ["(amounts sent in \($0))"] } ?? [])
                let rules = r.oldRules.map { "old: `\($0.path)` (\($0.source))" } + r.newRules.map { "new: `\($0.path)` (\($0.source))" }
                out += "| \(cell(DiffTextReporter.capabilityLabel(r.capabilities))) | \(cell(when.isEmpty ? "every action" : when.joined(separator: "; "))) "
                    + "| \(cell(r.old.description)) | \(cell(r.new.description)) | \(cell(rules.joined(separator: "<br>"))) "
                    + "| \(r.witness.map { "`\(cell($0))`" } ?? "") |\n"
            }
        }
        if !report.approverChanges.isEmpty {
            out += "\n#### Approvers and currencies\n\n| classification | change |\n| --- | --- |\n"
            for c in report.approverChanges.sorted(by: { $0.classification < $1.classification }) {
                out += "| \(c.classification.rawValue) | \(cell(c.text)) |\n"
            }
        }
        if report.truncated { out += "\n_\(cell(DiffTextReporter.truncation(report)))._\n" }
        return out
    }

    /// Table-cell safe: pipes escaped, line breaks removed.
    static func cell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
