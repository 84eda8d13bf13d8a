/// Builds reduced, shared decision diagrams over a fixed variable order (`ActionField.decided`):
/// the numeric fields (variable = `NumericField.rawValue`), reversible, then one variable per
/// tested tag, then one per tested attribute path, then one per tested shell prefix (grouped by
/// attribute path, so a rule's shell conditions on two paths never interleave).
///
/// A state is a rule number shifted by `stateShift` with two bits: bit 0, some tag of the
/// rule's `any` list is present; bit 1, some prefix of the rule's shell condition being
/// read is present (cleared at the condition's last prefix).
///
/// An attribute that both equality and shell conditions test is exact: under a listed value
/// (or a missing one) each prefix's truth is known (`TableShell.holds`), so no shell node is
/// built there and no row that cannot happen is made; the choice taken is part of the memo key.
struct DiagramBuilder {
    /// One rule's conditions, by variable.
    struct Spec {
        var vars: [Int] = []                                 // ascending, unique
        /// Bounds on the numeric variables, by variable.
        var ranges: [(lower: Cut?, upper: Cut?)?] = Array(repeating: nil, count: NumericField.count)
        var reversible: Bool?
        var tagMust = VarMap<Bool>()
        var anyVars: [Int]?                                  // ascending
        var attributes = VarMap<Set<Int>>()                  // variable -> allowed value indices
        var shellLast = VarMap<Bool>()                       // shell variable -> last of its condition's prefixes
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
        /// The decision so far (a value number), joined from the rules already decided.
        var value: Int32
        var context: UInt8
        /// The choices taken at attributes that shell conditions test too (-1: not tested).
        var choices: [Int32]

        /// Hashes the array as bytes (much faster than element by element).
        func hash(into h: inout Hasher) {
            h.combine(variable)
            h.combine(context)
            h.combine(value)
            h.combine(alive.count)
            alive.withUnsafeBytes { h.combine(bytes: $0) }
            if !choices.isEmpty { choices.withUnsafeBytes { h.combine(bytes: $0) } }
        }
    }

    /// What a diagram's leaves hold.
    enum LeafStrategy {
        /// The decision of one policy: actions with the same decision share a leaf.
        case decision
        /// The pair (first policy's decision, second's), for `PolicyDiff`; see `PairLeaves`.
        case pair(PairLeaves)
    }

    /// Pair leaves: rules numbered from `split` on belong to a second policy.
    struct PairLeaves {
        /// The first rule of the second policy.
        var split: Int
        /// For each rule of the first policy that the second has too (identical conditions),
        /// the second policy's copy (a rule number from `split` on), else -1: the rule is
        /// tested once and each side takes its own copy's contribution (in its own ladder
        /// positions and panel names).
        var shared: [Int] = []
        /// Merges leaves whose pairs map to the same key (e.g. the same change), so the
        /// diagram merges regions by that key rather than by the exact pair.
        var key: (RequirementPair) -> AnyHashable
    }

    static let reversibleVar = NumericField.count
    /// A state's rule number is `state >> Self.stateShift`.
    static let stateShift: UInt32 = 2
    static let firstTagVar = NumericField.count + 1

    let rules: [TableRule]
    let leaves: LeafStrategy
    /// Nodes plus leaves built at most.
    var limit = TableCompiler.maxNodes
    /// Distinct leaves at most (`TableCompiler.maxDecisions` when compiling a table; the
    /// diff's pair diagrams are bounded by `limit` alone).
    var leafLimit = Int.max
    /// In pair mode, the capability's default reversibility on each side when they differ:
    /// the reversibility node then has a third child for a missing `reversible` field.
    var reversibleDefaults: (old: Bool, new: Bool)? {
        didSet { context = reversibleDefaults.map { $0.old ? 1 : 2 } ?? 0 }
    }
    private var context: UInt8 = 0
    private(set) var tags: [String] = []
    private(set) var attributes: [TableAttribute] = []
    private(set) var shells: [TableShell] = []
    /// Per shell, its truth under each choice of its attribute (each listed value, other
    /// (unused), missing).
    private var shellTruth: [[Bool]] = []
    /// Per attribute, its slot in `choices` when shell conditions test it (else -1).
    private var choiceSlot: [Int] = []
    private var choices: [Int32] = []
    private(set) var nodes: [TableNode] = []
    private(set) var outcomes: [TableOutcome] = []
    private var specs: [Spec] = []
    private var nodeIndex: [TableNode: Int32] = [:]
    private var memo: [Key: Int32] = [:]

