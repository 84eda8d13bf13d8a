import Testing
@testable import HITLPolicy

/// Ladder edits under shared rules, the `--fail-on loosened` verdict, and counts past the
/// listed regions.
@Suite struct DiffVerdictTests {
    static func table(_ text: String) throws -> DecisionTable {
        try #require(PolicyCompilation.compile(Array(text.utf8), file: "p.yaml").table, "does not compile:\n\(text)")
    }

    static func ladder(_ tiers: [String], panel: String = "privacy", refund: String = "stage: approval\n    tier: team") -> String {
        let blocks = tiers.enumerated().map { k, t in
            "  - name: \(t)\n    approvers: [\(t)-group]\n    on_timeout: \(k == tiers.count - 1 ? "reject" : "escalate")"
        }
        return """
            version: 1
            name: ladder
            tiers:
            \(blocks.joined(separator: "\n"))
            specialists:
              \(panel):
                approvers: [dpo]
            capabilities:
              refund:
                \(refund)
            compliance:
              - id: pii-executive
                when:
                  tags: [pii]
                tier: executive
              - id: pii-privacy
                when:
                  tags: [pii]
                specialists: [\(panel)]

            """
    }

    /// Reordering the ladder moves a refund tagged pii from executive (the top) to team:
    /// a region, though every rule is the same text on both sides.
    @Test func ladderReorderUnderSharedRules() throws {
        let old = try Self.table(Self.ladder(["team", "lead", "executive"]))
        let new = try Self.table(Self.ladder(["executive", "team", "lead"]))
        let report = try PolicyDiff.diff(old: old, new: new)
        let region = try #require(report.regions.first { $0.capabilities.contains(DiffCapability(kind: .exact, name: "refund")) })
        #expect(region.old.tier == "executive" && region.new.tier == "team")
        // The old ladder puts executive above team, the new one below: neither is stricter.
        #expect(region.classification == .changed)
        #expect(report.weakened)
        for r in report.regions {
            let w = try #require(r.witness)
            #expect(try DiffGoldenTests.decide(old, w) != DiffGoldenTests.decide(new, w), "\(w)")
        }
    }

