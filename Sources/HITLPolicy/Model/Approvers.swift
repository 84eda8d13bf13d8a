/// How many approvals a tier or panel needs.
package enum Quorum: Hashable, Sendable, CustomStringConvertible {
    case count(Int)
    /// Every listed approver.
    case all

    /// The number of approvals required given `approvers` listed.
    package func required(of approvers: Int) -> Int {
        switch self {
        case .count(let n): n
        case .all: approvers
        }
    }

    package var description: String {
        switch self {
        case .count(let n): String(n)
        case .all: "all"
        }
    }
}

/// A rung of the approver ladder (`tiers`, lowest authority first).
package struct Tier: Sendable, Hashable {
    /// The tier's name (shares a namespace with specialists).
    package var name: String
    /// Principals or groups, opaque strings.
    package var approvers: [String]
    /// Approvals needed.
    package var quorum: Quorum
    /// Its own SLA, if set.
    package var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid), so no "missing SLA" warning follows.
    package var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    package var capacity: Capacity?
    /// Its own timeout handling, if set.
    package var onTimeout: TimeoutAction?
    /// Free text.
    package var description: String?
    /// Where the tier's entry starts.
    package var location: SourceLocation
    /// Where `on_timeout` was written, if it was.
    package var onTimeoutLocation: SourceLocation?
}

/// An expert panel (unranked); approvals from it are added to, never replace, a tier's.
package struct Specialist: Sendable, Hashable {
    /// The panel's name.
    package var name: String
    /// Principals or groups.
    package var approvers: [String]
    /// Approvals needed.
    package var quorum: Quorum
    /// Its own SLA, if set.
    package var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid).
    package var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    package var capacity: Capacity?
    /// Free text.
    package var description: String?
    /// Where the panel's key is.
    package var location: SourceLocation
}
