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

/// What a decision line says, coarsely: for exit statuses and summaries.
public enum Verdict: Int, Sendable, Comparable, CustomStringConvertible {
    case autonomous = 0, approval = 1, disabled = 2, invalid = 3

    init(_ stage: Stage) {
        switch stage {
        case .autonomous: self = .autonomous
        case .approval: self = .approval
        case .disabled: self = .disabled
        }
    }

    public var description: String {
        switch self {
        case .autonomous: "autonomous"
        case .approval: "approval"
        case .disabled: "disabled"
        case .invalid: "invalid"
        }
    }

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rawValue < b.rawValue }
}

extension DecisionTable {
    /// Renders the row part of a decision: outcome, approvals, reasons, assumptions, policy.
    /// `rules` are the matching rules (the reasons), ascending.
    func template(requirement: Requirement, rules ruleIDs: [Int], assumed: UInt64, reversibleDefault: Bool) -> DecisionTemplate {
        var parts: [DecisionTemplate.Part] = []
        var b: [UInt8] = []
        b.append("\"decision\":")
        b.appendJSONString(requirement.stage.description)
        b.append(",\"review\":")
        b.append(requirement.review ? "true" : "false")
        b.append(",\"approvals\":[")
        for (k, a) in approvals(for: requirement).enumerated() {
            if k > 0 { b.append(0x2C) }
            b.appendApprover(a)
        }
        b.append("],\"reasons\":[")
        for (k, id) in ruleIDs.enumerated() {
            let rule = rules[id]
            if k > 0 { b.append(0x2C) }
            b.append("{\"rule\":")
            b.appendJSONString(rule.path)
            b.append(",\"effect\":")
            b.appendJSONString(rule.effect)
            if rule.kind == .band, case .range(let r)? = rule.conditions.first {
                b.append(",\"detail\":\"")
                parts.append(.bytes(b))
                b = []
                let unit = r.field == .amount ? " \(currency ?? "")" : ""
                parts.append(.value(
                    r.field, before: Array("\(r.field) ".utf8), after: Array("\(unit) \(r.text)".utf8),
                    missing: Array("\(r.field) missing: counts as \(r.text)".utf8)))
                b.append(0x22)
            } else if rule.kind == .defaultStage {
                b.append(",\"detail\":\"no capability entry matches\"")
            } else if let reason = rule.reason {
                b.append(",\"detail\":")
                b.appendJSONString(reason)
            }
            if let reference = rule.reference {
                b.append(",\"reference\":")
                b.appendJSONString(reference)
            }
            b.append(",\"source\":")
            b.appendJSONString(rule.source)
            b.append(0x7D)
        }
        b.append("],\"assumed\":[")
        var first = true
        func assume(_ field: String, _ value: String) {
            if !first { b.append(0x2C) }
            first = false
            b.append("{\"field\":")
            b.appendJSONString(field)
            b.append(",\"assumed\":")
            b.append(value)
            b.append(0x7D)
        }
        for f in NumericField.allCases where assumed & ActionFieldMask.numeric(f) != 0 {
            var v: [UInt8] = []
            v.appendJSONString(f.missingMeaning)
            assume(f.description, String(decoding: v, as: UTF8.self))
        }
        if assumed & ActionFieldMask.reversible != 0 { assume("reversible", reversibleDefault ? "true" : "false") }
        if assumed & ActionFieldMask.tags != 0 { assume("tags", "[]") }
        for (k, a) in attributes.enumerated() where assumed & ActionFieldMask.attribute(k) != 0 {
            assume("attributes.\(a.path)", "\"matches every condition\"")
        }
        b.append("],\"policy\":")
        b.appendJSONString(policy)
        b.append(",\"policy_digest\":")
        b.appendJSONString(policyDigest)
        b.append("}\n")
        parts.append(.bytes(b))
        return DecisionTemplate(parts: parts, verdict: Verdict(requirement.stage))
    }
}

extension Array where Element == UInt8 {
    mutating func appendApprover(_ a: TableApprover) {
        append("{\"name\":")
        appendJSONString(a.name)
        append(",\"kind\":")
        appendJSONString(a.kind)
        append(",\"approvers\":")
        appendJSONStringArray(a.approvers)
        append(",\"quorum\":")
        appendInt(a.quorum)
        if let sla = a.sla, let seconds = a.slaSeconds {
            append(",\"sla\":")
            appendJSONString(sla)
            append(",\"sla_seconds\":")
            appendInt(seconds)
        }
        append(",\"on_timeout\":")
        appendJSONString(a.onTimeout)
        if let e = a.escalatesTo {
            append(",\"escalates_to\":")
            appendJSONString(e)
        }
        append(0x7D)
    }
}
