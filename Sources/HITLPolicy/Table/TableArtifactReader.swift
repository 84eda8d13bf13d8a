/// Reads the JSON artifact that `TableArtifactWriter` writes, with the strict action scanner
/// (exact numbers, duplicate keys rejected, bounded depth) and no reflection: loading a
/// small table costs microseconds, which is what a one-action `eval` pays at start-up.
///
/// Unknown members are ignored; a missing or mistyped member is an error naming its path.
/// The caller still runs `DecisionTable.validate()` for the cross-references.
struct TableArtifactReader {
    struct Failure: Error {
        var message: String
    }

    /// Where a value is, for messages. Built only on a second pass after a failure: the
    /// first pass does not spend a string per element.
    struct Path: CustomStringConvertible {
        let text: String?
        static let untracked = Path(text: nil)

        func key(_ k: StaticString) -> Path {
            guard let text else { return self }
            return Path(text: text.isEmpty ? "\(k)" : "\(text).\(k)")
        }

        func index(_ i: Int) -> Path {
            guard let text else { return self }
            return Path(text: "\(text)[\(i)]")
        }

        var description: String { text.map { $0.isEmpty ? "the top" : $0 } ?? "?" }
    }

    /// A JSON object's members, looked up by name.
    private struct Object {
        let members: [([UInt8], JSONValue)]
        let path: Path

        func optional(_ key: StaticString) -> JSONValue? {
            let k = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            guard let v = members.first(where: { $0.0.elementsEqual(k) })?.1 else { return nil }
            if case .null = v { return nil }
            return v
        }

        func required(_ key: StaticString) throws(Failure) -> JSONValue {
            guard let v = optional(key) else { throw Failure(message: "missing \(join(key))") }
            return v
        }

        func join(_ key: StaticString) -> Path { path.key(key) }

        func string(_ key: StaticString) throws(Failure) -> String { try TableArtifactReader.string(required(key), join(key)) }
        func int(_ key: StaticString) throws(Failure) -> Int { try TableArtifactReader.int(required(key), join(key)) }
        func bool(_ key: StaticString) throws(Failure) -> Bool { try TableArtifactReader.bool(required(key), join(key)) }
        func decimal(_ key: StaticString) throws(Failure) -> ExactDecimal { try TableArtifactReader.decimal(required(key), join(key)) }
        func object(_ key: StaticString) throws(Failure) -> Object { try TableArtifactReader.object(required(key), join(key)) }
        func array<T>(_ key: StaticString, _ element: (JSONValue, Path) throws(Failure) -> T) throws(Failure) -> [T] {
            try TableArtifactReader.array(required(key), join(key), element)
        }
        func optionalString(_ key: StaticString) throws(Failure) -> String? {
            try optional(key).map { (v: JSONValue) throws(Failure) in try TableArtifactReader.string(v, join(key)) }
        }
        func optionalInt(_ key: StaticString) throws(Failure) -> Int? {
            try optional(key).map { (v: JSONValue) throws(Failure) in try TableArtifactReader.int(v, join(key)) }
        }
        func strings(_ key: StaticString) throws(Failure) -> [String] { try array(key, TableArtifactReader.string) }
        func optionalStrings(_ key: StaticString) throws(Failure) -> [String]? {
            optional(key) == nil ? nil : try strings(key)
        }
    }

