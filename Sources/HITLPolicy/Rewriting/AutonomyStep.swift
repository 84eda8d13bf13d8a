/// A rung of the autonomy ladder of SPEC §9: approval → autonomous with review → autonomous.
///
/// Ordered from the most oversight to the least: `approval < review < autonomous`, so a
/// change whose `to` is greater than its `from` promotes (loosens) and one whose `to` is
/// smaller demotes (tightens). A disabled capability is on no rung.
package enum AutonomyStep: String, Sendable, Hashable, Comparable, CaseIterable {
    /// `stage: approval` (a human approves before the action).
    case approval
    /// `stage: autonomous` with `review: true` (a human reviews after the action).
    case review
    /// `stage: autonomous` without review.
    case autonomous

    /// The rung of a base stage and review flag; nil for `disabled`. `review` means nothing
    /// on an approval (SPEC §2), so `approval` with `review: true` is on the approval rung.
    package init?(stage: Stage, review: Bool) {
        switch stage {
        case .disabled: return nil
        case .approval: self = .approval
        case .autonomous: self = review ? .review : .autonomous
        }
    }

    /// Ladder order: approval < review < autonomous.
    package static func < (a: AutonomyStep, b: AutonomyStep) -> Bool { a.position < b.position }

    /// The position on the ladder (0 = approval).
    package var position: Int {
        switch self {
        case .approval: 0
        case .review: 1
        case .autonomous: 2
        }
    }

    /// How the rung reads in a sentence: "approval", "autonomous with review", "autonomous".
    package var phrase: String {
        switch self {
        case .approval: "approval"
        case .review: "autonomous with review"
        case .autonomous: "autonomous"
        }
    }
}
