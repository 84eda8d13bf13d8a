/// The fields a YAML mapping may hold, and the shape of each value: one table that the
/// decoder checks keys against (`names`) and that `JSONSchemaWriter` turns into a JSON
/// Schema for editors, so the two cannot drift apart. Any file format the tool reads (the
/// policy, the test file) describes itself with these types.
package struct FieldTable: Sendable {
    /// The fields, in the order the documentation lists them.
    package var fields: [Field]
    /// Fields that must be present.
    package var required: [String] = []
    /// Groups of fields of which exactly one must be present (a band's threshold).
    package var exactlyOneOf: [[String]] = []
    /// Groups of fields of which at least one must be present (a rule's effects).
    package var atLeastOneOf: [[String]] = []
    /// Whether keys starting with `x-` are allowed (ignored, for users' own metadata).
    package var allowsExtensions = true
    /// Whether the mapping is an entity that takes an `x-lint` key (`PolicyFields.lintDirective`).
    package var takesLintDirective = false

    /// Creates a table.
    package init(_ fields: [Field], required: [String] = [], exactlyOneOf: [[String]] = [],
                 atLeastOneOf: [[String]] = [], allowsExtensions: Bool = true) {
        self.fields = fields
        self.required = required
        self.exactlyOneOf = exactlyOneOf
        self.atLeastOneOf = atLeastOneOf
        self.allowsExtensions = allowsExtensions
    }

    /// The known keys, as the decoder's unknown-field check takes them.
    package var names: [String] { fields.map(\.name) }

    /// The same table, for an entity that takes an `x-lint` key.
    package func withLintDirective() -> FieldTable {
        var t = self
        t.takesLintDirective = true
        return t
    }
}

/// One field of a `FieldTable`.
package struct Field: Sendable {
    /// The key.
    package var name: String
    /// What its value may be.
    package var shape: FieldShape
    /// One line for editors' hover text.
    package var summary: String

    /// Creates a field.
    package init(_ name: String, _ shape: FieldShape, _ summary: String) {
        self.name = name
        self.shape = shape
        self.summary = summary
    }
}

/// The shape of a value, as far as a JSON Schema can say it (the decoder checks more:
/// references between names, band order, quorum against approvers).
package indirect enum FieldShape: Sendable {
    /// A string, optionally matching an ECMA-262 regular expression.
    case string(pattern: String?)
    /// One of these words.
    case word([String])
    /// Any non-null scalar taken as text (string, number or boolean).
    case text
    /// `true` or `false`; `only` restricts to one of them.
    case boolean(only: Bool?)
    /// A whole number, optionally bounded, or one fixed value.
    case integer(minimum: Int?, only: Int?)
    /// A number (decimal text), optionally bounded.
    case number(minimum: String?, exclusiveMinimum: String?, maximum: String?)
    /// A list of values, with at least `minItems` entries.
    case list(FieldShape, minItems: Int)
    /// Any of these shapes.
    case anyOf([FieldShape])
    /// A mapping with fixed field names.
    case fields(FieldTable)
    /// A mapping whose keys the user chooses (names), each key matching `keyPattern`.
    case names(keyPattern: String?, value: FieldShape, minProperties: Int)
    /// A named shape, written once under `definitions`.
    case reference(String)
    /// Any JSON value (an action's fields beyond those the evaluator reads).
    case any
}
