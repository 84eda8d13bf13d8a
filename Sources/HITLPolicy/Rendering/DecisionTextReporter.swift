/// `eval --format text`: a decision for a person at a terminal, rendered from the typed
/// `Decision` (never from its JSON line). One block per action:
///
/// ```
/// line 1: refund → approval
///   approve: tier lead, 1 of finance-leads, SLA 1h, on timeout escalates to executive
///   why: capabilities.refund.spend[1]: tier lead; amount 6000 USD over 5000 (payments.yaml:54:9)
///   assumed: blast_radius over every threshold
/// ```
///
/// Text that came from the action or the policy (names, ids, error messages quoting values)
/// has its control characters written out (`escapingControlCharacters`): a terminal or CI log
/// shows one block per action, whatever an agent put in a capability name.
package enum DecisionTextReporter {
    /// The block for one decision, each line ending in a newline.
    package static func render(_ d: Decision) -> String {
        var head = "line \(d.line)"
        if let id = d.id { head += " (id \(id.json.escapingControlCharacters))" }
        head += ": "
        if let c = d.capability, !c.isEmpty { head += "\(c.escapingControlCharacters) → " }
        head += d.outcome.rawValue
        if d.review { head += ", reviewed after the fact" }
        var out = head + "\n"
        if d.outcome == .invalid {
            for e in d.errors { out += "  error: " + ((e.field.map { "\($0): " } ?? "") + e.message).escapingControlCharacters + "\n" }
            return out
        }
        for a in d.approvals { out += "  approve: " + approval(a).escapingControlCharacters + "\n" }
        for r in d.reasons { out += "  why: " + reason(r).escapingControlCharacters + "\n" }
        if !d.assumed.isEmpty {
            out += "  assumed (not sent): " + d.assumed.map(assumption).joined(separator: "; ").escapingControlCharacters + "\n"
        }
        return out
    }

    /// The block for a line that could not be read as an action at all (longer than the
    /// line limit): the same shape as an `invalid` decision.
    package static func renderUnread(line: Int, message: String) -> String {
        "line \(line): invalid\n  error: \(message.escapingControlCharacters)\n"
    }

    /// `tier lead, 1 of finance-leads, SLA 1h, on timeout escalates to executive`.
    static func approval(_ a: Decision.Approval) -> String {
        var s = "\(a.kind.rawValue) \(a.name), \(a.quorum) of \(a.approvers.joined(separator: ", "))"
        if let sla = a.sla { s += ", SLA \(sla)" }
        switch a.onTimeout {
        case .escalate: s += ", on timeout escalates" + (a.escalatesTo.map { " to \($0)" } ?? "")
        case .reject: s += a.sla == nil ? "" : ", on timeout rejected"
        }
        return s
    }

    /// `capabilities.refund.spend[1]: tier lead; amount 6000 USD over 5000 [ref] (file:line:column)`.
    static func reason(_ r: Decision.Reason) -> String {
        var s = "\(r.rule): \(r.effect)"
        if let detail = r.detail { s += "; \(detail)" }
        if let reference = r.reference { s += " [\(reference)]" }
        return s + " (\(r.source))"
    }

    /// `blast_radius over every threshold`, `reversible false`, `tags none`.
    static func assumption(_ a: Decision.Assumption) -> String {
        switch a.assumed {
        case .text(let t): "\(a.field) \(t)"
        case .bool(let b): "\(a.field) \(b)"
        case .emptyList: "\(a.field) none"
        }
    }
}
