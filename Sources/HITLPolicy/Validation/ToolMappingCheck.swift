/// A `tools:` entry whose capability no capability entry and no compliance rule names: its
/// calls are decided by `defaults.stage` alone, which is rarely what the author of the entry
/// meant (a misspelt capability, or a capability entry not written yet). Entries keyed by a
/// pattern and without `capability` name many capabilities and are not checked.
enum ToolMappingCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        let named = policy.compliance.flatMap { $0.when.capability ?? [] }.map(\.pattern)
        for entry in policy.tools.entries {
            let capability: String
            if let c = entry.capability { capability = c } else if case .exact(let n) = entry.pattern { capability = n } else { continue }
            guard policy.entry(for: capability) == nil, !named.contains(where: { $0.matches(capability) }),
                  let location = entry.capabilityLocation else { continue }
            sink.emit(.unmappedToolCapability,
                      "tool '\(entry.pattern)' becomes capability '\(capability)', which no capability entry or compliance rule names: its calls get defaults.stage (\(policy.defaults.stage))",
                      at: location,
                      hint: "add '\(capability)' under capabilities, or map the tool to a capability the policy lists")
        }
    }
}