    /// Swapping two tiers with a changed capability: each witness is decided differently.
    @Test func tierSwapUnderSharedRules() throws {
        let old = try Self.table(Self.ladder(["team", "lead", "executive"]))
        let new = try Self.table(Self.ladder(["executive", "lead", "team"], refund: "stage: approval\n    tier: lead"))
        let report = try PolicyDiff.diff(old: old, new: new)
        #expect(!report.regions.isEmpty)
        for r in report.regions {
            let w = try #require(r.witness)
            let (a, b) = (try DiffGoldenTests.decide(old, w), try DiffGoldenTests.decide(new, w))
            #expect(a != b, "\(w): \(r.old) → \(r.new)")
            // The tiers reported are the ones eval gives.
            for (d, o) in [(a, r.old), (b, r.new)] {
                if let t = o.tier { #expect(d.approvals.contains(t), "\(w): \(d.approvals) lacks \(t)") }
            }
        }
    }

    /// A panel renamed (same approvers) next to a real change: the regions are the change's
    /// only, in new panel names.
    @Test func panelRenameUnderSharedRules() throws {
        let old = try Self.table(Self.ladder(["team", "lead", "executive"]))
        let new = try Self.table(Self.ladder(["team", "lead", "executive"], panel: "privacy-office", refund: "stage: approval\n    tier: lead"))
        let report = try PolicyDiff.diff(old: old, new: new)
        #expect(report.approverChanges.contains { $0.change == "renamed" && $0.name == "privacy-office" })
        #expect(report.regions.count == 1)
        for r in report.regions {
            #expect(r.classification == .tightened, "\(r.old) → \(r.new)")
            #expect(r.old.specialists.isEmpty && r.new.specialists.isEmpty, "\(r.old) → \(r.new)")
        }
    }

    /// A higher tier with the privacy panel dropped is `changed`, and weakens oversight.
    @Test func changedRegionWeakens() throws {
        let (old, new) = try DiffGoldenTests.tables("23-tier-up-panel-dropped")
        let report = try PolicyDiff.diff(old: old, new: new)
        #expect(report.count(.loosened) == 0)
        #expect(report.count(.changed) > 0)
        #expect(report.weakened)
        let tightened = try PolicyDiff.diff(old: try Self.table(Self.ladder(["team", "lead", "executive"])),
                                            new: try Self.table(Self.ladder(["team", "lead", "executive"], refund: "stage: approval\n    tier: lead")))
        #expect(!tightened.weakened)
    }

    /// Counting regions without listing them gives at least the listed regions, once per
    /// capability (past the list, regions are not merged across capabilities, nor with
    /// neighbours differing in one condition), and the same classes.
    @Test(arguments: DiffGoldenTests.listedCases)
    func countingAgreesWithListing(_ name: String) throws {
        let (old, new) = try DiffGoldenTests.tables(name)
        let listed = try PolicyDiff.diff(old: old, new: new)
        let counted = try PolicyDiff.diff(old: old, new: new, listing: 0)
        #expect(!listed.truncated)
        for c in DiffClassification.allCases {
            let n = listed.regions.filter { $0.classification == c }.reduce(0) { $0 + $1.capabilities.count }
            #expect(counted.regionCounts[c, default: 0] >= n && (counted.regionCounts[c, default: 0] > 0) == (n > 0), "\(name): \(c)")
        }
        #expect(counted.weakened == listed.weakened)
    }

    /// USD policy, JPY rate `rate`; a panel for 50,000–100,000 USD, tier lead over 100,000
    /// and for one rule over `attributes` attributes × 3 values.
    static func jpy(rate: String, attributes: Int) -> String {
        let attrs = (1...attributes).map { "a\($0): [x, y, z]" }.joined(separator: ", ")
        return """
            version: 1
            name: jpy
            currency: USD
            exchange_rates:
              JPY: \(rate)
            tiers:
              - name: team
                approvers: [team-group]
              - name: lead
                approvers: [lead-group]
            specialists:
              aml:
                approvers: [aml-desk]
            capabilities:
              refund:
                stage: autonomous
                spend:
                  - over: 100000
                    tier: lead
            compliance:
              - id: mid-amounts
                when:
                  amount: { at_least: 50000, at_most: 100000 }
                specialists: [aml]
              - id: wide
                when:
                  attributes: { \(attrs) }
                tier: lead

            """
    }

    /// More regions than are listed: the counts and the verdict still cover them all.
    /// 18,000,000 JPY was 90,000 USD (panel aml) and is now 108,000 USD (tier lead only).
    @Test func countsCoverRegionsNotListed() throws {
        let old = try Self.table(Self.jpy(rate: "0.005", attributes: 7))
        let new = try Self.table(Self.jpy(rate: "0.006", attributes: 7))
        let report = try PolicyDiff.diff(old: old, new: new)
        #expect(report.truncated)
        #expect(report.regions.count == PolicyDiff.maxRegions)
        // Per amount interval: 4^7 paths where `wide` holds (3 values or missing per
        // attribute) and (4^7 - 1) / 3 where an attribute first has another value.
        #expect(report.regionCounts == [.tightened: 16384 + 5461, .loosened: 16384, .changed: 5461])
        #expect(report.count(.loosened) == 16384)
        #expect(report.weakened)
        let text = DiffTextReporter(color: false).render(report)
        #expect(text.contains("43690 regions (16384 loosened, 5461 changed, 21845 tightened); 1 approver or currency change (changed)"))
        #expect(text.contains("listed the first 10000 of 43690 regions; 33690 more not shown (16384 loosened, 5461 changed, 11845 tightened)"))
        // Below the cut, the counts are the listed regions'.
        let small = try PolicyDiff.diff(old: try Self.table(Self.jpy(rate: "0.005", attributes: 4)),
                                        new: try Self.table(Self.jpy(rate: "0.006", attributes: 4)))
        #expect(!small.truncated)
        #expect(small.regionCounts == [.tightened: 256 + 85, .loosened: 256, .changed: 85])
    }
}
