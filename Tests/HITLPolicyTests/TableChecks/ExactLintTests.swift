import Foundation
import Testing
@testable import HITLPolicy

/// Lint's advice never loosens a policy: every rule and band it calls ineffective (HP601,
/// HP600) can be removed, all of them together, without changing any decision (by the diff
/// engine, missing values included); a rule that fires only on missing data is not called
/// ineffective.
@Suite("Exact lint: removing what lint calls ineffective changes no decision")
struct ExactLintTests {
    static let fixtures = ((try? Repo.files(in: "fixtures/invalid", ext: "yaml")) ?? [])
        + ((try? Repo.policies(in: "policies")) ?? [])

    /// The policy and its lint findings, when it has no errors.
    static func lint(_ text: String, file: String) -> (Policy, [Diagnostic])? {
        let loaded = PolicyLoader.load(Array(text.utf8), file: file, checkTableSize: true)
        guard let policy = loaded.policy else { return nil }
        return (policy, loaded.diagnostics)
    }

    /// The policy without the compliance rules and bands at the findings' locations.
    static func removing(_ findings: [Diagnostic], from policy: Policy) -> (Policy, removed: Int) {
        let places = Set(findings.map(\.location))
        var p = policy
        var removed = 0
        p.compliance.removeAll { rule in
            let hit = places.contains(rule.location)
            if hit { removed += 1 }
            return hit
        }
        for e in p.capabilities.indices {
            for f in p.capabilities[e].bandLists.indices {
                let before = p.capabilities[e].bandLists[f].count
                p.capabilities[e].bandLists[f].removeAll { places.contains($0.location) }
                removed += before - p.capabilities[e].bandLists[f].count
            }
        }
        return (p, removed)
    }

    /// Whether the two policies decide every action alike.
    static func sameDecisions(_ a: Policy, _ b: Policy) throws -> DiffReport {
        let old = try TableCompiler.compile(a, digest: "a", diagrams: false)
        let new = try TableCompiler.compile(b, digest: "b", diagrams: false)
        return try PolicyDiff.diff(old: old, new: new)
    }

    /// Checks one policy text: each finding alone, then all of them together.
    static func check(_ text: String, file: String) throws -> Int {
        guard let (policy, diagnostics) = lint(text, file: file) else { return 0 }
        let ineffective = diagnostics.filter { $0.code == .ineffectiveRule || $0.code == .ineffectiveBand }
        for d in ineffective {
            let (without, removed) = removing([d], from: policy)
            #expect(removed == 1, "\(file): \(d.message) names no rule or band at \(d.location)")
            let report = try sameDecisions(policy, without)
            #expect(report.isEmpty, "\(file): removing as advised changes decisions: \(d.message)\n\(report.regions.prefix(3).map { "\($0.capabilities.map(\.label)) \($0.conditions.map(\.text)): \($0.old) → \($0.new)" })")
        }
        if ineffective.count > 1 {
            let report = try sameDecisions(policy, removing(ineffective, from: policy).0)
            #expect(report.isEmpty, "\(file): removing every rule lint calls ineffective changes decisions")
        }
        return ineffective.count
    }

    @Test("fixtures and example policies", arguments: fixtures)
    func fixture(path: String) throws {
        _ = try Self.check(String(decoding: try Repo.bytes(path), as: UTF8.self), file: path)
    }

    @Test("generated policies", arguments: GeneratedPolicy.standard)
    func generated(policy: GeneratedPolicy) throws {
        _ = try Self.check(policy.yaml, file: policy.file)
    }

    /// Small random policies dense in overlapping rules: ranges (empty ones too), tags,
    /// patterns and effects from a short list, so shadowing and duplicates are common.
    @Test("random overlapping rules")
    func randomOverlaps() throws {
        var reported = 0
        for seed in 0..<60 {
            reported += try Self.check(Self.randomPolicy(seed: UInt64(seed)), file: "random-\(seed).yaml")
        }
        #expect(reported >= 20, "too few ineffective rules to test the advice on: \(reported)")
    }

