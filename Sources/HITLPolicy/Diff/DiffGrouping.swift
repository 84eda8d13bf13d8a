/// The edit a changed region is attributed to: equal keys share a group.
struct DiffEditKey: Hashable {
    var kind: String
    var rules: [String]
    var text: String

    static func == (a: Self, b: Self) -> Bool { a.kind == b.kind && a.text.sameBytes(as: b.text) }
    func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combineBytes(of: text)
    }
}

// Attribution, exact and bounded. Inside one diagram region every rule of either policy
// holds throughout or nowhere, and each side's decision is the lattice join (SPEC §2) of
// the contributions of its rules that hold. The edits that can explain a region are the
// rules holding there without an identical counterpart on the other side (`responsible`),
// taken per rule path: one path with an old and a new version is a rule changed, with
// only one a rule removed or added. For each such edit the new decision is recomputed
// with that edit reversed (its new rules left out, its old rules joined in, their tiers
// and panels under their new names): when that equals the old decision the edit alone
// accounts for the change. A region is attributed to the edits that alone account for it;
// when none does, to all of them together. A rule with the same fingerprints on both
// sides is no edit (it matches on one side only because of a rate or a default). With
// no rule edit at all, the cause is what
// else differs in that region: the exchange rate of its currency, the capability's
// default reversibility, or the approvers (the tier ladder). The cost is, per region, the
// edits in it times the rules holding in it.
extension DiffRun {
    func attribute(region: TableRegion, pair: DiagramBuilder.RequirementPair, oldRules: [Int], newRules: [Int],
                   newCandidates: [Int], defaults: (old: Bool, new: Bool), sel: DiffCapability, slice: CurrencySlice,
                   builder: DiagramBuilder) -> DiffEditKey {
        // A policy added or deleted is one edit per capability, not a list of rules.
        switch absent {
        case .old?: return DiffEditKey(kind: "new_policy", rules: [], text: "new policy: enables \(sel.label)")
        case .new?: return DiffEditKey(kind: "deleted_policy", rules: [], text: "deleted policy: disables \(sel.label)")
        case nil: break
        }
        var units: [(path: String, old: [Int], new: [Int])] = []
        var unitIndex: [ByteName: Int] = [:]
        for (side, rules) in [(true, oldRules), (false, newRules)] {
            for r in rules {
                let path = side ? old.rules[r].path : new.rules[r].path
                let k = unitIndex[ByteName(path)] ?? units.count
                if k == units.count {
                    unitIndex[ByteName(path)] = k
                    units.append((path, [], []))
                }
                if side { units[k].old.append(r) } else { units[k].new.append(r) }
            }
        }
        units.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // A rule both files hold alike that matches on one side only here does so because
        // of an exchange rate or a default reversibility, not because it was edited.
        units.removeAll { oldPathKeys[ByteName($0.path)] == newPathKeys[ByteName($0.path)] }
        var context: [(kind: String, text: String)] = []
        if let code = slice.code {
            context.append(("exchange_rate", "changing the exchange rate of \(code) (\(slice.oldRate) → \(slice.newRate))"))
        }
        if region.reversibleMissing, defaults.old != defaults.new {
            context.append(("reversible_default", "changing the default reversibility of \(sel.label) (\(defaults.old) → \(defaults.new))"))
        }
        if units.isEmpty {
            let c = context.first ?? ("approvers", approvers.ladderOrderKept ? "changing tiers or panels" : "reordering the tier ladder")
            return DiffEditKey(kind: c.kind, rules: [], text: c.text)
        }
        var rn = region
        if rn.reversibleMissing { rn.reversible = defaults.new }
        let holding = newCandidates.filter { builder.holdsThroughout(builder.rules[$0 + old.rules.count], rn) }
        var sufficient: [Int] = []
        var full = Requirement.bottom
        for r in holding { full = full.joined(with: new.rules[r].contribution) }
        if outcome(full, old: false) == outcome(pair.new, old: false) {
            for (k, u) in units.enumerated() {
                var r = Requirement.bottom
                for x in holding where !u.new.contains(x) { r = r.joined(with: new.rules[x].contribution) }
                var translatable = true
                for x in u.old {
                    guard let t = translated(old.rules[x].contribution) else { translatable = false; break }
                    r = r.joined(with: t)
                }
                guard translatable else { continue }
                let (a, b) = change(DiagramBuilder.RequirementPair(old: pair.old, new: r))
                if a == b { sufficient.append(k) }
            }
        }
        let chosen = sufficient.isEmpty ? Array(units.indices) : sufficient
        var texts = chosen.map { unitText(units[$0]) }
        if sufficient.isEmpty { texts += context.map(\.text) }
        let text = texts.count == 1 ? texts[0] : texts.joined(separator: sufficient.isEmpty ? " together with " : ", or ")
        return DiffEditKey(kind: chosen.count == 1 && (sufficient.count == 1 || context.isEmpty) ? "rule" : "rules",
                           rules: chosen.map { units[$0].path }, text: text)
    }

