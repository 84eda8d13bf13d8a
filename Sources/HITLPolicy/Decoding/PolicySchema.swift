/// The JSON Schema of the policy file (committed as schema/hitl-policy.schema.json and
/// printed by `hitl-policy schema`), written from `PolicyFields`. The test file (SPEC §7)
/// gets its schema the same way: `JSONSchemaWriter.document` with its own `FieldTable`s
/// (PolicyTests/TestFileFields.swift), committed next to this one.
package enum PolicySchema {
    /// Where the committed schema is published (its `$id`).
    package static let id = "https://raw.githubusercontent.com/hitl-policy/hitl-policy/main/schema/hitl-policy.schema.json"

    /// The schema text, deterministic, with a final newline.
    package static func jsonSchema() -> String {
        JSONSchemaWriter.document(
            id: id, title: "hitl-policy policy file",
            description: "A hitl-policy policy (language version 1). Generated from the decoder's field tables by `hitl-policy schema`; `hitl-policy lint` checks more (references, band order, quorum).",
            root: PolicyFields.policy, definitions: PolicyFields.definitions)
    }
}
