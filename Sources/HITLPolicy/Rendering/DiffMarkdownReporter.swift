/// `diff --format markdown`: a pull-request comment. The summary line first, then one line
/// per group of regions (the edit responsible and what it does), the approver and currency
/// changes, then each group in a collapsed `<details>` table: one row per capability (its
/// regions counted, what they share, the requirements, a witness), or with `regions` one
/// row per region. The whole stays
/// within `limit` UTF-8 bytes (so within as many characters, under GitHub's 65,536): past
/// that, a count of what is left out and the command that prints it all.
package enum DiffMarkdownReporter {
    /// The most a comment may hold, in UTF-8 bytes.
    package static let limit = 60_000

    /// Renders the report within `limit` bytes.
    package static func render(_ report: DiffReport, limit: Int = Self.limit, traffic: DiffTraffic? = nil, regions: Bool = false) -> String {
        var out = "### Policy diff: `\(cell(report.new.policy))`\n\n"
        if report.isEmpty {
            return out + "No changes: every action gets the same decision, and approvers are unchanged.\n"
        }
        out += "\(report.weakened ? "⚠️ " : "")**\(cell(DiffTextReporter.summary(report)))** "
            + "(`\(cell(report.old.source))` → `\(cell(report.new.source))`)\n"
        if let traffic { out += "\n\(cell(clip(traffic.headline, 600)))\n" }
        // Room kept for the closing note, whatever is cut before it.
        let budget = max(0, limit - 1_000)
        var regionsShown = 0, groupsShown = 0
        var cut = false
        func fits(_ s: String) -> Bool { out.utf8.count + s.utf8.count <= budget }
        if !report.groups.isEmpty {
            var lines = "\n#### Changes by edit\n\n"
            for (k, g) in report.groups.enumerated() {
                let share = traffic.flatMap { t in t.groups.indices.contains(k) ? " — traffic: \(t.share(t.groups[k]))" : nil } ?? ""
                let line = "- **\(g.classification.rawValue)** \(cell(clip(g.summary, 400)))\(share)\n"
                // Half the room at most: the regions below need some.
                if out.utf8.count + lines.utf8.count + line.utf8.count > budget / 2 { cut = true; break }
                lines += line
                groupsShown += 1
            }
            out += lines
        }
        if !report.approverChanges.isEmpty {
            let tools = report.approverChanges.contains { $0.subject == "tool" }
            var block = "\n#### \(tools ? "Approvers, currencies and tool mappings" : "Approvers and currencies")\n\n| classification | change |\n| --- | --- |\n"
            for c in report.approverChanges.sorted(by: { $0.classification < $1.classification }) {
                block += "| \(c.classification.rawValue) | \(cell(c.text)) |\n"
            }
            if fits(block) { out += block } else { cut = true }
        }
        let header = traffic == nil ? "| capability | when | old | new | rules | witness |\n| --- | --- | --- | --- | --- | --- |\n"
            : "| capability | when | old | new | rules | traffic | witness |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        groups: for g in report.groups.prefix(groupsShown) {
            if !regions {
                let members = g.regions.filter { report.regions.indices.contains($0) }
                var block = "\n<details><summary>\(escape(clip(g.summary, 400)))</summary>\n\n"
                    + "| capability | regions | when | old → new | witness |\n| --- | --- | --- | --- | --- |\n"
                for c in DiffCapabilitySummary.of(members.map { report.regions[$0] }) {
                    block += "| \(cell(c.label)) | \(c.count) | \(cell(clip(c.when, 600))) | \(cell(clip(c.requirements, 600))) "
                        + "| \(c.witness.map { "`\(cell(clip($0, 600)))`" } ?? "") |\n"
                }
                block += "\n</details>\n"
                guard fits(block) else { cut = true; break groups }
                out += block
                regionsShown += members.count
                continue
            }
            let open = "\n<details><summary>\(escape(clip(g.summary, 400)))</summary>\n\n" + header
            let close = "\n</details>\n"
            guard fits(open + close) else { cut = true; break }
            out += open
            for k in g.regions where report.regions.indices.contains(k) {
                let row = self.row(report.regions[k], traffic: traffic.flatMap { t in t.regions.indices.contains(k) ? t.share(t.regions[k]) : nil })
                guard fits(row + close) else { cut = true; out += close; break groups }
                out += row
                regionsShown += 1
            }
            out += close
        }
        let listed = report.regions.count
        if cut || regionsShown < listed || report.truncated {
            let more = report.regionTotal.addingSaturating(-regionsShown)
            out += "\n_\(more) more region\(more == 1 ? "" : "s")"
                + (groupsShown < report.groups.count ? " (and \(report.groups.count - groupsShown) groups)" : "")
                + " not shown here; `\(cell(command(report)))` prints them all._\n"
        } else if !regions && listed > 0 {
            out += "\n_`\(cell(command(report))) --regions` lists each region with its conditions, rules and witness._\n"
        }
        return out
    }

    /// One table row.
    static func row(_ r: DiffRegion, traffic: String? = nil) -> String {
        let when = r.conditions.map { "\($0.field) \($0.text)" } + (r.currency.map { ["(amounts sent in \($0))"] } ?? [])
        let rules = r.oldRules.map { "old: `\(cell($0.path))` (\(cell($0.source)))" } + r.newRules.map { "new: `\(cell($0.path))` (\(cell($0.source)))" }
        return "| \(cell(DiffTextReporter.capabilityLabel(r.capabilities))) | \(cell(when.isEmpty ? "every action" : when.joined(separator: "; "))) "
            + "| \(cell(r.old.description)) | \(cell(r.new.description)) | \(rules.joined(separator: "<br>")) "
            + (traffic.map { "| \(cell($0)) " } ?? "")
            + "| \(r.witness.map { "`\(cell(clip($0, 600)))`" } ?? "") |\n"
    }

    /// The command that prints the whole diff as text.
    static func command(_ report: DiffReport) -> String {
        "hitl-policy diff \(shellWord(report.old.source)) \(shellWord(report.new.source))"
    }

    static func shellWord(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x3A) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D || c == 0x2F || c == 0x7E
        }
        return plain ? s : "'" + s.replacing("'", with: "'\\''") + "'"
    }

    /// At most `n` characters, `…` marking a cut.
    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n)) + "…"
    }

    /// HTML-safe text for a `<summary>`.
    static func escape(_ s: String) -> String {
        s.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing("\n", with: " ")
    }

    /// Table-cell safe: pipes escaped, line breaks removed.
    static func cell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
