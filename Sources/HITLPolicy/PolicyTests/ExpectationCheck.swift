/// Compares a decision with an `expect`, and finds expectations a policy can never meet.
enum ExpectationCheck {
    /// The `expect` keys whose actual value differs, in `TestFileFields.expectKeys` order.
    static func mismatches(_ e: Expectation, _ d: Decision) -> [TestRun.Mismatch] {
        var out: [TestRun.Mismatch] = []
        func list(_ xs: [String]) -> String { "[" + xs.joined(separator: ", ") + "]" }
        if d.outcome != e.decision { out.append(.init(key: "decision", expected: e.decision.rawValue, actual: d.outcome.rawValue)) }
        if let r = e.review, r != d.review { out.append(.init(key: "review", expected: String(r), actual: String(d.review))) }
        let approvals = d.approvals
        if let t = e.tier {
            let actual = approvals.first { $0.kind == .tier }?.name ?? "none"
            if !actual.sameBytes(as: t.text) { out.append(.init(key: "tier", expected: t.text, actual: actual)) }
        }
        if let s = e.specialists {
            let want = sortedUnique(s.map(\.text)), have = sortedUnique(approvals.filter { $0.kind == .specialist }.map(\.name))
            if want != have { out.append(.init(key: "specialists", expected: list(want), actual: list(have))) }
        }
        if let a = e.approvals {
            let want = a.map(\.text), have = approvals.map(\.name)
            if want != have { out.append(.init(key: "approvals", expected: list(want), actual: list(have))) }
        }
        if let r = e.reasons {
            let have = Set(d.reasons.map(\.rule))
            let missing = r.map(\.text).filter { !have.contains($0) }
            if !missing.isEmpty {
                out.append(.init(key: "reasons", expected: "to include " + list(missing), actual: list(d.reasons.map(\.rule))))
            }
        }
        if let a = e.assumed {
            let want = sortedUnique(a.map(\.text)), have = sortedUnique(d.assumed.map(\.field))
            if want != have { out.append(.init(key: "assumed", expected: list(want), actual: list(have))) }
        }
        if let errs = e.errors {
            let texts = errorTexts(d)
            let missing = errs.map(\.text).filter { s in !texts.contains { $0.contains(s) } }
            if !missing.isEmpty {
                out.append(.init(key: "errors", expected: "to contain " + missing.map { "\"\($0)\"" }.joined(separator: ", "),
                                 actual: texts.isEmpty ? "[]" : texts.map { "\"\($0)\"" }.joined(separator: ", ")))
            }
        }
        return out
    }

    /// An invalid decision's errors as `field: message`.
    static func errorTexts(_ d: Decision) -> [String] {
        d.errors.map { e in e.field.map { "\($0): \(e.message)" } ?? e.message }
    }

    static func sortedUnique(_ xs: [String]) -> [String] {
        Array(Set(xs)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The names a table can put in a decision, computed once per policy (not per case: a
    /// generated file has one case per row, and a large table has tens of thousands of rules).
    struct Known {
        let tiers: [String]
        let panels: [String]
        let rules: [String]
        let ruleSet: Set<String>

        init(_ table: DecisionTable) {
            tiers = table.approvers.prefix(table.tierCount).map(\.name)
            panels = table.approvers.dropFirst(table.tierCount).map(\.name)
            rules = table.rules.map(\.path)
            ruleSet = Set(rules)
        }
    }

    /// Diagnostics for expectations `table` can never produce.
    static func impossible(_ e: Expectation, table: DecisionTable, into sink: inout DiagnosticSink) {
        impossible(e, known: Known(table), into: &sink)
    }

    /// Diagnostics for expectations a table with these names can never produce.
    static func impossible(_ e: Expectation, known: Known, into sink: inout DiagnosticSink) {
        let tiers = known.tiers, panels = known.panels
        func unknown(_ n: Expectation.Name, _ what: String, _ known: @autoclosure () -> [String]) {
            let names = known()
            let hint = names.isEmpty ? "the policy defines no \(what)s" : Suggestion.hint(for: n.text, in: names)
            sink.emit(.impossibleExpectation, "the policy has no \(what) '\(n.text)'", at: n.location, hint: hint)
        }
        let approval = e.decision == .approval
        if let t = e.tier, t.text != "none" {
            if !tiers.containsBytes(t.text) { unknown(t, "tier", tiers + ["none"]) }
            else if !approval {
                sink.emit(.impossibleExpectation, "a \(e.decision.rawValue) decision has no tier", at: t.location, hint: "write 'tier: none', or expect 'decision: approval'")
            }
        }
        for s in e.specialists ?? [] where !panels.containsBytes(s.text) { unknown(s, "specialist panel", panels) }
        if !approval, let s = e.specialists?.first {
            sink.emit(.impossibleExpectation, "a \(e.decision.rawValue) decision has no specialists", at: s.location, hint: "write 'specialists: []', or expect 'decision: approval'")
        }
        for a in e.approvals ?? [] where !(tiers.containsBytes(a.text) || panels.containsBytes(a.text)) { unknown(a, "tier or specialist panel", tiers + panels) }
        if !approval, let a = e.approvals?.first {
            sink.emit(.impossibleExpectation, "a \(e.decision.rawValue) decision has no approvals", at: a.location, hint: "write 'approvals: []', or expect 'decision: approval'")
        }
        for r in e.reasons ?? [] where !known.ruleSet.contains(r.text) { unknown(r, "rule", known.rules) }
        for a in e.assumed ?? [] where !TestFileFields.assumedFields.contains(a.text) && !a.text.hasPrefix("attributes.") {
            unknown(a, "field that can be assumed", TestFileFields.assumedFields)
        }
    }
}
