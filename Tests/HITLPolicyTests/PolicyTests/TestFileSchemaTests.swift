import Foundation
import Testing
@testable import HITLPolicy

/// The editors' JSON Schema of test files (schema/hitl-policy-test.schema.json): generated
/// from the test file decoder's field tables, current, accepting every committed test file
/// and refusing the structurally invalid ones in fixtures/tests/invalid.
@Suite("Test file JSON Schema")
struct TestFileSchemaTests {
    static let schemaPath = "schema/hitl-policy-test.schema.json"

    /// The committed schema is what `hitl-policy schema --test-file` writes (RECORD=1 rewrites it).
    @Test func committedSchemaIsCurrent() {
        Golden.check(TestFileSchema.jsonSchema(), against: Self.schemaPath)
    }

    @Test func committedTestFilesValidate() throws {
        let files = try Repo.files(in: "policies/tests", ext: "yaml")
            + Repo.files(in: "fixtures/tests", ext: "yaml")
        #expect(files.count >= 5)
        let results = try PolicySchemaTests.validate(files, schema: Self.schemaPath)
        for file in files {
            #expect(results[file] == "valid", "\(file): \(results[file] ?? "not checked")")
        }
    }

    /// Each invalid test file fails the schema, and the decoder (lint) refuses it too.
    @Test func structurallyInvalidTestFilesFail() throws {
        let files = try Repo.files(in: "fixtures/tests/invalid", ext: "yaml")
        #expect(files.count >= 3)
        let results = try PolicySchemaTests.validate(files, schema: Self.schemaPath)
        for file in files {
            #expect(results[file] != nil && results[file] != "valid", "\(file) passes the schema")
            let (_, diagnostics) = TestFileDecoder.decode(try Repo.bytes(file), file: file)
            #expect(diagnostics.contains { $0.severity == .error }, "\(file) decodes without errors")
        }
    }

    /// The decoder's key lists are the schema's (both read `TestFileFields`).
    @Test func schemaKeysAreTheDecodersKeys() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(TestFileSchema.jsonSchema().utf8)) as? [String: Any]
        #expect((schema?["properties"] as? [String: Any]).map { Set($0.keys) } == Set(TestFileFields.topLevel))
        let defs = schema?["definitions"] as? [String: Any]
        let testCase = ((defs?["case"] as? [String: Any])?["properties"] as? [String: Any]).map { Set($0.keys) }
        #expect(testCase == Set(TestFileFields.caseKeys))
    }
}
