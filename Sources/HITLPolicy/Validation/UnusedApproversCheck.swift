/// A tier no rule can require (by name, as the default tier, or by escalation) and a panel no
/// rule names are probably mistakes.
enum UnusedApproversCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        var usedTiers = Set<ByteName>()
        var usedSpecialists = Set<ByteName>()
        if let t = policy.defaults.tier { usedTiers.insert(ByteName(t)) }
        for entry in policy.capabilities {
            if let t = entry.tier { usedTiers.insert(ByteName(t)) }
            for list in entry.bandLists {
                for band in list { if let t = band.effect.tier { usedTiers.insert(ByteName(t)) } }
            }
        }
        for rule in policy.compliance {
            if let t = rule.effect.tier { usedTiers.insert(ByteName(t)) }
            usedSpecialists.formUnion(rule.effect.specialists.map(ByteName.init))
        }
        if NoTiersCheck.usesDefaultTier(policy), let d = policy.defaultTierIndex {
            usedTiers.insert(ByteName(policy.tiers[d].name))
        }
        // Escalation makes the tier above a used tier reachable.
        for (i, tier) in policy.tiers.enumerated().dropLast() where usedTiers.contains(ByteName(tier.name)) {
            if (tier.onTimeout ?? policy.defaults.onTimeout) == .escalate { usedTiers.insert(ByteName(policy.tiers[i + 1].name)) }
        }
        for tier in policy.tiers where !usedTiers.contains(ByteName(tier.name)) {
            sink.emit(.unusedTier, "no rule can require tier '\(tier.name)'", at: tier.location,
                      hint: "name it in a capability, band or compliance rule, or remove it")
        }
        for s in policy.specialists where !usedSpecialists.contains(ByteName(s.name)) {
            sink.emit(.unusedSpecialist, "no compliance rule names specialist '\(s.name)'", at: s.location,
                      hint: "add it to a rule's 'specialists', or remove it")
        }
    }
}