    /// An old-policy requirement in the new policy's tier positions and panel names, or nil
    /// when its tier has no counterpart.
    func translated(_ r: Requirement) -> Requirement? {
        var tier: Int?
        if let i = r.tier {
            guard i >= 0, i < old.tierCount else { return nil }
            let name = approvers.newName(old.approvers[i].name)
            guard let j = new.approvers.prefix(new.tierCount).firstIndex(where: { $0.name.sameBytes(as: name) }) else { return nil }
            tier = j
        }
        return Requirement(stage: r.stage, review: r.review, tier: tier, specialists: r.specialists.map(approvers.newSpecialist))
    }

    /// `removing P (…)`, `adding P (…)`, `changing P (… → …)`: by what each whole policy
    /// has at that path (a moved threshold is a change even where only one version matches).
    func unitText(_ u: (path: String, old: [Int], new: [Int])) -> String {
        let olds = oldPathRules[ByteName(u.path)] ?? [], news = newPathRules[ByteName(u.path)] ?? []
        let o = olds.map { Self.ruleWords(old.rules[$0]) }.joined(separator: "; ")
        let n = news.map { Self.ruleWords(new.rules[$0]) }.joined(separator: "; ")
        if news.isEmpty { return "removing \(u.path) (\(o))" }
        if olds.isEmpty { return "adding \(u.path) (\(n))" }
        return "changing \(u.path) (\(o) → \(n))"
    }

    /// A rule's effect and conditions in words: `tier lead when amount over 5000`.
    static func ruleWords(_ r: TableRule) -> String {
        let conditions = r.conditions.map { c -> String in
            switch c {
            case .range(let range):
                return "\(range.field) \(IntervalWords.text(range.field, range.lower, range.upper))"
            case .reversible(let b): return "reversible \(b)"
            case .tags(let any, let all, let none):
                var w: [String] = []
                if let any { w.append("any of tags [\(any.joined(separator: ", "))]") }
                if let all { w.append("tags [\(all.joined(separator: ", "))]") }
                if let none { w.append("none of tags [\(none.joined(separator: ", "))]") }
                return w.joined(separator: " and ")
            case .attribute(let path, let values):
                return "attributes.\(path) in [\(values.map(\.description).joined(separator: ", "))]"
            case .shell(let path, let prefixes):
                return "attributes.\(path) runs a command beginning with [\(prefixes.map(ShellPrefix.canonical).joined(separator: ", "))]"
            }
        }
        return conditions.isEmpty ? r.effect : "\(r.effect) when \(conditions.joined(separator: " and "))"
    }
}

/// Merging regions that differ in one condition only: two boxes equal but for one
/// variable, whose values there join into one interval (or cover all of it, missing
/// included), are one box. Exact: the union of the merged boxes is the merged box.
enum DiffRegionMerge {
    enum Variable: Hashable {
        case numeric(NumericField)
        case tag(Int)
        case attribute(Int)
        case shell(Int)
    }

    /// Merging passes at most.
    static let maxPasses = 16

    /// Merged boxes, each with the indices of the boxes it covers (ascending); `choices`
    /// gives each attribute's number of choices (values, other, missing).
    static func merge(_ boxes: [TableRegion], choices: (Int) -> Int) -> [(region: TableRegion, members: [Int])] {
        var items = boxes.enumerated().map { (region: $0.element, members: [$0.offset]) }
        // A pass costs the boxes times the variables; passes are capped so that the cost
        // stays bounded whatever the shape (stopping early leaves exact, unmerged boxes).
        var changed = true
        var passes = 0
        while changed && items.count > 1 && passes < maxPasses {
            changed = false
            passes += 1
            var variables = Set<Variable>()
            for item in items {
                for f in item.region.numeric.keys { variables.insert(.numeric(f)) }
                for t in item.region.tags.keys { variables.insert(.tag(t)) }
                for a in item.region.attributes.keys { variables.insert(.attribute(a)) }
                for s in item.region.shells.keys { variables.insert(.shell(s)) }
            }
            let ordered = variables.sorted { "\($0)" < "\($1)" }
            for v in ordered {
                var buckets: [TableRegion: [Int]] = [:]
                var order: [TableRegion] = []
                for (k, item) in items.enumerated() {
                    guard let rest = removing(v, from: item.region) else { continue }
                    if buckets[rest] == nil { order.append(rest) }
                    buckets[rest, default: []].append(k)
                }
                var replaced: [Int: [(region: TableRegion, members: [Int])]] = [:]
                var dropped = Set<Int>()
                for rest in order {
                    guard let ks = buckets[rest], ks.count > 1 else { continue }
                    let merged = mergeAlong(v, rest: rest, ks.map { items[$0] }, choices: choices)
                    guard merged.count < ks.count else { continue }
                    replaced[ks[0]] = merged
                    dropped.formUnion(ks.dropFirst())
                    changed = true
                }
                if replaced.isEmpty { continue }
                var next: [(region: TableRegion, members: [Int])] = []
                for (k, item) in items.enumerated() where !dropped.contains(k) {
                    if let r = replaced[k] { next += r } else { next.append(item) }
                }
                items = next
            }
        }
        return items.map { ($0.region, $0.members.sorted()) }.sorted { $0.1[0] < $1.1[0] }
    }

