/// A capability stage, ordered from least to most restrictive.
public enum Stage: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case autonomous = 0, approval = 1, disabled = 2

    /// Parses `autonomous`, `approval` or `disabled` (exact spelling).
    public init?(name: String) {
        switch name {
        case "autonomous": self = .autonomous
        case "approval": self = .approval
        case "disabled": self = .disabled
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .autonomous: "autonomous"
        case .approval: "approval"
        case .disabled: "disabled"
        }
    }

    public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}

/// What happens when an approval is not given within its SLA.
public enum TimeoutAction: String, Sendable, Hashable, CaseIterable {
    /// The action is rejected.
    case reject
    /// The request is handed to the next tier up the ladder.
    case escalate
}
