import Foundation
import Testing
@testable import HITLPolicy

/// The editors' JSON Schema (schema/hitl-policy.schema.json): generated from the decoder's
/// field tables, current, accepting every example policy and refusing the structurally
/// invalid fixtures.
@Suite("Policy JSON Schema")
struct PolicySchemaTests {
    static let schemaPath = "schema/hitl-policy.schema.json"

    /// The invalid fixtures whose problem a JSON Schema can see (unknown or misspelt keys,
    /// wrong types, bad words, patterns and ranges, missing fields). The others need the
    /// decoder or the validator: YAML-level errors (syntax, tabs, duplicate keys, aliases,
    /// tags, several documents, empty files), references between names, band order,
    /// quorum against approvers, stage/tier combinations and warnings.
    static let structural = [
        "attribute-values", "bad-durations", "bad-name", "bad-patterns", "band-threshold-kind", "currency-follow-on",
        "empty-approvers", "invalid-bounds", "percent-threshold", "star-inside-name", "merge-key", "missing-version-and-name", "quorum-too-high", "quoted-number",
        "rule-without-effect", "threshold-out-of-range", "unknown-condition", "unknown-currency",
        "unknown-field-typo", "unknown-stage", "unknown-top-level-field", "unknown-version",
        "wrong-types", "yaml-bool-stage", "yes-is-not-a-boolean",
    ]

    /// The committed schema is what `hitl-policy schema` writes today (RECORD=1 rewrites it).
    @Test func committedSchemaIsCurrent() {
        Golden.check(PolicySchema.jsonSchema(), against: Self.schemaPath)
    }

    /// The decoder's key lists are the tables' (the lists some files still name are the
    /// same values, so an edit to one without the other fails here).
    @Test func decoderKeyListsAreTheTables() {
        #expect(PolicyDecoder.topLevelFields == PolicyFields.policy.names)
        #expect(PolicyDecoder.tierFields == PolicyFields.tier.names)
        #expect(PolicyDecoder.specialistFields == PolicyFields.specialist.names)
        #expect(PolicyDecoder.ruleFields == PolicyFields.rule.names)
        #expect(PolicyDecoder.bandEffects == PolicyFields.bandEffects.map(\.name))
        for field in NumericField.allCases.map(\.spec.name) {
            let (lowers, uppers) = PolicyDecoder.boundKeywords(field)
            #expect(PolicyFields.range(field).names == (lowers + uppers).map(\.0))
        }
    }

    /// Every key the schema lists for a mapping is one the decoder accepts there, and the
    /// other way round: the unknown-field diagnostic and the editor agree. Entities also list
    /// `x-lint` (an `x-` key the decoder reads for lint only).
    @Test func schemaKeysAreTheDecodersKeys() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(PolicySchema.jsonSchema().utf8)) as? [String: Any]
        let top = (schema?["properties"] as? [String: Any]).map { Set($0.keys) }
        #expect(top == Set(PolicyDecoder.topLevelFields + ["x-lint"]))
        let defs = schema?["definitions"] as? [String: Any]
        func keys(_ definition: String) -> Set<String>? {
            ((defs?[definition] as? [String: Any])?["properties"] as? [String: Any]).map { Set($0.keys) }
        }
        #expect(keys("rule") == Set(PolicyDecoder.ruleFields + ["x-lint"]))
        #expect(keys("tier") == Set(PolicyDecoder.tierFields + ["x-lint"]))
        for entity in ["specialist", "spend_band", "confidence_band", "blast_radius_band"] {
            #expect(keys(entity)?.contains("x-lint") == true, "\(entity)")
        }
        #expect(keys("x-lint") == Set(PolicyDecoder.lintFields))
    }

    @Test func examplePoliciesValidate() throws {
        let files = try Repo.policies(in: "policies") + Repo.files(in: "fixtures/policies", ext: "yaml")
        #expect(files.count >= 5)
        let results = try Self.validate(files)
        for file in files {
            #expect(results[file] == "valid", "\(file): \(results[file] ?? "not checked")")
        }
    }

    @Test func structurallyInvalidFixturesFail() throws {
        let files = Self.structural.map { "fixtures/invalid/\($0).yaml" }
        let results = try Self.validate(files)
        for file in files {
            #expect(results[file] != nil && results[file] != "valid", "\(file) passes the schema")
        }
    }

    /// The listed fixtures all exist (a renamed fixture must not silently leave the list).
    @Test func structuralFixturesExist() {
        for name in Self.structural {
            #expect(FileManager.default.fileExists(atPath: Repo.url("fixtures/invalid/\(name).yaml").path), "\(name)")
        }
    }

    // MARK: Helpers

    /// Validates each YAML file (converted to JSON with our own YAML reader, so PyYAML is
    /// not a prerequisite) against the committed schema with Python's jsonschema; "valid"
    /// or the first error, by file.
    static func validate(_ files: [String], schema: String = schemaPath) throws -> [String: String] {
        try requireJSONSchema()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            v = jsonschema.Draft7Validator(schema)
            for name, path in zip(sys.argv[2::2], sys.argv[3::2]):
                errors = sorted(v.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
                print(name + "\\t" + ("valid" if not errors else errors[0].message.replace("\\n", " ")))
            """, Repo.url(schema).path]
        for (i, file) in files.enumerated() {
            let doc = YAMLParser.parse(try Repo.bytes(file), file: file)
            guard let root = doc.root else { continue }   // not YAML a schema can see: left out
            let url = dir.appendingPathComponent("\(i).json")
            try json(root).pretty().write(to: url, atomically: true, encoding: .utf8)
            args += [file, url.path]
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "jsonschema failed: \(message)")
        var results: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { results[String(parts[0])] = String(parts[1]) }
        }
        return results
    }

    /// The JSON an editor's YAML language server sees for a node (core schema: plain
    /// numbers are numbers, quoted ones strings).
    static func json(_ node: YAMLNode) -> JSONTree {
        switch node.content {
        case .mapping(let pairs): return .object(pairs.map { ($0.key, json($0.value)) })
        case .sequence(let items): return .array(items.map(json))
        case .scalar(let s):
            switch s.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .string(let t): return .string(t)
            case .int(let t), .float(let t):
                let isJSONNumber = t.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
                return isJSONNumber ? .number(t) : .string(t)
            }
        }
    }

    static func requireJSONSchema() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        var ok = false
        if (try? p.run()) != nil {
            p.waitUntilExit()
            ok = p.terminationStatus == 0
        }
        struct Missing: Error, CustomStringConvertible { var description: String }
        if !ok {
            throw Missing(description: "missing test prerequisite: this test needs Python 3 with the jsonschema module (Debian/Ubuntu: apt-get install python3-jsonschema; elsewhere: python3 -m pip install jsonschema)")
        }
    }
}
