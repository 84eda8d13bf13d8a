/// What a policy decided for one action (SPEC §4): the typed form of the decision line
/// `eval` prints. `json` renders it byte for byte as `eval` does.
public struct Decision: Sendable, Equatable, CustomStringConvertible {
    /// The decision proper.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// The agent may proceed unattended.
        case autonomous
        /// The action waits for the listed approvals.
        case approval
        /// The action must not happen.
        case disabled
        /// The action could not be judged; `errors` says why. Do not proceed.
        case invalid
    }

    /// One approval the action needs: a ladder tier or a specialist panel.
    public struct Approval: Sendable, Hashable {
        /// Whether the approval is the ladder's tier or a specialist panel.
        public enum Kind: String, Sendable, Hashable {
            /// A tier of the escalation ladder.
            case tier
            /// A specialist panel.
            case specialist
        }

        /// What happens when the SLA passes without a decision: `reject`, or `escalate` to
        /// the next tier up (`escalatesTo`). The policy's own `on_timeout` type.
        public typealias Timeout = TimeoutAction

        /// The tier or panel name.
        public var name: String
        /// Tier or specialist.
        public var kind: Kind
        /// Principals or groups who may approve.
        public var approvers: [String]
        /// Approvals needed.
        public var quorum: Int
        /// The SLA as the policy writes it (normalised), when there is one.
        public var sla: String?
        /// The SLA in seconds, when there is one.
        public var slaSeconds: Int?
        /// What a timeout does.
        public var onTimeout: Timeout
        /// The next tier up, when `onTimeout` is `escalate`.
        public var escalatesTo: String?
    }

    /// One matching rule: why the decision is what it is.
    public struct Reason: Sendable, Hashable {
        /// The rule path, e.g. `capabilities.refund.spend[1]` or `compliance.sox`.
        public var rule: String
        /// Its effect in words, e.g. `tier finance`.
        public var effect: String
        /// For bands, the action's value against the threshold; for compliance rules, their
        /// `reason`.
        public var detail: String?
        /// A compliance rule's `reference`.
        public var reference: String?
        /// `file:line:column` of the rule in the policy.
        public var source: String
    }

    /// A value the decision assumed because the action did not carry it (fail closed).
    public struct Assumption: Sendable, Hashable {
        /// What was assumed.
        public enum Value: Sendable, Hashable {
            /// A description, e.g. `over every threshold`.
            case text(String)
            /// A boolean (the capability's default `reversible`).
            case bool(Bool)
            /// No tags.
            case emptyList
        }

        /// The field, e.g. `amount` or `attributes.environment`.
        public var field: String
        /// The value assumed.
        public var assumed: Value
    }

    /// The action's `id` as sent, when it had one.
    public var id: ActionID?
    /// The action's line number (1-based; for actions built in Swift, the one they were given).
    /// The JSON shows it when there is no `id`, and always for `invalid` decisions.
    public var line: Int
    /// The capability as sent (nil when an invalid action had none, or did not parse).
    public var capability: String?
    /// Why an `invalid` decision is invalid (empty otherwise).
    public var errors: [ActionError] {
        get {
            if case .details(let d) = extra { return d.errors.map(ActionError.init) }
            return []
        }
        set {
            let errors = newValue.map { FieldError(field: $0.field, message: $0.message) }
            extra = Details.unlessEmpty(errors: errors, shown: shown).map(Extra.details) ?? .none
        }
    }

    /// `errors` as the evaluator recorded them (what the JSON writer takes).
    var fieldErrors: [FieldError] {
        if case .details(let d) = extra { return d.errors }
        return []
    }

    // The row part, shared by every action that reached the same table row.
    let row: TypedRow
    /// The errors and the shown numbers, when there are any: one reference at most, so a
    /// decision made, copied or dropped counts few references.
    private var extra: Extra

    /// What few decisions carry.
    private enum Extra: Sendable {
        /// No errors, and no band detail quotes the action's numbers.
        case none
        /// Errors, or the shown text of the numbers band details quote.
        case details(Details)
        /// A plain action built in Swift, in the policy currency: its numbers are shown as
        /// built, their text made only when a reason or the JSON is asked for (not per
        /// decision).
        case numbers(Action.Built)
    }

    /// The shown text of the action's numbers that band details quote.
    var shown: ShownNumbers {
        switch extra {
        case .none: ShownNumbers()
        case .details(let d): d.shown
        case .numbers(let b): ShownNumbers(built: b)
        }
    }

    /// Errors and shown numbers.
    final class Details: Sendable {
        let errors: [FieldError]
        let shown: ShownNumbers

        private init(errors: [FieldError], shown: ShownNumbers) {
            self.errors = errors
            self.shown = shown
        }

        /// Nil when both are empty.
        static func unlessEmpty(errors: [FieldError], shown: ShownNumbers) -> Details? {
            errors.isEmpty && shown.isEmpty ? nil : Details(errors: errors, shown: shown)
        }
    }

    init(id: ActionID?, line: Int, capability: String?, errors: [FieldError], row: TypedRow, shown: ShownNumbers) {
        self.id = id
        self.line = line
        self.capability = capability
        self.row = row
        extra = Details.unlessEmpty(errors: errors, shown: shown).map(Extra.details) ?? .none
    }

    /// A valid decision for a plain built action whose numbers, as built, are what band
    /// details quote (`quoting`: the action, when the row quotes any).
    init(id: ActionID?, line: Int, capability: String?, row: TypedRow, quoting b: Action.Built?) {
        self.id = id
        self.line = line
        self.capability = capability
        self.row = row
        extra = b.map(Extra.numbers) ?? .none
    }

    /// `autonomous`, `approval`, `disabled` or `invalid`.
    public var outcome: Outcome { row.outcome }
    /// Whether the action is reviewed after the fact.
    public var review: Bool { row.review }
    /// The approvals needed: the ladder tier first, then specialists by name.
    public var approvals: [Decision.Approval] { row.approvals }
    /// Every matching rule, in policy order.
    public var reasons: [Decision.Reason] { row.base.reasons.map { $0.reason(shown) } }
    /// The values assumed for fields the action lacks.
    public var assumed: [Decision.Assumption] { row.assumed }
    /// The policy's name.
    public var policy: String { row.base.policy }
    /// `sha256:` and the hex SHA-256 of the policy source.
    public var policyDigest: String { row.base.policyDigest }

    /// Whether the agent may proceed unattended.
    public var isAutonomous: Bool { row.outcome == .autonomous }

    /// The decision line exactly as `eval` prints it, without the final newline.
    public var json: String {
        var b: [UInt8] = []
        DecisionJSON.append(self, into: &b)
        b.removeLast()
        return String(decoding: b, as: UTF8.self)
    }

    /// Appends the decision line exactly as `eval` prints it, final newline included.
    public func appendJSONLine(to out: inout [UInt8]) {
        DecisionJSON.append(self, into: &out)
    }

    /// The JSON line.
    public var description: String { json }

    public static func == (a: Decision, b: Decision) -> Bool {
        a.id == b.id && a.line == b.line && a.capability == b.capability && a.errors == b.errors
            && a.outcome == b.outcome && a.review == b.review && a.approvals == b.approvals
            && a.reasons == b.reasons && a.assumed == b.assumed && a.policy == b.policy && a.policyDigest == b.policyDigest
    }
}

