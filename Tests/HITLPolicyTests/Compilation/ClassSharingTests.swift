import Testing
@testable import HITLPolicy

/// Compile builds one diagram per distinct class content (what its rules test and
/// contribute), matches entry rules to capabilities, and keeps rules in source order.
@Suite("Classes alike share a diagram")
struct ClassSharingTests {
    static let header = """
        version: 1
        name: sharing
        currency: USD
        defaults: {stage: disabled, sla: 1h}
        tiers:
          - name: team
            approvers: [t]
          - name: lead
            approvers: [l]

        """

    static func table(_ text: String) throws -> DecisionTable {
        let result = PolicyCompilation.compile(Array(text.utf8), file: "sharing.yaml")
        let table = try #require(result.table, "\(result.diagnostics.map(\.message))")
        #expect(table.validate() == nil)
        return table
    }

    static func root(_ table: DecisionTable, _ name: String) throws -> Int32 {
        try #require(table.classes.first { $0.kind == .exact && $0.name == name }).root
    }

    static func band(_ over: Int, _ tier: String) -> String {
        "{stage: autonomous, spend: [{over: \(over), tier: \(tier)}]}"
    }

    @Test("capabilities with the same bands share one root; other bands or effects do not")
    func sharing() throws {
        let table = try Self.table(Self.header + """
            capabilities:
              a: \(Self.band(100, "team"))
              b: \(Self.band(100, "team"))
              c: \(Self.band(200, "team"))
              d: \(Self.band(100, "lead"))

            """)
        let (a, b, c, d) = (try Self.root(table, "a"), try Self.root(table, "b"), try Self.root(table, "c"), try Self.root(table, "d"))
        #expect(a == b)
        #expect(a != c)
        #expect(a != d)
        // Each class still names its own entry rule.
        for name in ["a", "b", "c", "d"] {
            let cls = try #require(table.classes.first { $0.name == name })
            #expect(table.rules[cls.entryRule].path == "capabilities.\(name)")
        }
    }

    @Test("capabilities listed out of source order still get their own entry rules")
    func outOfOrder() throws {
        let text = Self.header + """
            capabilities:
              a: autonomous
              b: {stage: approval, tier: lead}
              c: disabled
              d: {stage: autonomous, review: true}

            """
        var policy = try #require(PolicyLoader.load(Array(text.utf8), file: "sharing.yaml").policy)
        policy.capabilities.reverse()
        let table = try TableCompiler.compile(policy, digest: "")
        for cls in table.classes where cls.kind == .exact {
            #expect(table.rules[cls.entryRule].path == "capabilities.\(cls.name)")
        }
        #expect(Set(table.classes.filter { $0.kind == .exact }.map(\.name)) == ["a", "b", "c", "d"])
    }

    @Test("rules follow source order when defaults are written last")
    func defaultsLast() throws {
        let table = try Self.table("""
            version: 1
            name: late-defaults
            tiers:
              - name: team
                approvers: [t]
            capabilities:
              a: autonomous
              b: approval
            defaults: {stage: disabled, sla: 1h}

            """)
        #expect(table.rules.map(\.path) == ["capabilities.a", "capabilities.b", "defaults.stage"])
    }
}

/// `NoTiersCheck.usesDefaultTier` answers what `defaultTierUses` lists, without the list.
@Suite("Default tier use")
struct DefaultTierUseTests {
    @Test("agrees with the list on every example policy and on small cases", arguments: [
        "capabilities: {a: approval}", "capabilities: {a: autonomous}", "capabilities: {a: {stage: approval, tier: team}}",
        "capabilities: {a: {stage: autonomous, spend: [{over: 5, stage: approval}]}}",
        "capabilities: {a: {stage: autonomous, spend: [{over: 5, tier: team}]}}",
        "capabilities: {a: autonomous}\ncompliance: [{id: r, when: {tags: [x]}, stage: approval}]",
        "capabilities: {a: autonomous}\ncompliance: [{id: r, when: {tags: [x]}, tier: team}]",
        "defaults: {stage: approval}\ncapabilities: {a: autonomous}",
    ])
    func agrees(_ body: String) throws {
        let text = "version: 1\nname: d\ncurrency: USD\ntiers: [{name: team, approvers: [t], sla: 1h}]\n" + body + "\n"
        let policy = try #require(PolicyLoader.load(Array(text.utf8), file: "d.yaml").policy)
        #expect(NoTiersCheck.usesDefaultTier(policy) == !NoTiersCheck.defaultTierUses(policy).isEmpty)
    }

    @Test("agrees on the example policies")
    func examples() throws {
        for name in ["payments", "platform", "support", "healthcare"] {
            let policy = try #require(PolicyLoader.load(try Repo.bytes("policies/\(name).yaml"), file: name).policy)
            #expect(NoTiersCheck.usesDefaultTier(policy) == !NoTiersCheck.defaultTierUses(policy).isEmpty)
        }
    }
}
