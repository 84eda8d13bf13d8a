/// Cheap, conservative tests of which rules may cover which (scope, conditions, effect),
/// used to choose the few rules `RuleImpact` then decides exactly. A rule X may shadow a
/// rule R when X requires at least as much, applies to every capability R applies to, and
/// each of X's conditions follows from one of R's (missing values meet both).
struct RuleScope {
    let policy: Policy
    let table: DecisionTable
    private var compliance: [ByteName: Int] = [:]
    private var entries: [ByteName: Int] = [:]
    private var entryOfBand: [Int: Int] = [:]
    private var defaultRule: Int?

    init(_ policy: Policy, _ table: DecisionTable) {
        self.policy = policy
        self.table = table
        var lastEntry: Int?
        for (i, r) in table.rules.enumerated() {
            switch r.kind {
            case .compliance: compliance[ByteName(r.path)] = i
            case .entry: entries[ByteName(r.path)] = i; lastEntry = i
            case .band: entryOfBand[i] = lastEntry
            case .defaultStage: defaultRule = i
            }
        }
    }

    /// The table rule of a compliance rule.
    func index(of rule: ComplianceRule) -> Int? { compliance[ByteName("compliance.\(rule.id)")] }

    /// The table rule of a capability entry.
    func index(of entry: CapabilityEntry) -> Int? { entries[ByteName("capabilities.\(entry.pattern)")] }

    /// The entry rules (and `defaults.stage`) governing the names rule `r` applies to.
    func governing(_ r: Int) -> Set<Int> {
        guard let patterns = table.rules[r].capabilities else {
            return Set(entries.values).union(defaultRule.map { [$0] } ?? [])
        }
        var out = Set<Int>()
        func governor(_ name: String) -> Int? { policy.entry(for: name).flatMap(index(of:)) ?? defaultRule }
        for p in patterns {
            switch p {
            case .exact(let n): if let g = governor(n) { out.insert(g) }
            case .prefix(let q):
                if let g = governor(q) { out.insert(g) }
                for e in policy.capabilities {
                    let name = switch e.pattern { case .exact(let n): n; case .prefix(let p): p }
                    if name.utf8.starts(with: q.utf8), let i = index(of: e) { out.insert(i) }
                }
            }
        }
        return out
    }

    /// Whether every capability `r` applies to requires at least as much by its own stage.
    func baseCovers(_ r: Int) -> Bool {
        let c = table.rules[r].contribution
        return governing(r).allSatisfy { table.rules[$0].contribution.isAtLeastAsStrict(as: c) }
    }

    /// Bands and compliance rules that may shadow rule `r`, in policy order.
    func shadowCandidates(_ r: Int, excluding removed: Set<Int> = []) -> [Int] {
        let rule = table.rules[r]
        var out: [Int] = []
        var governed: Set<Int>?
        for (x, other) in table.rules.enumerated() where x != r && !removed.contains(x) {
            guard other.kind == .compliance || other.kind == .band,
                  other.contribution.isAtLeastAsStrict(as: rule.contribution),
                  Self.implies(rule.conditions, other.conditions) else { continue }
            if other.kind == .compliance {
                if Self.covers(other.capabilities, rule.capabilities) { out.append(x) }
            } else if let e = entryOfBand[x], rule.capabilities != nil {
                if governed == nil { governed = governing(r) }
                if governed == [e] { out.append(x) }
            }
        }
        return out
    }

    /// Whether patterns `x` (nil: every capability) cover every name patterns `r` match.
    static func covers(_ x: [CapabilityPattern]?, _ r: [CapabilityPattern]?) -> Bool {
        guard let x else { return true }
        guard let r else { return false }
        return r.allSatisfy { p in
            x.contains { q in
                switch (q, p) {
                case (.exact(let a), .exact(let b)): a.sameBytes(as: b)
                case (.prefix(let a), .exact(let b)), (.prefix(let a), .prefix(let b)): b.utf8.starts(with: a.utf8)
                case (.exact, .prefix): false
                }
            }
        }
    }

    /// Whether every one of `x`'s conditions follows from one of `r`'s.
    static func implies(_ r: [TableCondition], _ x: [TableCondition]) -> Bool {
        x.allSatisfy { cx in r.contains { implies($0, cx) } }
    }

    static func implies(_ a: TableCondition, _ b: TableCondition) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.range(let p), .range(let q)):
            guard p.field == q.field else { return false }
            // A range no value satisfies matches missing values only, which every range meets.
            if let l = p.lower, let u = p.upper, !(l < u) { return true }
            let lowerOK = q.lower.map { need in p.lower.map { $0 >= need } ?? false } ?? true
            let upperOK = q.upper.map { need in p.upper.map { $0 <= need } ?? false } ?? true
            return lowerOK && upperOK
        case (.attribute(let p, let v), .attribute(let q, let w)):
            return p.sameBytes(as: q) && v.allSatisfy(w.contains)
        default:
            return false
        }
    }
}
