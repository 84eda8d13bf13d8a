/// The compiled proposals a capability-wide change is checked against: the policy with every
/// capability entry promoted one rung, and with every entry demoted one rung. A capability
/// class's decisions depend only on its own entry and on rules that do not change, so one
/// table with all entries moved gives, for each action, the decision it would get if its own
/// entry alone were moved: the reviews whose decision differs between the policy and a
/// proposal are exactly the reviews of actions that change moves.
///
/// Names no entry matches are governed by `defaults.stage`; the rewrite moves such a name by
/// adding `NAME: {stage: autonomous, review: true}`. A `*` entry with that stage, added to
/// the proposal, governs exactly those names and decides them as that entry would.
struct ProposalTables {
    /// Decides with every entry one rung looser / stricter (nil: that proposal did not compile).
    let promoted: CompiledPolicy?
    let demoted: CompiledPolicy?
    /// Entries by key (`capabilities.KEY` is the entry's rule path), with their rung.
    let entries: [String: CapabilityEntry]
    /// The rung of names only `defaults.stage` governs (nil: disabled, or a `*` entry
    /// governs every name).
    let defaultsRung: AutonomyStep?
    /// Why a proposal is missing.
    let problem: String?

    init(_ policy: Policy) {
        var entries: [String: CapabilityEntry] = [:]
        for e in policy.capabilities { entries[e.pattern.description] = e }
        self.entries = entries
        let catchAll = policy.capabilities.contains { $0.pattern == .prefix("") }
        let defaultsRung: AutonomyStep? = catchAll ? nil : AutonomyStep(stage: policy.defaults.stage, review: false)
        self.defaultsRung = defaultsRung
        func build(_ move: (AutonomyStep) -> AutonomyStep?) -> (CompiledPolicy?, String?) {
            var p = policy
            p.capabilities = policy.capabilities.map { e in
                guard let r = AutonomyStep(e), let to = move(r) else { return e }
                return e.moved(to: to)
            }
            // The one step a defaults-governed name can take is to autonomous with review.
            if let d = defaultsRung, move(d) == .review {
                let at = policy.defaults.stageLocation ?? SourceLocation(file: policy.file, line: 1, column: 1)
                p.capabilities.append(CapabilityEntry(pattern: .prefix(""), stage: .autonomous, tier: nil, review: true, reversible: nil,
                                                      description: nil, location: at, stageLocation: at))
            }
            let table: DecisionTable
            do throws(DiagramTooLarge) {
                table = try TableCompiler.compile(p, digest: "sha256:proposal")
            } catch {
                return (nil, "the proposal is too large to compile (more than \(error.nodes) diagram nodes)")
            }
            do throws(CompiledPolicy.Undecidable) {
                return (try CompiledPolicy(table: table), nil)
            } catch {
                return (nil, "the proposal cannot decide actions (\(error.message))")
            }
        }
        let up = build { $0.promoted }, down = build { $0.demoted }
        promoted = up.0
        demoted = down.0
        problem = up.1 ?? down.1
    }

    /// Whether two decisions of one action differ in what they require.
    static func differ(_ a: Decision, _ b: Decision) -> Bool {
        a.outcome != b.outcome || a.review != b.review || a.approvals.map(\.name) != b.approvals.map(\.name)
    }
}
