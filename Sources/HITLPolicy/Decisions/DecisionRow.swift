/// The part of a decision fixed by its table row: outcome, approvals, reasons (band details
/// still waiting for the action's number), assumptions, policy. Built once per row and
/// shared by every decision that reaches it, typed (API's `TypedRow` wraps it) or rendered.
final class DecisionRow: Sendable, Equatable {
    let outcome: Verdict
    let review: Bool
    /// Bit `f.rawValue` is set when a band detail quotes numeric field `f`.
    let quotedFields: UInt8
    let approvals: [RowApproval]
    let reasons: [RowReason]
    let assumed: [RowAssumption]
    let policy: String
    let policyDigest: String

    init(outcome: Verdict, review: Bool, approvals: [RowApproval], reasons: [RowReason],
         assumed: [RowAssumption], policy: String, policyDigest: String) {
        self.outcome = outcome
        self.review = review
        self.approvals = approvals
        self.reasons = reasons
        self.assumed = assumed
        self.policy = policy
        self.policyDigest = policyDigest
        var quoted: UInt8 = 0
        for r in reasons { if case .band(let f, _, _)? = r.detail { quoted |= 1 << UInt8(f.rawValue) } }
        quotedFields = quoted
    }

    /// The row of an `invalid` decision.
    convenience init(invalidFor table: DecisionTable) {
        self.init(outcome: .invalid, review: false, approvals: [], reasons: [], assumed: [],
                  policy: table.policy, policyDigest: table.policyDigest)
    }

    static func == (a: DecisionRow, b: DecisionRow) -> Bool {
        a === b || (a.outcome == b.outcome && a.review == b.review && a.approvals == b.approvals && a.reasons == b.reasons
            && a.assumed == b.assumed && a.policy == b.policy && a.policyDigest == b.policyDigest)
    }
}

/// One approval as its row knows it (`Decision.Approval` is its public form).
struct RowApproval: Sendable, Hashable {
    var name: String
    /// A ladder tier or a specialist panel.
    var kind: ApproverKind
    var approvers: [String]
    var quorum: Int
    var sla: String?
    var slaSeconds: Int?
    var onTimeout: TimeoutAction
    var escalatesTo: String?
}

/// A value assumed for a field the action lacks, as its row knows it (`Decision.Assumption`
/// is its public form).
struct RowAssumption: Sendable, Hashable {
    enum Value: Sendable, Hashable {
        case text(String)
        case bool(Bool)
        case emptyList
    }

    var field: String
    var assumed: Value
}

/// A reason as its row knows it.
struct RowReason: Sendable, Hashable {
    var rule: String
    var effect: String
    var detail: RowDetail?
    var reference: String?
    var source: String
}

/// A reason's detail: fixed text, or a band's, which quotes the action's value of `field`
/// (`amount 6696 USD over 5000`) or says it is missing.
enum RowDetail: Sendable, Hashable {
    case text(String)
    case band(NumericField, after: String, missing: String)
}

/// The action's numbers as a decision quotes them (nil: the action lacks the field).
struct ShownNumbers: Sendable, Hashable {
    /// By `NumericField.rawValue`; empty until a text is set (most decisions quote no
    /// number, and an empty array is no allocation per decision).
    private var texts: [String?] = []

    /// Whether no text is set.
    var isEmpty: Bool { texts.isEmpty }

    init() {}

    subscript(f: NumericField) -> String? {
        get { f.rawValue < texts.count ? texts[f.rawValue] : nil }
        set {
            if texts.isEmpty { texts = [String?](repeating: nil, count: NumericField.count) }
            texts[f.rawValue] = newValue
        }
    }

    static func == (a: ShownNumbers, b: ShownNumbers) -> Bool {
        NumericField.allCases.allSatisfy { a[$0] == b[$0] }
    }

    func hash(into h: inout Hasher) {
        for f in NumericField.allCases { h.combine(self[f]) }
    }
}

extension DecisionTable {
    /// The row part of a decision: its requirement, the matching rules (ascending: policy
    /// order), the fields assumed, and the class's default `reversible` (shown when assumed).
    func decisionRow(requirement: Requirement, rules ruleIDs: [Int], assumed: UInt64, reversibleDefault: Bool) -> DecisionRow {
        let approvals = approvals(for: requirement).map { a in
            RowApproval(name: a.name, kind: a.kind, approvers: a.approvers,
                        quorum: a.quorum, sla: a.slaSeconds == nil ? nil : a.sla, slaSeconds: a.sla == nil ? nil : a.slaSeconds,
                        onTimeout: a.onTimeout, escalatesTo: a.escalatesTo)
        }
        let reasons = ruleIDs.map { id in
            let rule = rules[id]
            var detail: RowDetail?
            if rule.kind == .band, case .range(let r)? = rule.conditions.first {
                let unit = r.field == .amount ? " \(currency ?? "")" : ""
                detail = .band(r.field, after: "\(unit) \(r.text)", missing: "\(r.field) missing: counts as \(r.text)")
            } else if rule.kind == .defaultStage {
                detail = .text("no capability entry matches")
            } else if let reason = rule.reason {
                detail = .text(reason)
            }
            return RowReason(rule: rule.path, effect: rule.effect, detail: detail, reference: rule.reference, source: rule.source)
        }
        var assumptions: [RowAssumption] = []
        for f in NumericField.allCases where assumed & ActionFieldMask.numeric(f) != 0 {
            assumptions.append(.init(field: f.description, assumed: .text(f.missingMeaning)))
        }
        if assumed & ActionFieldMask.reversible != 0 { assumptions.append(.init(field: "reversible", assumed: .bool(reversibleDefault))) }
        if assumed & ActionFieldMask.tags != 0 { assumptions.append(.init(field: "tags", assumed: .emptyList)) }
        for (k, a) in attributes.enumerated() where assumed & ActionFieldMask.attribute(k) != 0 {
            assumptions.append(.init(field: "attributes.\(a.path)", assumed: .text("matches every condition")))
        }
        return DecisionRow(outcome: Verdict(requirement.stage), review: requirement.review, approvals: approvals,
                           reasons: reasons, assumed: assumptions, policy: policy, policyDigest: policyDigest)
    }
}
