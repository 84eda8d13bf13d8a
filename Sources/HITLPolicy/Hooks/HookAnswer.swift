/// The hook's answer for a decision (SPEC §11), in the shape both runtimes read:
/// `{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": …,
/// "permissionDecisionReason": …, "additionalContext": …}}` — nothing outside Codex's
/// published output contract.
package enum HookAnswer {
    /// The permission decision for `decision` under `options`; nil means no answer (the
    /// runtime's own rules decide).
    package static func permission(_ decision: Decision, options: HookOptions) -> String? {
        if options.monitor { return nil }
        switch decision.outcome {
        case .autonomous: return options.autonomous == .allow || decision.review ? "allow" : nil
        case .approval: return options.approval == .ask ? "ask" : "deny"
        case .disabled, .invalid: return "deny"
        }
    }

    /// The answer's JSON text (one line), or "" for no answer.
    package static func json(_ decision: Decision, options: HookOptions) -> String {
        guard let permission = permission(decision, options: options) else { return "" }
        var out: [UInt8] = Array("{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":".utf8)
        out.appendJSONString(permission)
        out.append(contentsOf: ",\"permissionDecisionReason\":".utf8)
        out.appendJSONString(reason(decision, permission: permission))
        if decision.outcome == .autonomous, decision.review {
            out.append(contentsOf: ",\"additionalContext\":".utf8)
            out.appendJSONString("hitl-policy: this \(decision.capability ?? "action") runs now and is flagged for review after it ran ("
                                 + rules(decision) + ")")
        }
        out.append(contentsOf: "}}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Why, for a person: who must approve (each tier and panel with its approvers and
    /// quorum) and the rules responsible, with their details.
    package static func reason(_ d: Decision, permission: String) -> String {
        let what = d.capability.map { $0.isEmpty ? "the action" : $0 } ?? "the action"
        switch d.outcome {
        case .invalid:
            let errors = d.errors.map { e in e.field.map { "\($0) \(e.message)" } ?? e.message }
            return "hitl-policy: invalid action (\(what)): " + errors.joined(separator: "; ")
        case .disabled:
            return "hitl-policy: \(what) is disabled by policy \(d.policy): " + rules(d)
        case .approval:
            let who = d.approvals.map(approver).joined(separator: " and ")
            let lead = permission == "deny" ? "\(what) needs approval and nobody can be asked in this run: " : "\(what) needs "
            return "hitl-policy: " + lead + who + ": " + rules(d)
        case .autonomous:
            return "hitl-policy: \(what) may run unattended (policy \(d.policy)): " + rules(d)
        }
    }

    /// `lead (finance-leads)`, `executive (2 of cfo, cto)`, with the SLA.
    static func approver(_ a: Decision.Approval) -> String {
        let names = a.approvers.joined(separator: ", ")
        let quorum = a.quorum > 1 ? "\(a.quorum) of \(names)" : names
        return "\(a.name) (\(quorum)\(a.sla.map { ", within \($0)" } ?? ""))"
    }

    /// The rules that set the requirement, with their details and reasons: for a disabled
    /// action those that disable it; else every matching contribution but the plain
    /// `stage autonomous` of an entry.
    static func rules(_ d: Decision) -> String {
        let responsible = d.outcome == .disabled
            ? d.reasons.filter { $0.effect.hasPrefix("stage disabled") }
            : d.reasons.filter { $0.effect != "stage autonomous" }
        let shown = (responsible.isEmpty ? d.reasons : responsible).map { r in
            var s = r.rule
            if let detail = r.detail { s += " (\(detail))" }
            return s
        }
        return shown.joined(separator: ", ")
    }
}
