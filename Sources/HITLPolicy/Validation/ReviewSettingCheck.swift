/// `review` only matters for autonomous capabilities.
enum ReviewSettingCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        for entry in policy.capabilities where entry.review && entry.stage != .autonomous {
            sink.emit(.ineffectiveSetting,
                      "'review: true' has no effect on capability '\(entry.pattern)', whose stage is \(entry.stage)",
                      at: entry.reviewLocation ?? entry.location,
                      hint: "post-action review applies to autonomous actions only; remove it")
        }
    }
}
