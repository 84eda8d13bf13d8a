/// A one-sided threshold: `over` (>), `at_least` (>=), `below` (<), `at_most` (<=).
package struct Threshold: Hashable, Sendable, CustomStringConvertible {
    /// The comparison.
    package enum Kind: String, Sendable, CaseIterable {
        case over, atLeast = "at_least", below, atMost = "at_most"

        /// Whether the threshold includes its own value.
        package var inclusive: Bool { self == .atLeast || self == .atMost }
    }

    /// The comparison.
    package var kind: Kind
    /// The value compared against.
    package var value: ExactDecimal

    /// Whether `x` satisfies the threshold.
    package func holds(for x: ExactDecimal) -> Bool {
        switch kind {
        case .over: x > value
        case .atLeast: x >= value
        case .below: x < value
        case .atMost: x <= value
        }
    }

    package var description: String { "\(kind.rawValue) \(value)" }
}

/// One band of a capability's band list on a numeric field (`spend`, `confidence`, …).
package struct Band: Hashable, Sendable {
    /// The field its list tests.
    package var field: NumericField
    /// Its index in that list.
    package var index: Int
    /// When it applies.
    package var threshold: Threshold
    /// What it contributes.
    package var effect: Effect
    /// Where the band's list item starts.
    package var location: SourceLocation
    /// Where the threshold value was written.
    package var thresholdLocation: SourceLocation
}
