import Foundation
import Testing
@testable import HITLPolicy

/// Names are bytes (SPEC §3): two spellings of one word that differ only in Unicode
/// normalisation are two names everywhere — in the policy (no duplicate, both kept), in
/// actions (each gets the decision of exactly its spelling), and in diffs.
@Suite("Names are compared as bytes")
struct NameBytesTests {
    /// `café` composed (NFC) and decomposed (NFD); Swift's `String ==` calls them equal.
    static let nfc = "caf\u{E9}"
    static let nfd = "cafe\u{301}"

    static let header = """
        version: 1
        name: names
        defaults: {stage: autonomous, sla: 1h}
        tiers:
          - name: team
            approvers: [t]
          - name: lead
            approvers: [l]

        """

    static func compile(_ text: String) throws -> DecisionTable {
        let result = PolicyCompilation.compile(Array(text.utf8), file: "names.yaml")
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.message))")
        return try #require(result.table)
    }

    static func decide(_ table: DecisionTable, _ action: String) throws -> DiffGoldenTests.Decided {
        try DiffGoldenTests.decide(table, action)
    }

    /// Names as bytes: `String ==` would call the two spellings equal.
    static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func bytes(_ list: [String]) -> [[UInt8]] { list.map(utf8) }

    /// JSON for a string, with the name's bytes written raw.
    static func json(_ s: String) -> String { "\"\(s)\"" }

    @Test("two spellings of a capability are two entries", arguments: [(nfc, nfd), (nfd, nfc)])
    func exactCapabilities(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            capabilities:
              \(Self.json(disabled)): disabled
              \(Self.json(other)): {stage: approval, tier: lead}

            """)
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(disabled))}").stage == "disabled")
        let o = try Self.decide(table, "{\"capability\":\(Self.json(other))}")
        #expect(o.stage == "approval" && o.approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("two spellings of a pattern prefix are two patterns", arguments: [(nfc, nfd), (nfd, nfc)])
    func patternPrefixes(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            capabilities:
              \(Self.json(disabled + ".*")): disabled
              \(Self.json(other + ".*")): {stage: approval, tier: lead}

            """)
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(disabled + ".x"))}").stage == "disabled")
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(other + ".x"))}").approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("compliance conditions on either spelling of a capability", arguments: [(nfc, nfd), (nfd, nfc)])
    func capabilityConditions(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            compliance:
              - id: a
                when: {capability: \(Self.json(disabled))}
                stage: disabled
              - id: b
                when: {capability: [\(Self.json(other + "*"))]}
                tier: lead

            """)
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(disabled))}").stage == "disabled")
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(other))}").approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
        #expect(try Self.decide(table, "{\"capability\":\(Self.json(other + "x"))}").approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("two spellings of a tag are two tags", arguments: [(nfc, nfd), (nfd, nfc)])
    func tags(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            compliance:
              - id: a
                when: {tags: [\(Self.json(disabled))]}
                stage: disabled
              - id: b
                when: {tags: {all: [\(Self.json(other))]}}
                tier: lead

            """)
        #expect(try Self.decide(table, "{\"capability\":\"x\",\"tags\":[\(Self.json(disabled))]}").stage == "disabled")
        let o = try Self.decide(table, "{\"capability\":\"x\",\"tags\":[\(Self.json(other))]}")
        #expect(o.stage == "approval" && o.approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("two spellings of a specialist are two panels", arguments: [(nfc, nfd), (nfd, nfc)])
    func specialists(_ first: String, _ second: String) throws {
        let table = try Self.compile(Self.header + """
            specialists:
              \(Self.json(first)): {approvers: [p1]}
              \(Self.json(second)): {approvers: [p2]}
            compliance:
              - id: a
                when: {capability: x}
                specialists: [\(Self.json(first))]
              - id: b
                when: {capability: y}
                specialists: [\(Self.json(second))]
              - id: c
                when: {capability: z}
                specialists: [\(Self.json(first)), \(Self.json(second))]

            """)
        #expect(try Self.decide(table, "{\"capability\":\"x\"}").approvals.map(Self.utf8) == [first].map(Self.utf8))
        #expect(try Self.decide(table, "{\"capability\":\"y\"}").approvals.map(Self.utf8) == [second].map(Self.utf8))
        #expect(try Self.decide(table, "{\"capability\":\"z\"}").approvals.map(Self.utf8) == [Self.nfd, Self.nfc].map(Self.utf8))
        #expect(table.approvers.filter { $0.kind == .specialist }.map(\.approvers) == [[first.sameBytes(as: Self.nfd) ? "p1" : "p2"], [first.sameBytes(as: Self.nfc) ? "p1" : "p2"]])
    }

    @Test("two spellings of a tier are two rungs", arguments: [(nfc, nfd), (nfd, nfc)])
    func tiers(_ lower: String, _ upper: String) throws {
        let table = try Self.compile("""
            version: 1
            name: names
            defaults: {stage: autonomous, sla: 1h}
            tiers:
              - name: \(Self.json(lower))
                approvers: [low]
                on_timeout: escalate
              - name: \(Self.json(upper))
                approvers: [high]
            capabilities:
              x: {stage: approval, tier: \(Self.json(lower))}
              y: {stage: approval, tier: \(Self.json(upper))}

            """)
        #expect(try Self.decide(table, "{\"capability\":\"x\"}").approvals.map(Self.utf8) == [lower].map(Self.utf8))
        #expect(try Self.decide(table, "{\"capability\":\"y\"}").approvals.map(Self.utf8) == [upper].map(Self.utf8))
        #expect(Self.bytes(table.approvers.map(\.name)) == Self.bytes([lower, upper]))
    }

    @Test("a tier named in the other spelling is undefined")
    func tierReferenceIsByBytes() {
        let d = lintText("""
            version: 1
            name: names
            defaults: {sla: 1h}
            tiers:
              - name: \(Self.json(Self.nfc))
                approvers: [a]
            capabilities:
              x: {stage: approval, tier: \(Self.json(Self.nfd))}

            """)
        #expect(d.contains { $0.code == .undefinedTier })
    }

    @Test("two spellings of an attribute path are two paths", arguments: [(nfc, nfd), (nfd, nfc)])
    func attributePaths(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            compliance:
              - id: a
                when: {attributes: {\(Self.json(disabled)): v}}
                stage: disabled
              - id: b
                when: {attributes: {\(Self.json(other)): v}}
                tier: lead

            """)
        let first = try Self.decide(table, "{\"capability\":\"x\",\"attributes\":{\(Self.json(disabled)):\"v\",\(Self.json(other)):\"w\"}}")
        #expect(first.stage == "disabled")
        let second = try Self.decide(table, "{\"capability\":\"x\",\"attributes\":{\(Self.json(disabled)):\"w\",\(Self.json(other)):\"v\"}}")
        #expect(second.stage == "approval" && second.approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("two spellings of an attribute value are two values", arguments: [(nfc, nfd), (nfd, nfc)])
    func attributeValues(_ disabled: String, _ other: String) throws {
        let table = try Self.compile(Self.header + """
            compliance:
              - id: a
                when: {attributes: {env: \(Self.json(disabled))}}
                stage: disabled
              - id: b
                when: {attributes: {env: [\(Self.json(other))]}}
                tier: lead

            """)
        #expect(try Self.decide(table, "{\"capability\":\"x\",\"attributes\":{\"env\":\(Self.json(disabled))}}").stage == "disabled")
        let o = try Self.decide(table, "{\"capability\":\"x\",\"attributes\":{\"env\":\(Self.json(other))}}")
        #expect(o.stage == "approval" && o.approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
        #expect(table.attributes.first?.values.count == 2)
    }

    @Test("two spellings of a rule id are two rules")
    func ruleIDs() throws {
        let table = try Self.compile(Self.header + """
            compliance:
              - id: \(Self.json(Self.nfc))
                when: {capability: x}
                tier: team
              - id: \(Self.json(Self.nfd))
                when: {capability: x}
                tier: lead

            """)
        #expect(table.rules.filter { $0.kind == .compliance }.count == 2)
        #expect(try Self.decide(table, "{\"capability\":\"x\"}").approvals.map(Self.utf8) == ["lead"].map(Self.utf8))
    }

    @Test("two spellings of a YAML key are two keys")
    func yamlKeys() throws {
        let doc = YAMLParser.parse(Array("\(Self.json(Self.nfc)): 1\n\(Self.json(Self.nfd)): 2\n\"\u{212A}\": 3\nK: 4\n".utf8), file: "t.yaml")
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.root?.pairs?.count == 4)
        let repeated = YAMLParser.parse(Array("\(Self.json(Self.nfd)): 1\n\(Self.json(Self.nfd)): 2\n".utf8), file: "t.yaml")
        #expect(repeated.diagnostics.map(\.code) == [.duplicateKey])
    }

    @Test("tiers and specialists in different spellings do not collide")
    func nameCollision() {
        let d = lintText("""
            version: 1
            name: names
            defaults: {sla: 1h}
            tiers:
              - name: \(Self.json(Self.nfc))
                approvers: [a]
            specialists:
              \(Self.json(Self.nfd)): {approvers: [b]}
            capabilities:
              x: {stage: approval}
            compliance:
              - id: r
                when: {capability: x}
                specialists: [\(Self.json(Self.nfd))]

            """)
        #expect(!d.contains { $0.severity == .error }, "\(d.map(\.message))")
    }

    @Test("a currency code with a Kelvin sign is not KES")
    func currencyCodes() {
        #expect(lintText("version: 1\nname: n\ncurrency: \"\u{212A}ES\"\n").contains { $0.code == .invalidCurrency })
        #expect(lintText("version: 1\nname: n\ncurrency: USD\nexchange_rates: {\"\u{212A}ES\": 2}\n").contains { $0.code == .invalidCurrency })
    }

    @Test("the diff sees a change of spelling")
    func diffSeesSpelling() throws {
        let old = try Self.compile(Self.header + "capabilities:\n  \(Self.json(Self.nfc)): disabled\n")
        let new = try Self.compile(Self.header + "capabilities:\n  \(Self.json(Self.nfd)): disabled\n")
        let report = try PolicyDiff.diff(old: old, new: new)
        let changed = Set(report.regions.flatMap(\.capabilities).map { Array($0.name.utf8) })
        #expect(changed.contains(Array(Self.nfc.utf8)) && changed.contains(Array(Self.nfd.utf8)), "\(report.regions)")
        let same = try PolicyDiff.diff(old: old, new: old)
        #expect(same.regions.isEmpty)
    }

    @Test("the diff sees a specialist panel swapped for its other spelling")
    func diffSeesSpecialistSpelling() throws {
        func policy(_ s: String) -> String {
            Self.header + """
                specialists:
                  \(Self.json(Self.nfc)): {approvers: [p]}
                  \(Self.json(Self.nfd)): {approvers: [q]}
                compliance:
                  - id: r
                    when: {capability: x}
                    specialists: [\(Self.json(s))]
                  - id: keep
                    when: {capability: y}
                    specialists: [\(Self.json(Self.nfc)), \(Self.json(Self.nfd))]

                """
        }
        let report = try PolicyDiff.diff(old: try Self.compile(policy(Self.nfc)), new: try Self.compile(policy(Self.nfd)))
        #expect(report.regions.count == 1)
        #expect(report.regions.first?.classification == .changed)
    }

    @Test("byte keys: equal only when the bytes are")
    func byteName() {
        #expect(Self.nfc == Self.nfd)   // what Swift says, and why ByteName exists
        #expect(ByteName(Self.nfc) != ByteName(Self.nfd))
        #expect(Set([ByteName(Self.nfc), ByteName(Self.nfd), ByteName("\u{212A}"), ByteName("K")]).count == 4)
        #expect(ByteName("K") < ByteName(Self.nfd) && ByteName(Self.nfd) < ByteName(Self.nfc))
        #expect(Requirement(stage: .approval, specialists: [Self.nfc, Self.nfd]).specialists.count == 2)
        #expect(Requirement(stage: .approval, specialists: [Self.nfc]) != Requirement(stage: .approval, specialists: [Self.nfd]))
    }
}
