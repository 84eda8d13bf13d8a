/// The ladder as `suggest` walks it: one step up or down, and the rung of what the policy
/// decides (a requirement, a decision, an entry).
extension AutonomyStep {
    /// One step up (looser); nil at the top.
    package var promoted: AutonomyStep? {
        switch self {
        case .approval: .review
        case .review: .autonomous
        case .autonomous: nil
        }
    }

    /// One step down (stricter); nil at the bottom.
    package var demoted: AutonomyStep? {
        switch self {
        case .approval: nil
        case .review: .approval
        case .autonomous: .review
        }
    }

    /// The rung of a requirement; nil for `disabled`.
    init?(_ r: Requirement) {
        switch r.stage {
        case .disabled: return nil
        case .approval: self = .approval
        case .autonomous: self = r.review ? .review : .autonomous
        }
    }

    /// The rung of a decision; nil for `disabled` and `invalid`.
    init?(_ d: Decision) {
        switch d.outcome {
        case .approval: self = .approval
        case .autonomous: self = d.review ? .review : .autonomous
        case .disabled, .invalid: return nil
        }
    }

    /// The rung of a capability entry's base stage; nil for `disabled`.
    init?(_ e: CapabilityEntry) {
        switch e.stage {
        case .disabled: return nil
        case .approval: self = .approval
        case .autonomous: self = e.review ? .review : .autonomous
        }
    }
}

extension CapabilityEntry {
    /// The entry with its base stage moved to `rung`. Leaving approval drops the entry's
    /// `tier` (it is only allowed with approval), so bands with `stage: approval` inside it
    /// then use the default tier, as they would in the rewritten text.
    func moved(to rung: AutonomyStep) -> CapabilityEntry {
        var e = self
        switch rung {
        case .approval:
            if e.stage != .approval { e.tier = nil }
            e.stage = .approval
            e.review = false
        case .review:
            e.stage = .autonomous
            e.review = true
            e.tier = nil
        case .autonomous:
            e.stage = .autonomous
            e.review = false
            e.tier = nil
        }
        return e
    }
}
