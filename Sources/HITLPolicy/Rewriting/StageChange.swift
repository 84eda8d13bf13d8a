/// One step of one capability along the autonomy ladder, as `suggest` proposes it.
package struct StageChange: Sendable, Hashable {
    /// A capability name as actions carry it (never a pattern): the rewrite changes what
    /// this one name gets and nothing else.
    package var capability: String
    /// The rung the policy puts it on today; the change is skipped when the policy says
    /// otherwise.
    package var from: AutonomyStep
    /// The rung to move it to: one step from `from`.
    package var to: AutonomyStep

    /// Creates a change.
    package init(capability: String, from: AutonomyStep, to: AutonomyStep) {
        self.capability = capability
        self.from = from
        self.to = to
    }

    /// A promotion (less oversight) rather than a demotion.
    package var promotes: Bool { to > from }

    /// `refund: approval → autonomous with review`.
    package var summary: String { "\(capability): \(from.phrase) → \(to.phrase)" }
}

/// A change the rewrite did not make, and why.
package struct SkippedChange: Sendable, Hashable {
    /// The change asked for.
    package var change: StageChange
    /// Why it was not made: one plain sentence.
    package var reason: String

    /// Creates a skipped change.
    package init(change: StageChange, reason: String) {
        self.change = change
        self.reason = reason
    }
}
