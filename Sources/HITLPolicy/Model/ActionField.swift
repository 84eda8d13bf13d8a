/// The fields of an action (SPEC §4), declared once. Everything that treats fields one by
/// one reads this file: the action parser and its checks, the policy decoder (band lists,
/// condition bounds and their value ranges), the compiler (the diagrams' variable order,
/// the field bits of `assumed`), the evaluator, explain, the table and diff renderers and
/// the lint checks.
///
/// Adding a numeric field (a band list and a range condition like `blast_radius`) is a case
/// of `NumericField` with its `Spec` below, and nothing else in Swift: the action reader, the
/// decoder's known-field lists, the editor schema (`PolicyFields`), the compiler, explain,
/// the table and diff renderers, `diff --traffic` and test coverage all derive from it
/// (`FieldRegistryListsTests` fails when a derived list misses a field). Tried with a
/// `risk_score` field on a throwaway branch (again on 2026-12-08, after the evaluator became
/// one reader and one decider): eval (bands, a compliance rule, out-of-range and missing
/// values), lint, compile and diff handled it with this file changed alone, and the test
/// suite built unchanged. Beyond that it is a user-visible change: a parameter of the typed
/// `Action` initialiser if Swift callers should set it (API/Action.swift), and `InlineWalk`'s
/// capacity in API/ (`inlineWalkHoldsEveryNumericField` says so; without it built actions
/// take the general path); the language docs, the regenerated `schema/` file, the goldens
/// that list fields (table formats, one lint fixture), and the committed tables under
/// `fixtures/tables/` (recompile them): the field bits of `assumed` (`ActionFieldMask`,
/// stored in tables as `tested_fields`) move up by one for reversible, tags and attributes,
/// so tables compiled before are refused, and the field-bit refusal test's list grows.
package enum NumericField: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case amount = 0, confidence = 1, blastRadius = 2

    /// How a numeric field is written and what values it takes.
    package struct Spec: Sendable {
        /// The key in actions and in a rule's `when`.
        package var name: String
        /// The key of its band list in a capability entry.
        package var bandList: String
        /// How messages name it (`blast-radius thresholds …`).
        package var label: String
        /// Whether band thresholds rise (`over`/`at_least`) or fall (`below`/`at_most`).
        package var increasing: Bool
        /// A range condition's lower bound keywords (excluding, including the value).
        package var lowerWords: (exclusive: String, inclusive: String)
        /// A range condition's upper bound keywords (excluding, including the value).
        package var upperWords: (exclusive: String, inclusive: String)
        /// Values lie in [0, maximum] (nil: no maximum).
        package var maximum: ExactDecimal?
        /// Values are whole numbers.
        package var whole: Bool
        /// Band thresholds must exceed 0 (a threshold at 0 selects nothing or everything).
        package var positiveThresholds: Bool
        /// The allowed condition bounds, as a message ends: `must be 0 or more`.
        package var boundsRule: String
        /// The allowed band thresholds, as a message ends.
        package var thresholdsRule: String
        /// A hint for a threshold out of range.
        package var thresholdHint: String?
        /// What a missing value counts as (SPEC §4: missing risk data fails closed).
        package var missingMeaning: String
        /// The editor schema's summary of the band list.
        package var bandSummary: String
        /// The editor schema's summary of the range condition.
        package var conditionSummary: String
    }

    /// The declarations, by `rawValue`.
    static let specs: [Spec] = [
        Spec(name: "amount", bandList: "spend", label: "amount", increasing: true,
             lowerWords: ("over", "at_least"), upperWords: ("under", "at_most"), maximum: nil, whole: false,
             positiveThresholds: false, boundsRule: "must be 0 or more", thresholdsRule: "must be 0 or more",
             thresholdHint: nil, missingMeaning: "over every threshold",
             bandSummary: "Bands on the amount, thresholds increasing.",
             conditionSummary: "Bounds on the amount (policy currency)."),
        Spec(name: "confidence", bandList: "confidence", label: "confidence", increasing: false,
             lowerWords: ("above", "at_least"), upperWords: ("below", "at_most"), maximum: ExactDecimal(1), whole: false,
             positiveThresholds: true, boundsRule: "must lie between 0 and 1", thresholdsRule: "must be above 0 and at most 1",
             thresholdHint: "write a fraction such as 0.8", missingMeaning: "below every threshold",
             bandSummary: "Bands on confidence, thresholds decreasing.",
             conditionSummary: "Bounds on the agent's confidence."),
        Spec(name: "blast_radius", bandList: "blast_radius", label: "blast-radius", increasing: true,
             lowerWords: ("over", "at_least"), upperWords: ("under", "at_most"), maximum: nil, whole: true,
             positiveThresholds: false, boundsRule: "must be whole numbers, 0 or more",
             thresholdsRule: "must be whole numbers, 0 or more", thresholdHint: nil, missingMeaning: "over every threshold",
             bandSummary: "Bands on records/people affected, increasing.",
             conditionSummary: "Bounds on records/people affected."),
    ]

    /// How the field is written (read in place: a `Spec` is a dozen strings, not copied
    /// whole for one of them).
    package var spec: Spec {
        _read { yield Self.specs[rawValue] }
    }

    /// How many numeric fields there are (they are the diagram's first variables).
    package static var count: Int { specs.count }

    /// The action field name.
    package var description: String { spec.name }

    /// What a missing value counts as.
    package var missingMeaning: String { spec.missingMeaning }

    /// The field named `name` in actions and conditions.
    package init?(name: String) {
        guard let k = Self.specs.firstIndex(where: { $0.name == name }) else { return nil }
        self.init(rawValue: k)
    }

    /// The field whose band list is `key`.
    package init?(bandList key: String) {
        guard let k = Self.specs.firstIndex(where: { $0.bandList == key }) else { return nil }
        self.init(rawValue: k)
    }

    /// Whether `x` is a value actions may send (and thresholds may use; `threshold`: a
    /// band's, which must also be above 0 when `positiveThresholds`).
    package func admits(_ x: ExactDecimal, threshold: Bool = false) -> Bool {
        let s = spec
        if x.isNegative || (threshold && s.positiveThresholds && x.isZero) { return false }
        if let m = s.maximum, x > m { return false }
        return !s.whole || x.isWholeNumber
    }
}

