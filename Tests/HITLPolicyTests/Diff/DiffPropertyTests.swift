import Foundation
import Testing
@testable import HITLPolicy

/// Random edits of the example policies: every action the two versions decide differently
/// (by the reference interpreter, which walks the rules directly) lies in a reported
/// region, and every region's witness really is decided differently (by eval).
@Suite struct DiffPropertyTests {
    static let policies = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"]
    static let pairsPerPolicy = 30
    static let actionsPerPair = 1_500

    @Test(arguments: policies)
    func reportedRegionsCoverEveryDisagreement(_ path: String) throws {
        let source = String(decoding: try Repo.bytes(path), as: UTF8.self)
        var rng = SplitMix(state: 0xd1ff ^ UInt64(path.utf8.count))
        var checked = 0, disagreements = 0
        for _ in 0..<Self.pairsPerPolicy {
            // Half the pairs share a global rule on a tier, so ladder edits move shared rules.
            let source = rng.below(2) == 0 ? RandomEdit.addingGlobalTierRule(to: source, rng: &rng) : source
            var renames: [String: String] = [:]
            let edited = RandomEdit.apply(to: source, count: 1 + rng.below(3), rng: &rng, renames: &renames)
            guard let (oldPolicy, oldTable) = Self.compile(source, "old.yaml"),
                  let (newPolicy, newTable) = Self.compile(edited, "new.yaml") else { continue }
            checked += 1
            let report = try PolicyDiff.diff(old: oldTable, new: newTable)
            #expect(!report.truncated)
            // Counted without listing, the regions are the listed ones, once per capability,
            // before listed regions that differ in one condition only are merged.
            let counted = try PolicyDiff.diff(old: oldTable, new: newTable, listing: 0)
            #expect(counted.truncated == !report.regions.isEmpty)
            for c in DiffClassification.allCases {
                let listed = report.regions.filter { $0.classification == c }.reduce(0) { $0 + $1.capabilities.count }
                let n = counted.regionCounts[c, default: 0]
                #expect(n >= listed && (n > 0) == (listed > 0), "\(c)\n--- edit:\n\(Self.lineDiff(source, edited))")
            }
            Self.checkGroups(report, "\n--- edit:\n\(Self.lineDiff(source, edited))")
            let classes = UnionClasses(oldTable, newTable)
            for region in report.regions {
                let witness = try #require(region.witness)
                #expect(try Self.renamed(DiffGoldenTests.decide(oldTable, witness), renames) != Self.renamed(DiffGoldenTests.decide(newTable, witness), [:]),
                        "witness \(witness) is decided alike\n--- edit:\n\(Self.lineDiff(source, edited))")
            }
            var generators = [ActionGenerator(policy: oldPolicy, seed: rng.next()), ActionGenerator(policy: newPolicy, seed: rng.next())]
            for n in 0..<Self.actionsPerPair {
                let (_, action) = generators[n % 2].next()
                let a = ReferenceInterpreter.decide(oldPolicy, action), b = ReferenceInterpreter.decide(newPolicy, action)
                let renamedOld = a.approvals.map { renames[$0] ?? $0 }
                guard (a.stage, a.review, Set(renamedOld)) != (b.stage, b.review, Set(b.approvals)) else { continue }
                disagreements += 1
                let covered = report.regions.contains { Self.contains($0, action, classes, oldPolicy, newPolicy) }
                #expect(covered, "\(action) decided \(a.stage) \(a.approvals) → \(b.stage) \(b.approvals) is in no region\n--- edit:\n\(Self.lineDiff(source, edited))")
                if !covered { return }
            }
        }
        #expect(checked >= Self.pairsPerPolicy / 2, "too few random edits compiled")
        #expect(disagreements > 0, "the random edits never changed a decision")
    }

    /// A decision with panel names renamed, approvals as a set (renaming reorders them).
    /// Grouping invariants: every region in exactly one group; a group's classification is
    /// its most severe region's; a rule edit's paths are among each region's rules; the
    /// summary counts the group's regions.
    static func checkGroups(_ report: DiffReport, _ context: String) {
        let all = report.groups.flatMap(\.regions)
        #expect(all.sorted() == Array(report.regions.indices), "regions not in exactly one group\(context)")
        for g in report.groups {
            let regions = g.regions.filter(report.regions.indices.contains).map { report.regions[$0] }
            #expect(!regions.isEmpty)
            #expect(g.classification == regions.map(\.classification).min(), "\(g.summary)\(context)")
            #expect(g.summary.contains("\(regions.count) region"), "\(g.summary)\(context)")
            if g.kind == "rule" || g.kind == "rules" {
                for r in regions {
                    let paths = Set((r.oldRules + r.newRules).map(\.path))
                    #expect(g.rules.allSatisfy(paths.contains), "\(g.summary): \(paths)\(context)")
                }
            } else {
                #expect(g.rules.isEmpty)
            }
        }
    }

    static func renamed(_ d: DiffGoldenTests.Decided, _ renames: [String: String]) -> some Equatable {
        [d.stage, String(d.review)] + d.approvals.map { renames[$0] ?? $0 }.sorted()
    }

    static func compile(_ text: String, _ file: String) -> (Policy, DecisionTable)? {
        let bytes = Array(text.utf8)
        guard let policy = PolicyLoader.load(bytes, file: file).policy,
              let table = try? TableCompiler.compile(policy, digest: Digest.of(bytes)) else { return nil }
        return (policy, table)
    }

    static func lineDiff(_ a: String, _ b: String) -> String {
        let (x, y) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        return y.difference(from: x).map { change in
            switch change {
            case .insert(_, let line, _): "+ \(line)"
            case .remove(_, let line, _): "- \(line)"
            }
        }.joined(separator: "\n")
    }

    /// Whether the action lies in the region, read from the region's machine-readable parts.
    static func contains(_ r: DiffRegion, _ a: ReferenceAction, _ classes: UnionClasses, _ old: Policy, _ new: Policy) -> Bool {
        guard r.currency == nil, r.capabilities.contains(classes.of(a.capability)) else { return false }
        for c in r.conditions {
            let numeric: ExactDecimal?? = NumericField(name: c.field).map { a.numbers[$0] }
            if let value = numeric {
                switch c.value {
                case .missing: if value != nil { return false }
                case .interval(let lower, let li, let upper, let ui, _):
                    guard let v = value else { return false }
                    if let l = lower.flatMap({ ExactDecimal(parsing: $0) }), li ? v < l : v <= l { return false }
                    if let u = upper.flatMap({ ExactDecimal(parsing: $0) }), ui ? u < v : u <= v { return false }
                default: return false
                }
                continue
            }
            if c.field == "reversible" {
                switch c.value {
                case .missing: if a.reversible != nil { return false }
                case .bool(let b):
                    if let sent = a.reversible { if sent != b { return false } } else {
                        let defaults = [old, new].map { $0.entry(for: a.capability)?.reversible ?? false }
                        if defaults.contains(where: { $0 != b }) { return false }
                    }
                default: return false
                }
            } else if c.field.hasPrefix("tags.") {
                guard case .present(let p) = c.value else { return false }
                if (a.tags ?? []).contains(String(c.field.dropFirst(5))) != p { return false }
            } else if c.field.hasPrefix("attributes.") {
                let v = a.attributes[String(c.field.dropFirst(11))]
                switch c.value {
                case .missing: if v != nil { return false }
                case .equals(let want): if v != want { return false }
                case .otherThan(let listed): if v == nil || listed.contains(v!) { return false }
                default: return false
                }
            } else {
                return false
            }
        }
        return true
    }
}

