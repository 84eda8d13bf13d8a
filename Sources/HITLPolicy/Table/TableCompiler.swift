/// The table grew past `TableCompiler.maxNodes`: the policy's rules combine into more
/// distinct regions than the compiler will hold.
public struct TableTooLarge: Error, Sendable {
    /// Nodes built when the compiler stopped.
    public var nodes: Int
}

/// Policy → `DecisionTable`.
public enum TableCompiler {
    /// Upper bound on diagram nodes plus leaves (memory stays well under 1 GB).
    public static let maxNodes = 2_000_000

    /// Compiles a validated policy. `digest` is the `sha256:` digest of its source.
    ///
    /// With `diagrams: false` the table has its rules, classes and approvers but no decision
    /// diagrams (every root is 0, `nodes` and `outcomes` are empty): enough for `PolicyDiff`,
    /// which builds its own, and not for evaluation.
    public static func compile(_ policy: Policy, digest: String, diagrams: Bool = true) throws(TableTooLarge) -> DecisionTable {
        let rules = policy.tableRules()
        var builder = DiagramBuilder(rules: rules)
        builder.skipDiagrams = !diagrams
        let classes = try builder.classes(for: policy)
        let global = rules.indices.filter { rules[$0].kind == .compliance && rules[$0].capabilities == nil }
        let globalRoot = diagrams ? try builder.build(global) : 0
        return DecisionTable(
            policy: policy.name, policyDigest: digest, source: policy.file, currency: policy.currency,
            exchangeRates: policy.exchangeRates.map { TableRate(currency: $0.currency, rate: $0.rate) },
            approvers: policy.tableApprovers, tags: builder.tags, attributes: builder.attributes,
            rules: rules, outcomes: builder.outcomes, nodes: builder.nodes, classes: classes,
            globalRoot: globalRoot, globalTestedFields: builder.testedFields(global))
    }
}

extension Policy {
    /// Tiers then specialists (by name) as decisions report them.
    var tableApprovers: [TableApprover] {
        var out: [TableApprover] = []
        for (i, t) in tiers.enumerated() {
            let sla = t.sla ?? defaults.sla
            let timeout = t.onTimeout ?? defaults.onTimeout ?? .reject
            out.append(TableApprover(
                name: t.name, kind: "tier", approvers: t.approvers, quorum: t.quorum.required(of: t.approvers.count),
                sla: sla?.description, slaSeconds: sla?.seconds, onTimeout: timeout.rawValue,
                escalatesTo: timeout == .escalate && i + 1 < tiers.count ? tiers[i + 1].name : nil,
                capacity: t.capacity?.description))
        }
        for s in specialists.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let sla = s.sla ?? defaults.sla
            out.append(TableApprover(
                name: s.name, kind: "specialist", approvers: s.approvers, quorum: s.quorum.required(of: s.approvers.count),
                sla: sla?.description, slaSeconds: sla?.seconds, onTimeout: "reject", escalatesTo: nil,
                capacity: s.capacity?.description))
        }
        return out
    }
}

/// Builds reduced, shared decision diagrams over a fixed variable order: amount,
/// confidence, blast radius, reversible, then one variable per tested tag, then one per
/// tested attribute path.
struct DiagramBuilder {
    /// One rule's conditions, by variable.
    struct Spec {
        var vars: [Int] = []                                 // ascending, unique
        /// Bounds on the numeric variables (amount, confidence, blast radius), by variable.
        var ranges: [(lower: Cut?, upper: Cut?)?] = [nil, nil, nil]
        var reversible: Bool?
        var tagMust = VarMap<Bool>()
        var anyVars: [Int]?                                  // ascending
        var attributes = VarMap<Set<Int>>()                  // variable -> allowed value indices
        var never = false
    }

    /// A few values by variable number: a rule tests a handful of variables, so a linear
    /// search beats hashing.
    struct VarMap<Value> {
        private var keys: [Int] = []
        private var values: [Value] = []

