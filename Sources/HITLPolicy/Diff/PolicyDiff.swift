/// Semantic diff of two decision tables over the whole action space (SPEC §6).
///
/// Both policies' rules go into one diagram builder in pair mode, whose leaves hold the
/// pair (old decision, new decision). Per capability class of the two policies together
/// (every exact name, every prefix, and the names neither mentions) the reduced diagram is
/// the common refinement of both tables, merged wherever the pair is the same; every path
/// to a leaf whose two decisions differ is a changed region. Amounts sent in a currency
/// whose exchange rate differs get their own pass with thresholds rescaled, so converted
/// thresholds compare exactly. Nothing is sampled.
package enum PolicyDiff {
    /// Changed regions listed at most; past that they are counted, not listed (the report
    /// says so).
    package static let maxRegions = 10_000

    /// Compares `old` with `new`.
    /// `absent` names the side that is no file at all (a policy added or deleted): its
    /// changes are then grouped by capability ("new policy: enables refund").
    package static func diff(old: DecisionTable, new: DecisionTable, absent: DiffAbsentSide? = nil) throws(DiagramTooLarge) -> DiffReport {
        try diff(old: old, new: new, listing: maxRegions, absent: absent)
    }

    /// `diff` listing at most `limit` regions (tests use a small one to exercise counting).
    static func diff(old: DecisionTable, new: DecisionTable, listing limit: Int, absent: DiffAbsentSide? = nil) throws(DiagramTooLarge) -> DiffReport {
        var run = DiffRun(old: old, new: new)
        run.limit = limit
        run.absent = absent
        try run.run()
        let (regions, groups, placement) = run.finish()
        var report = DiffReport(
            old: .init(policy: old.policy, digest: old.policyDigest, source: old.source),
            new: .init(policy: new.policy, digest: new.policyDigest, source: new.source),
            regions: regions, approverChanges: run.changes, truncated: run.truncated,
            regionCounts: run.truncated ? run.regionCounts : nil, groups: groups)
        report.placement = placement
        report.absent = absent
        return report
    }
}

/// One diff computation.
struct DiffRun {
    let old: DecisionTable
    let new: DecisionTable
    let approvers: ApproverDiff
    let oldIndex: ClassRuleIndex
    let newIndex: ClassRuleIndex
    /// Rule fingerprints (conditions and effect in new names), interned: equal numbers
    /// mean the rules decide identically.
    var oldKeys: [Int] = []
    var newKeys: [Int] = []
    var changes: [ApproverChange]
    /// Each rule path's fingerprints, per side: a path with the same ones on both sides
    /// is a rule the edit left alone.
    var oldPathKeys: [ByteName: Set<Int>] = [:]
    var newPathKeys: [ByteName: Set<Int>] = [:]
    /// Each rule path's rules, per side (rule numbers).
    var oldPathRules: [ByteName: [Int]] = [:]
    var newPathRules: [ByteName: [Int]] = [:]
    var truncated = false
    /// The side that is no file, if any.
    var absent: DiffAbsentSide?
    /// Regions listed at most.
    var limit = PolicyDiff.maxRegions
    /// Changed regions by classification over the whole input space, once truncated.
    var regionCounts: [DiffClassification: Int] = [:]
    private var selectors: [DiffCapability] = []
    private var exactNames = Set<ByteName>()
    private var prefixes: [String] = []
    private var regions: [(order: [Int], region: Pending)] = []
    /// Each currency slice's tag and attribute names, by slice number.
    private var sliceNames: [Int: (slice: CurrencySlice, names: RegionWitness)] = [:]

    /// A changed region as found: described and merged with its neighbours by `finish`.
    /// Its fields are the key's (regions with equal keys are one region listed for several
    /// capabilities).
    @dynamicMemberLookup
    struct Pending {
        var capabilities: [DiffCapability]
        var key: GroupKey

        subscript<T>(dynamicMember path: KeyPath<GroupKey, T>) -> T { key[keyPath: path] }
    }
    private var regionIndex: [GroupKey: Int] = [:]

    struct RuleKey: Hashable {
        var conditions: Set<TableCondition>
        var outcome: DiffOutcome
    }