/// The capability classes of two tables together (as `PolicyDiff` forms them).
struct UnionClasses {
    var exact = Set<String>()
    var prefixes: [String] = []

    init(_ a: DecisionTable, _ b: DecisionTable) {
        for c in a.classes + b.classes {
            if c.kind == .exact { exact.insert(c.name) }
            if c.kind == .prefix, !prefixes.contains(c.name) { prefixes.append(c.name) }
        }
    }

    func of(_ name: String) -> DiffCapability {
        if exact.contains(name) { return DiffCapability(kind: .exact, name: name) }
        if let p = prefixes.filter({ name.utf8.starts(with: $0.utf8) }).max(by: { $0.utf8.count < $1.utf8.count }) {
            return DiffCapability(kind: .prefix, name: p)
        }
        return DiffCapability(kind: .other, name: "")
    }
}

/// Seeded random edits of policy text: thresholds, stages, tiers, reversibility, removed
/// compliance rules, the ladder reordered or two tiers swapped, a panel renamed. Some
/// results do not lint; callers skip those.
enum RandomEdit {
    /// `renames` receives panel renames (old name → new name).
    static func apply(to text: String, count: Int, rng: inout SplitMix, renames: inout [String: String]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tiers = lines.compactMap { l -> String? in
            let t = l.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- name: ") ? String(t.dropFirst(8)) : nil
        }
        for _ in 0..<count {
            if rng.below(4) == 0 {
                switch rng.below(3) {
                case 0: editLadder(&lines) { $0.append($0.removeFirst()) }
                case 1:
                    let (i, j) = (rng.below(max(1, tiers.count)), rng.below(max(1, tiers.count)))
                    editLadder(&lines) { if i < $0.count, j < $0.count { $0.swapAt(i, j) } }
                default: renamePanel(&lines, rng: &rng, renames: &renames)
                }
                continue
            }
            let k = rng.below(lines.count)
            let line = lines[k]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = String(line.prefix { $0 == " " })
            let parts = trimmed.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            let (key, value) = (parts[0], parts[1])
            let stages = ["autonomous", "approval", "disabled"]
            let swaps = ["- over": "- at_least", "- at_least": "- over", "- below": "- at_most", "- at_most": "- below"]
            if let swapped = swaps[key], let v = ExactDecimal(parsing: value) {
                switch rng.below(3) {
                case 0: lines[k] = "\(indent)\(swapped): \(value)"
                case 1:
                    let step = value.contains(".") ? ExactDecimal(parsing: "0.05")! : ExactDecimal(max(1, (v.intValue ?? 1) / 10))
                    lines[k] = "\(indent)\(key): \(rng.below(2) == 0 ? v + step : v - step)"
                default: lines[k] = "\(indent)\(key): \(value.contains(".") ? value : String((v.intValue ?? 1) * 2))"
                }
            } else if stages.contains(value) {
                lines[k] = "\(indent)\(key): \(stages.filter { $0 != value }[rng.below(2)])"
            } else if key == "tier" || key == "- tier", !tiers.isEmpty {
                lines[k] = "\(indent)\(key): \(tiers[rng.below(tiers.count)])"
            } else if key == "reversible", value == "true" || value == "false" {
                lines[k] = "\(indent)\(key): \(value == "true" ? "false" : "true")"
            } else if key == "- id" {
                var end = k + 1
                while end < lines.count, lines[end].hasPrefix(indent + "  ") { end += 1 }
                lines.removeSubrange(k..<end)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A compliance rule on a tag and no capability, with a random tier, as the first rule.
    static func addingGlobalTierRule(to text: String, rng: inout SplitMix) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tiers = lines.compactMap { l -> String? in
            let t = l.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- name: ") ? String(t.dropFirst(8)) : nil
        }
        guard let k = lines.firstIndex(of: "compliance:"), !tiers.isEmpty else { return text }
        let tag = ["pii", "phi", "secrets", "legal_hold", "shared-tag"][rng.below(5)]
        lines.insert(contentsOf: ["  - id: shared-global-tier", "    when:", "      tags: [\(tag)]", "    tier: \(tiers[rng.below(tiers.count)])"], at: k + 1)
        return lines.joined(separator: "\n")
    }

    /// Reorders the `tiers:` blocks; the new top tier gets `on_timeout: reject` (the top
    /// cannot escalate).
    static func editLadder(_ lines: inout [String], _ reorder: (inout [[String]]) -> Void) {
        guard let start = lines.firstIndex(of: "tiers:") else { return }
        var blocks: [[String]] = []
        var end = start + 1
        while end < lines.count {
            if lines[end].hasPrefix("  - name: ") { blocks.append([lines[end]]) }
            else if lines[end].hasPrefix("    "), !blocks.isEmpty { blocks[blocks.count - 1].append(lines[end]) }
            else { break }
            end += 1
        }
        guard blocks.count > 1 else { return }
        reorder(&blocks)
        blocks[blocks.count - 1].removeAll { $0.hasPrefix("    on_timeout:") }
        blocks[blocks.count - 1].append("    on_timeout: reject")
        lines.replaceSubrange((start + 1)..<end, with: blocks.flatMap { $0 })
    }

    /// Renames a specialist panel and every reference to it.
    static func renamePanel(_ lines: inout [String], rng: inout SplitMix, renames: inout [String: String]) {
        guard let start = lines.firstIndex(of: "specialists:") else { return }
        var keys: [Int] = []
        var k = start + 1
        while k < lines.count, lines[k].hasPrefix("  ") {
            if !lines[k].hasPrefix("   "), lines[k].hasSuffix(":") { keys.append(k) }
            k += 1
        }
        guard !keys.isEmpty else { return }
        let line = keys[rng.below(keys.count)]
        let name = String(lines[line].dropFirst(2).dropLast())
        guard renames[name] == nil, !renames.values.contains(name) else { return }
        let renamed = name + "-renamed"
        renames[name] = renamed
        lines[line] = "  \(renamed):"
        for i in lines.indices where lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("specialists: [") {
            for (before, after) in [("[", "]"), ("[", ","), (" ", "]"), (" ", ","), (",", "]"), (",", ",")] {
                lines[i] = lines[i].replacing(before + name + after, with: before + renamed + after)
            }
        }
    }
}