        subscript(_ v: Int) -> Value? {
            get { keys.firstIndex(of: v).map { values[$0] } }
            set {
                if let k = keys.firstIndex(of: v) {
                    if let newValue { values[k] = newValue } else { keys.remove(at: k); values.remove(at: k) }
                } else if let newValue {
                    keys.append(v)
                    values.append(newValue)
                }
            }
        }
    }

    struct Key: Hashable {
        var variable: Int
        var alive: [UInt32]
        var fired: [UInt32]
        var context: UInt8

        /// Hashes the arrays as bytes (much faster than element by element).
        func hash(into h: inout Hasher) {
            h.combine(variable)
            h.combine(context)
            h.combine(alive.count)
            alive.withUnsafeBytes { h.combine(bytes: $0) }
            fired.withUnsafeBytes { h.combine(bytes: $0) }
        }
    }

    static let reversibleVar = 3
    static let firstTagVar = 4

    let rules: [TableRule]
    /// Leaves keep only the requirement (rows merge whenever the decision is the same);
    /// used for the reviewer's views of the table.
    var requirementsOnly = false
    /// Pair mode (with `requirementsOnly`): rules numbered from `pairSplit` on belong to a
    /// second policy, and leaves keep the pair (first policy's decision, second's); see
    /// `pair(ofLeaf:)`. Used by `PolicyDiff`.
    var pairSplit: Int?
    /// In pair mode, for each rule of the first policy that the second has too (identical
    /// conditions), the second policy's copy (a rule number from `pairSplit` on), else -1:
    /// the rule is tested once and each side takes its own copy's contribution (in its own
    /// ladder positions and panel names).
    var sharedRules: [Int] = []
    /// `classes(for:)` leaves every root at 0 instead of building the class diagrams.
    var skipDiagrams = false
    /// In pair mode, the capability's default reversibility on each side when they differ:
    /// the reversibility node then has a third child for a missing `reversible` field.
    var reversibleDefaults: (old: Bool, new: Bool)? {
        didSet { context = reversibleDefaults.map { $0.old ? 1 : 2 } ?? 0 }
    }
    private var context: UInt8 = 0
    /// In pair mode, merges leaves whose pairs map to the same key (e.g. the same change),
    /// so the diagram merges regions by that key rather than by the exact pair.
    var pairLeafKey: ((RequirementPair) -> AnyHashable)?
    private var leafByKey: [AnyHashable: Int32] = [:]
    private(set) var tags: [String] = []
    private(set) var attributes: [TableAttribute] = []
    private(set) var nodes: [TableNode] = []
    private(set) var outcomes: [TableOutcome] = []
    private var specs: [Spec] = []
    /// Each rule's contribution, compact.
    private var contributions: [CompactRequirement] = []
    /// Specialist names by the numbers `contributions` use.
    private var specialistNames: [String] = []
    private var nodeIndex: [TableNode: Int32] = [:]
    private var outcomeIndex: [RuleList: Int32] = [:]

    /// A list of fired rules as a dictionary key, hashed as bytes.
    struct RuleList: Hashable {
        var ids: [UInt32]

        func hash(into h: inout Hasher) {
            h.combine(ids.count)
            ids.withUnsafeBytes { h.combine(bytes: $0) }
        }
    }
    private var memo: [Key: Int32] = [:]