    struct GroupKey: Hashable {
        var slice: Int
        var region: TableRegion
        var old: DiffOutcome
        var new: DiffOutcome
        var oldRules: [Int]
        var newRules: [Int]
        var edit: DiffEditKey
    }

    init(old: DecisionTable, new: DecisionTable) {
        self.old = old
        self.new = new
        approvers = ApproverDiff(old: old, new: new)
        changes = approvers.changes + ToolDiff.changes(old: old.tools, new: new.tools)
        oldIndex = ClassRuleIndex(old)
        newIndex = ClassRuleIndex(new)
        var interned: [RuleKey: Int] = [:]
        func key(_ r: TableRule, old side: Bool) -> Int {
            let k = RuleKey(conditions: Set(r.conditions), outcome: outcome(r.contribution, old: side))
            if let id = interned[k] { return id }
            interned[k] = interned.count
            return interned.count - 1
        }
        oldKeys = old.rules.map { key($0, old: true) }
        newKeys = new.rules.map { key($0, old: false) }
        for (i, r) in old.rules.enumerated() {
            oldPathKeys[ByteName(r.path), default: []].insert(oldKeys[i])
            oldPathRules[ByteName(r.path), default: []].append(i)
        }
        for (i, r) in new.rules.enumerated() {
            newPathKeys[ByteName(r.path), default: []].insert(newKeys[i])
            newPathRules[ByteName(r.path), default: []].append(i)
        }
        var prefixSet = Set<ByteName>()
        for c in old.classes + new.classes {
            switch c.kind {
            case .exact: exactNames.insert(ByteName(c.name))
            case .prefix: prefixSet.insert(ByteName(c.name))
            case .other: continue
            }
        }
        prefixes = prefixSet.sorted().map(\.text)
        selectors = exactNames.sorted().map { DiffCapability(kind: .exact, name: $0.text) }
            + prefixes.map { DiffCapability(kind: .prefix, name: $0) }
        if !prefixSet.contains(ByteName("")) { selectors.append(DiffCapability(kind: .other, name: "")) }
    }