    // The lattice, interned: each distinct requirement has a number, each distinct pair of
    // requirement numbers (first policy, second) is a value, and joins are memoised on
    // numbers, so a state's decision so far is one integer.
    private var requirements: [Requirement] = [.bottom]
    private var requirementNumbers: [Requirement: Int32] = [.bottom: 0]
    private var requirementJoins: [UInt64: Int32] = [:]
    private var values: [(old: Int32, new: Int32)] = [(0, 0)]
    private var valueNumbers: [UInt64: Int32] = [0: 0]
    private var valueJoins: [UInt64: Int32] = [:]
    /// Each rule's contribution, as a value.
    private var effects: [Int32] = []
    /// Each rule's conditions as a number (equal numbers: equal conditions), so that
    /// classes whose rules test and contribute alike share one build.
    private var conditionNumbers: [Int32] = []
    /// Class diagrams by their rules' (conditions, contribution) numbers, in rule order.
    private var classMemo: [[UInt64]: (root: Int32, fields: UInt64)] = [:]
    /// Leaf (outcome number) by value.
    private var leafOfValue: [Int32: Int32] = [:]
    private var leafByKey: [AnyHashable: Int32] = [:]
    /// In pair mode, each leaf's pair.
    private var leafPairs: [RequirementPair] = []

    /// Decisions of both policies in pair mode (`new` is the bottom otherwise).
    struct RequirementPair: Hashable {
        var old: Requirement
        var new: Requirement
    }

