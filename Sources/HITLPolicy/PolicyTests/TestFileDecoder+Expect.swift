/// `expect` of a test file case.
extension TestFileDecoder {
    mutating func expectation(_ node: YAMLNode) -> Expectation? {
        guard let pairs = mapping(node, "'expect'") else { return nil }
        checkFields(pairs, known: TestFileFields.expectKeys, in: "'expect'")
        guard let d = field(pairs, "decision") else {
            sink.emit(.missingField, "'expect' has no 'decision'", at: node.location,
                      hint: "add 'decision:' with one of: " + TestFileFields.decisions.joined(separator: ", "))
            return nil
        }
        guard let text = d.value.scalar?.text, let outcome = Decision.Outcome(rawValue: text), d.value.scalar?.value == .string(text) else {
            let shown = d.value.scalar?.text ?? d.value.kindDescription
            sink.emit(.impossibleExpectation, "'\(shown)' is not a decision", at: d.value.location,
                      hint: Suggestion.hint(for: shown, in: TestFileFields.decisions))
            return nil
        }
        var e = Expectation(decision: outcome, decisionLocation: d.value.location)
        var ok = true
        if let r = field(pairs, "review") {
            if case .bool(let b)? = r.value.scalar?.value { e.review = b }
            else { ok = false; sink.emit(.wrongType, "'review' must be true or false, not \(r.value.kindDescription)", at: r.value.location) }
        }
        if let t = field(pairs, "tier") {
            if let s = t.value.scalar, case .string(let name) = s.value { e.tier = .init(text: name, location: t.value.location) }
            else { ok = false; sink.emit(.wrongType, "'tier' must be a tier name or 'none', not \(t.value.kindDescription)", at: t.value.location) }
        }
        func names(_ key: String) -> [Expectation.Name]? {
            guard let p = field(pairs, key) else { return nil }
            // One entry alone is a list of one, as in policies (`specialists: privacy`); an
            // `errors` entry is a substring of a message, so a comma in it is just a comma.
            guard let items = oneOrMore(p.value, "'\(key)'", names: key != "errors") else { ok = false; return nil }
            var out: [Expectation.Name] = []
            for item in items {
                guard let s = item.scalar, s.value != .null else {
                    ok = false
                    sink.emit(.wrongType, "an entry of '\(key)' must be text, not \(item.kindDescription)", at: item.location)
                    continue
                }
                out.append(.init(text: s.text, location: item.location))
            }
            return out
        }
        e.specialists = names("specialists")
        e.approvals = names("approvals")
        e.reasons = names("reasons")
        e.assumed = names("assumed")
        e.errors = names("errors")
        if let errs = e.errors, outcome != .invalid, let first = errs.first {
            ok = false
            sink.emit(.impossibleExpectation, "'errors' can only be expected of an invalid decision, not \(outcome.rawValue)",
                      at: first.location, hint: "write 'decision: invalid', or remove 'errors'")
        }
        return ok ? e : nil
    }
}