    /// A requirement in the diff's terms (old tier and panel names mapped to new ones).
    func outcome(_ r: Requirement, old side: Bool) -> DiffOutcome {
        let table = side ? old : new
        var tier = r.tier.flatMap { $0 >= 0 && $0 < table.tierCount ? table.approvers[$0].name : nil }
        var specialists = r.specialists
        if side {
            tier = tier.map(approvers.newName)
            specialists = specialists.map(approvers.newSpecialist)
        }
        return DiffOutcome(level: r.stage, review: r.review, tier: tier,
                           specialists: specialists.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// A pair of decisions in the diff's terms: each side's whole requirement (a panel both
    /// require is shown on both sides, so a reviewer sees who still approves).
    func change(_ pair: DiagramBuilder.RequirementPair) -> (DiffOutcome, DiffOutcome) {
        (outcome(pair.old, old: true), outcome(pair.new, old: false))
    }

    /// What decides a class on both sides, up to which rules they are: classes with the
    /// same signature change in the same regions, so each signature is built once.
    struct Signature: Hashable {
        var old: [Int]
        var new: [Int]
        var oldReversible: Bool
        var newReversible: Bool
    }

    /// A changed region of a signature, before it is attached to capability classes.
    struct Change {
        var region: TableRegion
        var old: DiffOutcome
        var new: DiffOutcome
        var oldKeys: Set<Int>
        var newKeys: Set<Int>
        var pair: DiagramBuilder.RequirementPair
    }

    /// Lists the changed regions, up to `limit`; past that, counts them all
    /// by classification without listing them.
    mutating func run() throws(DiagramTooLarge) {
        let slices = currencySlices()
        try walk(slices, counting: false)
        if truncated { try walk(slices, counting: true) }
    }

    private mutating func walk(_ slices: [CurrencySlice], counting: Bool) throws(DiagramTooLarge) {
        let globalsEqual = Set(oldIndex.global.map { oldKeys[$0] }) == Set(newIndex.global.map { newKeys[$0] })
        var oldGlobalByKey: [Int: [Int]] = [:], newGlobalByKey: [Int: [Int]] = [:]
        for r in oldIndex.global { oldGlobalByKey[oldKeys[r], default: []].append(r) }
        for r in newIndex.global { newGlobalByKey[newKeys[r], default: []].append(r) }
        let globalsTestAmount = (oldIndex.global.map { old.rules[$0] } + newIndex.global.map { new.rules[$0] }).contains(where: \.testsAmount)
        // A shared rule sees one side's default reversibility, so rules on reversibility are
        // only shared when no class's default changed.
        let defaultsDiffer = selectors.contains {
            oldIndex.ruleIDs(kind: $0.classKind, name: $0.name).reversible != newIndex.ruleIDs(kind: $0.classKind, name: $0.name).reversible
        }
        for (s, slice) in slices.enumerated() {
            let rules = old.rules.map { $0.scalingAmounts(by: slice.newRate) } + new.rules.map { $0.scalingAmounts(by: slice.oldRate) }
            // Global rules both policies have (as the same fingerprint) go in once, for both
            // sides: half the work wherever most of the policy is unchanged.
            // Each side takes its own copy's contribution: ladder positions and panel names
            // are each policy's own.
            var unmatched = Dictionary(grouping: newIndex.global, by: { newKeys[$0] })
            var shared = [Int](repeating: -1, count: old.rules.count)
            for r in oldIndex.global where (slice.code == nil || !old.rules[r].testsAmount) && !(defaultsDiffer && old.rules[r].testsReversible) {
                guard var twins = unmatched[oldKeys[r]], let twin = twins.popLast() else { continue }
                unmatched[oldKeys[r]] = twins
                shared[r] = old.rules.count + twin
            }
            let oldGlobal = oldIndex.global, newGlobal = unmatched.values.flatMap { $0 }.sorted()
            var builder = DiagramBuilder(rules: rules, leaves: .pair(.init(split: old.rules.count, shared: shared) { [self] pair in
                let c = change(pair)
                return AnyHashable([c.0, c.1])
            }))
            let witness = RegionWitness(tags: builder.tags, attributes: builder.attributes, shells: builder.shells)
            if !counting { sliceNames[s] = (slice, witness) }
            var reaches: [Int32: Bool] = [:]
            var known: [Signature: (changes: [Change], complete: Bool)] = [:]
            var counted: [Signature: [Int]] = [:]
            var countMemo: [CountKey: [Int]] = [:]
            let entangled = Self.entangledAttributes(builder.attributes)
            for (c, sel) in selectors.enumerated() {
                if truncated && !counting { return }
                let o = oldIndex.ruleIDs(kind: sel.classKind, name: sel.name)
                let n = newIndex.ruleIDs(kind: sel.classKind, name: sel.name)
                let signature = Signature(old: Array(Set(o.own.map { oldKeys[$0] })).sorted(), new: Array(Set(n.own.map { newKeys[$0] })).sorted(),
                                          oldReversible: o.reversible, newReversible: n.reversible)
                if slice.code == nil {
                    // Equal rules decide alike only if the ladder ranks their tiers alike.
                    if globalsEqual, approvers.ladderOrderKept, signature.old == signature.new, o.reversible == n.reversible { continue }
                } else if !globalsTestAmount, !(o.own.map { old.rules[$0] } + n.own.map { new.rules[$0] }).contains(where: \.testsAmount) {
                    continue   // the amount plays no part: the plain-number pass covers it
                }
                let oldIDs = o.own + oldGlobal, newIDs = n.own + newGlobal
                if counting {
                    let counts: [Int]
                    if let k = counted[signature] { counts = k } else {
                        builder.reversibleDefaults = o.reversible != n.reversible ? (o.reversible, n.reversible) : nil
                        let root = try builder.build(oldIDs + newIDs.map { $0 + old.rules.count })
                        counts = countChanges(root, builder, witness, slice, entangled, &countMemo)
                        counted[signature] = counts
                    }
                    for k in DiffClassification.allCases {
                        regionCounts[k] = regionCounts[k, default: 0].addingSaturating(counts[k.rank])
                    }
                    continue
                }
                let changes: [Change], complete: Bool
                if let k = known[signature] { (changes, complete) = k } else {
                    builder.reversibleDefaults = o.reversible != n.reversible ? (o.reversible, n.reversible) : nil
                    let root = try builder.build(oldIDs + newIDs.map { $0 + old.rules.count })
                    var found: [Change] = []
                    // One more than can be listed: past that the region list is cut anyway.
                    let paths = changedPaths(root, builder, &reaches, limit: limit + 1) {
                        witness.build(name: witnessName(sel), region: $0, slice: slice) != .empty
                    }
                    for (region, leaf) in paths {
                        let (a, b) = change(builder.pair(ofLeaf: leaf))
                        let (ro, rn) = responsible(region, oldIDs.filter { shared[$0] < 0 }, newIDs, o.reversible, n.reversible, builder)
                        found.append(Change(region: region, old: a, new: b, oldKeys: Set(ro.map { oldKeys[$0] }), newKeys: Set(rn.map { newKeys[$0] }),
                                          pair: builder.pair(ofLeaf: leaf)))
                    }
                    complete = paths.count <= limit
                    known[signature] = (found, complete)
                    changes = found
                }
                for change in changes {
                    let oldRules = (o.own.filter { change.oldKeys.contains(oldKeys[$0]) } + change.oldKeys.flatMap { oldGlobalByKey[$0] ?? [] }).sorted()
                    let newRules = (n.own.filter { change.newKeys.contains(newKeys[$0]) } + change.newKeys.flatMap { newGlobalByKey[$0] ?? [] }).sorted()
                    let edit = attribute(region: change.region, pair: change.pair, oldRules: oldRules, newRules: newRules,
                                         newCandidates: n.own + newIndex.global, defaults: (o.reversible, n.reversible),
                                         sel: sel, slice: slice, builder: builder)
                    let key = GroupKey(slice: s, region: change.region, old: change.old, new: change.new, oldRules: oldRules, newRules: newRules,
                                       edit: edit)
                    if let k = regionIndex[key] {
                        regions[k].region.capabilities.append(sel)
                        continue
                    }
                    if regions.count >= limit { truncated = true; return }
                    regionIndex[key] = regions.count
                    regions.append(([c, s, regions.count], Pending(capabilities: [sel], key: key)))
                }
                // Regions past the paths listed may be new: the counting pass covers them.
                if !complete { truncated = true; return }
            }
        }
    }

    /// The regions found, merged where they differ in one condition only (within one
    /// edit, capability list, currency, pair of decisions and rule lists), described, most
    /// severe first; and their groups by edit, the group of the most severe region first.
    func finish() -> (regions: [DiffRegion], groups: [DiffGroup], placement: DiffPlacement) {
        struct Bucket: Hashable {
            var capabilities: [DiffCapability]
            var slice: Int
            var old: DiffOutcome
            var new: DiffOutcome
            var oldRules: [Int]
            var newRules: [Int]
            var edit: DiffEditKey
        }
        var buckets: [Bucket: [Int]] = [:]
        var order: [Bucket] = []
        for (k, r) in regions.enumerated() {
            let p = r.region
            let b = Bucket(capabilities: p.capabilities, slice: p.slice, old: p.old, new: p.new, oldRules: p.oldRules, newRules: p.newRules, edit: p.edit)
            if buckets[b] == nil { order.append(b) }
            buckets[b, default: []].append(k)
        }
        var out: [(order: [Int], region: DiffRegion, edit: DiffEditKey, box: DiffPlacement.Box)] = []
        for b in order {
            guard let ks = buckets[b], let info = sliceNames[b.slice] else { continue }
            let merged = DiffRegionMerge.merge(ks.map { regions[$0].region.region }) { a in
                a < info.names.attributes.count ? info.names.attributes[a].values.count + 2 : Int.max
            }
            for (box, members) in merged {
                var w: String?
                if let first = b.capabilities.first,
                   case .action(let text) = info.names.build(name: witnessName(first), region: box, slice: info.slice) { w = text }
                out.append((regions[ks[members[0]]].order, DiffRegion(
                    capabilities: b.capabilities, currency: info.slice.code,
                    conditions: describe(box, builder: info.names, slice: info.slice),
                    old: b.old, new: b.new, classification: approvers.classify(old: b.old, new: b.new),
                    oldRules: b.oldRules.map { diffRule(old.rules[$0]) }, newRules: b.newRules.map { diffRule(new.rules[$0]) },
                    witness: w), b.edit, DiffPlacement.Box(region: box, capabilities: b.capabilities, code: info.slice.code, scale: info.slice.scale)))
            }
        }
        out.sort { a, b in
            a.region.classification != b.region.classification ? a.region.classification < b.region.classification
                : a.order.lexicographicallyPrecedes(b.order)
        }
        var groupIndex: [DiffEditKey: Int] = [:]
        var groups: [DiffGroup] = []
        for (k, r) in out.enumerated() {
            if let g = groupIndex[r.edit] {
                groups[g].regions.append(k)
                continue
            }
            groupIndex[r.edit] = groups.count
            groups.append(DiffGroup(kind: r.edit.kind, rules: r.edit.rules, edit: r.edit.text, summary: "", regions: [k],
                                    classification: r.region.classification))
        }
        for g in groups.indices {
            groups[g].summary = DiffGroup.summary(kind: groups[g].kind, edit: groups[g].edit, regions: groups[g].regions.map { out[$0].region })
        }
        var placement = DiffPlacement()
        placement.boxes = out.map(\.box)
        if let names = sliceNames[0]?.names { (placement.tags, placement.attributes, placement.shells) = (names.tags, names.attributes, names.shells) }
        placement.currency = old.currency ?? new.currency
        if old.currency == new.currency {
            for r in old.exchangeRates where new.exchangeRates.contains(where: { $0.currency == r.currency && $0.rate == r.rate }) {
                placement.sharedRates[ByteName(r.currency)] = r.rate
            }
        } else if old.currency == nil || new.currency == nil {
            // The side with no currency reads no amount: the other side's rates place them.
            for r in (old.currency == nil ? new : old).exchangeRates { placement.sharedRates[ByteName(r.currency)] = r.rate }
        }
        for sel in selectors {
            placement.defaults[sel] = [oldIndex.ruleIDs(kind: sel.classKind, name: sel.name).reversible, newIndex.ruleIDs(kind: sel.classKind, name: sel.name).reversible]
        }
        return (out.map(\.region), groups, placement)
    }

    /// Paths from `root` to leaves whose two decisions differ and whose region `keep`
    /// accepts, the first `limit` of them.
    private func changedPaths(_ root: Int32, _ builder: DiagramBuilder, _ reaches: inout [Int32: Bool], limit: Int,
                              keep: (TableRegion) -> Bool) -> [(TableRegion, Int)] {
        func changed(_ ref: Int32) -> Bool {
            if let known = reaches[ref] { return known }
            let result: Bool
            if ref < 0 {
                let (a, b) = change(builder.pair(ofLeaf: Int(-ref - 1)))
                result = a != b
            } else {
                result = builder.nodes[Int(ref)].children.contains { changed($0) }
            }
            reaches[ref] = result
            return result
        }
        var out: [(TableRegion, Int)] = []
        func visit(_ ref: Int32, _ region: TableRegion) {
            guard out.count < limit, changed(ref) else { return }
            if ref < 0 {
                if keep(region) { out.append((region, Int(-ref - 1))) }
                return
            }
            let node = builder.nodes[Int(ref)]
            for (k, child) in node.children.enumerated() {
                visit(child, region.refined(by: node, child: k))
            }
        }
        visit(root, TableRegion())
        return out
    }

    /// A diagram reference, with the choices made on the way for attributes whose paths
    /// nest (only those can make a region empty together).
    struct CountKey: Hashable {
        var ref: Int32
        var choices: [Int]
    }

    /// Attributes whose path is a parent or a child of another's, by attribute number: their
    /// slot in `CountKey.choices`.
    static func entangledAttributes(_ attributes: [TableAttribute]) -> [Int: Int] {
        let paths = attributes.map { $0.path.split(separator: ".", omittingEmptySubsequences: false) }
        var slots: [Int: Int] = [:]
        for (a, p) in paths.enumerated() where paths.indices.contains(where: { b in
            b != a && (paths[b].starts(with: p) || p.starts(with: paths[b]))
        }) {
            slots[a] = slots.count
        }
        return slots
    }

    /// How many regions `changedPaths` would list under `root` and keep (non-empty), by
    /// classification rank, counted without listing them: memoised per node, so the time is
    /// bounded by the diagram, not by the number of regions.
    private func countChanges(_ root: Int32, _ builder: DiagramBuilder, _ witness: RegionWitness, _ slice: CurrencySlice,
                              _ entangled: [Int: Int], _ memo: inout [CountKey: [Int]]) -> [Int] {
        func count(_ ref: Int32, _ choices: [Int]) -> [Int] {
            let key = CountKey(ref: ref, choices: choices)
            if let known = memo[key] { return known }
            var result = [Int](repeating: 0, count: DiffClassification.allCases.count)
            if ref < 0 {
                let (a, b) = change(builder.pair(ofLeaf: Int(-ref - 1)))
                var region = TableRegion()
                for (attribute, slot) in entangled where choices[slot] >= 0 { region.attributes[attribute] = choices[slot] }
                if a != b, witness.attributeTree(region) != nil { result[approvers.classify(old: a, new: b).rank] = 1 }
            } else {
                let node = builder.nodes[Int(ref)]
                for (k, child) in node.children.enumerated() {
                    var next = choices
                    switch node.test {
                    case .numeric:
                        // Numeric fields are independent: an empty interval empties every region through it.
                        let edge = TableRegion().refined(by: node, child: k)
                        if witness.build(name: "x", region: edge, slice: slice) == .empty { continue }
                    case .attribute(let a): if let slot = entangled[a] { next[slot] = k }
                    case .reversible, .tag, .shell: break
                    }
                    let below = count(child, next)
                    for i in result.indices { result[i] = result[i].addingSaturating(below[i]) }
                }
            }
            memo[key] = result
            return result
        }
        return count(root, [Int](repeating: -1, count: entangled.count))
    }

    /// The rules matching throughout the region on each side (rule numbers of each policy),
    /// less those with an identical counterpart matching on the other side.
    private func responsible(_ region: TableRegion, _ o: [Int], _ n: [Int], _ oldDefault: Bool, _ newDefault: Bool,
                             _ builder: DiagramBuilder) -> ([Int], [Int]) {
        func side(_ d: Bool) -> TableRegion {
            var r = region
            if r.reversibleMissing { r.reversible = d }
            return r
        }
        let (ro, rn) = (side(oldDefault), side(newDefault))
        let oldHolding = o.filter { builder.holdsThroughout(builder.rules[$0], ro) }
        let newHolding = n.filter { builder.holdsThroughout(builder.rules[$0 + old.rules.count], rn) }
        let oldSet = Set(oldHolding.map { oldKeys[$0] }), newSet = Set(newHolding.map { newKeys[$0] })
        return (oldHolding.filter { !newSet.contains(oldKeys[$0]) }, newHolding.filter { !oldSet.contains(newKeys[$0]) })
    }

    private func diffRule(_ r: TableRule) -> DiffRule {
        DiffRule(path: r.path, effect: r.effect, source: r.source, reference: r.reference)
    }

    /// A capability name in the selector's class (not claimed by a longer prefix or an
    /// exact name of either policy; `CapabilityPattern.exampleName`).
    func witnessName(_ sel: DiffCapability) -> String {
        let pattern: CapabilityPattern = sel.kind == .exact ? .exact(sel.name) : .prefix(sel.name)   // other: the empty prefix
        return pattern.exampleName(exactNames: exactNames, prefixes: prefixes)
    }

    /// The passes over amounts: plain numbers (and currencies converted the same way by
    /// both policies), then each currency whose conversion differs. Currencies only one
    /// policy accepts become approver changes. A policy with no `currency` has no amount
    /// rules and reads no amount: it converts as the other one does, so nothing about
    /// currencies is reported for it but the currencies the other refuses.
    mutating func currencySlices() -> [CurrencySlice] {
        var slices = [CurrencySlice.base]
        if old.currency != new.currency, let a = old.currency, let b = new.currency {
            changes.append(ApproverChange(
                subject: "currency", name: b, change: "currency", old: a, new: b, classification: .changed,
                text: "policy currency \(a) → \(b): plain-number amounts are read in \(b)"))
        }
        // An absent policy is the empty one: every action disabled, whatever its amount.
        if absent != nil { return slices }
        func rate(_ t: DecisionTable, _ code: String) -> ExactDecimal? {
            if code == t.currency { return ExactDecimal(1) }
            return t.exchangeRates.first { $0.currency == code }?.rate
        }
        var codes = Set([old.currency, new.currency].compactMap { $0 })
        codes.formUnion((old.exchangeRates + new.exchangeRates).map(\.currency))
        var unknown = "XTS"
        var n = 0
        while codes.contains(unknown) { n += 1; unknown = "XT\(n)" }
        let anyName = selectors.last.map(witnessName) ?? "example"
        for code in codes.sorted() + [nil] {
            var (ro, rn) = (rate(old, code ?? unknown), rate(new, code ?? unknown))
            let label = code ?? "other currencies"
            let witness = "{\"capability\":\"\(anyName)\",\"amount\":{\"value\":\"1\",\"currency\":\"\(code ?? unknown)\"}}"
            switch (old.currency, new.currency) {
            case (nil, nil): continue
            case (nil, _?):
                if rn == nil {
                    changes.append(ApproverChange(
                        subject: "currency", name: label, change: "refused", old: "not read", new: "refused", classification: .tightened,
                        text: "amounts in \(label) were not read (the old policy has no amount rules) and are now invalid (unknown currency)",
                        witness: witness))
                }
                continue
            case (_?, nil):
                if ro == nil {
                    changes.append(ApproverChange(
                        subject: "currency", name: label, change: "accepted", old: "refused", new: "not read", classification: .loosened,
                        text: "amounts in \(label) were invalid (unknown currency) and are now accepted (the new policy has no amount rules)",
                        witness: witness))
                }
                continue
            case (_?, _?): break
            }
            if old.currency == nil { ro = rn } else if new.currency == nil { rn = ro }
            switch (ro, rn) {
            case (nil, nil): continue
            case (nil, let r?):
                changes.append(ApproverChange(
                    subject: "currency", name: label, change: "accepted", old: "refused", new: r.description, classification: .loosened,
                    text: "amounts in \(label) were invalid (unknown currency) and are now converted at \(r)", witness: witness))
            case (let r?, nil):
                changes.append(ApproverChange(
                    subject: "currency", name: label, change: "refused", old: r.description, new: "refused", classification: .tightened,
                    text: "amounts in \(label) were converted at \(r) and are now invalid (unknown currency)", witness: witness))
            case (let a?, let b?):
                if a == b && old.currency == new.currency { continue }
                guard let code else { continue }
                if old.currency == new.currency {
                    changes.append(ApproverChange(
                        subject: "currency", name: code, change: "rate", old: a.description, new: b.description, classification: .changed,
                        text: "exchange rate \(code) \(a) → \(b) (regions below show the amounts it moves)"))
                }
                slices.append(CurrencySlice(code: code, oldRate: a, newRate: b))
            }
        }
        return slices
    }
}

extension TableRegion {
    /// The region of child `k` of `node`.
    func refined(by node: TableNode, child k: Int) -> TableRegion {
        var r = self
        switch node.test {
        case .numeric(let f):
            if k == node.children.count - 1 { r.numeric[f] = .missing } else {
                r.numeric[f] = .interval(lower: k > 0 ? node.cuts[k - 1] : nil, upper: k < node.cuts.count ? node.cuts[k] : nil)
            }
        case .reversible: if k == 2 { r.reversibleMissing = true } else { r.reversible = k == 1 }
        case .tag(let t): r.tags[t] = k == 1
        case .attribute(let a): r.attributes[a] = k
        case .shell(let s): r.shells[s] = k == 1
        }
        return r
    }
}

extension TableRule {
    /// Whether a condition of the rule tests the amount.
    var testsAmount: Bool {
        conditions.contains { if case .range(let r) = $0 { r.field == .amount } else { false } }
    }

    /// Whether a condition of the rule tests reversibility.
    var testsReversible: Bool {
        conditions.contains { if case .reversible = $0 { true } else { false } }
    }

    /// The rule with amount thresholds multiplied by `factor` (a positive rate).
    func scalingAmounts(by factor: ExactDecimal) -> TableRule {
        if factor == ExactDecimal(1) || !testsAmount { return self }
        var r = self
        r.conditions = conditions.map { c in
            guard case .range(var range) = c, range.field == .amount else { return c }
            range.lower = range.lower.map { Cut(value: $0.value * factor, upward: $0.upward) }
            range.upper = range.upper.map { Cut(value: $0.value * factor, upward: $0.upward) }
            return .range(range)
        }
        return r
    }
}
