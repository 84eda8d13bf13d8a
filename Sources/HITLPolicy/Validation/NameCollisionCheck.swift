/// Tier and specialist names share one namespace: every name must be unique across both.
enum NameCollisionCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        var seen: [ByteName: (kind: String, location: SourceLocation)] = [:]
        let named = policy.tiers.map { ($0.name, "tier", $0.location) }
            + policy.specialists.map { ($0.name, "specialist", $0.location) }
        for (name, kind, location) in named {
            if let first = seen[ByteName(name)] {
                sink.emit(.duplicateName, "\(kind) '\(name)' has the same name as \(first.kind) '\(name)'", at: location,
                          hint: "tiers and specialists share one namespace; rename one of them",
                          notes: [DiagnosticNote("the \(first.kind) is defined here", at: first.location)])
            } else {
                seen[ByteName(name)] = (kind, location)
            }
        }
    }
}
