/// Compliance rules that never change a decision because other rules already require as
/// much wherever they apply, decided exactly on the compiled table (lint only).
///
/// A rule is ineffective when the diff engine (`PolicyDiff`) finds no action, among all
/// actions including those that omit fields, that the table decides differently once the
/// rule contributes nothing. Missing data is part of that: a rule whose range no value
/// satisfies still fires for actions that omit the field, and is reported only when that,
/// too, is already required by other rules. Removing a rule this check reports therefore
/// never changes a decision (a test diffs every such removal).
///
/// Each decision costs one diff of the policy against itself with one rule changed, so only
/// rules a cheap test flags are decided: a rule with an empty range, or one for which some
/// other rule (or the capability's own stage) requires at least as much over a scope and
/// conditions that include the rule's. At most `maxDiffs` diffs run per policy; rules past
/// that budget are not reported (the check stays silent rather than guess).
enum ExactRuleCheck {
    /// Diffs run per policy at most.
    static let maxDiffs = 48
    /// Above this many table rules the check does not run (the pairwise pre-check is quadratic).
    static let maxRules = 2_000

    static func run(_ policy: Policy, table: DecisionTable) -> [Diagnostic] {
        guard table.rules.count <= maxRules else { return [] }
        var sink = DiagnosticSink()
        var impact = RuleImpact(table: table, left: maxDiffs)
        let scope = RuleScope(policy, table)
        // Rules reported as ineffective are judged as removed from then on, so that removing
        // every reported rule together changes no decision either (of two identical rules,
        // one is reported). Bands HP600 reports are removed from the start.
        var bandCheck = DiagnosticSink()
        BandEffectivenessCheck.run(policy, into: &bandCheck)
        let uselessBands = Set(bandCheck.diagnostics.map(\.location.description))
        var removed = Set(table.rules.indices.filter { table.rules[$0].kind == .band && uselessBands.contains(table.rules[$0].source) })
        for r in removed { impact.table.rules[r].contribution = .bottom }
        for rule in policy.compliance.reversed() {
            guard let r = scope.index(of: rule) else { continue }
            guard RuleEffectivenessCheck.reasons(rule, policy).isEmpty else {
                removed.insert(r)
                continue
            }
            let emptyFields = NumericField.allCases.filter { rule.when.range($0)?.isEmpty(wholeNumbers: $0.spec.whole) == true }
            let base = scope.baseCovers(r)
            let shadows = scope.shadowCandidates(r, excluding: removed)
            guard !emptyFields.isEmpty || base || !shadows.isEmpty else { continue }
            guard impact.changesDecisions(without: r) == false else { continue }
            var why: String
            if base, impact.changesDecisions(without: r, keeping: []) == false {
                why = "the capabilities it applies to already require as much by their own stage"
            } else if let x = shadows.prefix(3).first(where: { impact.changesDecisions(without: r, keeping: [$0]) == false }) {
                why = "wherever it applies, \(table.rules[x].path) (\(table.rules[x].effect)) already requires as much"
            } else {
                why = "wherever it applies, other rules together already require as much"
            }
            if !emptyFields.isEmpty {
                let fields = emptyFields.map { "'\($0)'" }.joined(separator: " or ")
                why = "it fires only for actions that omit \(fields), and there " + why.replacing("wherever it applies, ", with: "")
            }
            sink.emit(.ineffectiveRule, "compliance rule '\(rule.id)' can never change a decision: \(why)",
                      at: rule.location, hint: "remove the rule (no decision changes without it), or make its effect stricter than what already applies")
            removed.insert(r)
            impact.table.rules[r].contribution = .bottom
        }
        return sink.diagnostics
    }
}

/// Whether a table decides some action differently when rules contribute nothing, by the
/// diff engine, within a budget of diffs.
struct RuleImpact {
    var table: DecisionTable
    /// Diffs left.
    var left: Int

    /// Whether dropping rule `r` changes a decision; with `keeping`, in the table where the
    /// only bands and compliance rules are `r` and those (entries and `defaults.stage`
    /// stay). Nil when the budget is spent or the diff is too large.
    mutating func changesDecisions(without r: Int, keeping: Set<Int>? = nil) -> Bool? {
        guard left > 0, table.rules.indices.contains(r) else { return nil }
        left -= 1
        var before = table
        if let keeping {
            for i in before.rules.indices where i != r && !keeping.contains(i) && (before.rules[i].kind == .band || before.rules[i].kind == .compliance) {
                before.rules[i].contribution = .bottom
            }
        }
        var after = before
        after.rules[r].contribution = .bottom
        guard let report = try? PolicyDiff.diff(old: before, new: after, listing: 0) else { return nil }
        return !report.isEmpty
    }
}
