/// `defaults.stage: autonomous` lets every capability nobody listed run unattended.
enum DefaultsCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        guard policy.defaults.stage == .autonomous, let l = policy.defaults.stageLocation else { return }
        sink.emit(.autonomousDefault, "'defaults.stage: autonomous' lets every unlisted capability run unattended",
                  at: l, hint: "prefer 'disabled' (the default) or 'approval', and list what may run alone")
    }
}
