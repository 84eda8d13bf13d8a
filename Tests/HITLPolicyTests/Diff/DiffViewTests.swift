import Foundation
import Testing
@testable import HITLPolicy

/// What a reviewer meets in a diff: a new policy reads as new, a region says who still
/// approves, and the counts read as sentences.
@Suite("Diff views")
struct DiffViewTests {
    static let priced = """
        version: 1
        name: shop
        currency: USD
        exchange_rates:
          EUR: 1.08
        tiers:
          - name: team
            approvers: [team-group]
        capabilities:
          refund:
            stage: autonomous
            spend:
              - over: 100
                tier: team
          lookup: autonomous

        """

    /// A new file (the empty policy, no currency) invents no exchange-rate edit: one group
    /// per capability, no region per currency, nothing "converted at 1".
    @Test func newPolicyInventsNoEdit() throws {
        let empty = try DiffVerdictTests.table("version: 1\nname: shop\n")
        let report = try PolicyDiff.diff(old: empty, new: DiffVerdictTests.table(Self.priced), absent: .old)
        #expect(report.groups.map(\.edit) == ["new policy: enables lookup", "new policy: enables refund"])
        #expect(report.groups.allSatisfy { $0.kind == "new_policy" })
        #expect(report.regions.allSatisfy { $0.currency == nil })
        #expect(report.approverChanges.allSatisfy { $0.subject == "tier" }, "\(report.approverChanges.map(\.text))")
        let text = DiffTextReporter(color: false).render(report)
        for invented in ["exchange rate", "amounts sent in", "converted at", "1 → 1"] { #expect(!text.contains(invented), "\(invented)\n\(text)") }
        #expect(text.contains("new policy: enables refund in 3 regions"), "\(text)")
        #expect(text.contains("LOOSENED   refund (3 regions): disabled → autonomous or approval (tier team)"), "\(text)")
    }

    /// An old policy with no `currency` reads no amount: its rates are the new one's, so the
    /// only currency change is the one it makes (other currencies are now refused).
    @Test func oldPolicyWithoutCurrency() throws {
        let old = try DiffVerdictTests.table("version: 1\nname: shop\ncapabilities:\n  refund: autonomous\n  lookup: autonomous\n")
        let report = try PolicyDiff.diff(old: old, new: DiffVerdictTests.table(Self.priced))
        #expect(report.groups.map(\.kind) == ["rule"], "\(report.groups.map(\.edit))")
        #expect(report.regions.allSatisfy { $0.currency == nil })
        #expect(report.approverChanges.map(\.text).filter { $0.contains("currenc") }
            == ["amounts in other currencies were not read (the old policy has no amount rules) and are now invalid (unknown currency)"])
        let text = DiffTextReporter(color: false, regions: true).render(report)
        #expect(!text.contains("exchange rate") && !text.contains("amounts sent in"), "\(text)")
        #expect(text.contains("when amount over 100 USD"), "\(text)")
    }

    /// A panel both sides require is shown on both: never a bare `approval` when someone
    /// still approves.
    @Test func regionSaysWhoStillApproves() throws {
        func policy(_ refund: String) -> String {
            """
            version: 1
            name: shop
            tiers:
              - name: team
                approvers: [team-group]
            specialists:
              privacy:
                approvers: [dpo]
            capabilities:
              refund:
                \(refund)
            compliance:
              - id: pii
                when:
                  tags: [pii]
                specialists: [privacy]

            """
        }
        let report = try PolicyDiff.diff(old: DiffVerdictTests.table(policy("stage: approval\n    tier: team")),
                                         new: DiffVerdictTests.table(policy("stage: autonomous")))
        let pii = try #require(report.regions.first { $0.conditions.contains { $0.field == "tags.pii" && $0.text == "present" } })
        #expect(pii.old.description == "approval (tier team; specialists privacy)")
        #expect(pii.new.description == "approval (specialists privacy)")
        #expect(pii.classification == .loosened)
        let json = DiffJSONReporter.render(report)
        #expect(json.contains("\"specialists\": [\n          \"privacy\"\n        ]"), "\(json)")
        let text = DiffTextReporter(color: false, regions: true).render(report)
        #expect(text.contains("LOOSENED   refund: approval (tier team; specialists privacy) → approval (specialists privacy)"), "\(text)")
    }

    /// Regions and approver changes are counted apart, in words.
    @Test func headline() throws {
        let (old, new) = try DiffGoldenTests.tables("25-four-edits")
        let text = DiffTextReporter(color: false).render(try PolicyDiff.diff(old: old, new: new))
        #expect(text.split(separator: "\n")[1] == "105 regions (60 loosened, 45 tightened); 1 approver or currency change (changed)")
        let (a, b) = try DiffGoldenTests.tables("08-remove-compliance-rule")
        let removal = DiffTextReporter(color: false).render(try PolicyDiff.diff(old: a, new: b))
        #expect(removal.split(separator: "\n")[1] == "93 regions (all loosened); no approver or currency changes")
    }
}
