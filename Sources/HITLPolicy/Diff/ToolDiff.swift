/// Changes to the `tools:` section (SPEC §11): how tool calls become actions. A changed
/// mapping moves tool calls between regions by what the calls carry, which the decision table
/// cannot show, so each change is reported by itself, as the edit responsible, and classified
/// `changed`; `DiffReport.weakened` counts it (a mapping edit may loosen: a call mapped to
/// another capability, or an argument no longer read), so `--fail-on loosened` fails on it
/// and a reviewer looks.
enum ToolDiff {
    static func changes(old: ToolMappings, new: ToolMappings) -> [ApproverChange] {
        var out: [ApproverChange] = []
        for n in new.entries {
            guard let o = old.entries.first(where: { $0.pattern == n.pattern }) else {
                out.append(change(n.pattern, "added", nil, describe(n), "tool \(n.pattern) is mapped: calls become \(describe(n))"))
                continue
            }
            for (field, a, b) in fields(o, n) where a != b {
                out.append(change(n.pattern, field, a, b, "tool \(n.pattern): \(field) \(a ?? "not mapped") → \(b ?? "not mapped")"))
            }
        }
        for o in old.entries where !new.entries.contains(where: { $0.pattern == o.pattern }) {
            out.append(change(o.pattern, "removed", describe(o), nil,
                              "tool \(o.pattern) is no longer mapped: its calls become actions with the tool's name as capability and no other field"))
        }
        return out
    }

    private static func change(_ pattern: CapabilityPattern, _ what: String, _ old: String?, _ new: String?, _ text: String) -> ApproverChange {
        ApproverChange(subject: "tool", name: pattern.description, change: what, old: old, new: new, classification: .changed, text: text)
    }

    /// Each mapped field of two entries for one tool, in words.
    private static func fields(_ a: ToolEntry, _ b: ToolEntry) -> [(String, String?, String?)] {
        func both(_ f: (ToolEntry) -> String?) -> (String?, String?) { (f(a), f(b)) }
        let rows: [(String, (ToolEntry) -> String?)] = [
            ("capability", { $0.capability }),
            ("amount", { $0.amount.map(amount) }),
            ("confidence", { $0.confidence?.description }),
            ("blast_radius", { e in e.blastRadius.map { if case .count(let p) = $0 { "count of \(p)" } else if case .value(let p) = $0 { p.description } else { "" } } }),
            ("reversible", { e in e.reversible.map { if case .constant(let v) = $0 { String(v) } else if case .path(let p) = $0 { p.description } else { "" } } }),
            ("tags", { $0.tags?.description }),
            ("attributes", { $0.attributes.isEmpty ? nil : $0.attributes.map { "\($0.name) ← \($0.path)" }.joined(separator: ", ") }),
        ]
        return rows.map { name, f in let (x, y) = both(f); return (name, x, y) }
    }

    private static func amount(_ a: ToolAmount) -> String {
        var s = "value \(a.value)"
        if let c = a.currency { s += ", currency \(c)" }
        if a.minorUnits { s += ", minor units" }
        return s
    }

    private static func describe(_ e: ToolEntry) -> String {
        let parts = fields(e, e).compactMap { name, value, _ in value.map { "\(name) \($0)" } }
        return parts.isEmpty ? "actions of capability \(e.pattern)" : parts.joined(separator: "; ")
    }
}
