/// The three kinds of band lists a capability may carry.
public enum BandDimension: String, Sendable, CaseIterable {
    case spend, confidence
    case blastRadius = "blast_radius"

    /// The action field the bands test.
    public var actionField: String {
        switch self {
        case .spend: "amount"
        case .confidence: "confidence"
        case .blastRadius: "blast_radius"
        }
    }

    /// Whether thresholds rise (`spend`, `blast_radius`) or fall (`confidence`).
    public var increasing: Bool { self != .confidence }
}

/// A one-sided threshold: `over` (>), `at_least` (>=), `below` (<), `at_most` (<=).
public struct Threshold: Hashable, Sendable, CustomStringConvertible {
    /// The comparison.
    public enum Kind: String, Sendable, CaseIterable {
        case over, atLeast = "at_least", below, atMost = "at_most"

        /// Whether the threshold includes its own value.
        public var inclusive: Bool { self == .atLeast || self == .atMost }
    }

    /// The comparison.
    public var kind: Kind
    /// The value compared against.
    public var value: ExactDecimal

    /// Whether `x` satisfies the threshold.
    public func holds(for x: ExactDecimal) -> Bool {
        switch kind {
        case .over: x > value
        case .atLeast: x >= value
        case .below: x < value
        case .atMost: x <= value
        }
    }

    public var description: String { "\(kind.rawValue) \(value)" }
}

/// One band of a capability's `spend`, `confidence` or `blast_radius` list.
public struct Band: Hashable, Sendable {
    /// Which list it is in.
    public var dimension: BandDimension
    /// Its index in that list.
    public var index: Int
    /// When it applies.
    public var threshold: Threshold
    /// What it contributes.
    public var effect: Effect
    /// Where the band's list item starts.
    public var location: SourceLocation
    /// Where the threshold value was written.
    public var thresholdLocation: SourceLocation
}
