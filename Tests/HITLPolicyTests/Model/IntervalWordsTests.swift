import Testing
@testable import HITLPolicy

/// One interval notation for `--explain`, the table views and diff: the policy's own
/// keywords in words (Model/IntervalWords.swift).
@Suite("Interval words")
struct IntervalWordsTests {
    static func cut(_ v: Int, upward: Bool) -> Cut { Cut(value: ExactDecimal(v), upward: upward) }

    @Test func boundsReadAsThePolicyWritesThem() {
        // over 1000 and at most 10000: the lower cut excludes 1000, the upper includes 10000.
        #expect(IntervalWords.text(.amount, Self.cut(1000, upward: false), Self.cut(10000, upward: false), unit: "USD")
            == "over 1000 and at most 10000 USD")
        #expect(IntervalWords.text(.amount, Self.cut(1000, upward: true), Self.cut(10000, upward: true))
            == "at least 1000 and under 10000")
        #expect(IntervalWords.text(.amount, nil, Self.cut(1000, upward: false)) == "at most 1000")
        #expect(IntervalWords.text(.amount, Self.cut(5000, upward: true), Self.cut(5000, upward: false)) == "exactly 5000")
        #expect(IntervalWords.text(.amount, nil, nil) == "any")
        #expect(IntervalWords.text(.blastRadius, Self.cut(10, upward: false), nil) == "over 10")
    }

    /// Confidence has its own keywords (`above`/`below`), as in a policy.
    @Test func confidenceUsesItsKeywords() {
        let low = Cut(value: ExactDecimal(parsing: "0.6")!, upward: true), high = Cut(value: ExactDecimal(parsing: "0.8")!, upward: true)
        #expect(IntervalWords.text(.confidence, low, high) == "at least 0.6 and below 0.8")
        #expect(IntervalWords.text(.confidence, Cut(value: ExactDecimal(parsing: "0.6")!, upward: false), nil) == "above 0.6")
    }

    /// Shown values (a converted amount, `≈` marked) pass through unchanged.
    @Test func shownValues() {
        #expect(IntervalWords.text(.amount, lower: .init("≈4.5", inclusive: false), upper: nil, unit: "EUR") == "over ≈4.5 EUR")
    }
}
