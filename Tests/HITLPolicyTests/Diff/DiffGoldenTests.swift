import Foundation
import Testing
@testable import HITLPolicy

/// Realistic policy edits (fixtures/diff/*/old.yaml → new.yaml) and the diff each must give.
@Suite("Policy diff (golden files)")
struct DiffGoldenTests {
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url("fixtures/diff").path).sorted()) ?? []
    /// The cases whose regions are all listed (26 has more than `PolicyDiff.maxRegions`).
    static let listedCases = cases.filter { $0 != "26-exchange-rate-seven-attributes" }

    /// The side that is no file (`old-is-absent` in the case: old.yaml is then the empty
    /// policy `diff --git` reads for a path absent at the revision).
    static func absent(_ name: String) -> DiffAbsentSide? {
        FileManager.default.fileExists(atPath: Repo.url("fixtures/diff/\(name)/old-is-absent").path) ? .old : nil
    }

    static func report(_ name: String) throws -> DiffReport {
        let (old, new) = try tables(name)
        return try PolicyDiff.diff(old: old, new: new, absent: absent(name))
    }

    static func tables(_ name: String) throws -> (DecisionTable, DecisionTable) {
        func load(_ file: String) throws -> DecisionTable {
            let result = PolicyCompilation.compile(try Repo.bytes("fixtures/diff/\(name)/\(file)"), file: file)
            return try #require(result.table, "\(name)/\(file) does not compile")
        }
        return (try load("old.yaml"), try load("new.yaml"))
    }

    @Test func thereAreAtLeastFifteenCases() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func text(_ name: String) throws {
        let report = try Self.report(name)
        Golden.check(DiffTextReporter(color: false).render(report), against: "fixtures/diff/\(name)/expected.txt")
    }

    /// `--regions`: every region listed, with its conditions, rules and witness.
    @Test(arguments: ["01-raise-spend-threshold", "08-remove-compliance-rule", "23-tier-up-panel-dropped", "27-new-policy"])
    func everyRegion(_ name: String) throws {
        let report = try Self.report(name)
        let text = DiffTextReporter(color: false, regions: true).render(report)
        Golden.check(text, against: "fixtures/diff/\(name)/expected-regions.txt")
        #expect(text.split(separator: "\n").count { $0.hasPrefix("             witness ") } == report.regions.count { $0.witness != nil })
    }

    /// The default view fits a screen: a group is its summary and one entry per capability,
    /// whatever the number of regions (08: 5 capabilities; 26: over 10,000 regions).
    @Test(arguments: cases)
    func defaultViewIsShort(_ name: String) throws {
        let lines = DiffTextReporter(color: false).render(try Self.report(name)).split(separator: "\n").count
        #expect(lines <= 60, "\(name): \(lines) lines")
        if name == "26-exchange-rate-seven-attributes" { #expect(lines <= 12, "\(lines) lines") }
    }

    @Test(arguments: ["01-raise-spend-threshold", "09-exchange-rate-change", "12-tier-rename", "20-reversible-default", "21-attribute-values", "25-four-edits",
                       "27-new-policy"])
    func jsonAndMarkdown(_ name: String) throws {
        let report = try Self.report(name)
        Golden.check(DiffJSONReporter.render(report), against: "fixtures/diff/\(name)/expected.json")
        Golden.check(DiffMarkdownReporter.render(report), against: "fixtures/diff/\(name)/expected.md")
        let parsed = try JSONSerialization.jsonObject(with: Data(DiffJSONReporter.render(report).utf8)) as? [String: Any]
        #expect(parsed?["format"] as? String == "hitl-policy-diff")
    }

    /// Each case reads as a handful of groups, every region in exactly one; every exit
    /// verdict is kept (regions only merge).
    @Test(arguments: cases)
    func groups(_ name: String) throws {
        let report = try Self.report(name)
        // A new policy is one group per capability it enables.
        let most = name == "25-four-edits" || name == "27-new-policy" ? 5 : 3
        #expect(report.groups.count <= most, "\(name): \(report.groups.map(\.summary))")
        DiffPropertyTests.checkGroups(report, " (\(name))")
        #expect(DiffMarkdownReporter.render(report).utf8.count <= DiffMarkdownReporter.limit)
    }

    /// The edits behind the fixtures, attributed exactly.
    @Test func attribution() throws {
        func edit(_ name: String) throws -> [String] { try PolicyDiff.diff(old: Self.tables(name).0, new: Self.tables(name).1).groups.map(\.edit) }
        #expect(try edit("08-remove-compliance-rule") == ["removing compliance.sanctioned-counterparty (stage disabled when any of tags [sanctioned])"])
        #expect(try edit("09-exchange-rate-change") == ["changing the exchange rate of EUR (1.08 → 1.1)"])
        #expect(try edit("20-reversible-default") == ["changing the default reversibility of refund (false → true)"])
        #expect(try edit("24-ladder-reorder") == ["reordering the tier ladder"])
        #expect(try edit("01-raise-spend-threshold").count == 1)
        // Four edits (a threshold, a stage, a compliance rule removed, a rate): one group
        // each, and one for the EUR amounts where the threshold and the rate act together.
        let four = try edit("25-four-edits")
        #expect(four.count == 5)
        #expect(four.contains("removing compliance.irreversible-low-confidence (tier lead when confidence below 0.7 and reversible false)"))
        #expect(four.contains("changing the exchange rate of EUR (1.08 → 1.2)"))
        #expect(four.contains("changing capabilities.lookup_customer (stage autonomous → stage approval, tier team)"))
        #expect(four.contains("changing capabilities.refund.spend[1] (tier lead when amount over 5000 → tier lead when amount over 8000)"))
    }

    /// Two shipped example policies (over 65,536 bytes of Markdown before grouping) and a
    /// small limit: the comment stays within it, summary first, the rest counted with the
    /// command that prints it.
    @Test func markdownFitsAComment() throws {
        func table(_ path: String) throws -> DecisionTable {
            try #require(PolicyCompilation.compile(try Repo.bytes(path), file: path).table)
        }
        for (a, b) in [("policies/payments.yaml", "policies/support.yaml"), ("policies/platform.yaml", "policies/payments.yaml")] {
            var report = try PolicyDiff.diff(old: table(a), new: table(b))
            (report.old.source, report.new.source) = (a, b)
            let md = DiffMarkdownReporter.render(report)
            #expect(md.utf8.count <= 60_000)
            #expect(md.contains("<details>"))
            #expect(md.contains("`hitl-policy diff \(a) \(b)` prints them all"))
        }
        let (old, new) = try Self.tables("08-remove-compliance-rule")
        let md = DiffMarkdownReporter.render(try PolicyDiff.diff(old: old, new: new), limit: 5_000, regions: true)
        #expect(md.utf8.count <= 5_000)
        #expect(md.split(separator: "\n")[1].contains("**93 regions (all loosened); no approver or currency changes**"))
        #expect(md.contains("more regions not shown here"))
    }

    /// Every witness, fed through eval under both policies, gets the two decisions the
    /// region reports (which differ).
    @Test(arguments: cases)
    func witnessesDisagree(_ name: String) throws {
        let (old, new) = try Self.tables(name)
        let report = try PolicyDiff.diff(old: old, new: new)
        for region in report.regions {
            let witness = try #require(region.witness, "\(name): a region without a witness")
            let a = try Self.decide(old, witness), b = try Self.decide(new, witness)
            #expect(a != b, "\(name): witness \(witness) gets the same decision")
            #expect(a.stage == region.old.stage.rawValue && b.stage == region.new.stage.rawValue,
                    "\(name): witness \(witness) decided \(a.stage) → \(b.stage), region says \(region.old) → \(region.new)")
            for (d, o) in [(a, region.old), (b, region.new)] {
                if let t = o.tier { #expect(d.approvals.contains(t), "\(name): \(witness) lacks tier \(t)") }
                for s in o.specialists { #expect(d.approvals.contains(s), "\(name): \(witness) lacks \(s)") }
                #expect(d.review == o.review)
            }
        }
        for change in report.approverChanges {
            guard let witness = change.witness else { continue }
            let a = try Self.decide(old, witness), b = try Self.decide(new, witness)
            #expect((a.stage == "invalid") != (b.stage == "invalid"), "\(name): currency witness \(witness)")
        }
    }

    struct Decided: Equatable {
        var stage: String
        var review: Bool
        var approvals: [String]
    }

    static func decide(_ table: DecisionTable, _ action: String) throws -> Decided {
        let evaluator = Evaluator(table: table)
        var out: [UInt8] = []
        var bytes = Array(action.utf8)
        bytes.withUnsafeMutableBufferPointer { b in _ = evaluator.evaluate(line: UnsafeBufferPointer(b), number: 1, into: &out) }
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        return Decided(stage: obj["decision"] as? String ?? "?", review: obj["review"] as? Bool ?? false,
                       approvals: (obj["approvals"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
    }
}
