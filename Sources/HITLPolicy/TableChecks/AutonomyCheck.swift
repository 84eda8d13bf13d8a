/// Capabilities declared autonomous that need approval (or are disabled) when an action
/// omits a field that a broader compliance rule tests — a rule that names no capability, or
/// reaches this one only through a pattern. Missing data fails closed, so such a rule
/// silently takes the capability's autonomy away from every agent that does not send the
/// field (lint only).
///
/// Decided on the compiled table: per autonomous capability class, one diagram over its
/// rules pairs each action's decision with the decision those broader rules left out. A
/// region counts when the first is not autonomous, the second is, and a rule matching
/// throughout the region matches only because every field it tests that fails closed is
/// missing there (an agent that sends none of them is caught; one that sends some of them,
/// say `reversible: false`, is what the rule is written for). One finding per rule, listing the
/// capabilities; regions walked are bounded (`maxRegions`), past which the check stops.
enum AutonomyCheck {
    /// Regions where autonomy is lost, walked per policy at most.
    static let maxRegions = 20_000
    /// Work per policy at most, counted as the rules of each class diagram built, and
    /// nodes: past either the check stops (capabilities not reached are not reported).
    static let maxWork = 5_000
    static let maxNodes = 50_000
    /// Capabilities named in a message at most (the notes list more).
    static let named = 5
    /// Notes per finding at most.
    static let maxNotes = 20

    struct Finding {
        var capabilities: [Int] = []          // entry rule numbers, in policy order
        var fields: [String] = []
        var stages = Set<Stage>()
    }

    static func run(_ policy: Policy, table: DecisionTable) -> [Diagnostic] {
        let rules = table.rules
        // Broader rules that raise the stage and test a field an action can omit.
        let broad = Set(rules.indices.filter { i in
            let r = rules[i]
            guard r.kind == .compliance, r.contribution.stage != .autonomous else { return false }
            if let patterns = r.capabilities, patterns.contains(where: { if case .exact = $0 { true } else { false } }) { return false }
            return r.conditions.contains { c in
                switch c {
                case .range, .attribute, .reversible(false): true
                default: false
                }
            }
        })
        guard !broad.isEmpty else { return [] }
        let scope = RuleScope(policy, table)
        var entryOf: [Int: CapabilityEntry] = [:]
        for e in policy.capabilities where e.stage == .autonomous { if let i = scope.index(of: e) { entryOf[i] = e } }
        let autonomous = table.classes.filter { entryOf[$0.entryRule] != nil }
        guard !autonomous.isEmpty else { return [] }

        let n = rules.count
        let shared = (0..<n).map { broad.contains($0) ? -1 : n + $0 }
        var builder = DiagramBuilder(rules: rules + rules, leaves: .pair(.init(split: n, shared: shared) { AnyHashable($0) }))
        builder.limit = maxNodes
        let witness = RegionWitness(tags: builder.tags, attributes: builder.attributes, shells: builder.shells)
        let index = ClassRuleIndex(table)
        var findings: [Int: Finding] = [:]
        var walked = 0
        var work = 0
        // Leaves where the broader rules take autonomy away, and the nodes that reach one.
        var reaches: [Int32: Bool] = [:]
        func lost(_ ref: Int32) -> Bool {
            if let known = reaches[ref] { return known }
            let result: Bool
            if ref < 0 {
                let pair = builder.pair(ofLeaf: Int(-ref - 1))
                result = pair.old.stage != .autonomous && pair.new.stage == .autonomous
            } else {
                result = builder.nodes[Int(ref)].children.contains { lost($0) }
            }
            reaches[ref] = result
            return result
        }
        for cls in autonomous {
            let ids = index.allRuleIDs(kind: cls.kind, name: cls.name)
            let candidates = ids.filter(broad.contains)
            guard !candidates.isEmpty, let entry = entryOf[cls.entryRule] else { continue }
            work += ids.count
            guard work <= maxWork, let root = try? builder.build(ids) else { break }
            var stop = false
            func visit(_ ref: Int32, _ region: TableRegion) {
                guard !stop, lost(ref) else { return }
                if ref >= 0 {
                    let node = builder.nodes[Int(ref)]
                    for (k, child) in node.children.enumerated() { visit(child, region.refined(by: node, child: k)) }
                    return
                }
                walked += 1
                if walked > maxRegions { stop = true; return }
                guard witness.build(name: "x", region: region, slice: .base) != .empty else { return }
                let stage = builder.pair(ofLeaf: Int(-ref - 1)).old.stage
                for r in candidates where builder.holdsThroughout(rules[r], region) {
                    guard let fields = missingFields(rules[r], region, entry, builder) else { continue }
                    var f = findings[r] ?? Finding()
                    if !f.capabilities.contains(cls.entryRule) { f.capabilities.append(cls.entryRule) }
                    for x in fields where !f.fields.contains(x) { f.fields.append(x) }
                    f.stages.insert(stage)
                    findings[r] = f
                }
            }
            visit(root, TableRegion())
            if stop { break }
        }
        return findings.keys.sorted().compactMap { r in
            guard let f = findings[r] else { return nil }
            return diagnostic(policy, rules[r], f, entryOf)
        }
    }

