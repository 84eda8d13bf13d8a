/// Policy → `DecisionTable`.
package enum TableCompiler {
    /// Upper bound on diagram nodes plus leaves (memory stays well under 1 GB).
    package static let maxNodes = 2_000_000
    /// Upper bound on distinct decisions (leaves) in one table. Far above what a reviewer can
    /// read (a real policy has a few dozen); it stops a policy whose rules multiply (every
    /// subset of 22 independent panels) in about a second instead of after 2M nodes.
    package static let maxDecisions = 65_536

    /// Compiles a validated policy. `digest` is the `sha256:` digest of its source.
    ///
    /// With `diagrams: false` the table has its rules, classes and approvers but no decision
    /// diagrams (every root is 0, `nodes` and `outcomes` are empty): enough for `PolicyDiff`,
    /// which builds its own, and not for evaluation.
    package static func compile(_ policy: Policy, digest: String, diagrams: Bool = true) throws(DiagramTooLarge) -> DecisionTable {
        try compile(policy, digest: digest, diagrams: diagrams, limit: maxNodes)
    }

    /// `compile` with another node limit (tests use a small one).
    static func compile(_ policy: Policy, digest: String, diagrams: Bool, limit: Int) throws(DiagramTooLarge) -> DecisionTable {
        let rules = policy.tableRules()
        var builder = DiagramBuilder(rules: rules)
        builder.limit = limit
        builder.leafLimit = maxDecisions
        let index = ClassRuleIndex(policy, rules: rules)
        let classes = try builder.classes(index, diagrams: diagrams)
        let global = index.global
        let globalRoot = diagrams ? try builder.build(global) : 0
        return DecisionTable(
            policy: policy.name, policyDigest: digest, source: policy.file, currency: policy.currency,
            exchangeRates: policy.exchangeRates.map { TableRate(currency: $0.currency, rate: $0.rate) },
            approvers: policy.tableApprovers, tags: builder.tags, attributes: builder.attributes, shells: builder.shells,
            rules: rules, outcomes: builder.outcomes, nodes: builder.nodes, classes: classes,
            globalRoot: globalRoot, globalTestedFields: builder.testedFields(global), tools: policy.tools)
    }
}

extension Policy {
    /// Tiers then specialists (by name) as decisions report them.
    var tableApprovers: [TableApprover] {
        var out: [TableApprover] = []
        for (i, t) in tiers.enumerated() {
            let sla = t.sla ?? defaults.sla
            let timeout = t.onTimeout ?? defaults.onTimeout ?? .reject
            out.append(TableApprover(
                name: t.name, kind: .tier, approvers: t.approvers, quorum: t.quorum.required(of: t.approvers.count),
                sla: sla?.description, slaSeconds: sla?.seconds, onTimeout: timeout,
                escalatesTo: timeout == .escalate && i + 1 < tiers.count ? tiers[i + 1].name : nil,
                capacity: t.capacity?.description))
        }
        for s in specialists.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let sla = s.sla ?? defaults.sla
            out.append(TableApprover(
                name: s.name, kind: .specialist, approvers: s.approvers, quorum: s.quorum.required(of: s.approvers.count),
                sla: sla?.description, slaSeconds: sla?.seconds, onTimeout: .reject, escalatesTo: nil,
                capacity: s.capacity?.description))
        }
        return out
    }
}
