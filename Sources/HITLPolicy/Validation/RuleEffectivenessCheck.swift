/// Compliance rules that can never change a decision for a reason visible in the rule itself:
/// its tags condition matches no action, its effect adds nothing, or it names only
/// capabilities that are disabled. Each reason holds for every action, missing data
/// included, so removing such a rule changes no decision. Rules that other rules shadow are
/// found on the compiled table (`ExactRuleCheck`, lint only).
///
/// A range no present value satisfies is reported as contradictory (HP602), but not as
/// ineffective: missing data fails closed, so the rule still fires for every action that
/// omits the field, and removing it would loosen the policy.
enum RuleEffectivenessCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        let exact = exactEntries(policy)
        for rule in policy.compliance {
            for f in NumericField.allCases {
                let name = f.description
                guard let range = rule.when.range(f), range.isEmpty(wholeNumbers: f.spec.whole),
                      let lo = range.lower, let hi = range.upper else { continue }
                sink.emit(.contradictoryBounds,
                          "no \(name) is both \(lo.keyword.replacingUnderscores) \(lo.value) and \(hi.keyword.replacingUnderscores) \(hi.value), "
                            + "so compliance rule '\(rule.id)' fires only for actions that omit '\(name)' (missing data fails closed)",
                          at: range.location,
                          hint: "fix the bound that is wrong; do not just delete the rule: it is what requires \(rule.effect.summary) of actions that omit '\(name)'")
            }
            guard let why = reasons(rule, policy, exact: exact).first else { continue }
            sink.emit(.ineffectiveRule, "compliance rule '\(rule.id)' can never change a decision: \(why)",
                      at: rule.location, hint: "remove the rule (no decision changes without it), or fix it so that it adds what you meant")
        }
    }

    /// Why a rule can never change a decision, by its own text; empty when nothing in the
    /// rule alone shows it.
    /// `exact` is `exactEntries(policy)`, built once per policy (a policy may list thousands
    /// of capabilities, and each rule may name many).
    static func reasons(_ rule: ComplianceRule, _ policy: Policy, exact: [ByteName: Int]) -> [String] {
        var reasons: [String] = []
        if let t = rule.when.tags {
            let names = { (list: [String]) in Set(list.map(ByteName.init)) }
            let required = names(t.all ?? []).union(t.any.map { $0.count == 1 ? names($0) : [] } ?? [])
            let excluded = names(t.none ?? [])
            if !required.isDisjoint(with: excluded) {
                reasons.append("its tags condition requires and excludes '\(required.intersection(excluded).sorted()[0])'")
            } else if let any = t.any, names(any).isSubset(of: excluded) {
                reasons.append("every tag in its 'any' list is excluded by 'none'")
            }
        }
        if rule.effect.isBottom {
            reasons.append("its effect (\(rule.effect.summary)) adds nothing to any decision")
        }
        if let caps = rule.when.capability, !caps.isEmpty {
            var why: [String] = []
            for c in caps {
                guard let w = disabledBecause(c.pattern, policy, exact: exact) else { why = []; break }
                why.append(w)
            }
            if !why.isEmpty { reasons.append(why.joined(separator: "; ")) }
        }
        return reasons
    }

    /// Why every action of an exact capability name is disabled before compliance rules
    /// (an exact entry beats every pattern), or nil when it is not.
    static func disabledBecause(_ pattern: CapabilityPattern, _ policy: Policy, exact: [ByteName: Int]) -> String? {
        guard case .exact(let name) = pattern else { return nil }
        if let entry = exact[ByteName(name)].map({ policy.capabilities[$0] }) ?? policy.entry(for: name) {
            guard entry.stage == .disabled else { return nil }
            if case .exact = entry.pattern { return "capability '\(name)' is declared disabled" }
            return "capability '\(name)' falls under '\(entry.pattern)', which is declared disabled"
        }
        guard policy.defaults.stage == .disabled else { return nil }
        return policy.defaults.stageLocation == nil
            ? "capability '\(name)' is not listed under 'capabilities', so it falls back to 'defaults.stage', which is disabled when not set"
            : "capability '\(name)' is not listed under 'capabilities', so it falls back to 'defaults.stage: disabled'"
    }
}

extension RuleEffectivenessCheck {
    /// The policy's exact capability entries by name (an exact entry beats every pattern), as
    /// indices into `policy.capabilities` (an entry is large: indexing copies none).
    static func exactEntries(_ policy: Policy) -> [ByteName: Int] {
        var exact: [ByteName: Int] = [:]
        // Only rules that name capabilities look entries up.
        guard policy.compliance.contains(where: { $0.when.capability?.isEmpty == false }) else { return exact }
        exact.reserveCapacity(policy.capabilities.count)
        for (k, entry) in policy.capabilities.enumerated() {
            if case .exact(let name) = entry.pattern, exact[ByteName(name)] == nil { exact[ByteName(name)] = k }
        }
        return exact
    }
}

extension String {
    /// `at_least` → `at least`, for messages.
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
