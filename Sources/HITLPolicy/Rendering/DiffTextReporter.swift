/// `diff --format text`: changed regions grouped by the edit responsible, one summary
/// line per group, the group with the most severe change first; then approver and
/// currency changes. Each group shows one entry per capability (its regions counted,
/// what they share, the requirements, a witness), or with `regions` every region.
package struct DiffTextReporter {
    /// ANSI colour for the classification labels.
    package var color: Bool
    /// Every region listed (`diff --regions`), not one entry per capability.
    package var regions: Bool

    /// Creates a reporter.
    package init(color: Bool, regions: Bool = false) {
        self.color = color
        self.regions = regions
    }

    /// Renders the report.
    package func render(_ report: DiffReport, traffic: DiffTraffic? = nil) -> String {
        var out = "\(report.old.source) → \(report.new.source)\n"
        if report.isEmpty {
            return out + "no changes: every action gets the same decision, and approvers are unchanged\n"
        }
        out += Self.summary(report) + "\n"
        if let traffic { out += traffic.headline + "\n" }
        for (g, group) in report.groups.enumerated() {
            out += "\n\(bold(group.summary))\n"
            if let traffic, traffic.groups.indices.contains(g) { out += "  traffic: \(traffic.share(traffic.groups[g]))\n" }
            guard regions else {
                for c in DiffCapabilitySummary.of(group.regions.filter { report.regions.indices.contains($0) }.map { report.regions[$0] }) {
                    out += capability(c)
                }
                continue
            }
            for k in group.regions where report.regions.indices.contains(k) {
                out += region(report.regions[k])
                if let traffic, traffic.regions.indices.contains(k) { out += "             traffic \(traffic.share(traffic.regions[k]))\n" }
            }
        }
        // Past the list, --regions lists no more: the truncation note says what to do.
        if !regions && !report.regions.isEmpty && !report.truncated {
            out += "\n(--regions lists each region with its conditions, rules and witness)\n"
        }
        if !report.approverChanges.isEmpty {
            let tools = report.approverChanges.contains { $0.subject == "tool" }
            out += "\n\(bold(tools ? "approvers, currencies and tool mappings" : "approvers and currencies"))\n"
            for c in report.approverChanges.sorted(by: { $0.classification < $1.classification }) {
                out += "  \(label(c.classification)) \(c.text)\n"
                if let w = c.witness { out += "             witness \(w)\n" }
            }
        }
        if report.truncated { out += "\n" + Self.truncation(report) + "\n" }
        return out
    }

    /// `listed the first 10000 of 43690 regions; 38690 more not shown (16384 loosened, ...)`.
    static func truncation(_ report: DiffReport) -> String {
        let shown = Dictionary(grouping: report.regions, by: \.classification).mapValues(\.count)
        let rest = DiffClassification.allCases.map { c in
            "\(report.regionCounts[c, default: 0] - shown[c, default: 0]) \(c.rawValue)"
        }
        return "listed the first \(report.regions.count) of \(report.regionTotal) regions; "
            + "\(report.regionTotal - report.regions.count) more not shown (\(rest.joined(separator: ", "))); "
            + "the counts above and --fail-on cover them all; narrow the change or compare smaller policies to list them"
    }

    /// `3 regions (2 loosened, 1 tightened); 1 approver or currency change (loosened)`,
    /// `42 regions (all loosened); no approver or currency changes`: regions and approver
    /// changes counted apart.
    static func summary(_ report: DiffReport) -> String {
        func counted(_ n: Int, _ noun: String, _ counts: [DiffClassification: Int]) -> String {
            if n == 0 { return "no \(noun)s" }
            let byClass = DiffClassification.allCases.compactMap { c in counts[c, default: 0] > 0 ? (c, counts[c, default: 0]) : nil }
            let head = "\(n) \(noun)\(n == 1 ? "" : "s")"
            if byClass.count == 1 { return head + " (\(n == 1 ? "" : "all ")\(byClass[0].0.rawValue))" }
            return head + " (" + byClass.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + ")"
        }
        let changes = Dictionary(grouping: report.approverChanges, by: \.classification).mapValues(\.count)
        return counted(report.regionTotal, "region", report.regionCounts) + "; "
            + counted(report.approverChanges.count, "approver or currency change", changes)
    }

    /// Regions grouped by their capability list, groups by their most severe region.
    static func groups(_ regions: [DiffRegion]) -> [(label: String, regions: [DiffRegion])] {
        var order: [String] = []
        var byLabel: [ByteName: [DiffRegion]] = [:]   // labels hold names: bytes, not normalised
        for r in regions {
            let label = capabilityLabel(r.capabilities)
            if byLabel[ByteName(label)] == nil { order.append(label) }
            byLabel[ByteName(label), default: []].append(r)
        }
        return order.map { ($0, byLabel[ByteName($0)]!) }
    }

    /// `refund`, or `refund, payout and 3 more`.
    static func capabilityLabel(_ caps: [DiffCapability]) -> String {
        let labels = caps.map(\.label)
        if labels.count <= 3 { return labels.joined(separator: ", ") }
        return labels.prefix(3).joined(separator: ", ") + " and \(labels.count - 3) more"
    }

    private func capability(_ c: DiffCapabilitySummary) -> String {
        var out = "  \(label(c.classification)) \(c.label) (\(c.count)): \(c.requirements)\n"
        out += "             \(c.when)\n"
        if let w = c.witness { out += "             witness \(w)\n" }
        return out
    }

    private func region(_ r: DiffRegion) -> String {
        var out = "  \(label(r.classification)) \(Self.capabilityLabel(r.capabilities)): \(r.old) → \(r.new)\n"
        let when = r.conditions.isEmpty ? ["every action"] : r.conditions.map { "\($0.field) \($0.text)" }
        for (k, w) in when.enumerated() { out += "             \(k == 0 ? "when " : "     ")\(w)\n" }
        if let code = r.currency { out += "             (amounts sent in \(code))\n" }
        for (side, rules) in [("old", r.oldRules), ("new", r.newRules)] {
            for rule in rules {
                out += "             \(side)  \(rule.path) (\(rule.effect)) \(rule.source)\n"
            }
        }
        if let w = r.witness { out += "             witness \(w)\n" }
        return out
    }

    private func label(_ c: DiffClassification) -> String {
        let name = c.rawValue.uppercased()
        let text = name + String(repeating: " ", count: max(0, 10 - name.count))
        guard color else { return text }
        let code = switch c {
        case .loosened: "31"
        case .changed: "33"
        case .tightened: "32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