    init(rules: [TableRule], leaves: LeafStrategy = .decision) {
        self.rules = rules
        self.leaves = leaves
        var tagIndex: [ByteName: Int] = [:]   // names are bytes: no normalisation
        var attrIndex: [ByteName: Int] = [:]
        for r in rules.indices where !rules[r].conditions.isEmpty {
            for c in rules[r].conditions {
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
                case .shell(let path, let prefixes):
                    let a = attrIndex[ByteName(path)] ?? attributes.count
                    if a == attributes.count {
                        attrIndex[ByteName(path)] = a
                        attributes.append(TableAttribute(path: path, values: []))
                    }
                    for p in prefixes where !shells.contains(TableShell(attribute: a, words: p)) {
                        shells.append(TableShell(attribute: a, words: p))
                    }
                default: break
                }
            }
        }
        effects = rules.indices.map { r in
            let own = number(rules[r].contribution)
            guard case .pair(let p) = leaves else { return value(own, 0) }
            if r >= p.split { return value(0, own) }
            let twin = r < p.shared.count && p.shared[r] >= 0 ? number(rules[p.shared[r]].contribution) : 0
            return value(own, twin)
        }
        // Rules without conditions (every capability entry) are number 0 and share one Spec.
        var conditionsSeen: [[TableCondition]: Int32] = [[]: 0]
        conditionNumbers = rules.indices.map { r in
            let conditions = rules[r].conditions
            if conditions.isEmpty { return 0 }
            if let n = conditionsSeen[conditions] { return n }
            let n = Int32(conditionsSeen.count)
            conditionsSeen[conditions] = n
            return n
        }
        // Grouped by attribute, in first-use order within each.
        shells = shells.enumerated().sorted { ($0.element.attribute, $0.offset) < ($1.element.attribute, $1.offset) }.map(\.element)
        var shellIndex: [TableShell: Int] = [:]
        for (k, sh) in shells.enumerated() { shellIndex[sh] = k }
        shellTruth = shells.map { sh in
            attributes[sh.attribute].values.map { TableShell.holds(sh.words, for: $0) } + [true, true]
        }
        choiceSlot = Array(repeating: -1, count: attributes.count)
        for sh in shells where choiceSlot[sh.attribute] < 0 && !attributes[sh.attribute].values.isEmpty {
            choiceSlot[sh.attribute] = choices.count
            choices.append(-1)
        }
        let firstAttrVar = Self.firstTagVar + tags.count
        let firstShellVar = firstAttrVar + attributes.count
        let unconditional = Spec()
        specs = rules.indices.map { r in
            let conditions = rules[r].conditions
            if conditions.isEmpty { return unconditional }
            var s = Spec()
            var vars = Set<Int>()
            for c in conditions {
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
                case .shell(let path, let prefixes):
                    let a = attrIndex[ByteName(path)]!
                    let vs = Set(prefixes.compactMap { shellIndex[TableShell(attribute: a, words: $0)] }.map { firstShellVar + $0 }).sorted()
                    if vs.isEmpty { s.never = true }
                    if vs.contains(where: { s.shellLast[$0] != nil }) { s.never = true }   // one condition per path
                    for v in vs { s.shellLast[v] = v == vs.last }
                    vars.formUnion(vs)
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
                else if v < Self.firstTagVar + tags.count + attributes.count { mask |= ActionFieldMask.attribute(v - Self.firstTagVar - tags.count) }
                else { mask |= ActionFieldMask.attribute(shells[v - Self.firstTagVar - tags.count - attributes.count].attribute) }
            }
        }
        return mask
    }

    /// The diagram for a set of rules (all must hold their conditions to contribute).
    /// Rules are numbered into `rules`.
    mutating func build(_ ruleIDs: [Int]) throws(DiagramTooLarge) -> Int32 {
        let alive = ruleIDs.filter { !specs[$0].never }.map { UInt32($0) << Self.stateShift }
        do throws(DiagramTooLarge) {
            return try build(variable: 0, alive: alive, value: 0)
        } catch {
            throw DiagramTooLarge(nodes: error.nodes, rules: ruleIDs.sorted())
        }
    }

    private mutating func build(variable: Int, alive start: [UInt32], value startValue: Int32) throws(DiagramTooLarge) -> Int32 {
        var pending: [(state: UInt32, next: Int)] = []
        var acc = startValue
        for a in start {
            // Read through the array (binding the whole Spec would retain each of its fields).
            if let v = specs[Int(a >> Self.stateShift)].vars.first(where: { $0 >= variable }) {
                pending.append((a, v))
            } else {
                acc = join(acc, effects[Int(a >> Self.stateShift)])
            }
        }
        // A rule whose contribution the decision so far already includes cannot change it:
        // dropping it lets states that differ only in such rules merge.
        var alive: [UInt32] = []
        alive.reserveCapacity(pending.count)
        var next = Int.max
        for (a, v) in pending where join(acc, effects[Int(a >> Self.stateShift)]) != acc {
            alive.append(a)
            next = min(next, v)
        }
        if alive.isEmpty { return leaf(acc) }
        let key = Key(variable: next, alive: alive, value: acc, context: context, choices: choices)
        if let known = memo[key] { return known }
        if nodes.count + outcomes.count >= limit || outcomes.count >= leafLimit { throw DiagramTooLarge(nodes: nodes.count) }

        let node: TableNode
        let tagEnd = Self.firstTagVar + tags.count
        let shellStart = tagEnd + attributes.count
        if next >= shellStart {
            let s = next - shellStart
            let slot = choiceSlot[shells[s].attribute]
            if slot >= 0, choices[slot] >= 0, Int(choices[slot]) != attributes[shells[s].attribute].values.count {
                // A listed value or a missing one: the prefix's truth is known.
                let result = try build(variable: next + 1, alive: shellPass(alive, next, present: shellTruth[s][Int(choices[slot])]), value: acc)
                memo[key] = result
                return result
            }
        }
        if next < Self.reversibleVar {
            var cuts = Set<Cut>()
            for a in alive {
                if let b = specs[Int(a >> Self.stateShift)].ranges[next] {
                    if let l = b.lower { cuts.insert(l) }
                    if let u = b.upper { cuts.insert(u) }
                }
            }
            var sorted = cuts.sorted()
            var position: [Cut: Int] = [:]
            for (k, c) in sorted.enumerated() { position[c] = k }
            // Child i is the interval between cuts i-1 and i; each rule passes a run of them.
            let spans: [(lower: Int, upper: Int)] = alive.map { a in
                guard let b = specs[Int(a >> Self.stateShift)].ranges[next] else { return (0, sorted.count) }
                return (b.lower.map { position[$0]! + 1 } ?? 0, b.upper.map { position[$0]! } ?? sorted.count)
            }
            var children: [Int32] = []
            var pass: [UInt32] = []
            for i in 0...sorted.count {
                pass.removeAll(keepingCapacity: true)
                for (k, a) in alive.enumerated() where spans[k].lower <= i && i <= spans[k].upper { pass.append(a) }
                children.append(try build(variable: next + 1, alive: pass, value: acc))
            }
            let missing = try build(variable: next + 1, alive: alive, value: acc)
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
                let pass = alive.filter { specs[Int($0 >> Self.stateShift)].reversible.map { $0 == value } ?? true }
                children.append(try build(variable: next + 1, alive: pass, value: acc))
            }
            if let defaults = reversibleDefaults, case .pair(let p) = leaves {
                // A missing field: each side's rules see that side's default.
                let pass = alive.filter { a in
                    let r = Int(a >> Self.stateShift)
                    return specs[r].reversible.map { $0 == (r < p.split ? defaults.old : defaults.new) } ?? true
                }
                children.append(try build(variable: next + 1, alive: pass, value: acc))
            }
            node = TableNode(test: .reversible, children: children)
        } else if next < tagEnd {
            var children: [Int32] = []
            for present in [false, true] {
                var pass: [UInt32] = []
                for a in alive {
                    let r = Int(a >> Self.stateShift)
                    if let must = specs[r].tagMust[next], must != present { continue }
                    var state = a
                    if let any = specs[r].anyVars, any.contains(next) {
                        if present { state |= 1 } else if any.last == next && state & 1 == 0 { continue }
                    }
                    pass.append(state)
                }
                children.append(try build(variable: next + 1, alive: pass, value: acc))
            }
            node = TableNode(test: .tag(next - Self.firstTagVar), children: children)
        } else if next < shellStart {
            let a = next - tagEnd
            var children: [Int32] = []
            let slot = choiceSlot[a]
            for value in 0..<(attributes[a].values.count + 2) {
                let missing = value == attributes[a].values.count + 1
                let pass = alive.filter { r in
                    guard let allowed = specs[Int(r >> Self.stateShift)].attributes[next] else { return true }
                    return missing || allowed.contains(value)
                }
                if slot >= 0 { choices[slot] = Int32(value) }
                defer { if slot >= 0 { choices[slot] = -1 } }
                children.append(try build(variable: next + 1, alive: pass, value: acc))
            }
            node = TableNode(test: .attribute(a), children: children)
        } else {
            var children: [Int32] = []
            for present in [false, true] {
                children.append(try build(variable: next + 1, alive: shellPass(alive, next, present: present), value: acc))
            }
            node = TableNode(test: .shell(next - shellStart), children: children)
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

    /// The states that go on when shell variable `v` is `present`: bit 1 records that the
    /// rule's condition on this path has a prefix present; at its last prefix, a rule with
    /// none present stops, and the bit is cleared for the rule's next shell condition.
    private func shellPass(_ alive: [UInt32], _ v: Int, present: Bool) -> [UInt32] {
        var pass: [UInt32] = []
        pass.reserveCapacity(alive.count)
        for a in alive {
            var state = a
            if let last = specs[Int(a >> Self.stateShift)].shellLast[v] {
                if present { state |= 2 } else if last && state & 2 == 0 { continue }
                if last { state &= ~2 }
            }
            pass.append(state)
        }
        return pass
    }

    /// The number of a requirement.
    private mutating func number(_ r: Requirement) -> Int32 {
        if let n = requirementNumbers[r] { return n }
        let n = Int32(requirements.count)
        requirements.append(r)
        requirementNumbers[r] = n
        return n
    }

    /// The number of a pair of requirement numbers.
    private mutating func value(_ old: Int32, _ new: Int32) -> Int32 {
        let k = UInt64(UInt32(old)) << 32 | UInt64(UInt32(new))
        if let v = valueNumbers[k] { return v }
        let v = Int32(values.count)
        values.append((old, new))
        valueNumbers[k] = v
        return v
    }

    /// The join of two requirement numbers, memoised.
    private mutating func joinRequirements(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b || b == 0 { return a }
        if a == 0 { return b }
        let k = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
        if let j = requirementJoins[k] { return j }
        let j = number(requirements[Int(a)].joined(with: requirements[Int(b)]))
        requirementJoins[k] = j
        return j
    }

    /// The join of two values (side by side), memoised.
    private mutating func join(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b || b == 0 { return a }
        if a == 0 { return b }
        let k = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
        if let j = valueJoins[k] { return j }
        let (x, y) = (values[Int(a)], values[Int(b)])
        let j = value(joinRequirements(x.old, y.old), joinRequirements(x.new, y.new))
        valueJoins[k] = j
        return j
    }

    /// The pair of decisions at a leaf (pair mode).
    func pair(ofLeaf leaf: Int) -> RequirementPair { leafPairs[leaf] }

    private mutating func leaf(_ v: Int32) -> Int32 {
        if let known = leafOfValue[v] { return -known - 1 }
        let i = Int32(outcomes.count)
        let (old, new) = (requirements[Int(values[Int(v)].old)], requirements[Int(values[Int(v)].new)])
        if case .pair(let p) = leaves {
            let pair = RequirementPair(old: old, new: new)
            let key = p.key(pair)
            if let known = leafByKey[key] {
                leafOfValue[v] = known
                return -known - 1
            }
            leafByKey[key] = i
            leafPairs.append(pair)
        }
        outcomes.append(TableOutcome(requirement: old))
        leafOfValue[v] = i
        return -i - 1
    }

    /// The capability classes of a policy's rules, each with its own diagram (root 0
    /// without `diagrams`).
    mutating func classes(_ index: ClassRuleIndex, diagrams: Bool) throws(DiagramTooLarge) -> [CapabilityClass] {
        var out: [CapabilityClass] = []
        for (kind, name) in index.mentionedClasses() {
            let r = index.ruleIDs(kind: kind, name: name)
            // A diagram depends on what its rules test and contribute, not on their numbers:
            // classes alike (say every capability with the same bands) are built once.
            let key = r.own.map { UInt64(UInt32(bitPattern: conditionNumbers[$0])) << 32 | UInt64(UInt32(bitPattern: effects[$0])) }
            let built: (root: Int32, fields: UInt64)
            if let known = classMemo[key] {
                built = known
            } else {
                built = (diagrams ? try build(r.own) : 0, testedFields(r.own))
                classMemo[key] = built
            }
            out.append(CapabilityClass(
                kind: kind, name: name, entryRule: r.entry, reversible: r.reversible, root: built.root, testedFields: built.fields))
        }
        return out
    }
}
