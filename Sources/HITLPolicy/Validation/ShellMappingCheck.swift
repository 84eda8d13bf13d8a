/// A `shell` condition on an attribute that no `tools:` entry maps, in a policy that has a
/// `tools:` section: tool calls never carry that attribute, so for them it is always missing
/// and the condition always holds (missing data fails closed) — most likely a typo in the
/// attribute's name, or a `tools` entry not written yet. A policy without `tools:` decides
/// actions its callers build, attributes included, and is not checked.
enum ShellMappingCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        guard !policy.tools.entries.isEmpty else { return }
        let mapped = policy.tools.entries.flatMap { $0.attributes.map(\.name) }
        for rule in policy.compliance {
            for condition in rule.when.attributes where condition.shell != nil {
                guard !mapped.contains(where: { $0.sameBytes(as: condition.path) }) else { continue }
                sink.emit(.unmappedShellAttribute,
                          "compliance.\(rule.id) tests attribute '\(condition.path)' with a shell condition, but no tools entry maps '\(condition.path)': for tool calls it is always missing, so the rule always fires",
                          at: condition.location,
                          hint: "map it from the tool's arguments, e.g. tools: {Bash: {attributes: {\(condition.path): command}}}, or fix the attribute's name")
            }
        }
    }
}
