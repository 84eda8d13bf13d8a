/// What `suggest` found (SPEC §9): suggestions with their statistics, calibration per
/// capability, and reviewer findings, with the counts of what was read and skipped.
package struct SuggestionReport: Sendable {
    /// What a suggestion says.
    package enum Change: String, Sendable, CaseIterable {
        /// One step looser: the evidence meets the target.
        case promote
        /// One step stricter: the error rate is above the target.
        case demote
        /// Not enough evidence either way (`moreNeeded` says how much more would do).
        case undecided
        /// The evidence decides, but no step follows: approval with errors above the target
        /// (there is no stricter rung), autonomous within it (no looser one), or a promotion
        /// that a compliance rule forbids.
        case keep
    }

    /// One condition of a row's scope, as `compile --format table` words it.
    package struct Condition: Sendable, Hashable {
        /// The column: `amount`, `confidence`, `blast_radius`, `reversible`, `tags`, `attributes`.
        package var field: String
        /// Its words: `over 100 and at most 5000`, `!pii card_data`.
        package var words: String
    }

    /// One suggestion: for a whole capability entry (empty scope) or one decision-table row.
    package struct Suggestion: Sendable {
        /// The capability entry (`refund`, `github.*`) or the row's capability class.
        package var capability: String
        /// The row's conditions; empty for the whole capability.
        package var scope: [Condition]
        package var change: Change
        /// Where it is and where the evidence points (`from` again for `keep`; for
        /// `undecided`, the promotion's target, or `from` at the top of the ladder).
        package var from: AutonomyStep
        package var to: AutonomyStep
        /// The evidence the judgement rests on.
        package var tally: ReviewTally
        /// Its one-sided Wilson bounds on the error rate.
        package var bound: WilsonBound
        /// Further clean reviews that would make an undecided case decidable (nil otherwise,
        /// or when beyond reach).
        package var moreNeeded: Int?
        /// All usable reviews of the capability or row (the evidence is the part of them the
        /// change moves, for a whole capability).
        package var reviews: Int
        /// Compliance rules that hold some of the row's reviewed actions at its rung: those
        /// reviews are evidence for a demotion, not for a promotion.
        package var heldBy: [String]
        /// The judgement in words.
        package var reason: String
        /// For a row: whether its capability's own promotion (demotion) moves every reviewed
        /// action in it exactly as this suggestion would, so writing that makes this one too.
        package var followsCapability = false
        /// For a capability name a pattern entry governs, the pattern (`github.*`): the name
        /// is judged on its own reviews, and written as an exact entry of its own.
        package var governedBy: String?

        /// Whether this is for a whole capability.
        package var isCapabilityWide: Bool { scope.isEmpty }
    }

    /// Outcomes per capability name as the actions sent it.
    package struct CapabilityCounts: Sendable {
        package var name: String
        /// Usable reviews.
        package var tally = ReviewTally()
        /// Reviews of actions the policy disables or finds invalid (not used).
        package var disabled = 0
        package var invalid = 0
    }

    /// One capability's calibration.
    package struct CapabilityCalibration: Sendable {
        package var capability: String
        package var calibration: Calibration
    }

    /// One tier's or panel's reviews: outcomes and time to decision against its SLA.
    package struct Reviewers: Sendable {
        package var name: String
        /// `tier` or `specialist`.
        package var kind: String
        package var slaSeconds: Int?
        package var tally: ReviewTally
        /// Answered reviews with both times, and their median and p95 (nearest rank) time
        /// from `requested` to `decided`, in seconds.
        package var timed: Int
        package var median: Double?
        package var p95: Double?
        /// Answered reviews decided after the SLA.
        package var overSLA: Int

        /// approved / n; nil without answers.
        package var approvedShare: Double? { tally.n == 0 ? nil : Double(tally.approved) / Double(tally.n) }
        /// Whether the gate looks rubber-stamped: at least `minimum` answers, ≥ 90% approved unchanged.
        func rubberStamp(minimum: Int) -> Bool { tally.n >= minimum && tally.n > 0 && tally.approved * 10 >= tally.n * 9 }
        /// Whether decisions take longer than the SLA (median or p95), or any review expired.
        var slaTrouble: Bool {
            guard let sla = slaSeconds.map(Double.init) else { return false }
            return (median.map { $0 > sla } ?? false) || (p95.map { $0 > sla } ?? false) || tally.expired > 0
        }
    }

    /// A reviewer finding.
    package struct Finding: Sendable {
        /// `rubber-stamp` or `sla`.
        package var kind: String
        /// The tier's or panel's figures.
        package var reviewers: Reviewers
    }

    /// The policy's name and the log's.
    package var policy: String
    package var log: String
    package var options: SuggestionOptions
    /// Non-blank lines; review records used; §12 decision records skipped; lines that are
    /// no usable record (bad JSON, missing or unknown fields, bad times, too long);
    /// duplicates skipped; reviews of disabled or invalid actions (not used); reviews whose
    /// `pre`/`post` differs from what the policy asks for the action today.
    package var lines = 0
    package var reviews = 0
    package var decisionRecords = 0
    package var badLines = 0
    package var duplicates = 0
    package var disabled = 0
    package var invalid = 0
    package var kindMismatch = 0
    /// The first problems, one per line (`log:line: …`).
    package var notes: [String] = []
    package var suggestions: [Suggestion] = []
    package var capabilities: [CapabilityCounts] = []
    package var calibration: [CapabilityCalibration] = []
    package var reviewers: [Reviewers] = []
    /// Why capability-wide suggestions are missing, when they are (e.g. the proposal could
    /// not be compiled).
    package var capabilityWideProblem: String?

    /// The reviewer findings, rubber stamps first, each by tier order.
    package var findings: [Finding] {
        reviewers.filter { $0.rubberStamp(minimum: options.minReviews) }.map { Finding(kind: "rubber-stamp", reviewers: $0) }
            + reviewers.filter(\.slaTrouble).map { Finding(kind: "sla", reviewers: $0) }
    }

    /// The capability-wide promotions and demotions, as stage changes to write.
    package var proposal: [(capability: String, from: AutonomyStep, to: AutonomyStep)] {
        suggestions.filter { $0.isCapabilityWide && ($0.change == .promote || $0.change == .demote) }.map { ($0.capability, $0.from, $0.to) }
    }
}
