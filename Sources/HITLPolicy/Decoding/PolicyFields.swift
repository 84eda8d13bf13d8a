/// The policy file's fields (SPEC §3): the decoder's unknown-field checks read their key
/// lists from here, and `PolicySchema` writes the editors' JSON Schema from the same tables.
package enum PolicyFields {
    // MARK: Mappings with fixed fields (the decoder's `checkFields` lists)

    /// The top level of a policy.
    package static let policy = FieldTable([
        Field("version", .integer(minimum: nil, only: 1), "Policy language version; only 1 is known."),
        Field("name", .string(pattern: namePattern), "The policy's name: letters, digits, '.', '_' and '-'."),
        Field("description", .text, "What the policy governs."),
        Field("currency", .reference("currency"), "ISO 4217 code of amounts; required when any amount rule exists."),
        Field("exchange_rates", .names(keyPattern: "^[A-Z]{3}$", value: .reference("rate"), minProperties: 0),
              "Units of `currency` per unit of each foreign currency."),
        Field("defaults", .fields(defaults), "Defaults for capabilities no entry matches and for tiers."),
        Field("tiers", .list(.reference("tier"), minItems: 0), "The approver ladder, lowest authority first."),
        Field("specialists", .names(keyPattern: nil, value: .reference("specialist"), minProperties: 0),
              "Expert panels, unranked, by name."),
        Field("capabilities", .names(keyPattern: capabilityPattern, value: .reference("capability"), minProperties: 0),
              "Per capability (name or trailing-* pattern): a stage, or the long form."),
        Field("compliance", .list(.reference("rule"), minItems: 0), "Rules that raise the requirement when their conditions hold."),
        Field("tools", .names(keyPattern: capabilityPattern, value: .reference("tool"), minProperties: 0),
              "How a tool call (name and JSON arguments) becomes an action, per tool name or trailing-* pattern."),
    ], required: ["version", "name"]).withLintDirective()

    /// `defaults`.
    package static let defaults = FieldTable([
        Field("stage", .reference("stage"), "Stage of capabilities no entry matches (default: disabled)."),
        Field("tier", .text, "Approval tier when a rule names none (default: the lowest tier)."),
        Field("sla", .reference("duration"), "SLA of tiers and specialists that set none."),
        Field("on_timeout", .reference("on_timeout"), "What happens when an approval times out (default: reject)."),
    ])

    /// One tier of the ladder.
    package static let tier = FieldTable([
        Field("name", .text, "The tier's name (shares one namespace with specialists)."),
    ] + group, required: ["name", "approvers"]).withLintDirective()

    /// One specialist panel.
    package static let specialist = FieldTable(group, required: ["approvers"]).withLintDirective()

    /// The long form of a capability entry.
    package static let capability = FieldTable([
        Field("stage", .reference("stage"), "autonomous, approval or disabled."),
        Field("tier", .text, "Approval tier (only with stage approval)."),
        Field("review", .boolean(only: nil), "Flag autonomous actions for post-action review."),
        Field("reversible", .boolean(only: nil), "Reversibility assumed for actions that do not say."),
    ] + NumericField.allCases.map {
        Field($0.spec.bandList, .list(.reference(bandDefinition($0)), minItems: 0), $0.spec.bandSummary)
    } + [
        Field("description", .text, "What the capability does."),
    ], required: ["stage"]).withLintDirective()

    /// The schema definition's name of a field's band (`spend_band`).
    static func bandDefinition(_ field: NumericField) -> String { field.spec.bandList + "_band" }

    /// The effects a band may have (exactly one per band).
    package static let bandEffects = [
        Field("tier", .text, "At least this tier approves."),
        Field("stage", .word(["approval", "disabled"]), "At least this stage."),
        Field("review", .boolean(only: true), "Flag for post-action review."),
    ]

    /// Every key a band may hold, whatever its dimension (a threshold of the wrong
    /// dimension is reported as such, not as an unknown field).
    package static let bandKeys = Threshold.Kind.allCases.map(\.rawValue) + bandEffects.map(\.name) + ["description"]

    /// A band of `dimension`: one threshold of the kinds that dimension takes, one effect.
    package static func band(_ dimension: NumericField) -> FieldTable {
        let kinds = PolicyDecoder.thresholdKinds(dimension).map(\.rawValue)
        let value = thresholdShape(dimension)
        let thresholds = kinds.map { Field($0, value, thresholdSummary($0)) }
        return FieldTable(thresholds + bandEffects + [Field("description", .text, "What the band is for.")],
                          exactlyOneOf: [kinds, bandEffects.map(\.name)]).withLintDirective()
    }

    /// A compliance rule.
    package static let rule = FieldTable([
        Field("id", .text, "Unique id; decisions and reports name the rule by it."),
        Field("description", .text, "What the rule is for."),
        Field("reference", .text, "Regulation or policy reference, echoed in decisions."),
        Field("reason", .text, "Why, echoed in decisions."),
        Field("when", .fields(conditions), "Conditions; all must hold."),
    ] + ruleEffects, required: ["id", "when"], atLeastOneOf: [ruleEffects.map(\.name)]).withLintDirective()

    /// A rule's effects (at least one).
    package static let ruleEffects = [
        Field("stage", .reference("stage"), "At least this stage."),
        Field("tier", .text, "At least this tier approves."),
        Field("specialists", .reference("texts"), "These panels approve too."),
        Field("review", .boolean(only: nil), "Flag for post-action review."),
    ]

    /// The conditions of a rule's `when`.
    package static let conditions = FieldTable([
        Field("capability", .reference("texts"), "A capability name or pattern, or a list of them."),
        Field("tags", .reference("tags"), "Tags: {any, all, none}; a bare name or list means any."),
    ] + NumericField.allCases.map { Field($0.spec.name, .fields(range($0)), $0.spec.conditionSummary) } + [
        Field("reversible", .boolean(only: nil), "Whether the action is reversible."),
        Field("attributes", .names(keyPattern: attributePathPattern, value: .reference("attribute_values"), minProperties: 1),
              "Equality on the action's attributes, by dotted path; or {shell: [PREFIX, ...]} to match shell commands."),
    ])

    /// One `tools` entry: each value is a dotted path into the tool's arguments.
    package static let tool = FieldTable([
        Field("capability", .string(pattern: "^.+$"), "The capability its calls are decided as (default: the tool name)."),
        Field("amount", .anyOf([.reference("argument_path"), .fields(toolAmount)]),
              "A path to a number in the policy currency, or {value, currency, minor_units}."),
        Field("confidence", .reference("argument_path"), "A path to the agent's confidence, a number in [0, 1]."),
        Field("blast_radius", .anyOf([.reference("argument_path"), .fields(toolCount)]),
              "A path to a whole number, or {count: PATH}: the length of an array."),
        Field("reversible", .anyOf([.boolean(only: nil), .reference("argument_path")]), "A constant, or a path to a boolean."),
        Field("tags", .reference("argument_path"), "A path to a string or an array of strings."),
        Field("attributes", .names(keyPattern: attributePathPattern, value: .reference("argument_path"), minProperties: 0),
              "Attribute (as conditions name it) to the path of its value."),
    ])

    /// `amount` of a `tools` entry written as a mapping.
    package static let toolAmount = FieldTable([
        Field("value", .reference("argument_path"), "The number, or a decimal string."),
        Field("currency", .reference("argument_path"), "The ISO 4217 code (upper-cased before lookup); absent: the policy currency."),
        Field("minor_units", .boolean(only: nil), "The value is whole minor units (cents), divided by 10^e for the currency's ISO 4217 exponent."),
    ], required: ["value"])

    /// `blast_radius: {count: PATH}` of a `tools` entry.
    package static let toolCount = FieldTable([
        Field("count", .reference("argument_path"), "An array whose number of elements is the blast radius."),
    ], required: ["count"])

    /// `{shell: [PREFIX, ...]}`, an attribute condition on shell commands (SPEC §11).
    package static let shell = FieldTable([
        Field("shell", .list(.string(pattern: nil), minItems: 1),
              "Holds when any simple command in the attribute's value begins with one of these prefixes, word by word after quote removal; a value that cannot be split with certainty matches."),
    ], required: ["shell"])

    /// `tags` written as a mapping.
    package static let tags = FieldTable([
        Field("any", .reference("texts"), "At least one of these tags."),
        Field("all", .reference("texts"), "All of these tags."),
        Field("none", .reference("texts"), "None of these tags."),
    ])

    /// The bounds of a range condition on the field named `name`.
    package static func range(_ name: String) -> FieldTable { range(NumericField(name: name) ?? .amount) }

    /// The bounds of a range condition on `field` (`amount`, `confidence`, `blast_radius`).
    package static func range(_ field: NumericField) -> FieldTable {
        let (lowers, uppers) = PolicyDecoder.boundKeywords(field.spec.name)
        let value = boundShape(field)
        return FieldTable((lowers + uppers).map { Field($0.0, value, $0.1 ? "Inclusive bound." : "Exclusive bound.") })
    }

    /// `x-lint` (an `x-` key: lint reads it, the policy's meaning ignores it).
    package static let lintDirective = FieldTable([
        Field("disable", .anyOf([.reference("lint_code"), .list(.reference("lint_code"), minItems: 1)]),
              "Warnings and notes to silence here, by code (HP608) or name (fires-on-missing-data)."),
    ])

    /// The `x-lint` key of an entity's table, as the schema lists it.
    static let lintField = Field("x-lint", .reference("x-lint"),
                                 "Silences warnings and notes on this entity (at the top level: in the whole file).")

    // MARK: Values

    /// Policy, tier and specialist names.
    static let namePattern = "^[A-Za-z0-9._-]+$"
    /// A capability name or pattern: non-empty, `*` only at the end.
    static let capabilityPattern = "^([^*]+\\*?|\\*)$"
    /// A dotted attribute path without empty segments.
    static let attributePathPattern = "^[^.]+(\\.[^.]+)*$"
    /// `30s`, `15m`, `4h`, `2d`, and sums with units from largest to smallest (see `PolicyDuration`).
    static let durationPattern = "^(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"

    /// Fields shared by tiers and specialist panels.
    static let group = [
        Field("approvers", .reference("approvers"), "Principals or groups (@name) who may approve: a name or a list of them."),
        Field("quorum", .anyOf([.integer(minimum: 1, only: nil), .word(["all"])]),
              "Approvals needed: a count (default 1), at most the number of approvers unless one is a group (@name); or all (not with a group)."),
        Field("sla", .reference("duration"), "How long to wait, e.g. 4h or 1h30m."),
        Field("on_timeout", .reference("on_timeout"), "reject, or escalate to the next tier up."),
        Field("capacity", .string(pattern: "^[0-9]+/(" + Capacity.Period.allCases.map(\.rawValue).joined(separator: "|") + ")$"),
              "Reviews the group can complete per period, e.g. 120/day."),
        Field("description", .text, "Who the group is."),
    ]

    static func thresholdShape(_ field: NumericField) -> FieldShape {
        let s = field.spec
        if s.whole { return .integer(minimum: 0, only: nil) }
        return .number(minimum: s.positiveThresholds ? nil : "0", exclusiveMinimum: s.positiveThresholds ? "0" : nil,
                       maximum: s.maximum?.description)
    }

    static func boundShape(_ field: NumericField) -> FieldShape {
        let s = field.spec
        if s.whole { return .integer(minimum: 0, only: nil) }
        return .number(minimum: "0", exclusiveMinimum: nil, maximum: s.maximum?.description)
    }

    static func thresholdSummary(_ kind: String) -> String {
        switch kind {
        case "over": "Applies above this value (>)."
        case "at_least": "Applies from this value on (>=)."
        case "below": "Applies below this value (<)."
        default: "Applies up to this value (<=)."
        }
    }

    /// The named shapes the tables refer to, written once in the schema.
    package static let definitions: [(String, FieldShape)] = [
        ("stage", .word(Stage.allCases.map(\.description))),
        ("on_timeout", .word(TimeoutAction.allCases.map(\.rawValue))),
        ("duration", .string(pattern: durationPattern)),
        ("currency", .word(CurrencyCode.known.sorted())),
        ("rate", .number(minimum: nil, exclusiveMinimum: "0", maximum: nil)),
        ("texts", .anyOf([.text, .list(.text, minItems: 1)])),
        ("approvers", .anyOf([.reference("approver"), .list(.reference("approver"), minItems: 1)])),
        ("approver", .anyOf([.string(pattern: ApproverGroup.schemaPattern), .number(minimum: nil, exclusiveMinimum: nil, maximum: nil),
                             .boolean(only: nil)])),
        ("tier", .fields(tier)),
        ("specialist", .fields(specialist)),
        ("capability", .anyOf([.reference("stage"), .fields(capability)])),
    ] + NumericField.allCases.map { (bandDefinition($0), FieldShape.fields(band($0))) } + [
        ("rule", .fields(rule)),
        ("tags", .anyOf([.text, .list(.text, minItems: 1), .fields(tags)])),
        ("attribute_values", .anyOf([.reference("attribute_value"), .list(.reference("attribute_value"), minItems: 1), .fields(shell)])),
        ("attribute_value", .anyOf([.string(pattern: nil), .number(minimum: nil, exclusiveMinimum: nil, maximum: nil), .boolean(only: nil)])),
        ("tool", .fields(tool)),
        ("argument_path", .string(pattern: attributePathPattern)),
        ("x-lint", .fields(lintDirective)),
        ("lint_code", .word(DiagnosticCode.all.filter { $0.severity != .error }.flatMap { [$0.id, $0.name] })),
    ]
}
