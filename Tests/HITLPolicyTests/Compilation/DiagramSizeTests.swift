import Foundation
import Testing
@testable import HITLPolicy

/// Policies built from `policies/payments.yaml` plus many independent compliance rules.
enum GeneratedPolicies {
    /// `n` rules `when: {tags: [tK]}` → `tier: lead`, each on its own tag.
    static func tagRules(_ n: Int) throws -> String {
        try base() + (0..<n).map { "  - id: tag-rule-\($0)\n    when:\n      tags: [t\($0)]\n    tier: lead\n" }.joined()
    }

    /// `n` rules `when: {attributes: {aK: [vJ]}}` → `tier: lead` (`values` values per attribute).
    static func attributeRules(_ n: Int, values: Int = 50) throws -> String {
        try base() + (0..<n).map { "  - id: attr-rule-\($0)\n    when:\n      attributes: {a\($0 / values): [v\($0 % values)]}\n    tier: lead\n" }.joined()
    }

    /// `n` rules `when: {tags: [tK]}`, each adding its own specialist panel: 2^n decisions.
    static func panelRules(_ n: Int) throws -> String {
        let panels = (0..<n).map { "  panel\($0):\n    approvers: [team\($0)]\n    sla: 1h\n" }.joined()
        return try base().replacing("specialists:\n", with: "specialists:\n" + panels)
            + (0..<n).map { "  - id: panel-rule-\($0)\n    when:\n      tags: [t\($0)]\n    specialists: [panel\($0)]\n" }.joined()
    }

    static func base() throws -> String { String(decoding: try Repo.bytes("policies/payments.yaml"), as: UTF8.self) }

    static func policy(_ text: String) throws -> Policy {
        let loaded = PolicyLoader.load(Array(text.utf8), file: "generated.yaml")
        return try #require(loaded.policy, "\(loaded.diagnostics.map(\.message))")
    }

    static func size(_ text: String) throws -> Int {
        let table = try TableCompiler.compile(try policy(text), digest: "")
        #expect(table.validate() == nil)
        return table.nodes.count + table.outcomes.count
    }
}

/// Leaves hold decisions, so rules with the same effect do not multiply the diagram.
@Suite struct DiagramSizeTests {
    /// N tag rules with one effect: the table grows by the same amount for each rule
    /// (it was 2^N leaves when leaves listed the rules that fired).
    @Test func sameEffectTagRulesAreLinear() throws {
        let s10 = try GeneratedPolicies.size(try GeneratedPolicies.tagRules(10))
        let s20 = try GeneratedPolicies.size(try GeneratedPolicies.tagRules(20))
        let s40 = try GeneratedPolicies.size(try GeneratedPolicies.tagRules(40))
        #expect(s40 - s20 == 2 * (s20 - s10))
        #expect(s40 < 2_000)
    }

    /// The same for attribute rules (two attributes of 50 values, then four).
    @Test func sameEffectAttributeRulesAreLinear() throws {
        let s100 = try GeneratedPolicies.size(try GeneratedPolicies.attributeRules(100))
        let s200 = try GeneratedPolicies.size(try GeneratedPolicies.attributeRules(200))
        let s400 = try GeneratedPolicies.size(try GeneratedPolicies.attributeRules(400))
        #expect(s400 - s200 == 2 * (s200 - s100))
        #expect(s400 < 2_000)
    }

    /// A thousand same-effect rules compile into a small table.
    @Test func thousandRulesCompile() throws {
        #expect(try GeneratedPolicies.size(try GeneratedPolicies.tagRules(1_000)) < 20_000)
        #expect(try GeneratedPolicies.size(try GeneratedPolicies.attributeRules(1_000)) < 20_000)
    }

    /// Where decisions multiply (a panel per tag), the leaves are the distinct decisions.
    @Test func distinctPanelsAreBoundedByDecisions() throws {
        let table = try TableCompiler.compile(try GeneratedPolicies.policy(try GeneratedPolicies.panelRules(8)), digest: "")
        #expect(Set(table.outcomes.map(\.requirement)).count == table.outcomes.count)
        #expect(table.outcomes.count <= 4 * 256 + 20)
    }
}
