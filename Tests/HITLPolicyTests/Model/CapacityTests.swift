import Foundation
import Testing
@testable import HITLPolicy

/// `capacity` on tiers and panels (SPEC §3, v1.1): parsed and validated, carried in the
/// model and the artifact, shown by compile's views, ignored by eval.
@Suite("Reviewer capacity")
struct CapacityTests {
    static let policy = """
        version: 1
        name: cap
        tiers:
          - name: team
            approvers: [leads]
            sla: 1h
            capacity: 120/day
          - name: lead
            approvers: [heads]
            sla: 1h
        specialists:
          privacy:
            approvers: [dpo]
            sla: 8h
            capacity: 15/h
        capabilities:
          refund: {stage: approval, tier: team}
          deploy: {stage: approval, tier: lead}
        compliance:
          - id: pii
            when: {tags: [pii]}
            specialists: [privacy]

        """

    @Test(arguments: [("120/day", "120/day"), ("10/h", "10/h"), ("500/week", "500/week"), ("007/day", "7/day"),
                      ("1000000000/week", "1000000000/week")])
    func parses(text: String, canonical: String) throws {
        #expect(try Capacity.parse(text).get().description == canonical)
    }

    @Test func refuses() {
        #expect(Capacity.parse("0/day") == .failure(.zero))
        #expect(Capacity.parse("000/h") == .failure(.zero))
        #expect(Capacity.parse("1000000001/day") == .failure(.tooLarge))
        #expect(Capacity.parse("99999999999999999999999999/day") == .failure(.tooLarge))
        for bad in ["120", "120/hour", "120/days", "/day", "-1/day", "+1/day", "1.5/day", "12 /day", "1e3/day", "120/day/h", "", "١٢/day"] {
            #expect(Capacity.parse(bad) == .failure(.malformed), "\(bad)")
        }
    }

    @Test func lintAcceptsIt() throws {
        #expect(lintText(Self.policy).isEmpty, "\(lintText(Self.policy).map(\.message))")
        let loaded = PolicyLoader.load(Array(Self.policy.utf8), file: "cap.yaml")
        let policy = try #require(loaded.policy)
        #expect(policy.tiers[0].capacity == Capacity(count: 120, period: .day))
        #expect(policy.tiers[1].capacity == nil)
        #expect(policy.specialists[0].capacity == Capacity(count: 15, period: .hour))
    }

    @Test func zeroAndMalformedAreErrors() throws {
        let zero = lintText(Self.policy.replacing("capacity: 120/day", with: "capacity: 0/day"))
        let z = try #require(zero.first { $0.code.id == "HP214" })
        #expect(z.severity == .error)
        #expect(z.location.line == 7)
        #expect(z.hint?.contains("stage: disabled") == true)
        let bare = lintText(Self.policy.replacing("capacity: 15/h", with: "capacity: 15"))
        #expect(bare.first { $0.code.id == "HP214" }?.hint?.contains("'15/day'") == true, "\(bare.map(\.message))")
        let list = lintText(Self.policy.replacing("capacity: 15/h", with: "capacity: [15/h]"))
        #expect(list.contains { $0.code.id == "HP214" })
        #expect(!lintText(Self.policy.replacing("capacity: 15/h", with: "capacity: 15/hour")).isEmpty)
    }

    @Test func carriedInTheArtifactAndViews() throws {
        let table = try #require(PolicyCompilation.compile(Array(Self.policy.utf8), file: "cap.yaml").table)
        #expect(table.approvers.map(\.capacity) == ["120/day", nil, "15/h"])
        let artifact = PolicyCompilation.artifact(table)
        #expect(artifact.contains("{\"approvers\":[\"leads\"],\"capacity\":\"120/day\",\"kind\":"))
        let reread = try TableArtifactReader.read(Array(artifact.utf8))
        #expect(reread.approvers == table.approvers)
        for format in TableReporter.Format.allCases {
            var text = ""
            TableReporter(table).render(format) { text += $0 }
            #expect(text.contains("team (120/day)"), "\(format)")
            #expect(text.contains("privacy (15/h)"), "\(format)")
            #expect(!text.contains("lead ("), "\(format)")
        }
        // A tampered capacity is refused.
        let bad = artifact.replacing("\"capacity\":\"120/day\"", with: "\"capacity\":\"0/day\"")
        #expect(PolicyCompilation.load(Array(bad.utf8), file: "t.json").failure?.contains("capacity") == true)
    }

    /// Eval ignores capacity, and an action's `time` (even a malformed one).
    @Test func evalIgnoresCapacityAndTime() throws {
        let with = try #require(PolicyCompilation.compile(Array(Self.policy.utf8), file: "cap.yaml").table)
        var without = with
        for i in without.approvers.indices { without.approvers[i].capacity = nil }
        let actions = """
            {"id":1,"capability":"refund","tags":["pii"]}
            {"id":2,"capability":"refund","tags":["pii"],"time":"2026-11-20T14:03:07Z"}
            {"id":3,"capability":"deploy","time":"not a time"}
            {"id":4,"capability":"deploy","time":12}
            """
        let a = try TableGoldenTests.eval(with, actions)
        #expect(a == (try TableGoldenTests.eval(without, actions)))
        #expect(!a.contains("capacity"))
        #expect(!a.contains("invalid"))
        let lines = a.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].replacing("\"id\":1", with: "\"id\":2") == lines[1])
    }
}
