/// An approval nobody answers strands the task: every tier and panel should have an SLA.
enum SLACheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        guard !policy.defaults.slaWritten else { return }
        let groups = policy.tiers.filter { !$0.slaWritten }.map { ("tier '\($0.name)'", $0.location) }
            + policy.specialists.filter { !$0.slaWritten }.map { ("specialist '\($0.name)'", $0.location) }
        for (what, location) in groups {
            sink.emit(.missingSLA, "\(what) has no SLA and the policy sets no 'defaults.sla'", at: location,
                      hint: "add 'sla: 4h' (or another duration) so an unanswered approval times out")
        }
    }
}