    /// Decodes a table (its consistency is `validate()`'s to check).
    static func read(_ bytes: [UInt8]) throws(Failure) -> DecisionTable {
        let tree: JSONValue
        do throws(JSONSyntaxError) {
            tree = try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue in
                var s = JSONScanner(b)
                let v = try s.value()
                s.skipSpace()
                if s.i != b.count { throw s.fail("unexpected text after the table") }
                return v
            }
        } catch {
            throw Failure(message: "\(error.message) at byte \(error.offset)")
        }
        do throws(Failure) {
            return try decode(tree, .untracked)
        } catch {
            // Again with paths, for a message that says where.
            do throws(Failure) { _ = try decode(tree, Path(text: "")) } catch { throw error }
            throw error
        }
    }

    private static func decode(_ tree: JSONValue, _ top: Path) throws(Failure) -> DecisionTable {
        let t = try object(tree, top)
        return DecisionTable(
            format: try t.string("format"),
            version: try t.int("version"),
            policy: try t.string("policy"),
            policyDigest: try t.string("policy_digest"),
            source: try t.string("source"),
            currency: try t.optionalString("currency"),
            exchangeRates: try t.array("exchange_rates") { (v, p) throws(Failure) in
                let o = try object(v, p)
                return TableRate(currency: try o.string("currency"), rate: try o.decimal("rate"))
            },
            approvers: try t.array("approvers", approver),
            tags: try t.strings("tags"),
            attributes: try t.array("attributes") { (v, p) throws(Failure) in
                let o = try object(v, p)
                return TableAttribute(path: try o.string("path"), values: try o.array("values", attributeValue))
            },
            rules: try t.array("rules", rule),
            outcomes: try t.array("outcomes") { (v, p) throws(Failure) in
                let o = try object(v, p)
                return TableOutcome(requirement: try requirement(o.required("requirement"), o.join("requirement")),
                                    rules: try o.array("rules", int))
            },
            nodes: try t.array("nodes", node),
            classes: try t.array("classes", capabilityClass),
            globalRoot: try int32(t.required("global_root"), t.join("global_root")),
            globalTestedFields: try uint64(t.required("global_tested_fields"), t.join("global_tested_fields")))
    }

    private static func approver(_ v: JSONValue, _ p: Path) throws(Failure) -> TableApprover {
        let o = try object(v, p)
        if let c = try o.optionalString("capacity"), (try? Capacity.parse(c).get())?.description != c {
            throw Failure(message: "not a capacity at \(o.join("capacity")): \(c.prefix(64))")
        }
        return TableApprover(
            name: try o.string("name"), kind: try o.string("kind"), approvers: try o.strings("approvers"),
            quorum: try o.int("quorum"), sla: try o.optionalString("sla"), slaSeconds: try o.optionalInt("sla_seconds"),
            onTimeout: try o.string("on_timeout"), escalatesTo: try o.optionalString("escalates_to"),
            capacity: try o.optionalString("capacity"))
    }

    private static func attributeValue(_ v: JSONValue, _ p: Path) throws(Failure) -> AttributeValue {
        let o = try object(v, p)
        switch try o.string("type") {
        case "string": return .string(try o.string("value"))
        case "bool": return .bool(try o.bool("value"))
        case "number": return .number(try o.decimal("value"))
        case let other: throw Failure(message: "unknown attribute value type \(other) at \(p)")
        }
    }

    private static func rule(_ v: JSONValue, _ p: Path) throws(Failure) -> TableRule {
        let o = try object(v, p)
        let kindName = try o.string("kind")
        guard let kind = TableRule.Kind(rawValue: kindName) else { throw Failure(message: "unknown rule kind \(kindName) at \(p)") }
        let patterns = try o.optionalStrings("capabilities").map { (names: [String]) throws(Failure) -> [CapabilityPattern] in
            var out: [CapabilityPattern] = []
            for name in names {
                guard case .success(let pattern) = CapabilityPattern.parse(name) else { throw Failure(message: "bad pattern \(name) at \(p)") }
                out.append(pattern)
            }
            return out
        }
        return TableRule(
            kind: kind, path: try o.string("path"), effect: try o.string("effect"),
            contribution: try requirement(o.required("contribution"), o.join("contribution")),
            capabilities: patterns, conditions: try o.array("conditions", condition),
            reference: try o.optionalString("reference"), reason: try o.optionalString("reason"),
            source: try o.string("source"))
    }

    private static func condition(_ v: JSONValue, _ p: Path) throws(Failure) -> TableCondition {
        let o = try object(v, p)
        if o.optional("range") != nil {
            let r = try o.object("range").object("_0")
            let name = try r.string("field")
            guard let field = NumericField.allCases.first(where: { $0.description == name }) else {
                throw Failure(message: "unknown field \(name) at \(r.path)")
            }
            return .range(NumericRange(field: field, lower: try r.optional("lower").map { (v: JSONValue) throws(Failure) in try cut(v, r.join("lower")) },
                                       upper: try r.optional("upper").map { (v: JSONValue) throws(Failure) in try cut(v, r.join("upper")) }))
        }
        if o.optional("reversible") != nil { return .reversible(try o.object("reversible").bool("_0")) }
        if o.optional("tags") != nil {
            let t = try o.object("tags")
            return .tags(any: try t.optionalStrings("any"), all: try t.optionalStrings("all"), none: try t.optionalStrings("none"))
        }
        if o.optional("attribute") != nil {
            let a = try o.object("attribute")
            return .attribute(path: try a.string("path"), values: try a.array("values", attributeValue))
        }
        throw Failure(message: "unknown condition at \(p)")
    }

    private static func requirement(_ v: JSONValue, _ p: Path) throws(Failure) -> Requirement {
        let o = try object(v, p)
        let name = try o.string("stage")
        guard let stage = Stage(name: name) else { throw Failure(message: "unknown stage \(name) at \(p)") }
        return Requirement(stage: stage, review: try o.bool("review"), tier: try o.optionalInt("tier"),
                           specialists: try o.strings("specialists"))
    }

    private static func node(_ v: JSONValue, _ p: Path) throws(Failure) -> TableNode {
        let o = try object(v, p)
        let test: TableNode.Test
        switch try o.string("test") {
        case "amount": test = .numeric(.amount)
        case "confidence": test = .numeric(.confidence)
        case "blast_radius": test = .numeric(.blastRadius)
        case "reversible": test = .reversible
        case "tag": test = .tag(try o.int("index"))
        case "attribute": test = .attribute(try o.int("index"))
        case let other: throw Failure(message: "unknown test \(other) at \(p)")
        }
        let cuts = o.optional("cuts") == nil ? [] : try o.array("cuts", cut)
        return TableNode(test: test, cuts: cuts, children: try o.array("children", int32))
    }

    private static func cut(_ v: JSONValue, _ p: Path) throws(Failure) -> Cut {
        let o = try object(v, p)
        return Cut(value: try o.decimal("value"), upward: try o.bool("upward"))
    }

    private static func capabilityClass(_ v: JSONValue, _ p: Path) throws(Failure) -> CapabilityClass {
        let o = try object(v, p)
        let kindName = try o.string("kind")
        guard let kind = CapabilityClass.Kind(rawValue: kindName) else { throw Failure(message: "unknown class kind \(kindName) at \(p)") }
        return CapabilityClass(kind: kind, name: try o.string("name"), entryRule: try o.int("entry_rule"),
                               reversible: try o.bool("reversible"), root: try int32(o.required("root"), o.join("root")),
                               testedFields: try uint64(o.required("tested_fields"), o.join("tested_fields")))
    }

    // MARK: Scalars

    private static func object(_ v: JSONValue, _ p: Path) throws(Failure) -> Object {
        guard case .object(let members) = v else { throw Failure(message: "wrong type at \(p): expected an object") }
        return Object(members: members, path: p)
    }

    private static func array<T>(_ v: JSONValue, _ p: Path, _ element: (JSONValue, Path) throws(Failure) -> T) throws(Failure) -> [T] {
        guard case .array(let items) = v else { throw Failure(message: "wrong type at \(p): expected an array") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() { out.append(try element(item, p.index(k))) }
        return out
    }

    private static func string(_ v: JSONValue, _ p: Path) throws(Failure) -> String {
        guard case .string(let bytes) = v else { throw Failure(message: "wrong type at \(p): expected a string") }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func bool(_ v: JSONValue, _ p: Path) throws(Failure) -> Bool {
        guard case .bool(let b) = v else { throw Failure(message: "wrong type at \(p): expected true or false") }
        return b
    }

    private static func decimal(_ v: JSONValue, _ p: Path) throws(Failure) -> ExactDecimal {
        let text = try string(v, p)
        guard let d = ExactDecimal(parsing: text) else { throw Failure(message: "not a decimal at \(p): \(text)") }
        return d
    }

    /// A whole number within `range`.
    private static func integer(_ v: JSONValue, _ p: Path, _ range: ClosedRange<Int64>) throws(Failure) -> Int64 {
        guard case .number(let n) = v, n.big == nil, n.exponent >= 0, n.exponent <= 18 else {
            throw Failure(message: "wrong type at \(p): expected an integer")
        }
        let (m, overflow) = n.significand.multipliedReportingOverflow(by: ActionNumber.pow10(n.exponent))
        guard !overflow, m <= UInt64(Int64.max) else { throw Failure(message: "integer out of range at \(p)") }
        let value = n.isNegative ? -Int64(m) : Int64(m)
        guard range.contains(value) else { throw Failure(message: "integer out of range at \(p)") }
        return value
    }

    private static func int(_ v: JSONValue, _ p: Path) throws(Failure) -> Int {
        Int(try integer(v, p, Int64(Int.min)...Int64(Int.max)))
    }

    private static func int32(_ v: JSONValue, _ p: Path) throws(Failure) -> Int32 {
        Int32(try integer(v, p, Int64(Int32.min)...Int64(Int32.max)))
    }

    /// A field mask: bits up to 63, written as an unsigned number.
    private static func uint64(_ v: JSONValue, _ p: Path) throws(Failure) -> UInt64 {
        guard case .number(let n) = v, !n.hasMinusSign, n.big == nil, n.exponent >= 0, n.exponent <= 19 else {
            throw Failure(message: "wrong type at \(p): expected an unsigned integer")
        }
        let (m, overflow) = n.significand.multipliedReportingOverflow(by: ActionNumber.pow10(n.exponent))
        guard !overflow else { throw Failure(message: "integer out of range at \(p)") }
        return m
    }
}