    init(rules: [TableRule]) {
        self.rules = rules
        var tagIndex: [ByteName: Int] = [:]   // names are bytes: no normalisation
        var attrIndex: [ByteName: Int] = [:]
        for rule in rules {
            for c in rule.conditions {
                switch c {
                case .tags(let any, let all, let none):
                    for t in (any ?? []) + (all ?? []) + (none ?? []) where tagIndex[ByteName(t)] == nil {
                        tagIndex[ByteName(t)] = tags.count
                        tags.append(t)
                    }
                case .attribute(let path, let values):
                    let a = attrIndex[ByteName(path)] ?? attributes.count
                    if a == attributes.count {
                        attrIndex[ByteName(path)] = a
                        attributes.append(TableAttribute(path: path, values: []))
                    }
                    for v in values where !attributes[a].values.contains(v) { attributes[a].values.append(v) }
                default: break
                }
            }
        }
        var numbers: [ByteName: UInt16] = [:]
        for rule in rules {
            for name in rule.contribution.specialists where numbers[ByteName(name)] == nil {
                numbers[ByteName(name)] = UInt16(truncatingIfNeeded: specialistNames.count)
                specialistNames.append(name)
            }
        }
        contributions = rules.map { CompactRequirement($0.contribution, specialistNumbers: numbers) }
        let firstAttrVar = Self.firstTagVar + tags.count
        specs = rules.map { rule in
            var s = Spec()
            var vars = Set<Int>()
            for c in rule.conditions {
                switch c {
                case .range(let r):
                    let v = r.field.rawValue
                    vars.insert(v)
                    var bounds = s.ranges[v] ?? (nil, nil)
                    if let l = r.lower { bounds.lower = bounds.lower.map { max($0, l) } ?? l }
                    if let u = r.upper { bounds.upper = bounds.upper.map { min($0, u) } ?? u }
                    s.ranges[v] = bounds
                case .reversible(let b):
                    vars.insert(Self.reversibleVar)
                    if let old = s.reversible, old != b { s.never = true }
                    s.reversible = b
                case .tags(let any, let all, let none):
                    for t in all ?? [] {
                        let v = Self.firstTagVar + tagIndex[ByteName(t)]!
                        vars.insert(v)
                        if s.tagMust[v] == false { s.never = true }
                        s.tagMust[v] = true
                    }
                    for t in none ?? [] {
                        let v = Self.firstTagVar + tagIndex[ByteName(t)]!
                        vars.insert(v)
                        if s.tagMust[v] == true { s.never = true }
                        s.tagMust[v] = false
                    }
                    if let any {
                        if any.isEmpty { s.never = true }
                        let vs = Set(any.map { Self.firstTagVar + tagIndex[ByteName($0)]! })
                        vars.formUnion(vs)
                        s.anyVars = vs.sorted()
                    }
                case .attribute(let path, let values):
                    let a = attrIndex[ByteName(path)]!
                    let v = firstAttrVar + a
                    vars.insert(v)
                    let allowed = Set(values.compactMap { attributes[a].values.firstIndex(of: $0) })
                    s.attributes[v] = s.attributes[v].map { $0.intersection(allowed) } ?? allowed
                }
            }
            s.vars = vars.sorted()
            return s
        }
    }

    /// Fields the given rules test, as `ActionFieldMask` bits.
    func testedFields(_ ruleIDs: [Int]) -> UInt64 {
        var mask: UInt64 = 0
        for r in ruleIDs {
            for v in specs[r].vars {
                if v < Self.reversibleVar { mask |= 1 << UInt64(v) }
                else if v == Self.reversibleVar { mask |= ActionFieldMask.reversible }
                else if v < Self.firstTagVar + tags.count { mask |= ActionFieldMask.tags }
                else { mask |= ActionFieldMask.attribute(v - Self.firstTagVar - tags.count) }
            }
        }
        return mask
    }

    /// The diagram for a set of rules (all must hold their conditions to contribute).
    /// Rules are numbered into `rules`.
    mutating func build(_ ruleIDs: [Int]) throws(TableTooLarge) -> Int32 {
        let alive = ruleIDs.filter { !specs[$0].never }.map { UInt32($0) << 1 }
        return try build(variable: 0, alive: alive, fired: [])
    }

