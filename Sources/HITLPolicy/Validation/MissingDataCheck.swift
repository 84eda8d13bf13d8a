/// Missing risk data fails closed (SPEC §4): a band or condition on a field the action does
/// not carry counts as met. One note per file lists every rule that fires that way, so an
/// author can see what agents must send to avoid needless approvals.
enum MissingDataCheck: PolicyCheck {
    static let listed = 10

    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        var rules: [DiagnosticNote] = []
        var tested: [String] = []
        func test(_ field: String) { if !tested.contains(field) { tested.append(field) } }
        for entry in policy.capabilities where entry.stage != .disabled {
            for f in NumericField.allCases {
                guard let first = entry.bands(f).first else { continue }
                test(f.description)
                rules.append(DiagnosticNote(
                    "capabilities.\(entry.pattern).\(f.spec.bandList) fires when an action omits '\(f)'",
                    at: first.location))
            }
        }
        for rule in policy.compliance {
            var fields: [String] = []
            fields += NumericField.allCases.filter { rule.when.range($0) != nil }.map(\.description)
            fields += rule.when.attributes.map { "attributes.\($0.path)" }
            if rule.when.reversible == false { fields.append("reversible (where the capability sets no default)") }
            guard !fields.isEmpty else { continue }
            for f in NumericField.allCases where rule.when.range(f) != nil { test(f.description) }
            if rule.when.reversible == false { test("reversible") }
            for a in rule.when.attributes { test("attributes.\(a.path)") }
            rules.append(DiagnosticNote(
                "compliance.\(rule.id) fires when an action omits " + fields.map { "'\($0)'" }.joined(separator: ", "),
                at: rule.location))
        }
        guard let first = rules.first else { return }
        let names = rules.prefix(listed).map { String($0.message.prefix { $0 != " " }) }
        let more = rules.count > listed ? " and \(rules.count - listed) more" : ""
        sink.emit(.firesOnMissingData,
                  "\(rules.count) rule\(rules.count == 1 ? "" : "s") fire\(rules.count == 1 ? "s" : "") when actions omit the data they test "
                    + "(missing data fails closed): \(names.joined(separator: ", "))\(more)",
                  at: first.location, hint: "agents should send \(Self.list(tested)) to avoid needless approvals",
                  notes: rules)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}
