/// The part of a decision line fixed by its table row: everything after `"capability":…,`.
/// Rendered once per row and copied for each action; `value` parts splice in the action's
/// own numbers for band details.
struct DecisionTemplate {
    enum Part {
        case bytes([UInt8])
        case value(NumericField, before: [UInt8], after: [UInt8], missing: [UInt8])
    }

    var parts: [Part]
    var verdict: Verdict
}

extension DecisionTable {
    /// Renders the row part of a decision: outcome, approvals, reasons, assumptions, policy.
    /// `rules` are the matching rules (the reasons), ascending. Written by `DecisionJSON`,
    /// the renderer typed decisions use too; band details become splice points.
    func template(requirement: Requirement, rules ruleIDs: [Int], assumed: UInt64, reversibleDefault: Bool) -> DecisionTemplate {
        template(decisionRow(requirement: requirement, rules: ruleIDs, assumed: assumed, reversibleDefault: reversibleDefault))
    }

    /// A row's template.
    func template(_ row: DecisionRow) -> DecisionTemplate {
        var parts: [DecisionTemplate.Part] = []
        var b: [UInt8] = []
        DecisionJSON.appendRow(row, into: &b) { field, after, missing, b in
            parts.append(.bytes(b))
            b = []
            parts.append(.value(field, before: Array("\(field) ".utf8), after: Array(after.utf8), missing: Array(missing.utf8)))
        }
        parts.append(.bytes(b))
        return DecisionTemplate(parts: parts, verdict: row.outcome)
    }
}
