/// The keys a test file (`*.test.yaml`, SPEC §7) may use, in one place: the decoder checks
/// keys against these tables, and `TestFileSchema` writes the editors' JSON Schema from them.
package enum TestFileFields {
    /// One entry, or a list of them (one entry alone is a list of one, as in policies).
    static let oneOrMore = FieldShape.anyOf([.text, .list(.text, minItems: 0)])

    /// The top level of a test file.
    package static let file = FieldTable([
        Field("policy", .string(pattern: "."), "The policy under test, relative to this file: YAML or a compiled table."),
        Field("fixtures", .names(keyPattern: nil, value: .reference("action"), minProperties: 0),
              "Named partial actions; a case's `use` starts from one, its `action` is merged over it."),
        Field("cases", .list(.reference("case"), minItems: 1), "The cases, run in order."),
    ], required: ["policy", "cases"])

    /// One case.
    package static let testCase = FieldTable([
        Field("name", .text, "What the case pins, shown on failure and selected by --run."),
        Field("use", .string(pattern: nil), "A fixture to start the action from."),
        Field("action", .reference("action"), "The action (fields as eval reads them), merged over the fixture."),
        Field("matrix", .names(keyPattern: nil, value: .list(.any, minItems: 1), minProperties: 0),
              "Action fields with lists of values: one case per combination."),
        Field("expect", .fields(expect), "What the decision must be; only the keys given are checked."),
    ], required: ["expect"], atLeastOneOf: [["action", "use"]])

    /// `expect`: a partial match on the decision.
    package static let expect = FieldTable([
        Field("decision", .word(decisions), "The decision."),
        Field("review", .boolean(only: nil), "Whether the action is flagged for post-action review."),
        Field("tier", .string(pattern: nil), "The approving tier's name, or none."),
        Field("specialists", oneOrMore, "The exact set of specialist panels."),
        Field("approvals", oneOrMore, "The exact list of approvals, in order."),
        Field("reasons", oneOrMore, "Rule paths that must be among the reasons."),
        Field("assumed", oneOrMore, "The exact set of fields assumed missing."),
        Field("errors", oneOrMore, "For invalid: substrings the errors must contain."),
    ], required: ["decision"])

    /// The named shapes the tables refer to.
    package static let definitions: [(String, FieldShape)] = [
        ("case", .fields(testCase)),
        ("action", .names(keyPattern: nil, value: .any, minProperties: 0)),
    ]

    /// Top-level keys.
    package static let topLevel = file.names
    /// Keys of one case.
    package static let caseKeys = testCase.names
    /// Keys of `expect`.
    package static let expectKeys = expect.names
    /// Values of `expect.decision`.
    package static let decisions = ["autonomous", "approval", "disabled", "invalid"]
    /// Top-level action fields the evaluator reads (other fields are allowed and ignored).
    package static let actionFields = ActionField.all.map(\.description) + ["time"]
    /// Fields `expect.assumed` may name (besides `attributes.PATH`).
    package static let assumedFields = ActionField.decided.filter { $0 != .capability && $0 != .attributes }.map(\.description)

    /// Most cases one test file may hold, after matrices are expanded.
    package static let maxCases = 200_000
    /// Most cases one `matrix` may expand to.
    package static let maxMatrixCases = 10_000
}
