/// Compliance rules that can never change a decision: no value satisfies their conditions,
/// they contribute nothing, or they apply only to capabilities that are always disabled.
enum RuleEffectivenessCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        var exact: [ByteName: Stage] = [:]
        for entry in policy.capabilities {
            if case .exact(let name) = entry.pattern { exact[ByteName(name)] = entry.stage }
        }
        for rule in policy.compliance {
            var reasons: [String] = []
            for f in NumericField.allCases {
                let name = f.description
                guard let range = rule.when.range(f), range.isEmpty(wholeNumbers: f.spec.whole),
                      let lo = range.lower, let hi = range.upper else { continue }
                sink.emit(.contradictoryBounds,
                          "no \(name) is both \(lo.keyword.replacingUnderscores) \(lo.value) and \(hi.keyword.replacingUnderscores) \(hi.value)",
                          at: range.location, hint: "the rule can never match; check which bound is wrong")
                reasons.append("its \(name) condition matches no value")
            }
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
            if let caps = rule.when.capability, caps.allSatisfy({ alwaysDisabled($0.pattern, exact, policy) }) {
                reasons.append("every capability it names is disabled")
            }
            guard let why = reasons.first else { continue }
            sink.emit(.ineffectiveRule, "compliance rule '\(rule.id)' can never change a decision: \(why)",
                      at: rule.location, hint: "fix or remove the rule")
        }
    }

    /// Whether every action of an exact capability name is disabled before compliance rules
    /// (`exact` maps exact entry names to their stage; an exact entry beats every pattern).
    static func alwaysDisabled(_ pattern: CapabilityPattern, _ exact: [ByteName: Stage], _ policy: Policy) -> Bool {
        guard case .exact(let name) = pattern else { return false }
        if let stage = exact[ByteName(name)] { return stage == .disabled }
        if let entry = policy.entry(for: name) { return entry.stage == .disabled }
        return policy.defaults.stage == .disabled
    }
}

extension String {
    /// `at_least` → `at least`, for messages.
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