    /// The fields an agent must send to escape `rule` in `region`, when the rule matches there
    /// only because the action sends none of the fields it tests that fail closed (a missing
    /// number or attribute meets the condition; a missing `reversible` is the capability's
    /// default, `false` unless it sets one); nil when the region has one of them sent. Tags
    /// do not fail closed (no tags is a value) and count as ordinary conditions.
    static func missingFields(_ rule: TableRule, _ region: TableRegion, _ entry: CapabilityEntry, _ builder: DiagramBuilder) -> [String]? {
        var out: [String] = []
        for c in rule.conditions {
            switch c {
            case .range(let r):
                guard region.numeric[r.field] == .missing else { return nil }
                out.append(r.field.description)
            case .attribute(let path, _):
                guard let a = builder.attributes.firstIndex(where: { $0.path.sameBytes(as: path) }),
                      region.attributes[a] == builder.attributes[a].values.count + 1 else { return nil }
                out.append("attributes.\(path)")
            case .shell(let path, _):
                // Met by a missing value; a region where a prefix is present is met by what was sent.
                guard let a = builder.attributes.firstIndex(where: { $0.path.sameBytes(as: path) }),
                      region.attributes[a] == builder.attributes[a].values.count + 1 else { return nil }
                out.append("attributes.\(path)")
            case .reversible(let b):
                // The region cannot tell a sent value from the default: it counts as missing when
                // the default meets the condition, and is named only when no default is set.
                guard (entry.reversible ?? false) == b else { return nil }
                if entry.reversible == nil { out.append("reversible") }
            case .tags:
                continue
            }
        }
        return out.isEmpty ? nil : out
    }

    static func diagnostic(_ policy: Policy, _ rule: TableRule, _ f: Finding, _ entryOf: [Int: CapabilityEntry]) -> Diagnostic? {
        let entries = f.capabilities.sorted().compactMap { entryOf[$0] }
        guard let id = policy.compliance.first(where: { "compliance.\($0.id)" == rule.path }) else { return nil }
        let names = entries.prefix(named).map { "'\($0.pattern)'" }.joined(separator: ", ")
            + (entries.count > named ? " and \(entries.count - named) more" : "")
        let one = entries.count == 1
        let what = f.stages == [.disabled] ? (one ? "is disabled" : "are disabled")
            : f.stages.contains(.disabled) ? (one ? "needs approval or is disabled" : "need approval or are disabled")
            : (one ? "needs approval" : "need approval")
        let whom = one ? "capability \(names), declared autonomous," : "\(entries.count) capabilities declared autonomous (\(names))"
        let reach = rule.capabilities.map { "applies through " + $0.map { "'\($0)'" }.joined(separator: ", ") } ?? "names no capability"
        return Diagnostic(
            .autonomyNeedsData,
            "compliance rule '\(id.id)' \(reach), so \(whom) \(what) when an action omits "
                + f.fields.map { "'\($0)'" }.joined(separator: " and ") + " (missing data fails closed)",
            at: id.location,
            hint: "give the rule a 'capability:' condition naming only what it is meant for, or have agents send "
                + f.fields.map { "'\($0)'" }.joined(separator: " and ") + " with every action of \(one ? "this capability" : "these capabilities")",
            notes: entries.prefix(maxNotes).map { DiagnosticNote("capability '\($0.pattern)' is declared autonomous", at: $0.stageLocation) })
    }
}