    /// The box without variable `v`, or nil when `v` is unconstrained in it.
    static func removing(_ v: Variable, from r: TableRegion) -> TableRegion? {
        var r = r
        switch v {
        case .numeric(let f): guard r.numeric.removeValue(forKey: f) != nil else { return nil }
        case .tag(let t): guard r.tags.removeValue(forKey: t) != nil else { return nil }
        case .attribute(let a): guard r.attributes.removeValue(forKey: a) != nil else { return nil }
        case .shell(let s): guard r.shells.removeValue(forKey: s) != nil else { return nil }
        }
        return r
    }

    /// Boxes equal to `rest` but for `v`, merged where their values along `v` join.
    static func mergeAlong(_ v: Variable, rest: TableRegion, _ items: [(region: TableRegion, members: [Int])],
                           choices: (Int) -> Int) -> [(region: TableRegion, members: [Int])] {
        let all = items.flatMap(\.members)
        switch v {
        case .tag(let t):
            let values = Set(items.compactMap { $0.region.tags[t] })
            return values.count == 2 ? [(rest, all)] : items
        case .shell(let s):
            let values = Set(items.compactMap { $0.region.shells[s] })
            return values.count == 2 ? [(rest, all)] : items
        case .attribute(let a):
            let values = Set(items.compactMap { $0.region.attributes[a] })
            return values.count == choices(a) ? [(rest, all)] : items
        case .numeric(let f):
            var missing: [(region: TableRegion, members: [Int])] = []
            var spans: [(lower: Cut?, upper: Cut?, members: [Int])] = []
            for item in items {
                switch item.region.numeric[f] {
                case .interval(let l, let u)?: spans.append((l, u, item.members))
                default: missing.append(item)
                }
            }
            spans.sort { a, b in
                switch (a.lower, b.lower) {
                case (nil, nil): false
                case (nil, _?): true
                case (_?, nil): false
                case (let x?, let y?): x < y
                }
            }
            var chains: [(lower: Cut?, upper: Cut?, members: [Int])] = []
            for s in spans {
                if let last = chains.last, let u = last.upper, let l = s.lower, u == l {
                    chains[chains.count - 1] = (last.lower, s.upper, last.members + s.members)
                } else {
                    chains.append(s)
                }
            }
            if chains.count == 1, chains[0].lower == nil, chains[0].upper == nil, missing.count == 1 {
                return [(rest, all)]
            }
            return chains.map { c in
                var r = rest
                r.numeric[f] = .interval(lower: c.lower, upper: c.upper)
                return (r, c.members)
            } + missing
        }
    }
}

extension DiffGroup {
    /// `removing compliance.x (…) loosens 56 regions in 4 capabilities`, `changes 62 regions
    /// (24 loosened, 12 changed, 26 tightened) in refund`; `new policy: enables refund in 12
    /// regions`. The requirements are each capability's to tell (`DiffCapabilitySummary`).
    static func summary(kind: String, edit: String, regions: [DiffRegion]) -> String {
        let counts = DiffClassification.allCases.map { c in (c, regions.count { $0.classification == c }) }.filter { $0.1 > 0 }
        let n = regions.count
        let noun = "\(n) region\(n == 1 ? "" : "s")"
        if kind == "new_policy" || kind == "deleted_policy" { return "\(edit) in \(noun)" }
        let verb = counts.count == 1
            ? "\(counts[0].0 == .changed ? "changes" : String(counts[0].0.rawValue.dropLast(2)) + "s") \(noun)"
            : "changes \(noun) (\(counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")))"
        var caps: [DiffCapability] = []
        var seen = Set<DiffCapability>()
        for r in regions { for c in r.capabilities where seen.insert(c).inserted { caps.append(c) } }
        let capText = caps.count == 1 ? caps[0].label : "\(caps.count) capabilities"
        return "\(edit) \(verb) in \(capText)"
    }
}
