/// Every rule's conditions as cheap checks on the state the walk reads (numbers, effective
/// reversibility, present tags, attribute choices), and each class's candidate rules: the
/// reasons of a decision are the candidates whose checks all pass.
///
/// The checks mean exactly what the diagrams mean (`DiagramBuilder.build`): a number lies
/// above a rule's lower cut and below its upper cut, or is missing; reversibility is the
/// effective value; a tag is present or not (an action without `tags` has none); an
/// attribute equals one of the values, or is missing. Built once per table and shared
/// (read-only) by every evaluator of a stream, like `FlatDiagram`.
final class RulePredicates: @unchecked Sendable {
    /// One condition: `kind` says which and how `arg`, `lo`, `hi` read.
    struct Check {
        /// 0 range on numeric field `arg` (`lo`, `hi`: cut numbers, -1 unbounded);
        /// 3 reversible equals `arg` (0/1); 4 tag `arg` present; 5 tag `arg` absent;
        /// 6 some tag of `anyTags[lo..<hi]` present; 7 attribute `arg`'s choice allowed by
        /// `allowed[lo + choice]`; 8 never. A shell condition ("some of these prefixes") is an
        /// `anyTag` check over the prefixes' slots after the tags (`Evaluator.shellBase`).
        var kind: UInt8
        var arg: Int32
        var lo: Int32
        var hi: Int32
    }

    static let numeric: UInt8 = 0, reversible: UInt8 = 3, tagPresent: UInt8 = 4, tagAbsent: UInt8 = 5
    static let anyTag: UInt8 = 6, attribute: UInt8 = 7, never: UInt8 = 8

    /// Per rule: its checks are `checks[checkStart[r] ..< checkStart[r + 1]]` (none: always).
    let checkStart: UnsafeMutableBufferPointer<Int32>
    let checks: UnsafeMutableBufferPointer<Check>
    let cuts: UnsafeMutableBufferPointer<FastCut>
    /// The cut values, for numbers that do not fit the fast form.
    let exactCuts: [ExactDecimal]
    let anyTags: UnsafeMutableBufferPointer<Int32>
    /// Per attribute condition: one flag per choice (each value, other, missing).
    let allowed: UnsafeMutableBufferPointer<Bool>
    /// Per class: its candidates (own rules and the global ones, ascending) are
    /// `candidates[classStart[c] ..< classStart[c + 1]]`.
    let classStart: UnsafeMutableBufferPointer<Int32>
    let candidates: UnsafeMutableBufferPointer<Int32>
    /// Per candidate (same index as `candidates`): its rule's checks,
    /// `checks[candidateChecks[2k] ..< candidateChecks[2k + 1]]`, so the match loop reads
    /// them beside the rule number.
    let candidateChecks: UnsafeMutableBufferPointer<Int32>
    /// The most candidates any class has.
    let maxCandidates: Int