    private mutating func build(variable: Int, alive start: [UInt32], fired startFired: [UInt32]) throws(TableTooLarge) -> Int32 {
        var alive: [UInt32] = []
        var fired = startFired
        var next = Int.max
        for a in start {
            // Read through the array (binding the whole Spec would retain each of its fields).
            if let v = specs[Int(a >> 1)].vars.first(where: { $0 >= variable }) {
                alive.append(a)
                next = min(next, v)
            } else {
                fired.append(a >> 1)
            }
        }
        fired.sort()
        if requirementsOnly { fired = requirementKey(fired) }
        if alive.isEmpty { return leaf(fired) }
        let key = Key(variable: next, alive: alive, fired: fired, context: context)
        if let known = memo[key] { return known }
        if nodes.count + outcomes.count >= TableCompiler.maxNodes { throw TableTooLarge(nodes: nodes.count) }

        let node: TableNode
        let tagEnd = Self.firstTagVar + tags.count
        if next < Self.reversibleVar {
            var cuts = Set<Cut>()
            for a in alive {
                if let b = specs[Int(a >> 1)].ranges[next] {
                    if let l = b.lower { cuts.insert(l) }
                    if let u = b.upper { cuts.insert(u) }
                }
            }
            var sorted = cuts.sorted()
            var position: [Cut: Int] = [:]
            for (k, c) in sorted.enumerated() { position[c] = k }
            // Child i is the interval between cuts i-1 and i; each rule passes a run of them.
            let spans: [(lower: Int, upper: Int)] = alive.map { a in
                guard let b = specs[Int(a >> 1)].ranges[next] else { return (0, sorted.count) }
                return (b.lower.map { position[$0]! + 1 } ?? 0, b.upper.map { position[$0]! } ?? sorted.count)
            }
            var children: [Int32] = []
            var pass: [UInt32] = []
            for i in 0...sorted.count {
                pass.removeAll(keepingCapacity: true)
                for (k, a) in alive.enumerated() where spans[k].lower <= i && i <= spans[k].upper { pass.append(a) }
                children.append(try build(variable: next + 1, alive: pass, fired: fired))
            }
            let missing = try build(variable: next + 1, alive: alive, fired: fired)
            // Merge adjacent intervals that lead to the same place.
            var k = 0
            while k + 1 < children.count {
                if children[k] == children[k + 1] {
                    children.remove(at: k + 1)
                    sorted.remove(at: k)
                } else {
                    k += 1
                }
            }
            node = TableNode(test: .numeric(NumericField(rawValue: next)!), cuts: sorted, children: children + [missing])
        } else if next == Self.reversibleVar {
            var children: [Int32] = []
            for value in [false, true] {
                let pass = alive.filter { specs[Int($0 >> 1)].reversible.map { $0 == value } ?? true }
                children.append(try build(variable: next + 1, alive: pass, fired: fired))
            }
            if let defaults = reversibleDefaults, let split = pairSplit {
                // A missing field: each side's rules see that side's default.
                let pass = alive.filter { a in
                    let r = Int(a >> 1)
                    return specs[r].reversible.map { $0 == (r < split ? defaults.old : defaults.new) } ?? true
                }
                children.append(try build(variable: next + 1, alive: pass, fired: fired))
            }
            node = TableNode(test: .reversible, children: children)
        } else if next < tagEnd {
            var children: [Int32] = []
            for present in [false, true] {
                var pass: [UInt32] = []
                for a in alive {
                    let r = Int(a >> 1)
                    if let must = specs[r].tagMust[next], must != present { continue }
                    var state = a
                    if let any = specs[r].anyVars, any.contains(next) {
                        if present { state |= 1 } else if any.last == next && state & 1 == 0 { continue }
                    }
                    pass.append(state)
                }
                children.append(try build(variable: next + 1, alive: pass, fired: fired))
            }
            node = TableNode(test: .tag(next - Self.firstTagVar), children: children)
        } else {
            let a = next - tagEnd
            var children: [Int32] = []
            for value in 0..<(attributes[a].values.count + 2) {
                let missing = value == attributes[a].values.count + 1
                let pass = alive.filter { r in
                    guard let allowed = specs[Int(r >> 1)].attributes[next] else { return true }
                    return missing || allowed.contains(value)
                }
                children.append(try build(variable: next + 1, alive: pass, fired: fired))
            }
            node = TableNode(test: .attribute(a), children: children)
        }
        let result: Int32
        if node.children.allSatisfy({ $0 == node.children[0] }) {
            result = node.children[0]
        } else if let known = nodeIndex[node] {
            result = known
        } else {
            result = Int32(nodes.count)
            nodes.append(node)
            nodeIndex[node] = result
        }
        memo[key] = result
        return result
    }