/// Every field of an action, in the order the decision diagrams test them and reports show
/// them: capability, the numeric fields, reversible, tags, attributes (`id` is echoed only).
package enum ActionField: Hashable, Sendable, CustomStringConvertible {
    case id, capability, number(NumericField), reversible, tags, attributes

    /// The fields a decision depends on, in order.
    package static let decided: [ActionField] =
        [.capability] + NumericField.allCases.map { .number($0) } + [.reversible, .tags, .attributes]

    /// Every field, `id` first.
    package static let all: [ActionField] = [.id] + decided

    /// The key in an action.
    package var description: String {
        switch self {
        case .id: "id"
        case .capability: "capability"
        case .number(let f): f.spec.name
        case .reversible: "reversible"
        case .tags: "tags"
        case .attributes: "attributes"
        }
    }
}

/// Bits naming the action fields a rule tests or an action lacks (for `assumed`), in
/// `ActionField.decided` order: each numeric field, reversible, tags, then one per attribute path.
package enum ActionFieldMask {
    /// Bit of `reversible`.
    package static let reversible: UInt64 = 1 << UInt64(NumericField.count)
    /// Bit of `tags`.
    package static let tags: UInt64 = 1 << UInt64(NumericField.count + 1)
    /// Attribute path `i` (of the table's attribute list) uses bit `firstAttribute + i`;
    /// paths past the last bit share it.
    package static let firstAttribute = NumericField.count + 2

    /// The bit of attribute path `i`.
    package static func attribute(_ i: Int) -> UInt64 { 1 << UInt64(min(i + firstAttribute, 63)) }

    /// The bit of a numeric field.
    package static func numeric(_ f: NumericField) -> UInt64 { 1 << UInt64(f.rawValue) }

    /// Bits of every numeric field.
    package static let numbers: UInt64 = (1 << UInt64(NumericField.count)) - 1
}
