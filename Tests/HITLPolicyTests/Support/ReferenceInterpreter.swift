@testable import HITLPolicy

/// An action as the reference interpreter sees it: typed values, the amount already
/// converted to the policy currency.
struct ReferenceAction {
    var capability: String
    /// Numeric fields by field (the amount converted); a field absent here is missing.
    var numbers: [NumericField: ExactDecimal] = [:]
    var reversible: Bool?
    var tags: Set<String>?
    /// Attribute values by dotted path; a path absent here is missing.
    var attributes: [String: AttributeValue]
}

/// SPEC §2–§4 read literally: walks the policy's rules one by one, with no table.
/// Independent of the compiler (it shares only the model and the lattice, which have
/// their own property tests).
enum ReferenceInterpreter {
    struct Decision: Equatable {
        var stage: Stage
        var review: Bool
        var approvals: [String]
        var rules: [String]
    }

    static func decide(_ p: Policy, _ a: ReferenceAction) -> Decision {
        var matched: [(SourceLocation, String, Requirement)] = []
        let entry = p.entry(for: a.capability)
        if let entry {
            let name = "capabilities.\(entry.pattern)"
            matched.append((entry.location, name, p.baseRequirement(of: entry)))
            for band in entry.bands {
                if a.numbers[band.field].map(band.threshold.holds) ?? true {
                    matched.append((band.location, "\(name).\(band.field.spec.bandList)[\(band.index)]",
                                    p.contribution(of: band.effect, ownTier: entry.tier)))
                }
            }
        } else {
            let r: Requirement = p.defaults.stage == .approval
                ? Requirement(stage: .approval, tier: p.defaultTierIndex) : Requirement(stage: p.defaults.stage)
            matched.append((p.defaults.stageLocation ?? SourceLocation(file: p.file, line: 1, column: 1), "defaults.stage", r))
        }
        let reversible = a.reversible ?? entry?.reversible ?? false
        for rule in p.compliance where holds(rule.when, a, reversible: reversible) {
            matched.append((rule.location, "compliance.\(rule.id)", p.contribution(of: rule.effect)))
        }
        matched.sort { $0.0 < $1.0 }
        let r = matched.reduce(Requirement.bottom) { $0.joined(with: $1.2) }
        var approvals: [String] = []
        if r.stage == .approval {
            if let t = r.tier { approvals.append(p.tiers[t].name) }
            approvals += r.specialists.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return Decision(stage: r.stage, review: r.review, approvals: approvals, rules: matched.map(\.1))
    }

    static func holds(_ c: Conditions, _ a: ReferenceAction, reversible: Bool) -> Bool {
        if let caps = c.capability, !caps.contains(where: { $0.pattern.matches(a.capability) }) { return false }
        if let t = c.tags {
            let tags = a.tags ?? []
            if let any = t.any, !any.contains(where: tags.contains) { return false }
            if let all = t.all, !all.allSatisfy(tags.contains) { return false }
            if let none = t.none, none.contains(where: tags.contains) { return false }
        }
        for f in NumericField.allCases {
            if let r = c.range(f), let v = a.numbers[f], !r.holds(for: v) { return false }
        }
        if let want = c.reversible, want != reversible { return false }
        for cond in c.attributes {
            guard let v = a.attributes[cond.path] else { continue }   // missing: met
            if let prefixes = cond.shell {
                // SPEC §11: some simple command begins with a prefix; a value that is no
                // string, or a line that cannot be split with certainty, meets it.
                guard case .string(let line) = v else { continue }
                let split = ShellCommandLine(line)
                if !prefixes.contains(where: { split.begins(with: $0.words) }) { return false }
                continue
            }
            if !cond.values.contains(v) { return false }
        }
        return true
    }
}
