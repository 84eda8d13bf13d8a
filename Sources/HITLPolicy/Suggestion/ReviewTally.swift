/// Review outcomes counted (SPEC §9): `modified` and `rejected` are errors of the agent;
/// `expired` (nobody answered) counts toward neither rate.
package struct ReviewTally: Sendable, Hashable {
    package var approved = 0
    package var modified = 0
    package var rejected = 0
    package var expired = 0

    package init() {}

    /// Reviews with an answer: the rate's denominator.
    package var n: Int { approved + modified + rejected }
    /// Answers that changed or refused the action.
    package var errors: Int { modified + rejected }
    /// errors / n; nil without answers.
    package var rate: Double? { n == 0 ? nil : Double(errors) / Double(n) }

    mutating func add(_ o: ReviewLine.Review.Outcome) {
        switch o {
        case .approved: approved += 1
        case .modified: modified += 1
        case .rejected: rejected += 1
        case .expired: expired += 1
        }
    }
}
