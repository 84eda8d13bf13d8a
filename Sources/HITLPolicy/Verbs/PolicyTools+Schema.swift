extension PolicyTools {
    /// `hitl-policy schema`: the JSON Schema (draft-07) of the policy file, or with
    /// `testFile` of the test file, as committed under `schema/`.
    package static func schema(testFile: Bool) -> String {
        testFile ? TestFileSchema.jsonSchema() : PolicySchema.jsonSchema()
    }
}
