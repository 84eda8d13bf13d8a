/// `expect` and the structural helpers of the test file decoder.
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
            guard let items = sequence(p.value, "'\(key)'") else { ok = false; return nil }
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

    /// The pairs of a mapping node, or a wrong-type diagnostic.
    mutating func mapping(_ node: YAMLNode, _ what: String) -> [YAMLPair]? {
        if let pairs = node.pairs { return pairs }
        sink.emit(.wrongType, "\(what) must be a mapping, not \(node.kindDescription)", at: node.location,
                  hint: "write it as 'key: value' lines indented under its name, or as '{key: value}'")
        return nil
    }

    /// The items of a list node, or a wrong-type diagnostic.
    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.items { return items }
        sink.emit(.wrongType, "\(what) must be a list, not \(node.kindDescription)", at: node.location,
                  hint: "write it as '[a, b]' or one '- ' line per entry")
        return nil
    }

    func field(_ pairs: [YAMLPair], _ key: String) -> YAMLPair? {
        pairs.first { $0.key.sameBytes(as: key) }
    }

    /// Reports every key that is not in `known` and does not start with `x-`.
    mutating func checkFields(_ pairs: [YAMLPair], known: [String], in what: String) {
        for p in pairs where !known.containsBytes(p.key) && !p.key.utf8.starts(with: "x-".utf8) {
            sink.emit(.unknownField, "unknown field '\(p.key)' in \(what)", at: p.keyLocation,
                      hint: Suggestion.hint(for: p.key, in: known) + " (keys starting with 'x-' are ignored, for your own metadata)")
        }
    }
}
