import Testing
@testable import HITLPolicy

/// Regions differing in one condition only merge exactly: adjacent intervals join, a
/// condition whose values are all covered is dropped, anything else stays apart.
@Suite("Diff region merging")
struct DiffRegionMergeTests {
    static func cut(_ v: Int, upward: Bool = false) -> Cut { Cut(value: ExactDecimal(v), upward: upward) }

    static func amount(_ span: TableRegion.Span, tag: Bool? = nil) -> TableRegion {
        var r = TableRegion()
        r.numeric[.amount] = span
        if let tag { r.tags[0] = tag }
        return r
    }

    @Test func adjacentIntervalsJoin() {
        let merged = DiffRegionMerge.merge([
            Self.amount(.interval(lower: nil, upper: Self.cut(100))),
            Self.amount(.interval(lower: Self.cut(100), upper: Self.cut(500))),
        ]) { _ in 3 }
        #expect(merged.count == 1)
        #expect(merged.first?.region.numeric[.amount] == .interval(lower: nil, upper: Self.cut(500)))
        #expect(merged.first?.members == [0, 1])
    }

    @Test func gapsAndOtherConditionsStayApart() {
        let gap = DiffRegionMerge.merge([
            Self.amount(.interval(lower: nil, upper: Self.cut(100))),
            Self.amount(.interval(lower: Self.cut(200), upper: nil)),
        ]) { _ in 3 }
        #expect(gap.count == 2)
        // Equal amounts but one tag present and the other unconstrained: not one box.
        let mixed = DiffRegionMerge.merge([
            Self.amount(.interval(lower: nil, upper: Self.cut(100)), tag: true),
            Self.amount(.interval(lower: Self.cut(100), upper: nil)),
        ]) { _ in 3 }
        #expect(mixed.count == 2)
    }

    @Test func fullCoverDropsTheCondition() {
        let merged = DiffRegionMerge.merge([
            Self.amount(.interval(lower: nil, upper: Self.cut(100)), tag: true),
            Self.amount(.interval(lower: Self.cut(100), upper: nil), tag: true),
            Self.amount(.missing, tag: true),
            Self.amount(.interval(lower: nil, upper: Self.cut(100)), tag: false),
            Self.amount(.interval(lower: Self.cut(100), upper: nil), tag: false),
            Self.amount(.missing, tag: false),
        ]) { _ in 3 }
        #expect(merged.count == 1)
        #expect(merged.first?.region == TableRegion())
        #expect(merged.first?.members == Array(0..<6))
    }

    @Test func attributesMergeOnlyWhenEveryChoiceIsCovered() {
        func attr(_ k: Int) -> TableRegion {
            var r = TableRegion()
            r.attributes[0] = k
            return r
        }
        #expect(DiffRegionMerge.merge([attr(0), attr(1)]) { _ in 4 }.count == 2)
        let all = DiffRegionMerge.merge([attr(0), attr(1), attr(2), attr(3)]) { _ in 4 }
        #expect(all.count == 1 && all.first?.region == TableRegion())
    }
}
