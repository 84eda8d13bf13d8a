import Testing
@testable import HITLPolicy

/// Chart titles fit their chart: SVG text does not wrap, and a long log path ran off the
/// right edge of both charts (seen rendered).
@Suite("Chart titles")
struct ChartTitleTests {
    @Test func aLogIsNamedByItsFileName() {
        #expect(SimulationChart.fileName("/work/main/fixtures/reviews/payments-month.jsonl") == "payments-month.jsonl")
        #expect(SimulationChart.fileName("week.jsonl") == "week.jsonl")
        #expect(SimulationChart.fileName("-") == "-")
    }

    @Test func aLongTitleIsElidedToTheLimit() {
        let long = "hitl-policy simulate: " + String(repeating: "p", count: 200) + " on log.jsonl"
        let fitted = SimulationChart.fitted(long)
        #expect(fitted.count == 88)
        #expect(fitted.hasSuffix("…"))
        #expect(SimulationChart.fitted("short title") == "short title")
    }
}
