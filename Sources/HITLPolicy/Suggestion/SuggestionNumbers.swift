/// Number text for `suggest`'s reports, the same on every platform (no locale).
enum SuggestionNumbers {
    /// `2%`, `2.5%`, `0.25%` (at most two decimals, trailing zeros dropped).
    static func percent(_ share: Double) -> String {
        var s = SimulationNumbers.fixed(share * 100, 2)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s + "%"
    }

    /// A rate or bound with four decimals (`0.0123`), as the JSON carries it.
    static func rate(_ x: Double) -> String { SimulationNumbers.fixed(x, 4) }

    /// A rate as a percentage with one decimal (`1.2%`).
    static func rateText(_ x: Double?) -> String { x.map { SimulationNumbers.fixed($0 * 100, 1) + "%" } ?? "—" }

    /// `[0.3%, 4.1%]`.
    static func interval(_ b: WilsonBound) -> String { "[\(rateText(b.low)), \(rateText(b.high))]" }
}
