/// Writes a JSON Schema (draft-07) from `FieldTable`s: the editors' schema of a file
/// format, generated from the tables its decoder checks keys against.
package enum JSONSchemaWriter {
    /// The schema document: `root` is the file's top-level mapping, `definitions` the
    /// named shapes `.reference` points to. Deterministic: members in table order.
    package static func document(id: String, title: String, description: String, root: FieldTable,
                                 definitions: [(String, FieldShape)]) -> String {
        var members: [(String, JSONTree)] = [
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string(id)),
            ("title", .string(title)),
            ("description", .string(description)),
        ]
        if case .object(let body) = object(root) { members += body }
        members.append(("definitions", .object(definitions.map { ($0.0, schema($0.1)) })))
        return JSONTree.object(members).pretty()
    }

    static func schema(_ shape: FieldShape) -> JSONTree {
        switch shape {
        case .string(let pattern):
            var m: [(String, JSONTree)] = [("type", .string("string"))]
            if let pattern { m.append(("pattern", .string(pattern))) }
            return .object(m)
        case .word(let words):
            return .object([("type", .string("string")), ("enum", .array(words.map { .string($0) }))])
        case .text:
            return .object([("type", .array(["string", "number", "boolean"].map { .string($0) }))])
        case .boolean(let only):
            var m: [(String, JSONTree)] = [("type", .string("boolean"))]
            if let only { m.append(("const", .bool(only))) }
            return .object(m)
        case .integer(let minimum, let only):
            var m: [(String, JSONTree)] = [("type", .string("integer"))]
            if let minimum { m.append(("minimum", .number(String(minimum)))) }
            if let only { m.append(("const", .number(String(only)))) }
            return .object(m)
        case .number(let minimum, let exclusiveMinimum, let maximum):
            var m: [(String, JSONTree)] = [("type", .string("number"))]
            if let minimum { m.append(("minimum", .number(minimum))) }
            if let exclusiveMinimum { m.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
            if let maximum { m.append(("maximum", .number(maximum))) }
            return .object(m)
        case .list(let item, let minItems):
            var m: [(String, JSONTree)] = [("type", .string("array")), ("items", schema(item))]
            if minItems > 0 { m.append(("minItems", .number(String(minItems)))) }
            return .object(m)
        case .anyOf(let shapes):
            return .object([("anyOf", .array(shapes.map(schema)))])
        case .fields(let table):
            return object(table)
        case .names(let keyPattern, let value, let minProperties):
            var m: [(String, JSONTree)] = [("type", .string("object"))]
            if let keyPattern { m.append(("propertyNames", .object([("pattern", .string(keyPattern))]))) }
            m.append(("additionalProperties", schema(value)))
            if minProperties > 0 { m.append(("minProperties", .number(String(minProperties)))) }
            return .object(m)
        case .reference(let name):
            return .object([("$ref", .string("#/definitions/\(name)"))])
        case .any:
            return .object([])
        }
    }

    /// A mapping with fixed fields: unknown keys are refused, `x-` keys allowed when the
    /// table allows them (as the decoder does).
    static func object(_ table: FieldTable) -> JSONTree {
        var m: [(String, JSONTree)] = [("type", .string("object"))]
        let fields = table.fields + (table.takesLintDirective ? [PolicyFields.lintField] : [])
        m.append(("properties", .object(fields.map { f in
            guard case .object(let body) = schema(f.shape) else { return (f.name, schema(f.shape)) }
            return (f.name, .object([("description", .string(f.summary))] + body))
        })))
        if table.allowsExtensions { m.append(("patternProperties", .object([("^x-", .object([]))]))) }
        m.append(("additionalProperties", .bool(false)))
        if !table.required.isEmpty { m.append(("required", .array(table.required.map { .string($0) }))) }
        var all: [JSONTree] = []
        for group in table.exactlyOneOf {
            all.append(.object([("oneOf", .array(group.map { .object([("required", .array([.string($0)]))]) }))]))
        }
        for group in table.atLeastOneOf {
            all.append(.object([("anyOf", .array(group.map { .object([("required", .array([.string($0)]))]) }))]))
        }
        if all.count == 1, case .object(let only) = all[0] { m += only } else if !all.isEmpty { m.append(("allOf", .array(all))) }
        return .object(m)
    }
}
