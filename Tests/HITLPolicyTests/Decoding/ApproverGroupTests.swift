import Testing
@testable import HITLPolicy

/// Approvers written `@name` are groups: "2 of the finance managers" is a quorum above the
/// number listed. The decoder, the table check, decisions and diff agree on it.
@Suite("Group approvers (@name)")
struct ApproverGroupTests {
    static func policy(approvers: String, quorum: String, panel: String = "[dpo]") -> String {
        """
        version: 1
        name: groups
        tiers:
          - name: finance
            approvers: \(approvers)
            quorum: \(quorum)
            sla: 1h
        specialists:
          privacy:
            approvers: \(panel)
            sla: 8h
        capabilities:
          refund:
            stage: approval
            tier: finance
        compliance:
          - id: pii
            when: {tags: [pii]}
            specialists: [privacy]

        """
    }

    @Test("a quorum may exceed the approvers listed when one is a group",
          arguments: [("\"@finance-managers\"", "2"), ("[\"@finance-managers\", cfo]", "5"), ("['@acme/finance']", "3")])
    func groupQuorum(_ approvers: String, _ quorum: String) throws {
        let text = Self.policy(approvers: approvers, quorum: quorum)
        let found = lintText(text).filter { $0.severity == .error }
        #expect(found.isEmpty, "\(found.map(\.message))")
        let table = try DiffVerdictTests.table(text)
        #expect(table.approvers[0].quorum == Int(quorum))
        #expect(table.validate() == nil)
        let reread = try TableArtifactReader.read(PolicyCompilation.artifactBytes(table))
        #expect(reread.validate() == nil)
    }

    @Test func theDecisionShowsTheGroupAsWritten() throws {
        let table = try DiffVerdictTests.table(Self.policy(approvers: "\"@finance-managers\"", quorum: "2"))
        var out: [UInt8] = []
        let line = Array(#"{"capability":"refund"}"#.utf8)
        _ = line.withUnsafeBufferPointer { Evaluator(table: table).evaluate(line: $0, number: 1, into: &out) }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains(#""approvers":["@finance-managers"],"quorum":2"#), "\(text)")
    }

    @Test func allIsRefusedWithAGroup() {
        let found = lintText(Self.policy(approvers: "[\"@finance-managers\", cfo]", quorum: "all")).filter { $0.code == .invalidQuorum }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("'@finance-managers' is a group") == true, "\(found.map(\.message))")
    }

    @Test func withoutAGroupTheCountStillBounds() {
        let found = lintText(Self.policy(approvers: "[finance-managers]", quorum: "2")).filter { $0.code == .invalidQuorum }
        #expect(found.count == 1)
        #expect(found.first?.hint?.contains("'@finance-managers'") == true, "\(found.map { $0.hint ?? "" })")
    }

    @Test("the group grammar", arguments: [
        ("@finance-managers", true), ("@acme/finance", true), ("@a.b_c-9", true),
        ("@", false), ("@x/", false), ("@/x", false), ("@a/b/c", false), ("@finance managers", false), ("@café", false), ("@@x", false),
    ])
    func grammar(_ group: String, _ wellFormed: Bool) {
        #expect(ApproverGroup.isWellFormed(group) == wellFormed)
        let text = Self.policy(approvers: "[\"\(group)\"]", quorum: "1")
        #expect(lintText(text).contains { $0.code == .invalidGroup } == !wellFormed)
    }

    @Test func anEditedTableStillBoundsAQuorumWithoutAGroup() throws {
        var table = try DiffVerdictTests.table(Self.policy(approvers: "\"@finance-managers\"", quorum: "4"))
        #expect(table.validate() == nil)
        table.approvers[0].approvers = ["finance-managers"]
        #expect(table.validate()?.contains("has quorum 4") == true)
    }

    /// Fewer required approvals loosens, more tightens, whether or not the count exceeds
    /// the approvers listed; adding or removing a group string is an approver change.
    @Test func diffClassifiesGroupQuorumChanges() throws {
        func changes(_ a: (String, String), _ b: (String, String)) throws -> [ApproverChange] {
            let old = try DiffVerdictTests.table(Self.policy(approvers: a.0, quorum: a.1))
            let new = try DiffVerdictTests.table(Self.policy(approvers: b.0, quorum: b.1))
            return try PolicyDiff.diff(old: old, new: new).approverChanges
        }
        let g = "\"@finance-managers\""
        let down = try changes((g, "3"), (g, "2"))
        #expect(down.map(\.change) == ["quorum"] && down.first?.classification == .loosened, "\(down)")
        let up = try changes((g, "2"), (g, "3"))
        #expect(up.map(\.change) == ["quorum"] && up.first?.classification == .tightened, "\(up)")
        let added = try changes(("[cfo]", "1"), ("[cfo, \"@finance-managers\"]", "1"))
        #expect(added.map(\.change) == ["approvers"] && added.first?.classification == .loosened, "\(added)")
        #expect(added.first?.text.contains("added @finance-managers") == true, "\(added)")
        let removed = try changes(("[cfo, \"@finance-managers\"]", "3"), ("[cfo, cto, ceo]", "3"))
        #expect(Set(removed.map(\.change)) == ["approvers"] && removed.first?.classification == .changed, "\(removed)")
    }
}
