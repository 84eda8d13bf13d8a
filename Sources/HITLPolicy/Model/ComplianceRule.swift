/// One side of a range: a value and whether it is included.
package struct Bound: Hashable, Sendable {
    /// The keyword as written (`over`, `at_least`, `under`, `at_most`, `above`, `below`).
    package var keyword: String
    /// The bound's value.
    package var value: ExactDecimal
    /// Whether the value itself is inside the range.
    package var inclusive: Bool
    /// Where the value was written.
    package var location: SourceLocation
}

/// A numeric condition with one or two bounds (on a `NumericField`).
package struct RangeCondition: Hashable, Sendable {
    /// The bound from below (`over`, `at_least`, `above`).
    package var lower: Bound?
    /// The bound from above (`under`, `at_most`, `below`).
    package var upper: Bound?
    /// Where the condition's key is.
    package var location: SourceLocation

    /// Whether `x` lies in the range.
    package func holds(for x: ExactDecimal) -> Bool {
        if let lower, lower.inclusive ? x < lower.value : x <= lower.value { return false }
        if let upper, upper.inclusive ? x > upper.value : x >= upper.value { return false }
        return true
    }

    /// Whether no value at all (or, with `wholeNumbers`, no whole number) satisfies it.
    package func isEmpty(wholeNumbers: Bool) -> Bool {
        guard let lower, let upper else { return false }
        if wholeNumbers, let lo = lower.value.smallestWholeNumber(above: lower.inclusive),
           let hi = upper.value.largestWholeNumber(below: upper.inclusive) {
            return lo > hi
        }
        if lower.value != upper.value { return lower.value > upper.value }
        return !(lower.inclusive && upper.inclusive)
    }
}

extension ExactDecimal {
    /// The least whole number ≥ self (or > self when not `inclusive`), if it fits an Int.
    func smallestWholeNumber(above inclusive: Bool) -> Int? {
        guard magnitudeOrder <= 18 || isZero else { return nil }
        let whole = truncatedInt
        let isWhole = isWholeNumber
        if isNegative { return isWhole && inclusive ? whole : (isWhole ? whole + 1 : whole) }
        if isWhole { return inclusive ? whole : whole + 1 }
        return whole + 1
    }

    /// The greatest whole number ≤ self (or < self when not `inclusive`), if it fits an Int.
    func largestWholeNumber(below inclusive: Bool) -> Int? {
        guard magnitudeOrder <= 18 || isZero else { return nil }
        let whole = truncatedInt
        if isWholeNumber { return inclusive ? whole : whole - 1 }
        return isNegative ? whole - 1 : whole
    }

    /// The value truncated toward zero (callers bound the magnitude first).
    var truncatedInt: Int {
        var v = 0
        let intDigits = digits.count + exponent
        for k in 0..<max(intDigits, 0) { v = v * 10 + Int(k < digits.count ? digits[k] : 0) }
        return isNegative ? -v : v
    }
}

/// A `tags` condition: `any`, `all` and `none` lists (a bare list means `any`).
package struct TagCondition: Hashable, Sendable {
    /// At least one of these.
    package var any: [String]?
    /// Every one of these.
    package var all: [String]?
    /// None of these.
    package var none: [String]?
    /// Where the condition's key is.
    package var location: SourceLocation

    /// Whether an action with `tags` satisfies the condition.
    package func holds(for tags: Set<String>) -> Bool {
        let present = Set(tags.map(ByteName.init))   // tags are bytes, like every name
        func has(_ t: String) -> Bool { present.contains(ByteName(t)) }
        if let any, !any.contains(where: has) { return false }
        if let all, !all.allSatisfy(has) { return false }
        if let none, none.contains(where: has) { return false }
        return true
    }
}

/// A value an attribute condition compares with (JSON strings, numbers and booleans).
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(ExactDecimal)
    case bool(Bool)

    /// Strings are equal when their bytes are (names are not normalised).
    public static func == (a: AttributeValue, b: AttributeValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x.sameBytes(as: y)
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .string(let s): h.combine(0); h.combineBytes(of: s)
        case .number(let n): h.combine(1); h.combine(n)
        case .bool(let b): h.combine(2); h.combine(b)
        }
    }

    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): n.description
        case .bool(let b): String(b)
        }
    }
}

/// `attributes: {dotted.path: value-or-list}`: equality on the action's `attributes`; or
/// `{dotted.path: {shell: [PREFIX, ...]}}`: some simple command of the value begins with
/// one of the prefixes (SPEC §11).
package struct AttributeCondition: Hashable, Sendable {
    /// The dotted path into the action's `attributes` object.
    package var path: String
    /// Accepted values (any one matches); empty for a shell condition.
    package var values: [AttributeValue]
    /// The prefixes of a `{shell: [...]}` condition (any one matches); nil for equality.
    package var shell: [ShellPrefix]?
    /// Where the path key is.
    package var location: SourceLocation

    /// An equality condition.
    package init(path: String, values: [AttributeValue], location: SourceLocation) {
        self.path = path
        self.values = values
        self.shell = nil
        self.location = location
    }

    /// A shell condition.
    package init(path: String, shell: [ShellPrefix], location: SourceLocation) {
        self.path = path
        self.values = []
        self.shell = shell
        self.location = location
    }
}

/// A capability named by a condition, with where it was written.
package struct PatternReference: Hashable, Sendable {
    /// The name or pattern.
    package var pattern: CapabilityPattern
    /// Where it was written.
    package var location: SourceLocation
}

/// The `when` of a compliance rule: every condition present must hold.
package struct Conditions: Hashable, Sendable {
    /// `capability`: any of these names or patterns.
    package var capability: [PatternReference]?
    /// `tags`.
    package var tags: TagCondition?
    /// Range conditions, by `NumericField.rawValue` (`amount` in the policy currency).
    package var ranges: [RangeCondition?]
    /// `reversible`.
    package var reversible: Bool?
    /// Where `reversible` was written.
    package var reversibleLocation: SourceLocation?
    /// `attributes`.
    package var attributes: [AttributeCondition]

    /// No conditions.
    package static let empty = Conditions(
        capability: nil, tags: nil, ranges: Array(repeating: nil, count: NumericField.count),
        reversible: nil, reversibleLocation: nil, attributes: [])

    /// The range condition on a field.
    package func range(_ f: NumericField) -> RangeCondition? { ranges[f.rawValue] }
}

/// One entry of `compliance`.
package struct ComplianceRule: Hashable, Sendable {
    /// Unique id.
    package var id: String
    /// Free text.
    package var description: String?
    /// Regulation or policy reference, echoed in decisions.
    package var reference: String?
    /// Why the rule exists, echoed in decisions.
    package var reason: String?
    /// When it applies.
    package var when: Conditions
    /// What it contributes.
    package var effect: Effect
    /// Where the rule's list item starts.
    package var location: SourceLocation
    /// Where the id value is.
    package var idLocation: SourceLocation
}
