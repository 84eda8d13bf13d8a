/// A boundary on the number line: `value` itself lies above the cut when `upward`
/// (the cut `at_least`/`below` make), below it otherwise (`over`/`at_most`).
///
/// Cuts are ordered by value, and at one value the upward cut ("just before `value`")
/// comes first, so the two cuts at a value isolate the single point.
package struct Cut: Hashable, Sendable, Comparable {
    /// The boundary value.
    package var value: ExactDecimal
    /// Whether `value` belongs to the region above the cut.
    package var upward: Bool

    /// Creates a cut.
    package init(value: ExactDecimal, upward: Bool) {
        self.value = value
        self.upward = upward
    }

    /// Whether `x` lies above the cut.
    package func isBelow(_ x: ExactDecimal) -> Bool { upward ? x >= value : x > value }

    /// Whether `x` lies above `lower` and below `upper` (nil: unbounded): range containment,
    /// written once.
    package static func range(_ lower: Cut?, _ upper: Cut?, contains x: ExactDecimal) -> Bool {
        if let lower, !lower.isBelow(x) { return false }
        if let upper, upper.isBelow(x) { return false }
        return true
    }

    package static func < (a: Cut, b: Cut) -> Bool {
        if a.value != b.value { return a.value < b.value }
        return a.upward && !b.upward
    }
}

/// A range on one numeric field, as cuts: the value must lie above `lower` and below `upper`.
package struct NumericRange: Hashable, Sendable {
    /// The field.
    package var field: NumericField
    /// The value must lie above this cut.
    package var lower: Cut?
    /// The value must lie below this cut.
    package var upper: Cut?

    /// Whether `x` lies in the range.
    package func contains(_ x: ExactDecimal) -> Bool { Cut.range(lower, upper, contains: x) }

    /// The condition in the policy's own words, e.g. `over 5000` or `at_least 0.2, below 0.5`.
    package var text: String {
        var parts: [String] = []
        let words = field.spec
        if let lower { parts.append("\(lower.upward ? words.lowerWords.inclusive : words.lowerWords.exclusive) \(lower.value)") }
        if let upper { parts.append("\(upper.upward ? words.upperWords.exclusive : words.upperWords.inclusive) \(upper.value)") }
        return parts.joined(separator: ", ")
    }
}