    /// In `requirementsOnly` mode the fired rules are replaced by one representative rule
    /// per distinct requirement: the memo then merges every state with the same decision.
    private mutating func requirementKey(_ fired: [UInt32]) -> [UInt32] {
        var r = CompactPair(old: .bottom, new: .bottom)
        let split = UInt32(pairSplit ?? rules.count)
        for f in fired {
            if f < split {
                r.old.join(contributions[Int(f)])
                if Int(f) < sharedRules.count, sharedRules[Int(f)] >= 0 { r.new.join(contributions[sharedRules[Int(f)]]) }
            }
            else if f < UInt32(rules.count) { r.new.join(contributions[Int(f)]) }
            else {
                let p = syntheticRequirements[Int(f) - rules.count]
                r.old.join(p.old)
                r.new.join(p.new)
            }
        }
        if let known = syntheticIndex[r] { return [known] }
        let id = UInt32(rules.count + syntheticRequirements.count)
        syntheticRequirements.append(r)
        syntheticIndex[r] = id
        return [id]
    }

    /// Decisions of both policies in pair mode (`new` is the bottom otherwise).
    struct RequirementPair: Hashable {
        var old: Requirement
        var new: Requirement
    }

    struct CompactPair: Hashable {
        var old: CompactRequirement
        var new: CompactRequirement
    }

    private var syntheticRequirements: [CompactPair] = []
    private var syntheticIndex: [CompactPair: UInt32] = [:]

    /// The pair of decisions at a leaf (requirements-only and pair modes).
    func pair(ofLeaf leaf: Int) -> RequirementPair { pair(ofLeafRule: outcomes[leaf].rules[0]) }

    private func pair(ofLeafRule sid: Int) -> RequirementPair {
        let p = syntheticRequirements[sid - rules.count]
        return RequirementPair(old: p.old.requirement(specialistNames: specialistNames),
                               new: p.new.requirement(specialistNames: specialistNames))
    }

    private mutating func leaf(_ fired: [UInt32]) -> Int32 {
        if let known = outcomeIndex[RuleList(ids: fired)] { return -known - 1 }
        var joined = CompactRequirement.bottom
        for f in fired {
            joined.join(Int(f) < rules.count ? contributions[Int(f)] : syntheticRequirements[Int(f) - rules.count].old)
        }
        let r = joined.requirement(specialistNames: specialistNames)
        if requirementsOnly, let pairLeafKey, let sid = fired.first {
            let key = pairLeafKey(pair(ofLeafRule: Int(sid)))
            if let known = leafByKey[key] {
                outcomeIndex[RuleList(ids: fired)] = known
                return -known - 1
            }
            leafByKey[key] = Int32(outcomes.count)
        }
        if requirementsOnly {
            let i = Int32(outcomes.count)
            outcomes.append(TableOutcome(requirement: r, rules: fired.map { Int($0) }))
            outcomeIndex[RuleList(ids: fired)] = i
            return -i - 1
        }
        let i = Int32(outcomes.count)
        outcomes.append(TableOutcome(requirement: r, rules: fired.map { Int($0) }))
        outcomeIndex[RuleList(ids: fired)] = i
        return -i - 1
    }

