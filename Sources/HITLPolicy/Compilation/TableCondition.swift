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
    package func contains(_ x: ExactDecimal) -> Bool {
        if let lower, !lower.isBelow(x) { return false }
        if let upper, upper.isBelow(x) { return false }
        return true
    }

    /// The condition in the policy's own words, e.g. `over 5000` or `at_least 0.2, below 0.5`.
    package var text: String {
        var parts: [String] = []
        let words = field.spec
        if let lower { parts.append("\(lower.upward ? words.lowerWords.inclusive : words.lowerWords.exclusive) \(lower.value)") }
        if let upper { parts.append("\(upper.upward ? words.upperWords.exclusive : words.upperWords.inclusive) \(upper.value)") }
        return parts.joined(separator: ", ")
    }
}

/// One condition of a table rule other than the capability (SPEC §3 conditions and bands).
package enum TableCondition: Hashable, Sendable {
    /// A numeric range (a band's threshold or a range condition on a `NumericField`).
    case range(NumericRange)
    /// The action's (effective) reversibility.
    case reversible(Bool)
    /// Tag sets: at least one of `any` (when given), all of `all`, none of `none`.
    case tags(any: [String]?, all: [String]?, none: [String]?)
    /// Equality of an attribute at a dotted path with one of `values`.
    case attribute(path: String, values: [AttributeValue])

    /// Tags and paths are compared as bytes (names are not normalised).
    package static func == (a: TableCondition, b: TableCondition) -> Bool {
        switch (a, b) {
        case (.range(let x), .range(let y)): x == y
        case (.reversible(let x), .reversible(let y)): x == y
        case (.tags(let a1, let a2, let a3), .tags(let b1, let b2, let b3)):
            a1.sameBytes(as: b1) && a2.sameBytes(as: b2) && a3.sameBytes(as: b3)
        case (.attribute(let p, let v), .attribute(let q, let w)): p.sameBytes(as: q) && v == w
        default: false
        }
    }

    package func hash(into h: inout Hasher) {
        switch self {
        case .range(let r): h.combine(0); h.combine(r)
        case .reversible(let b): h.combine(1); h.combine(b)
        case .tags(let any, let all, let none):
            h.combine(2); h.combineBytes(of: any); h.combineBytes(of: all); h.combineBytes(of: none)
        case .attribute(let path, let values): h.combine(3); h.combineBytes(of: path); h.combine(values)
        }
    }
}
