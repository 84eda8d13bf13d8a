/// A capability stage, ordered from least to most restrictive.
package enum Stage: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case autonomous = 0, approval = 1, disabled = 2

    /// Parses `autonomous`, `approval` or `disabled` (exact spelling).
    package init?(name: String) {
        switch name {
        case "autonomous": self = .autonomous
        case "approval": self = .approval
        case "disabled": self = .disabled
        default: return nil
        }
    }

    package var description: String {
        switch self {
        case .autonomous: "autonomous"
        case .approval: "approval"
        case .disabled: "disabled"
        }
    }

    package static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}

/// What happens when an approval is not given within its SLA.
public enum TimeoutAction: String, Sendable, Hashable, CaseIterable {
    /// The action is rejected.
    case reject
    /// The request is handed to the next tier up the ladder.
    case escalate
}

/// What a decision line says, coarsely: a stage, or `invalid` (the action could not be
/// judged). For exit statuses and summaries; `Decision.Outcome` is its public form.
package enum Verdict: Int, Sendable, Comparable, CustomStringConvertible {
    case autonomous = 0, approval = 1, disabled = 2, invalid = 3

    init(_ stage: Stage) {
        switch stage {
        case .autonomous: self = .autonomous
        case .approval: self = .approval
        case .disabled: self = .disabled
        }
    }

    package var description: String {
        switch self {
        case .autonomous: "autonomous"
        case .approval: "approval"
        case .disabled: "disabled"
        case .invalid: "invalid"
        }
    }

    package static func < (a: Verdict, b: Verdict) -> Bool { a.rawValue < b.rawValue }
}