    /// The capability classes of a policy, each with its own diagram.
    mutating func classes(for policy: Policy) throws(TableTooLarge) -> [CapabilityClass] {
        var exactNames = Set<ByteName>()   // names are bytes: no normalisation
        var prefixNames = Set<ByteName>()
        func note(_ p: CapabilityPattern) {
            switch p {
            case .exact(let n): exactNames.insert(ByteName(n))
            case .prefix(let q): prefixNames.insert(ByteName(q))
            }
        }
        var entryByPath: [ByteName: CapabilityEntry] = [:]
        for e in policy.capabilities { entryByPath[ByteName("capabilities.\(e.pattern)")] = e }
        var entryRule: [CapabilityPattern: Int] = [:]
        var reversibleOf: [CapabilityPattern: Bool] = [:]
        var bandRules: [CapabilityPattern: [Int]] = [:]
        var exactRules: [ByteName: [Int]] = [:]
        var prefixRules: [ByteName: [Int]] = [:]
        var defaultRule = 0
        var lastEntry: CapabilityPattern?
        for (i, r) in rules.enumerated() {
            switch r.kind {
            case .defaultStage: defaultRule = i
            case .entry:
                guard let e = entryByPath[ByteName(r.path)] else { continue }
                entryRule[e.pattern] = i
                reversibleOf[e.pattern] = e.reversible
                lastEntry = e.pattern
                note(e.pattern)
            case .band:
                // A band lies inside its entry's mapping, so it follows that entry in policy order.
                if let p = lastEntry { bandRules[p, default: []].append(i) }
            case .compliance:
                for p in r.capabilities ?? [] {
                    note(p)
                    switch p {
                    case .exact(let n): exactRules[ByteName(n), default: []].append(i)
                    case .prefix(let q): prefixRules[ByteName(q), default: []].append(i)
                    }
                }
            }
        }
        let entryPrefixes = policy.capabilities.compactMap { e -> String? in
            if case .prefix(let q) = e.pattern { return q } else { return nil }
        }
        let ruleLengths = Set(prefixRules.keys.map { $0.text.utf8.count }).sorted()
        var out: [CapabilityClass] = []
        let entryPrefixSet = Set(entryPrefixes.map(ByteName.init))
        let entryLengths = Set(entryPrefixes.map { $0.utf8.count }).sorted(by: >)
        func entryPattern(for name: String, exact: Bool) -> CapabilityPattern? {
            if exact, entryRule[.exact(name)] != nil { return .exact(name) }
            // Longest entry prefix first: one set lookup per distinct prefix length.
            return name.utf8Prefixes(ofLengths: entryLengths).first { entryPrefixSet.contains(ByteName($0)) }.map { .prefix($0) }
        }
        func add(kind: CapabilityClass.Kind, name: String) throws(TableTooLarge) {
            let pattern = kind == .other ? nil : entryPattern(for: name, exact: kind == .exact)
            let entry = pattern.flatMap { entryRule[$0] } ?? defaultRule
            var ids = [entry] + (pattern.flatMap { bandRules[$0] } ?? [])
            if kind == .exact { ids += exactRules[ByteName(name)] ?? [] }
            if kind != .other {
                for p in name.utf8Prefixes(ofLengths: ruleLengths) { ids += prefixRules[ByteName(p)] ?? [] }
            }
            ids = Array(Set(ids)).sorted()
            let reversible = pattern.flatMap { reversibleOf[$0] ?? nil } ?? false
            out.append(CapabilityClass(
                kind: kind, name: name, entryRule: entry, reversible: reversible, root: skipDiagrams ? 0 : try build(ids),
                testedFields: testedFields(ids)))
        }
        for n in exactNames.sorted() { try add(kind: .exact, name: n.text) }
        for p in prefixNames.sorted() { try add(kind: .prefix, name: p.text) }
        if !prefixNames.contains(ByteName("")) { try add(kind: .other, name: "") }
        return out
    }
}