/// A decision row with its public values, built once per row and shared like it: what a
/// typed decision reads (the outcome first, in the object's first cache line, with its
/// reference count) without converting per decision.
final class TypedRow: Sendable {
    let outcome: Decision.Outcome
    let review: Bool
    /// Bit `f.rawValue` is set when a band detail quotes numeric field `f`.
    let quotedFields: UInt8
    let approvals: [Decision.Approval]
    let assumed: [Decision.Assumption]
    /// The row as the evaluator renders it.
    let base: DecisionRow

    init(_ row: DecisionRow) {
        base = row
        outcome = Decision.Outcome(row.outcome)
        review = row.review
        quotedFields = row.quotedFields
        approvals = row.approvals.map { a in
            Decision.Approval(name: a.name, kind: Decision.Approval.Kind(a.kind), approvers: a.approvers, quorum: a.quorum,
                              sla: a.sla, slaSeconds: a.slaSeconds, onTimeout: a.onTimeout, escalatesTo: a.escalatesTo)
        }
        assumed = row.assumed.map { a in
            switch a.assumed {
            case .text(let t): Decision.Assumption(field: a.field, assumed: .text(t))
            case .bool(let b): Decision.Assumption(field: a.field, assumed: .bool(b))
            case .emptyList: Decision.Assumption(field: a.field, assumed: .emptyList)
            }
        }
    }
}

