/// The rule that turns evidence into a suggestion (SPEC §9), the same for a whole capability
/// and for one row:
///
/// - **demote** one rung when the lower bound of the error rate on the demotion's evidence
///   is above the target (no minimum count: the bound already accounts for few reviews, and
///   tightening oversight on evidence of errors is the safe direction);
/// - else **promote** one rung when the promotion's evidence has at least `minReviews`
///   answers and an upper bound at most the target;
/// - else **keep** when the evidence decides but no rung follows (autonomous within the
///   target, approval with its lower bound above it, or a row whose every reviewed action a
///   compliance rule holds where it is);
/// - else **undecided**, with the fewest further clean reviews that would decide it.
struct SuggestionJudge {
    let options: SuggestionOptions
    let z: Double

    init(_ options: SuggestionOptions) {
        self.options = options
        z = options.z
    }

    func bound(_ t: ReviewTally) -> WilsonBound { WilsonBound(errors: t.errors, n: t.n, z: z) }

    /// Judges a rung on the evidence for its promotion and for its demotion.
    func judge(capability: String, scope: [SuggestionReport.Condition], from: AutonomyStep,
               promote: ReviewTally, demote: ReviewTally, reviews: Int, heldBy: [String]) -> SuggestionReport.Suggestion {
        func make(_ c: SuggestionReport.Change, to: AutonomyStep, _ t: ReviewTally, more: Int? = nil, _ reason: String) -> SuggestionReport.Suggestion {
            var reason = reason
            if !heldBy.isEmpty, c != .demote, c != .keep {
                reason += "; reviews held by \(heldBy.joined(separator: ", ")) are not evidence for a promotion"
            }
            return SuggestionReport.Suggestion(capability: capability, scope: scope, change: c, from: from, to: to, tally: t,
                                        bound: bound(t), moreNeeded: more, reviews: reviews, heldBy: heldBy, reason: reason)
        }
        let target = options.target
        let pct = SuggestionNumbers.percent(target)
        if let down = from.demoted, bound(demote).low > target {
            return make(.demote, to: down, demote, "the error rate's lower bound is above the \(pct) target")
        }
        let up = from.promoted
        let b = bound(promote)
        let enough = promote.n >= options.minReviews
        let held = !heldBy.isEmpty && promote.n + promote.expired == 0
        if let up, !held, enough, b.high <= target {
            return make(.promote, to: up, promote, "\(promote.n) answered reviews, upper bound within the \(pct) target")
        }
        if up == nil {
            if demote.n >= options.minReviews, bound(demote).high <= target {
                return make(.keep, to: from, demote, "autonomous, and within the \(pct) target")
            }
            let more = WilsonBound.cleanReviewsNeeded(errors: demote.errors, n: demote.n, z: z, target: target, minimum: options.minReviews)
            return make(.undecided, to: from, demote, more: more, "not enough evidence that autonomous stays within the \(pct) target")
        }
        if held {
            return make(.keep, to: from, demote, "held by " + heldBy.joined(separator: ", ") + ": every reviewed action here needs it")
        }
        if from == .approval, b.low > target {
            return make(.keep, to: from, promote, "errors above the \(pct) target: approval stays")
        }
        let more = WilsonBound.cleanReviewsNeeded(errors: promote.errors, n: promote.n, z: z, target: target, minimum: options.minReviews)
        let why = promote.n == 0 ? "no reviewed action lies where this change would apply"
            : enough ? "the upper bound is above the \(pct) target" : "fewer than \(options.minReviews) answered reviews"
        return make(.undecided, to: up!, promote, more: more, why)
    }
}
