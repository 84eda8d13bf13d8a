/// Compliance rules that never change a decision because other rules already require as
/// much wherever they apply, decided exactly on the compiled table (lint only).
///
/// A rule is ineffective when no action, among all actions including those that omit
/// fields, is decided differently once the rule contributes nothing: decided on the pair
/// diagrams `PolicyDiff` builds (the table with and without the rule, side by side). Missing data is part of that: a rule whose range no value
/// satisfies still fires for actions that omit the field, and is reported only when that,
/// too, is already required by other rules. Removing a rule this check reports therefore
/// never changes a decision (a test diffs every such removal).
///
/// Each decision costs one pair diagram per capability class the rule applies to, so only
/// rules a cheap test flags are decided: a rule with an empty range, or one for which some
/// other rule (or the capability's own stage) requires at least as much over a scope and
/// conditions that include the rule's. At most `maxDiffs` comparisons run per policy; rules past
/// that budget are not reported (the check stays silent rather than guess).
enum ExactRuleCheck {
    /// Comparisons run per policy at most.
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
        let exact = RuleEffectivenessCheck.exactEntries(policy)
        for rule in policy.compliance.reversed() {
            guard let r = scope.index(of: rule) else { continue }
            guard RuleEffectivenessCheck.reasons(rule, policy, exact: exact).isEmpty else {
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

/// Whether a table decides some action differently when a rule contributes nothing, on one
/// pair diagram per capability class the rule applies to (the construction `PolicyDiff`
/// uses: every other rule is shared by both sides and tested once), within a budget.
struct RuleImpact {
    var table: DecisionTable
    /// Comparisons left.
    var left: Int
    /// Work over all comparisons of a policy at most, counted as the rules of each class
    /// diagram built (a diagram's cost grows with them) and capped in nodes too: past that
    /// the rules left are not decided (and not reported).
    static let maxWork = 5_000
    static let maxNodes = 50_000
    /// Work and nodes left.
    var workLeft = maxWork
    var nodesLeft = maxNodes

    init(table: DecisionTable, left: Int) {
        self.table = table
        self.left = left
        index = ClassRuleIndex(table)
    }

    private let index: ClassRuleIndex

    /// Whether dropping rule `r` changes a decision; with `keeping`, in the table where the
    /// only bands and compliance rules are `r` and those (entries and `defaults.stage`
    /// stay). Nil when the budget is spent or the diagram too large.
    mutating func changesDecisions(without r: Int, keeping: Set<Int>? = nil) -> Bool? {
        guard left > 0, nodesLeft > 0, workLeft > 0, table.rules.indices.contains(r) else { return nil }
        left -= 1
        var rules = table.rules
        if let keeping {
            for i in rules.indices where i != r && !keeping.contains(i) && (rules[i].kind == .band || rules[i].kind == .compliance) {
                rules[i].contribution = .bottom
            }
        }
        let n = rules.count
        var shared = (0..<n).map { n + $0 }
        shared[r] = -1
        var builder = DiagramBuilder(rules: rules + rules, leaves: .pair(.init(split: n, shared: shared) { AnyHashable($0) }))
        builder.limit = nodesLeft
        defer { nodesLeft -= builder.nodes.count + builder.outcomes.count }
        let witness = RegionWitness(tags: builder.tags, attributes: builder.attributes, shells: builder.shells)
        var reaches: [Int32: Bool] = [:]
        for cls in table.classes {
            let ids = index.allRuleIDs(kind: cls.kind, name: cls.name)
            guard ids.contains(r) else { continue }
            workLeft -= ids.count
            guard workLeft >= 0, let root = try? builder.build(ids) else { nodesLeft = 0; return nil }
            if Self.someActionDiffers(root, builder, witness, &reaches) { return true }
        }
        return false
    }

    /// Whether some non-empty region under `root` leads to a leaf whose two decisions differ.
    static func someActionDiffers(_ root: Int32, _ builder: DiagramBuilder, _ witness: RegionWitness, _ reaches: inout [Int32: Bool]) -> Bool {
        func differs(_ ref: Int32) -> Bool {
            if let known = reaches[ref] { return known }
            let result = ref < 0 ? !sameDecision(builder.pair(ofLeaf: Int(-ref - 1)))
                : builder.nodes[Int(ref)].children.contains { differs($0) }
            reaches[ref] = result
            return result
        }
        func visit(_ ref: Int32, _ region: TableRegion) -> Bool {
            guard differs(ref) else { return false }
            if ref < 0 { return witness.build(name: "x", region: region, slice: .base) != .empty }
            let node = builder.nodes[Int(ref)]
            for (k, child) in node.children.enumerated() where visit(child, region.refined(by: node, child: k)) { return true }
            return false
        }
        return visit(root, TableRegion())
    }

    /// Whether two requirements make the same decision: what a decision reports (approvals
    /// only when approval is needed, review only when autonomous).
    static func sameDecision(_ p: DiagramBuilder.RequirementPair) -> Bool {
        let (a, b) = (p.old, p.new)
        guard a.stage == b.stage else { return false }
        switch a.stage {
        case .disabled: return true
        case .autonomous: return a.review == b.review
        case .approval: return a.tier == b.tier && Set(a.specialists.map(ByteName.init)) == Set(b.specialists.map(ByteName.init))
        }
    }
}
