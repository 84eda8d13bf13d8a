/// Something that can require approval by the default tier needs a ladder with a tier.
enum NoTiersCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        guard policy.tiers.isEmpty, !policy.tiersUnreadable else { return }
        for (what, location) in defaultTierUses(policy) {
            sink.emit(.noTiers, "\(what) can require approval, but the policy defines no tiers", at: location,
                      hint: "add a 'tiers:' ladder with at least one tier (name and approvers)")
        }
    }

    /// Whether some place asks for approval without naming a tier (`defaultTierUses` is not
    /// empty), without writing its messages.
    static func usesDefaultTier(_ policy: Policy) -> Bool {
        if policy.defaults.stage == .approval, policy.defaults.stageLocation != nil { return true }
        for entry in policy.capabilities where entry.tier == nil {
            if entry.stage == .approval { return true }
            for list in entry.bandLists where list.contains(where: { $0.effect.stage == .approval }) { return true }
        }
        return policy.compliance.contains { $0.effect.stage == .approval && $0.effect.tier == nil }
    }

    /// Every place that asks for approval without naming a tier: it gets the default tier.
    static func defaultTierUses(_ policy: Policy) -> [(String, SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        if policy.defaults.stage == .approval, let l = policy.defaults.stageLocation {
            out.append(("'defaults.stage'", l))
        }
        for entry in policy.capabilities {
            let what = "capability '\(entry.pattern)'"
            if entry.stage == .approval && entry.tier == nil { out.append((what, entry.stageLocation)) }
            for band in entry.bands where band.effect.stage == .approval && entry.tier == nil {
                out.append(("\(band.field.spec.bandList)[\(band.index)] of \(what)", band.effect.stageLocation ?? band.location))
            }
        }
        for rule in policy.compliance where rule.effect.stage == .approval && rule.effect.tier == nil {
            out.append(("compliance rule '\(rule.id)'", rule.effect.stageLocation ?? rule.location))
        }
        return out
    }
}
