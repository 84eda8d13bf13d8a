/// Which rules apply to a set of capability names, found by lookup rather than a scan of
/// every rule: the one place a capability class's rule list is assembled (the compiler
/// builds each class's diagram from it; the reviewer's view and `PolicyDiff` ask it too).
///
/// A selector is a class of names in the sense of `CapabilityClass` (an exact name, the
/// names under a prefix that no longer mentioned prefix claims, or every other name), but
/// it need not be one of this table's own classes: `PolicyDiff` asks about the classes of
/// both policies together.
package struct ClassRuleIndex: Sendable {
    /// The rules for a selector.
    package struct Rules: Sendable {
        /// The entry (or `defaults.stage`) rule.
        package var entry: Int
        /// Reversibility assumed when an action does not say.
        package var reversible: Bool
        /// Entry, its bands and the capability-specific compliance rules, ascending.
        package var own: [Int]
    }

    /// Classes that carry the entry rule and default reversibility of their names: a
    /// table's classes, or (while compiling) one per capability entry.
    private let classes: [CapabilityClass]
    private var exactClass: [ByteName: Int] = [:]   // names are bytes: no normalisation
    private var prefixClass = PrefixMap<Int>()
    private var otherClass: Int?
    private var bands: [Int: [Int]] = [:]
    private var exactRules: [ByteName: [Int]] = [:]
    private var prefixRules = PrefixMap<[Int]>()
    /// Compliance rules that name no capability, ascending.
    package private(set) var global: [Int] = []

    /// Indexes a table.
    package init(_ table: DecisionTable) {
        self.init(rules: table.rules, classes: table.classes)
    }

    /// Indexes rules, with the classes that say which entry governs which names.
    init(rules: [TableRule], classes: [CapabilityClass]) {
        self.classes = classes
        var byClassPrefix: [ByteName: Int] = [:]
        for (i, c) in classes.enumerated() {
            switch c.kind {
            case .exact: exactClass[ByteName(c.name)] = i
            case .prefix: byClassPrefix[ByteName(c.name)] = i
            case .other: otherClass = i
            }
        }
        prefixClass = PrefixMap(byClassPrefix)
        var lastEntry: Int?
        var byPrefix: [ByteName: [Int]] = [:]
        for i in rules.indices {
            switch rules[i].kind {
            case .entry: lastEntry = i
            // A band lies inside its entry's mapping, so it follows that entry in policy order.
            case .band: if let e = lastEntry { bands[e, default: []].append(i) }
            case .defaultStage: continue
            case .compliance:
                guard let patterns = rules[i].capabilities else { global.append(i); continue }
                for p in Set(patterns) {
                    switch p {
                    case .exact(let n): exactRules[ByteName(n), default: []].append(i)
                    case .prefix(let q): byPrefix[ByteName(q), default: []].append(i)
                    }
                }
            }
        }
        prefixRules = PrefixMap(byPrefix)
    }

    /// The index a policy compiles with: each capability entry governs its names, and
    /// `defaults.stage` every other name.
    init(_ policy: Policy, rules: [TableRule]) {
        let entryRules = rules.indices.filter { rules[$0].kind == .entry }
        // `tableRules()` writes one entry rule per capability entry and orders rules by where
        // they are written: when the entries are listed in that order (as decoding lists
        // them), the k-th entry rule is the k-th entry's. Otherwise they are matched by path.
        let caps = policy.capabilities
        let inOrder = caps.indices.dropFirst().allSatisfy { k in
            let (a, b) = (caps[k - 1].location, caps[k].location)
            return a.file.sameBytes(as: b.file) ? (a.line, a.column) <= (b.line, b.column) : !(b < a)
        }
        let positional = inOrder && entryRules.count == caps.count
        var entryRule: [ByteName: Int] = [:]
        if !positional {
            for i in entryRules { entryRule[ByteName(rules[i].path)] = i }
        }
        let defaultRule = rules.firstIndex { $0.kind == .defaultStage } ?? 0
        var entries: [CapabilityClass] = policy.capabilities.indices.compactMap { k in
            let e = policy.capabilities[k]
            guard let i = positional ? entryRules[k] : entryRule[ByteName("capabilities.\(e.pattern)")] else { return nil }
            let (kind, name): (CapabilityClass.Kind, String) = switch e.pattern {
            case .exact(let n): (.exact, n)
            case .prefix(let q): (.prefix, q)
            }
            return CapabilityClass(kind: kind, name: name, entryRule: i, reversible: e.reversible ?? false, root: 0, testedFields: 0)
        }
        entries.append(CapabilityClass(kind: .other, name: "", entryRule: defaultRule, reversible: false, root: 0, testedFields: 0))
        self.init(rules: rules, classes: entries)
    }

    /// The classes of names the indexed classes and rules mention: every exact name, every
    /// prefix (each sorted by bytes), then every other name unless the empty prefix covers them.
    func mentionedClasses() -> [(kind: CapabilityClass.Kind, name: String)] {
        let exact = Set(exactClass.keys).union(exactRules.keys).sorted()
        let prefixes = Set(prefixClass.prefixes.map(ByteName.init)).union(prefixRules.prefixes.map(ByteName.init)).sorted()
        var out = exact.map { (kind: CapabilityClass.Kind.exact, name: $0.text) } + prefixes.map { (kind: .prefix, name: $0.text) }
        if !prefixes.contains(ByteName("")) { out.append((.other, "")) }
        return out
    }

    /// The indexed class that contains the selector's names.
    func containingClass(kind: CapabilityClass.Kind, name: String) -> Int? {
        if kind == .exact, let c = exactClass[ByteName(name)] { return c }
        if kind != .other, let c = prefixClass.longest(in: name) { return c }
        return otherClass ?? prefixClass[""]
    }

    /// The rules that apply to every name of the selector.
    package func ruleIDs(kind: CapabilityClass.Kind, name: String) -> Rules {
        let cls = containingClass(kind: kind, name: name).map { classes[$0] }
        let entry = cls?.entryRule ?? 0
        var own = [entry] + (bands[entry] ?? [])
        if kind == .exact { own += exactRules[ByteName(name)] ?? [] }
        if kind != .other { own += prefixRules.all(in: name).joined() }
        own.sort()
        own.removeDuplicates()
        return Rules(entry: entry, reversible: cls?.reversible ?? false, own: own)
    }

    /// Every rule that applies to the selector: its own and the global ones, ascending.
    package func allRuleIDs(kind: CapabilityClass.Kind, name: String) -> [Int] {
        Array(Set(ruleIDs(kind: kind, name: name).own + global)).sorted()
    }
}

extension Array where Element: Equatable {
    /// Drops each element equal to the one before it (on a sorted array: the duplicates).
    mutating func removeDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for k in 1..<count where self[k] != self[kept - 1] {
            self[kept] = self[k]
            kept += 1
        }
        removeLast(count - kept)
    }
}
