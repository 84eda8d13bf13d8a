/// The JSON Schema of the test file (committed as schema/hitl-policy-test.schema.json and
/// printed by `hitl-policy schema --test-file`), written from `TestFileFields`, the tables
/// the test file decoder checks keys against.
package enum TestFileSchema {
    /// Where the committed schema is published (its `$id`).
    package static let id = "https://raw.githubusercontent.com/hitl-policy/hitl-policy/main/schema/hitl-policy-test.schema.json"

    /// The schema text, deterministic, with a final newline.
    package static func jsonSchema() -> String {
        JSONSchemaWriter.document(
            id: id, title: "hitl-policy test file",
            description: "Policy unit tests (*.test.yaml) run by `hitl-policy test`. Generated from the test file decoder's field tables by `hitl-policy schema --test-file`; `hitl-policy lint` and `test` check more (the policy exists, fixtures are defined, expectations can occur).",
            root: TestFileFields.file, definitions: TestFileFields.definitions)
    }
}
