/// Which rules of a table apply to a set of capability names, found by lookup rather than
/// a scan of every rule.
///
/// A selector is a class of names in the sense of `CapabilityClass` (an exact name, the
/// names under a prefix that no longer mentioned prefix claims, or every other name), but
/// it need not be one of this table's own classes: `PolicyDiff` asks about the classes of
/// both policies together.
public struct ClassRuleIndex: Sendable {
    /// The rules for a selector.
    public struct Rules: Sendable {
        /// The entry (or `defaults.stage`) rule.
        public var entry: Int
        /// Reversibility assumed when an action does not say.
        public var reversible: Bool
        /// Entry, its bands and the capability-specific compliance rules, ascending.
        public var own: [Int]
    }

    let table: DecisionTable
    private var exactClass: [ByteName: Int] = [:]   // names are bytes: no normalisation
    private var prefixClass: [ByteName: Int] = [:]
    private var prefixLengths: [Int] = []
    private var otherClass: Int?
    private var bands: [Int: [Int]] = [:]
    private var exactRules: [ByteName: [Int]] = [:]
    private var prefixRules: [ByteName: [Int]] = [:]
    private var ruleLengths: [Int] = []
    /// Compliance rules that name no capability, ascending.
    public private(set) var global: [Int] = []

    /// Indexes a table.
    public init(_ table: DecisionTable) {
        self.table = table
        for (i, c) in table.classes.enumerated() {
            switch c.kind {
            case .exact: exactClass[ByteName(c.name)] = i
            case .prefix: prefixClass[ByteName(c.name)] = i
            case .other: otherClass = i
            }
        }
        prefixLengths = Set(prefixClass.keys.map { $0.text.utf8.count }).sorted(by: >)
        var lastEntry: Int?
        for (i, r) in table.rules.enumerated() {
            switch r.kind {
            case .entry: lastEntry = i
            // A band lies inside its entry's mapping, so it follows that entry in policy order.
            case .band: if let e = lastEntry { bands[e, default: []].append(i) }
            case .defaultStage: continue
            case .compliance:
                guard let patterns = r.capabilities else { global.append(i); continue }
                for p in Set(patterns) {
                    switch p {
                    case .exact(let n): exactRules[ByteName(n), default: []].append(i)
                    case .prefix(let q): prefixRules[ByteName(q), default: []].append(i)
                    }
                }
            }
        }
        ruleLengths = Set(prefixRules.keys.map { $0.text.utf8.count }).sorted()
    }

    /// The table's class that contains the selector's names.
    func containingClass(kind: CapabilityClass.Kind, name: String) -> Int? {
        if kind == .exact, let c = exactClass[ByteName(name)] { return c }
        if kind != .other {
            for p in name.utf8Prefixes(ofLengths: prefixLengths) {
                if let c = prefixClass[ByteName(p)] { return c }
            }
        }
        return otherClass ?? prefixClass[ByteName("")]
    }

    /// The rules that apply to every name of the selector.
    public func ruleIDs(kind: CapabilityClass.Kind, name: String) -> Rules {
        let cls = containingClass(kind: kind, name: name).map { table.classes[$0] }
        let entry = cls?.entryRule ?? 0
        var own = [entry] + (bands[entry] ?? [])
        if kind == .exact { own += exactRules[ByteName(name)] ?? [] }
        if kind != .other {
            for p in name.utf8Prefixes(ofLengths: ruleLengths) { own += prefixRules[ByteName(p)] ?? [] }
        }
        own = Array(Set(own)).sorted()
        return Rules(entry: entry, reversible: cls?.reversible ?? false, own: own)
    }

    /// Every rule that applies to the selector: its own and the global ones, ascending.
    public func allRuleIDs(kind: CapabilityClass.Kind, name: String) -> [Int] {
        Array(Set(ruleIDs(kind: kind, name: name).own + global)).sorted()
    }
}

extension String {
    /// The prefixes of this name with the given lengths in UTF-8 bytes (longer than the
    /// name: skipped), in the order of `lengths`. Pattern lookups try these in a dictionary
    /// instead of scanning every pattern.
    func utf8Prefixes(ofLengths lengths: [Int]) -> [String] {
        let bytes = Array(utf8)
        // A cut inside a character decodes with U+FFFD, other bytes that could spell some other
        // pattern; no pattern (valid UTF-8) ends there, so such lengths are skipped.
        return lengths.filter { $0 <= bytes.count }.compactMap { n in
            let p = String(decoding: bytes[0..<n], as: UTF8.self)
            return p.utf8.count == n ? p : nil
        }
    }
}
