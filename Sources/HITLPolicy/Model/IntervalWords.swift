/// The one notation every report uses for a range of a numeric field — `--explain`'s row,
/// the table views and diff: the policy's own keywords in words, so a region reads the way
/// a rule's `when` is written (`over 1000 and at most 10000 USD`, `at least 0.6 and below
/// 0.8`, `exactly 5000`, `any`).
package enum IntervalWords {
    /// One end of a range as shown: its value (already formatted, e.g. converted to another
    /// currency) and whether the range includes it.
    package struct End: Sendable {
        package var value: String
        package var inclusive: Bool

        package init(_ value: String, inclusive: Bool) {
            self.value = value
            self.inclusive = inclusive
        }
    }

    /// `lower`/`upper` as words for `field`, then ` unit` when one is given (the amount's
    /// currency); `any` when neither end is set.
    package static func text(_ field: NumericField, lower: End?, upper: End?, unit: String? = nil) -> String {
        let words = field.spec
        var parts: [String] = []
        if let lower, let upper, lower.inclusive, upper.inclusive, lower.value == upper.value {
            parts.append("exactly \(lower.value)")
        } else {
            if let lower { parts.append("\(spaced(lower.inclusive ? words.lowerWords.inclusive : words.lowerWords.exclusive)) \(lower.value)") }
            if let upper { parts.append("\(spaced(upper.inclusive ? words.upperWords.inclusive : words.upperWords.exclusive)) \(upper.value)") }
        }
        if parts.isEmpty { return "any" }
        return parts.joined(separator: " and ") + (unit.map { " " + $0 } ?? "")
    }

    /// The range between two cuts (see `Cut`: a lower cut includes its value when `upward`,
    /// an upper cut when not).
    package static func text(_ field: NumericField, _ lower: Cut?, _ upper: Cut?, unit: String? = nil) -> String {
        text(field, lower: lower.map { End($0.value.description, inclusive: $0.upward) },
             upper: upper.map { End($0.value.description, inclusive: !$0.upward) }, unit: unit)
    }

    /// `at_least` → `at least`: the keyword as a reader says it.
    static func spaced(_ keyword: String) -> String {
        String(keyword.map { $0 == "_" ? " " : $0 })
    }
}