    static func randomPolicy(seed: UInt64) -> String {
        var rng = SplitMix(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        func pick<T>(_ xs: [T]) -> T { xs[rng.below(xs.count)] }
        var lines = ["version: 1", "name: random", "currency: USD", "defaults:", "  sla: 4h", "  stage: \(pick(["disabled", "approval", "autonomous"]))",
                     "tiers:", "  - name: team", "    approvers: [a]", "  - name: lead", "    approvers: [b]",
                     "specialists:", "  privacy:", "    approvers: [c]", "capabilities:"]
        for name in ["transfer", "refund", "ops.restart"] {
            switch rng.below(4) {
            case 0: lines.append("  \(name): \(pick(["autonomous", "approval", "disabled"]))")
            default:
                lines += ["  \(name):", "    stage: \(pick(["autonomous", "approval"]))", "    spend:",
                          "      - over: \(pick([0, 100, 1000]))", "        tier: \(pick(["team", "lead"]))"]
            }
        }
        lines.append("compliance:")
        let scopes = ["", "capability: transfer, ", "capability: [transfer, refund], ", "capability: \"ops.*\", ", "capability: wipe, "]
        let conditions = ["amount: {over: 500}", "amount: {over: 5000}", "amount: {over: 500, under: 100}", "amount: {at_least: 100, at_most: 1000}",
                          "tags: [pii]", "tags: [pii, bulk]", "confidence: {below: 0.5}", "reversible: false", "attributes: {env: prod}"]
        let effects = ["tier: team", "tier: lead", "stage: approval", "stage: disabled", "review: true", "specialists: [privacy]"]
        for k in 0..<(4 + rng.below(5)) {
            lines += ["  - id: r\(k)", "    when: {\(pick(scopes))\(pick(conditions))}", "    \(pick(effects))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a rule whose range no value satisfies still fires on missing data: not ineffective, and removing it loosens")
    func missingDataRule() throws {
        let path = "fixtures/invalid/missing-data-rules.yaml"
        let (policy, diagnostics) = try #require(Self.lint(String(decoding: try Repo.bytes(path), as: UTF8.self), file: path))
        let rule = try #require(policy.compliance.first { $0.id == "inverted-bounds" })
        #expect(!diagnostics.contains { $0.code == .ineffectiveRule && $0.location == rule.location })
        let bounds = try #require(diagnostics.first { $0.code == .contradictoryBounds && $0.message.contains("'inverted-bounds'") })
        #expect(bounds.message.contains("fires only for actions that omit 'amount'"))
        #expect(!(bounds.hint ?? "").contains("remove"))
        var without = policy
        without.compliance.removeAll { $0.id == "inverted-bounds" }
        #expect(try Self.sameDecisions(policy, without).weakened)
    }

    @Test("every autonomous capability HP609 names is decided autonomous without the rule and not with it, when the action sends nothing")
    func autonomyFindingsAreReal() throws {
        let path = "fixtures/invalid/autonomy-needs-data.yaml"
        let (policy, diagnostics) = try #require(Self.lint(String(decoding: try Repo.bytes(path), as: UTF8.self), file: path))
        let findings = diagnostics.filter { $0.code == .autonomyNeedsData }
        #expect(findings.count == 2)
        let table = try TableCompiler.compile(policy, digest: "")
        for d in findings {
            let rule = try #require(policy.compliance.first { $0.location == d.location })
            var without = policy
            without.compliance.removeAll { $0.id == rule.id }
            let freed = try TableCompiler.compile(without, digest: "")
            #expect(!d.notes.isEmpty)
            for note in d.notes {
                let name = try #require(note.message.split(separator: "'").dropFirst().first.map(String.init))
                // Actions that omit some of what the rules test (an amount of 0 keeps spend bands quiet,
                // `reversible: true` the other rule): one of them loses autonomy to this rule alone.
                let actions = ["", ",\"amount\":0", ",\"reversible\":true", ",\"amount\":0,\"reversible\":true"].map { "{\"capability\":\"\(name)\"\($0)}" }
                let lost = try actions.contains { a in
                    try DiffGoldenTests.decide(table, a).stage != "autonomous" && DiffGoldenTests.decide(freed, a).stage == "autonomous"
                }
                #expect(lost, "\(rule.id): \(name)")
            }
            if rule.id == "large-spend" { #expect(!d.message.contains("purchase_reserved"), "\(d.message)") }
        }
    }
}
