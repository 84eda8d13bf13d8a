/// A table's diagrams and classes flattened into plain buffers for the walk: no reference
/// counting and no copies of structures holding strings on the hot path.
///
/// Built once per table and shared (read-only) by every evaluator of a stream. Indices are
/// trusted because the table passed `DecisionTable.validate()`, which bounds every child,
/// tag and attribute reference, and because the buffers below are built from the same nodes.
final class FlatDiagram: @unchecked Sendable {
    let kind: UnsafeMutableBufferPointer<UInt8>          // 0 numeric, 3 reversible, 4 tag, 5 attribute or shell
    let arg: UnsafeMutableBufferPointer<Int32>           // numeric field (`rawValue`), tag or attribute number; a shell node's is `~s` (negative)
    let childStart: UnsafeMutableBufferPointer<Int32>    // start of the node's children in `children`
    let childCount: UnsafeMutableBufferPointer<Int32>
    let children: UnsafeMutableBufferPointer<Int32>
    let cutStart: UnsafeMutableBufferPointer<Int32>      // start of the node's cuts in `cuts`
    let cutCount: UnsafeMutableBufferPointer<Int32>
    let cuts: UnsafeMutableBufferPointer<FastCut>
    /// The cut values, for numbers that do not fit the fast form.
    let exactCuts: [ExactDecimal]
    /// Per class: its diagram's root, its default `reversible`, the fields its rules test.
    let classRoot: UnsafeMutableBufferPointer<Int32>
    let classReversible: UnsafeMutableBufferPointer<Bool>
    let classTested: UnsafeMutableBufferPointer<UInt64>
    /// The rules' conditions as checks, for reasons.
    let predicates: RulePredicates

    /// The kind of a numeric node.
    static let numeric: UInt8 = 0

    init(_ table: DecisionTable) {
        var kind: [UInt8] = [], arg: [Int32] = [], childStart: [Int32] = [], childCount: [Int32] = []
        var kids: [Int32] = [], cutStart: [Int32] = [], cutCount: [Int32] = [], fast: [FastCut] = [], exact: [ExactDecimal] = []
        for node in table.nodes {
            switch node.test {
            case .numeric(let f): kind.append(Self.numeric); arg.append(Int32(f.rawValue))
            case .reversible: kind.append(3); arg.append(0)
            case .tag(let t): kind.append(4); arg.append(Int32(t))
            case .attribute(let a): kind.append(5); arg.append(Int32(a))
            case .shell(let s): kind.append(5); arg.append(~Int32(s))
            }
            childStart.append(Int32(kids.count))
            childCount.append(Int32(node.children.count))
            kids += node.children
            cutStart.append(Int32(fast.count))
            cutCount.append(Int32(node.cuts.count))
            for c in node.cuts {
                fast.append(FastCut(c, exact: exact.count))
                exact.append(c.value)
            }
        }
        self.kind = Self.copy(kind)
        self.arg = Self.copy(arg)
        self.childStart = Self.copy(childStart)
        self.childCount = Self.copy(childCount)
        children = Self.copy(kids)
        self.cutStart = Self.copy(cutStart)
        self.cutCount = Self.copy(cutCount)
        cuts = Self.copy(fast)
        exactCuts = exact
        classRoot = Self.copy(table.classes.map(\.root))
        classReversible = Self.copy(table.classes.map(\.reversible))
        classTested = Self.copy(table.classes.map(\.testedFields))
        predicates = RulePredicates(table)
    }

    deinit {
        kind.deallocate(); arg.deallocate(); childStart.deallocate(); childCount.deallocate()
        children.deallocate(); cutStart.deallocate(); cutCount.deallocate(); cuts.deallocate()
        classRoot.deallocate(); classReversible.deallocate(); classTested.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
        _ = b.initialize(from: values)
        return UnsafeMutableBufferPointer(rebasing: b[0..<values.count])
    }
}
