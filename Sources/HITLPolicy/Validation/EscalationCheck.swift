/// Escalation hands a request to the next tier up; the top tier has none.
enum EscalationCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        guard let top = policy.tiers.last, !policy.tiersUnreadable else { return }
        if top.onTimeout == .escalate {
            sink.emit(.escalatingTopTier, "tier '\(top.name)' is the top of the ladder and cannot escalate",
                      at: top.onTimeoutLocation ?? top.location, hint: "write 'on_timeout: reject' for the top tier")
        } else if top.onTimeout == nil && policy.defaults.onTimeout == .escalate {
            sink.emit(.escalatingTopTier,
                      "tier '\(top.name)' is the top of the ladder but inherits 'on_timeout: escalate' from defaults",
                      at: top.location, hint: "give the top tier 'on_timeout: reject'")
        }
    }
}
