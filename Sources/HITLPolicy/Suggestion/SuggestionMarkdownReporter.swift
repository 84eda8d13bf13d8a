/// The suggestions as Markdown for a pull-request comment, within `limit` characters: the
/// whole-capability suggestions and findings first, then rows, calibration and notes, which
/// are cut (with a count and the command that prints everything) when the comment would
/// grow past the limit.
package enum SuggestionMarkdownReporter {
    /// GitHub's comment limit is 65,536; this leaves room for a header.
    package static let limit = 60_000

    /// The report as Markdown with a final newline; with a proposal (`--write`), what was
    /// written and `diff`'s Markdown report, which gets up to half of the limit.
    package static func render(_ r: SuggestionReport, proposal: SuggestionProposal? = nil) -> String {
        guard let proposal else { return render(r, limit: limit) }
        let cell = SimulationMarkdownReporter.cell
        var section = "\n### Proposed policy: `\(cell(proposal.file))`\n\n"
        section += proposal.written.isEmpty ? "No stage change.\n" : proposal.written.map { "- `\(cell($0.capability))`: \($0.from.rawValue) → \($0.to.rawValue)\n" }.joined()
        if !proposal.notWritten.isEmpty {
            section += "\nNot written:\n\n" + proposal.notWritten.prefix(50).map { n in
                "- `\(cell(n.capability))`\(n.scope.isEmpty ? "" : " (\(cell(n.scope)))"): \(n.change.rawValue) \(n.from.rawValue) → \(n.to.rawValue): \(cell(n.reason))\n"
            }.joined()
            if proposal.notWritten.count > 50 { section += "- \(proposal.notWritten.count - 50) more: see `--format json`\n" }
        }
        section += "\n" + DiffMarkdownReporter.render(proposal.diff, limit: limit / 2 - section.count)
        return render(r, limit: limit - section.count) + section
    }

    static func render(_ r: SuggestionReport, limit: Int) -> String {
        let cell = SimulationMarkdownReporter.cell
        var out = "## suggest `\(cell(r.policy))` on `\(cell(r.log))`\n\n"
        out += SuggestionLines.read(r) + ".  \n<sub>" + SuggestionLines.model(r) + ".</sub>\n\n"
        let header = "| capability | scope | change | n | errors | rate | interval | more needed | why |\n|---|---|---|--:|--:|--:|---|--:|---|\n"
        func row(_ s: SuggestionReport.Suggestion) -> String {
            let change = s.change == .promote || s.change == .demote ? "**\(SuggestionLines.change(s))**" : SuggestionLines.change(s)
            return "| `\(cell(s.capability))` | \(s.isCapabilityWide ? "whole capability" : cell(SuggestionLines.scope(s))) | \(change) | \(s.tally.n) | \(s.tally.errors) | "
                + "\(SuggestionNumbers.rateText(s.tally.rate)) | \(SuggestionNumbers.interval(s.bound)) | \(s.moreNeeded.map(String.init) ?? "—") | \(cell(s.reason)) |\n"
        }
        let whole = r.suggestions.filter(\.isCapabilityWide), rows = r.suggestions.filter { !$0.isCapabilityWide }
        // Each part stops short of the limit, leaving room for the parts after it.
        func lines(_ items: [String], room: Int, more: (Int) -> String) -> String {
            var text = ""
            for (k, line) in items.enumerated() {
                if out.count + text.count + line.count + room > limit { return text + more(items.count - k) }
                text += line
            }
            return text
        }
        out += "### Whole capabilities\n\n"
        out += whole.isEmpty ? "None.\n" : header + lines(whole.map(row), room: 8_000) {
            "\n\($0) more capabilities: run `hitl-policy suggest --format json` for all.\n"
        }
        if let p = r.capabilityWideProblem { out += "\nNo whole-capability suggestions: \(cell(p)).\n" }
        out += "\n### Findings\n\n"
        let findings = r.findings
        out += findings.isEmpty ? "None.\n" : lines(findings.map { "- " + cell(SuggestionLines.finding($0)) + "\n" }, room: 4_000) {
            "- \($0) more findings: run `hitl-policy suggest --format json` for all.\n"
        }
        var rest = "\n<details><summary>Rows (\(rows.count))</summary>\n\n" + (rows.isEmpty ? "None.\n" : header)
        var cut = 0
        for s in rows {
            let line = row(s)
            if out.count + rest.count + line.count + 400 > limit { cut += 1; continue }
            rest += line
        }
        if cut > 0 { rest += "\n\(cut) more rows: run `hitl-policy suggest --format json` for all.\n" }
        rest += "\n</details>\n"
        out += rest
        var calibration = "\n<details><summary>Calibration</summary>\n\n"
        if r.calibration.isEmpty { calibration += "No reviewed action carried a confidence.\n" }
        for c in r.calibration {
            var block = "- " + cell(SuggestionLines.calibration(c, target: r.options.target)) + "\n\n"
            block += "  | confidence | n | accuracy | mean confidence |\n  |---|--:|--:|--:|\n"
            for b in c.calibration.widthBins {
                block += "  | [\(ConfidenceTally.text(b.lower)), \(ConfidenceTally.text(b.upper))\(b.upper == ConfidenceTally.one ? "]" : ")") | \(b.n) | "
                    + "\(SuggestionNumbers.rateText(b.accuracy)) | \(SuggestionNumbers.rateText(b.meanConfidence)) |\n"
            }
            block += "\n"
            if out.count + calibration.count + block.count + 200 > limit {
                calibration += "- (more capabilities: run `hitl-policy suggest --format json`)\n"
                break
            }
            calibration += block
        }
        out += calibration + "</details>\n"
        if !r.notes.isEmpty, out.count + 2_000 < limit {
            out += "\n<details><summary>Notes</summary>\n\n" + r.notes.map { "- " + cell($0) + "\n" }.joined() + "\n</details>\n"
        }
        return out
    }
}
