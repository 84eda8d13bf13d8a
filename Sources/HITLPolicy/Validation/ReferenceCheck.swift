/// Every tier and specialist a rule names must exist, in the right role.
enum ReferenceCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        let tiers = policy.tiers.map(\.name)
        let specialists = policy.specialists.map(\.name)
        // A ladder or panel list that could not be read was reported there; a name missing
        // from it may be the unreadable part, so it is not reported again as undefined.
        // `what` is built only for a finding (a policy may have tens of thousands of bands).
        func tier(_ name: String?, at location: SourceLocation?, _ what: @autoclosure () -> String) {
            guard let name, let location, !tiers.containsBytes(name), !policy.tiersUnreadable else { return }
            let what = what()
            let hint = specialists.containsBytes(name)
                ? "'\(name)' is a specialist panel; name it under 'specialists:' instead"
                : tiers.isEmpty ? "define it under 'tiers:'" : Suggestion.hint(for: name, in: tiers)
            sink.emit(.undefinedTier, "\(what) names tier '\(name)', which the ladder does not define", at: location, hint: hint)
        }
        func specialist(_ effect: Effect, _ what: String) {
            guard !policy.specialistsUnreadable else { return }
            for (name, location) in zip(effect.specialists, effect.specialistLocations) where !specialists.containsBytes(name) {
                let hint = tiers.containsBytes(name)
                    ? "'\(name)' is a ladder tier; write 'tier: \(name)' instead"
                    : specialists.isEmpty ? "define it under 'specialists:'" : Suggestion.hint(for: name, in: specialists)
                sink.emit(.undefinedSpecialist, "\(what) names specialist '\(name)', which is not defined", at: location, hint: hint)
            }
        }
        tier(policy.defaults.tier, at: policy.defaults.tierLocation, "'defaults.tier'")
        for entry in policy.capabilities {
            tier(entry.tier, at: entry.tierLocation, "capability '\(entry.pattern)'")
            for list in entry.bandLists {
                for band in list {
                    tier(band.effect.tier, at: band.effect.tierLocation, "\(band.field.spec.bandList)[\(band.index)] of capability '\(entry.pattern)'")
                }
            }
        }
        for rule in policy.compliance {
            tier(rule.effect.tier, at: rule.effect.tierLocation, "compliance rule '\(rule.id)'")
            specialist(rule.effect, "compliance rule '\(rule.id)'")
        }
    }
}
