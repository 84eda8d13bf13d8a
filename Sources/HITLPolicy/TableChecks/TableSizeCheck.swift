/// Lint's table-size check: a lint-clean policy must compile. `lint` compiles the policy
/// (the compiler merges every region with the same decision, so this is quick) and turns a
/// table that would pass `TableCompiler.maxNodes` into a `table-too-large` error that names
/// the rules whose effects multiply.
enum TableSizeCheck {
    /// Rules named in the hint at most.
    static let maxNamed = 5

    /// The finding for a policy, or nil when it compiles.
    static func run(_ policy: Policy, limit: Int = TableCompiler.maxNodes) -> Diagnostic? {
        do throws(DiagramTooLarge) {
            _ = try TableCompiler.compile(policy, digest: "", diagrams: true, limit: limit)
            return nil
        } catch {
            return diagnostic(policy, error, limit: limit)
        }
    }

    /// A table-too-large finding, as an error value.
    struct Finding: Error {
        var finding: Diagnostic
    }

    /// The compiled table, or the finding when it is too large.
    static func compiled(_ policy: Policy, limit: Int = TableCompiler.maxNodes) -> Result<DecisionTable, Finding> {
        do throws(DiagramTooLarge) {
            return .success(try TableCompiler.compile(policy, digest: "", diagrams: true, limit: limit))
        } catch {
            return .failure(Finding(finding: diagnostic(policy, error, limit: limit)))
        }
    }

    /// The finding for a compile that stopped with `error`.
    static func diagnostic(_ policy: Policy, _ error: DiagramTooLarge, limit: Int = TableCompiler.maxNodes) -> Diagnostic {
        let located = policy.locatedTableRules()
        // Decisions multiply where rules with different effects can apply in any combination.
        // Specialist panels add up (every subset is a different decision), tiers only climb,
        // so rules adding panels are named first; one rule per distinct effect.
        var seen = Set<Requirement>()
        var panels: [Int] = [], others: [Int] = []
        for r in error.rules where r >= 0 && r < located.count {
            let rule = located[r].rule
            guard rule.kind == .compliance || rule.kind == .band, rule.contribution.stage != .disabled,
                  seen.insert(rule.contribution).inserted else { continue }
            if rule.contribution.specialists.isEmpty { others.append(r) } else { panels.append(r) }
        }
        let multiplying = panels + others
        let named = multiplying.prefix(maxNamed).map { located[$0].rule.path }
        let more = multiplying.count - named.count
        let first = multiplying.first.map { located[$0].location } ?? SourceLocation(file: policy.file, line: 1, column: 1)
        var hint = "rules with different effects that can apply together multiply the decisions: "
            + named.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
            + "; give rules that go together one rule with one effect, scope them to capabilities, or use fewer distinct specialist panels"
        if named.isEmpty { hint = "scope compliance rules to capabilities or merge rules with equal effects" }
        let notes = multiplying.dropFirst().prefix(maxNamed - 1).map { DiagnosticNote("also multiplies: \(located[$0].rule.path)", at: located[$0].location) }
        return Diagnostic(
            .tableTooLarge,
            "the policy's rules combine into more than a table holds (\(TableCompiler.maxDecisions) distinct decisions, \(limit) nodes): \(multiplying.count) rules with different effects apply in every combination",
            at: first, hint: hint, notes: Array(notes))
    }
}