    init(_ table: DecisionTable) {
        var checkStart: [Int32] = [], checks: [Check] = [], fast: [FastCut] = [], exact: [ExactDecimal] = []
        var anyTags: [Int32] = [], allowed: [Bool] = []
        var tagNumber: [ByteName: Int32] = [:]   // names are bytes: no normalisation
        for (i, t) in table.tags.enumerated() where tagNumber[ByteName(t)] == nil { tagNumber[ByteName(t)] = Int32(i) }
        var attributeNumber: [ByteName: Int] = [:]
        for (i, a) in table.attributes.enumerated() where attributeNumber[ByteName(a.path)] == nil { attributeNumber[ByteName(a.path)] = i }
        func cut(_ c: Cut?) -> Int32 {
            guard let c else { return -1 }
            fast.append(FastCut(c, exact: exact.count))
            exact.append(c.value)
            return Int32(fast.count - 1)
        }
        for rule in table.rules {
            let start = checks.count
            checkStart.append(Int32(start))
            defer {
                // Cheapest first (the rule fails at its first failing check): never,
                // reversible and tags are one load each, numbers a comparison or two, an
                // attribute may scan the action's `attributes`.
                func cost(_ c: Check) -> Int { c.kind == Self.never ? 0 : c.kind == Self.attribute ? 3 : c.kind < Self.reversible ? 2 : 1 }
                let sorted = checks[start...].enumerated().sorted { (cost($0.element), $0.offset) < (cost($1.element), $1.offset) }.map(\.element)
                checks.replaceSubrange(start..., with: sorted)
            }
            for c in rule.conditions {
                switch c {
                case .range(let r):
                    checks.append(Check(kind: Self.numeric, arg: Int32(r.field.rawValue), lo: cut(r.lower), hi: cut(r.upper)))
                case .reversible(let want):
                    checks.append(Check(kind: Self.reversible, arg: want ? 1 : 0, lo: 0, hi: 0))
                case .tags(let any, let all, let none):
                    // A tag the table does not know is on no action.
                    for t in all ?? [] {
                        if let n = tagNumber[ByteName(t)] { checks.append(Check(kind: Self.tagPresent, arg: n, lo: 0, hi: 0)) }
                        else { checks.append(Check(kind: Self.never, arg: 0, lo: 0, hi: 0)) }
                    }
                    for t in none ?? [] {
                        if let n = tagNumber[ByteName(t)] { checks.append(Check(kind: Self.tagAbsent, arg: n, lo: 0, hi: 0)) }
                    }
                    if let any {
                        let known = any.compactMap { tagNumber[ByteName($0)] }
                        if known.isEmpty {
                            checks.append(Check(kind: Self.never, arg: 0, lo: 0, hi: 0))
                        } else {
                            checks.append(Check(kind: Self.anyTag, arg: 0, lo: Int32(anyTags.count), hi: Int32(anyTags.count + known.count)))
                            anyTags += known
                        }
                    }
                case .attribute(let path, let values):
                    // A path the table does not test is missing from every action: met.
                    guard let a = attributeNumber[ByteName(path)] else { continue }
                    let listed = table.attributes[a].values
                    checks.append(Check(kind: Self.attribute, arg: Int32(a), lo: Int32(allowed.count), hi: 0))
                    allowed += listed.map(values.contains) + [false, true]
                case .shell(let path, let prefixes):
                    // The table lists every path and prefix its rules test (`validate`).
                    guard let a = attributeNumber[ByteName(path)] else { continue }
                    let known = prefixes.compactMap { p in table.shells.firstIndex(of: TableShell(attribute: a, words: p)) }
                    checks.append(Check(kind: Self.anyTag, arg: 0, lo: Int32(anyTags.count), hi: Int32(anyTags.count + known.count)))
                    anyTags += known.map { Int32(table.tags.count + $0) }
                }
            }
        }
        checkStart.append(Int32(checks.count))
        let index = ClassRuleIndex(table)
        var classStart: [Int32] = [], candidates: [Int32] = []
        var most = 0
        for cls in table.classes {
            classStart.append(Int32(candidates.count))
            let ids = index.allRuleIDs(kind: cls.kind, name: cls.name).filter { table.rules.indices.contains($0) }
            candidates += ids.map { Int32($0) }
            most = max(most, ids.count)
        }
        classStart.append(Int32(candidates.count))
        self.candidateChecks = Self.copy(candidates.flatMap { [checkStart[Int($0)], checkStart[Int($0) + 1]] })
        self.checkStart = Self.copy(checkStart)
        self.checks = Self.copy(checks)
        cuts = Self.copy(fast)
        exactCuts = exact
        self.anyTags = Self.copy(anyTags)
        self.allowed = Self.copy(allowed)
        self.classStart = Self.copy(classStart)
        self.candidates = Self.copy(candidates)
        maxCandidates = most
    }

    deinit {
        checkStart.deallocate(); checks.deallocate(); cuts.deallocate(); anyTags.deallocate()
        allowed.deallocate(); classStart.deallocate(); candidates.deallocate(); candidateChecks.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
        _ = b.initialize(from: values)
        return UnsafeMutableBufferPointer(rebasing: b[0..<values.count])
    }
}
