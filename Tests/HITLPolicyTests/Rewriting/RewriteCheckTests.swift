import Testing
@testable import HITLPolicy

/// The self-check refuses an edit that does more, or other, than the change: a planner that
/// proposes a wrong edit gets the change skipped with the reason, and nothing is written.
@Suite("Policy rewrite (fails closed)")
struct RewriteCheckTests {
    static let policy = """
        version: 1
        name: check
        currency: USD
        tiers:
          - name: team
            approvers: [leads]
            sla: 4h
        capabilities:
          refund: approval
          payout: approval   # stays as it is
          lookup: {stage: autonomous, description: Reads orders}
        compliance:
          - id: big-payouts
            when: {capability: payout, amount: {over: 100}}
            tier: team
        """ + "\n"

    static let refund = StageChange(capability: "refund", from: .approval, to: .review)
    static let payout = StageChange(capability: "payout", from: .approval, to: .review)

    /// The offset of `needle` in the policy (the first one).
    static func offset(_ needle: String) -> Range<Int> {
        let bytes = Array(policy.utf8), n = Array(needle.utf8)
        let i = (0...(bytes.count - n.count)).first { bytes[$0..<($0 + n.count)].elementsEqual(n) }!
        return i..<(i + n.count)
    }

    /// Rewrites with a planner that proposes `wrong` for refund (payout planned rightly).
    static func rewrite(_ wrong: [TextEdit], changes: [StageChange] = [refund]) -> PolicyRewrite {
        PolicyRewriter.apply(changes, toPolicyText: policy, path: "check.yaml") { planner, change throws(RewritePlanner.Refusal) in
            change.capability == "refund" ? wrong : try planner.plan(change)
        }
    }

    static let refundValue = offset("approval\n  payout")
    static var refundWord: Range<Int> { refundValue.lowerBound..<(refundValue.lowerBound + 8) }

    static let wrongEdits: [(name: String, edits: [TextEdit], reason: String)] = [
        ("also moves payout",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true}"),
          TextEdit(range: offset("approval   #").lowerBound..<(offset("approval   #").lowerBound + 8), replacement: "autonomous")],
         "would also change another capability entry (payout"),
        ("moves a compliance threshold",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true}"),
          TextEdit(range: offset("100"), replacement: "200")],
         "would also change the rule compliance.big-payouts"),
        ("moves the wrong way somewhere",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true, spend: [{over: 0, stage: disabled}]}")],
         "should only be loosened"),
        ("adds a band to the moved entry",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true, spend: [{over: 1000, tier: team}]}")],
         "would decide refund otherwise than the step alone does"),
        ("lands on another rung",
         [TextEdit(range: refundWord, replacement: "autonomous")],
         "would make 'refund' autonomous, not autonomous with review"),
        ("breaks the policy",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: maybe}")],
         "would not lint clean"),
        ("draws a new warning",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true, x-lint: {disable: HP999}}")],
         "new warning (HP800"),
        ("changes another entry's description",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true}"),
          TextEdit(range: offset("Reads"), replacement: "Writes")],
         "another capability entry (lookup"),
        ("changes a tier",
         [TextEdit(range: refundWord, replacement: "{stage: autonomous, review: true}"),
          TextEdit(range: offset("4h"), replacement: "8h")],
         "would also change"),
    ]

    @Test(arguments: wrongEdits.indices)
    func aWrongEditIsSkipped(_ i: Int) {
        let (name, edits, reason) = Self.wrongEdits[i]
        let r = Self.rewrite(edits, changes: [Self.refund, Self.payout])
        #expect(r.applied == [Self.payout], "\(name)")
        #expect(r.skipped.map(\.change) == [Self.refund], "\(name)")
        #expect(r.skipped.first?.reason.contains(reason) == true, "\(name): \(r.skipped.first?.reason ?? "")")
        // Only payout's own edit was written.
        #expect(r.text == Self.policy.replacingOccurrences(of: "payout: approval", with: "payout: {stage: autonomous, review: true}"), "\(name)")
        RewriteInvariants.check(r, original: Self.policy, changes: [Self.refund, Self.payout])
    }

    /// The right edit passes the same check (so each refusal above is the check's doing).
    @Test func theRightEditPasses() {
        let r = Self.rewrite([TextEdit(range: Self.refundWord, replacement: "{stage: autonomous, review: true}")])
        #expect(r.applied == [Self.refund] && r.skipped.isEmpty)
    }

    @Test func verifyRefusesAnotherCapabilitysChange() throws {
        let old = try RewriteCheck.state(Array(Self.policy.utf8), file: "a.yaml")
        let moved = Self.policy.replacingOccurrences(of: "payout: approval", with: "payout: autonomous")
        #expect(throws: RewritePlanner.Refusal.self) {
            try RewriteCheck.verify(Array(moved.utf8), against: old, changes: [Self.refund], file: "a.yaml")
        }
        _ = try RewriteCheck.verify(Array(moved.utf8), against: old,
                                    changes: [StageChange(capability: "payout", from: .approval, to: .autonomous)], file: "a.yaml")
    }
}