extension Decision.Approval.Kind {
    /// The public form of an approver kind.
    init(_ kind: ApproverKind) {
        switch kind {
        case .tier: self = .tier
        case .specialist: self = .specialist
        }
    }
}

extension Decision.Outcome {
    /// The outcome a verdict names.
    init(_ verdict: Verdict) {
        switch verdict {
        case .autonomous: self = .autonomous
        case .approval: self = .approval
        case .disabled: self = .disabled
        case .invalid: self = .invalid
        }
    }
}

extension Verdict {
    /// The verdict an outcome names.
    package init(_ outcome: Decision.Outcome) {
        switch outcome {
        case .autonomous: self = .autonomous
        case .approval: self = .approval
        case .disabled: self = .disabled
        case .invalid: self = .invalid
        }
    }
}

extension RowReason {
    /// The reason for an action whose numbers show as `shown`.
    func reason(_ shown: ShownNumbers) -> Decision.Reason {
        var text: String?
        switch detail {
        case .text(let t)?: text = t
        case .band(let f, let after, let missing)?: text = shown[f].map { "\(f) \($0)\(after)" } ?? missing
        case nil: text = nil
        }
        return Decision.Reason(rule: rule, effect: effect, detail: text, reference: reference, source: source)
    }
}

extension ShownNumbers {
    /// A built action's numbers as built (`appendShown`'s text; nil where it has none).
    init(built b: Action.Built) {
        for f in NumericField.allCases { if let n = b.numbers[f.rawValue] { self[f] = n.shown } }
    }
}

extension DecisionJSON {
    /// Appends a whole decision line, final newline included.
    static func append(_ d: Decision, into out: inout [UInt8]) {
        if d.row.outcome == .invalid {
            var id: [UInt8]?
            if let i = d.id { id = Array(i.json.utf8) }
            var capability: [UInt8]?
            if let c = d.capability {
                capability = []
                capability?.appendJSONString(c)
            }
            appendInvalid(id: id, line: d.line, capability: capability, errors: d.fieldErrors,
                          policy: d.row.base.policy, policyDigest: d.row.base.policyDigest, into: &out)
            return
        }
        appendHead(id: d.id.map { Array($0.json.utf8) }, line: d.line, into: &out)
        out.appendJSONString(d.capability ?? "")
        out.append(0x2C)
        appendRow(d.row.base, into: &out) { field, after, missing, b in
            if let value = d.shown[field] {
                b.append(field.description)
                b.append(0x20)
                b.append(value)
                b.append(after)
            } else {
                b.append(missing)
            }
        }
    }
}

/// An action's `id` as sent: a JSON string or number, kept as its JSON text so that two
/// different ids never share an echo.
public struct ActionID: Sendable, Hashable, CustomStringConvertible {
    /// The id's JSON text: `"a-17"` (quotes and escapes included) or `17`.
    public let json: String

    /// A string id.
    public init(_ string: String) {
        var b: [UInt8] = []
        b.appendJSONString(string)
        json = String(decoding: b, as: UTF8.self)
    }

    /// A whole-number id.
    public init(_ number: Int) { json = String(number) }

    init(json: String) { self.json = json }

    /// The JSON text.
    public var description: String { json }
}
