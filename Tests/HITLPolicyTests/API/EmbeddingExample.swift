import HITLPolicy

/// Decides one refund against a policy file and returns the decision line.
func decideRefund(policyPath: String) -> String {
    let loaded = CompiledPolicy.load(path: policyPath)
    guard let policy = loaded.policy else {
        // Nothing is printed for you: diagnostics are values.
        return loaded.diagnostics.map(\.message).joined(separator: "\n") + (loaded.failure ?? "")
    }
    let action = Action(capability: "refund", id: ActionID("a-17"),
                        amount: Action.Amount("6200.00", currency: "EUR"),
                        confidence: ExactDecimal(parsing: "0.82"), blastRadius: 3,
                        reversible: false, tags: ["pii"])
    let decision = policy.decide(action)   // thread-safe; share `policy` freely
    if decision.outcome != .autonomous {
        for approval in decision.approvals {
            print("needs \(approval.name): \(approval.approvers) within \(approval.sla ?? "no SLA")")
        }
    }
    return decision.json   // byte for byte what `hitl-policy eval` prints
}
