import Foundation
import Testing
@testable import HITLPolicy

/// The round trip on 200 generated policies with generated suggestion sets (seeded, so a
/// failure names its seed): the written text lints clean with no new warning but those a
/// stage step brings; the edits reproduce it from the original and each stays inside the
/// entry it edits (or adds an entry where entries end); `diff` from the old policy to the
/// new loosens exactly the promoted names and tightens exactly the demoted ones; and every
/// change whose `from` is right is applied unless the rewriter must refuse it.
@Suite("Policy rewrite (round trip on generated policies)")
struct PolicyRewriterPropertyTests {
    /// 200 seeds; `HITL_REWRITE_SEEDS=N` runs N (a longer search, by hand).
    static let seeds = Array(UInt64(1)...UInt64(ProcessInfo.processInfo.environment["HITL_REWRITE_SEEDS"].flatMap(UInt64.init) ?? 200))

    /// Counts over all seeds, so the test cannot pass by skipping everything.
    @Test func mostChangesAreApplied() throws {
        var applied = 0, asked = 0, shapes = Set<String>()
        for seed in Self.seeds {
            var corpus = RewriteCorpus(seed: seed)
            let text = corpus.policy()
            guard let policy = PolicyLoader.load(Array(text.utf8), file: "p.yaml").policy else { continue }
            let changes = corpus.changes(for: policy)
            let r = PolicyRewriter.apply(changes, toPolicyText: text, path: "p.yaml")
            applied += r.applied.count
            asked += changes.count
            for c in r.applied { shapes.insert(Self.shape(of: c.capability, in: policy)) }
        }
        #expect(applied >= 250 && applied * 2 > asked, "\(applied) of \(asked) applied")
        #expect(shapes == ["exact", "pattern", "defaults"], "\(shapes)")
    }

    static func shape(of name: String, in policy: Policy) -> String {
        switch policy.entry(for: name)?.pattern {
        case .exact?: "exact"
        case .prefix?: "pattern"
        case nil: "defaults"
        }
    }

    @Test(arguments: seeds)
    func roundTrip(_ seed: UInt64) throws {
        var corpus = RewriteCorpus(seed: seed)
        let text = corpus.policy()
        let before = lintText(text, file: "p.yaml", table: true)
        #expect(!before.contains { $0.severity == .error }, "seed \(seed): generated policy has errors: \(before.filter { $0.severity == .error }.map(\.message))\n\(text)")
        let policy = try #require(PolicyLoader.load(Array(text.utf8), file: "p.yaml").policy)
        let changes = corpus.changes(for: policy)
        let r = PolicyRewriter.apply(changes, toPolicyText: text, path: "p.yaml")
        RewriteInvariants.check(r, original: text, changes: changes)

        // A change with the right `from` is refused only for what the rewriter cannot do.
        var named = Set<String>()
        for (i, c) in changes.enumerated() where !named.insert(c.capability).inserted || !r.applied.contains(c) {
            let s = try #require(r.skipped.first { $0.change == c }, "seed \(seed): \(c.summary) neither applied nor skipped")
            let entry = policy.entry(for: s.change.capability)
            let current = AutonomyStep(stage: entry?.stage ?? policy.defaults.stage, review: entry?.review ?? false)
            let first = changes.firstIndex { $0.capability == c.capability } == i
            let mustRefuse = current == nil || current != s.change.from || !first || (s.change.to == .approval && policy.tiers.isEmpty)
            #expect(mustRefuse, "seed \(seed): \(s.change.summary) skipped: \(s.reason)\n\(text)")
        }
        guard !r.applied.isEmpty else { return }

        // No new warning but those a stage step brings by itself.
        let after = lintText(r.text, file: "p.yaml", table: true)
        var old = before.filter { $0.severity == .warning && !$0.isSuppressed }.map { "\($0.code.id) \($0.message)" }
        for d in after where d.severity == .warning && !d.isSuppressed {
            if let i = old.firstIndex(of: "\(d.code.id) \(d.message)") {
                old.remove(at: i)
            } else {
                #expect(RewriteCheck.allowedNewWarnings.contains(d.code), "seed \(seed): new warning \(d.code.id) \(d.message)\n\(r.text)")
            }
        }

        // Each edit stays inside one entry's lines (an addition at their end included).
        let bytes = Array(text.utf8)
        let spans = Self.entrySpans(bytes)
        for e in r.edits {
            #expect(spans.contains { $0.lowerBound <= e.range.lowerBound && e.range.upperBound <= $0.upperBound },
                    "seed \(seed): edit \(e) lies outside every entry: \(spans)\n\(text)")
        }
        #expect(r.edits.count <= 2 * r.applied.count)

        // The decided difference: exactly the applied names, each in its direction.
        let oldPolicy = try #require(CompiledPolicy.compile(yaml: bytes, file: "old.yaml").policy)
        let newPolicy = try #require(CompiledPolicy.compile(yaml: Array(r.text.utf8), file: "new.yaml").policy)
        let diff = try PolicyTools.diff(old: oldPolicy, new: newPolicy)
        #expect(diff.approverChanges.isEmpty)
        var seen = Set<String>()
        for region in diff.regions {
            for capability in region.capabilities {
                let change = r.applied.first { $0.capability == capability.name && capability.kind == .exact }
                #expect(change != nil, "seed \(seed): \(capability.label) changed (\(region.old) → \(region.new))\n\(r.text)")
                if let change {
                    #expect(region.classification == (change.promotes ? .loosened : .tightened), "seed \(seed): \(change.summary) gave \(region.classification)")
                    seen.insert(change.capability)
                }
            }
        }
        #expect(seen == Set(r.applied.map(\.capability)), "seed \(seed): applied \(r.applied.map(\.summary)), diff shows \(seen)")
        let written = try #require(PolicyLoader.load(Array(r.text.utf8), file: "new.yaml").policy)
        for c in r.applied {
            let entry = written.entry(for: c.capability)
            #expect(AutonomyStep(stage: entry?.stage ?? written.defaults.stage, review: entry?.review ?? false) == c.to)
        }
    }

    /// Each capability entry's lines: from its key's line start to the end of its value's
    /// last line; with no `capabilities`, the end of the file (where a section is added).
    static func entrySpans(_ bytes: [UInt8]) -> [ClosedRange<Int>] {
        let tree = YAMLSpanTree.read(bytes)
        let source = SourceText(bytes)
        guard let root = tree.root else { return [] }
        guard let caps = tree.pair(root, "capabilities") else {
            let end = source.lineEnd(after: tree.nodes[root].end)
            return [end...end]
        }
        return tree.pairs(caps.value).map { p in
            source.lineStart(tree.nodes[p.key].start)...source.lineEnd(after: tree.nodes[p.value].end)
        }
    }
}
