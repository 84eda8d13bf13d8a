/// How many approvals a tier or panel needs.
public enum Quorum: Hashable, Sendable, CustomStringConvertible {
    case count(Int)
    /// Every listed approver.
    case all

    /// The number of approvals required given `approvers` listed.
    public func required(of approvers: Int) -> Int {
        switch self {
        case .count(let n): n
        case .all: approvers
        }
    }

    public var description: String {
        switch self {
        case .count(let n): String(n)
        case .all: "all"
        }
    }
}

/// A rung of the approver ladder (`tiers`, lowest authority first).
public struct Tier: Sendable, Hashable {
    /// The tier's name (shares a namespace with specialists).
    public var name: String
    /// Principals or groups, opaque strings.
    public var approvers: [String]
    /// Approvals needed.
    public var quorum: Quorum
    /// Its own SLA, if set.
    public var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid), so no "missing SLA" warning follows.
    public var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    public var capacity: Capacity?
    /// Its own timeout handling, if set.
    public var onTimeout: TimeoutAction?
    /// Free text.
    public var description: String?
    /// Where the tier's entry starts.
    public var location: SourceLocation
    /// Where `on_timeout` was written, if it was.
    public var onTimeoutLocation: SourceLocation?
}

/// An expert panel (unranked); approvals from it are added to, never replace, a tier's.
public struct Specialist: Sendable, Hashable {
    /// The panel's name.
    public var name: String
    /// Principals or groups.
    public var approvers: [String]
    /// Approvals needed.
    public var quorum: Quorum
    /// Its own SLA, if set.
    public var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid).
    public var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    public var capacity: Capacity?
    /// Free text.
    public var description: String?
    /// Where the panel's key is.
    public var location: SourceLocation
}
