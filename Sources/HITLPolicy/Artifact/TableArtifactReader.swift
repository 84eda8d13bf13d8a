/// Reads the JSON artifact that `TableArtifactWriter` writes, in one pass over the bytes
/// straight into the table's own types: no JSON tree, so loading costs little more memory
/// than the table itself, and a file that is not a table is refused where it stops being
/// one (an unknown member name at the top is refused after a few bytes). Strict like the
/// action scanner: exact numbers, no duplicate keys, no unknown members, no trailing text.
///
/// A missing or mistyped member is an error naming its path. The caller still runs
/// `DecisionTable.validate()` for the cross-references.
struct TableArtifactReader {
    typealias Failure = TableArtifactScanner.Failure

    static let tableKeys: [StaticString] = ["approvers", "attributes", "classes", "currency", "exchange_rates", "format",
                                            "global_root", "global_tested_fields", "nodes", "outcomes", "policy",
                                            "policy_digest", "rules", "shells", "source", "table_digest", "tags", "tested_field_bits",
                                            "tools", "version"]
    // Member names of each object, in the order the writer sorts them.
    static let rateKeys: [StaticString] = ["currency", "rate"]
    static let approverKeys: [StaticString] = ["approvers", "capacity", "escalates_to", "kind", "name", "on_timeout", "quorum", "sla", "sla_seconds"]
    static let attributeKeys: [StaticString] = ["path", "values"]
    static let attributeValueKeys: [StaticString] = ["type", "value"]
    static let ruleKeys: [StaticString] = ["capabilities", "conditions", "contribution", "effect", "kind", "path", "reason", "reference", "source"]
    static let conditionKeys: [StaticString] = ["range", "reversible", "tags", "attribute", "shell"]
    static let shellConditionKeys: [StaticString] = ["path", "prefixes"]
    static let shellKeys: [StaticString] = ["attribute", "prefix"]
    static let tagKeys: [StaticString] = ["all", "any", "none"]
    static let rangeKeys: [StaticString] = ["field", "lower", "upper"]
    static let requirementKeys: [StaticString] = ["review", "specialists", "stage", "tier"]
    static let nodeKeys: [StaticString] = ["children", "cuts", "index", "test"]
    static let cutKeys: [StaticString] = ["upward", "value"]
    static let classKeys: [StaticString] = ["entry_rule", "kind", "name", "reversible", "root", "tested_fields"]

    /// Decodes a table (its consistency is `validate()`'s to check, its digest
    /// `TableDigest.problem`'s).
    static func read(_ bytes: [UInt8]) throws(Failure) -> DecisionTable {
        try readRecorded(bytes).table
    }

    /// Decodes a table and the `table_digest` it records (nil when it records none).
    static func readRecorded(_ bytes: [UInt8]) throws(Failure) -> (table: DecisionTable, digest: String?) {
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(Failure) -> (table: DecisionTable, digest: String?) in
            var r = TableArtifactScanner(b)
            do throws(Failure) {
                let table = try table(&r)
                r.s.skipSpace()
                if r.s.i != b.count { throw r.fail("unexpected text after the table at byte \(r.s.i)") }
                return table
            } catch {
                // A table of another format or version says so, not what in it is unknown.
                if let header = headerProblem(b) { throw Failure(message: header, asIs: true) }
                throw error
            }
        }
    }

    /// The top-level `format` and `version` when they are not this build's, found by
    /// skimming the top-level members (nil when they are, or cannot be found).
    static func headerProblem(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var s = JSONScanner(b)
        var format: String?, version: String?
        s.skipSpace()
        guard s.i < b.count, b[s.i] == 0x7B else { return nil }
        // Only a well-formed top level counts (a repeated `format` is the error to report).
        let skimmed: ()? = try? s.object { (s: inout JSONScanner, key: Range<Int>, escaped: Bool) throws(JSONSyntaxError) in
            let name = s.content(key, escaped: escaped)
            s.skipSpace()
            let start = s.i
            try s.skipValue()
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<s.i]), as: UTF8.self)
            name.withUnsafeBufferPointer { name in
                if TableArtifactScanner.equal("format", name) { format = text }
                if TableArtifactScanner.equal("version", name) { version = text }
            }
        }
        guard skimmed != nil else { return nil }
        if let format, format != "\"\(DecisionTable.formatName)\"" { return "not a hitl-policy table (format \(format.prefix(64)))" }
        if let version, version != String(DecisionTable.formatVersion) { return DecisionTable.versionProblem(String(version.prefix(32))) }
        return nil
    }

    private static func table(_ r: inout TableArtifactScanner) throws(Failure) -> (table: DecisionTable, digest: String?) {
        var format: String?, version: Int?, policy: String?, digest: String?, source: String?, currency: String?
        var rates: [TableRate]?, approvers: [TableApprover]?, tags: [String]?, attributes: [TableAttribute]?
        var rules: [TableRule]?, outcomes: [TableOutcome]?, nodes: [TableNode]?, classes: [CapabilityClass]?
        var globalRoot: Int32?, globalFields: UInt64?, fieldBits: [String]?, recorded: String?, shells: [TableShell] = []
        var tools = ToolMappings.none
        try r.object(tableKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: approvers = try r.array(approver)
            case 1: attributes = try r.array(attribute)
            case 2: classes = try r.array(capabilityClass)
            case 3: currency = try r.optionalString()
            case 4: rates = try r.array(rate)
            case 5: format = try r.string()
            case 6: globalRoot = try r.int32()
            case 7: globalFields = try r.uint64()
            case 8: nodes = try r.array(limit: TableCompiler.maxNodes, node)
            case 9: outcomes = try r.array(limit: TableCompiler.maxNodes) { (r: inout TableArtifactScanner) throws(Failure) in TableOutcome(requirement: try requirement(&r)) }
            case 10: policy = try r.string()
            case 11: digest = try r.string()
            case 12: rules = try r.array(rule)
            case 13: shells = try r.array(shell)
            case 14: source = try r.string()
            case 15: recorded = try r.string()
            case 16: tags = try r.strings()
            case 17: fieldBits = try r.strings()
            case 18: tools = ToolMappings(entries: try r.array(limit: TableCompiler.maxNodes, tool))
            default:
                version = try r.int()
                if let v = version, v != DecisionTable.formatVersion { throw Failure(message: DecisionTable.versionProblem(String(v)), asIs: true) }
            }
        }
        guard let format else { throw r.missing("format") }
        if format != DecisionTable.formatName { throw Failure(message: "not a hitl-policy table (format \(format.prefix(64)))", asIs: true) }
        guard let version else { throw r.missing("version") }
        guard let policy else { throw r.missing("policy") }
        guard let digest else { throw r.missing("policy_digest") }
        guard let source else { throw r.missing("source") }
        guard let rates else { throw r.missing("exchange_rates") }
        guard let approvers else { throw r.missing("approvers") }
        guard let tags else { throw r.missing("tags") }
        guard let attributes else { throw r.missing("attributes") }
        guard let rules else { throw r.missing("rules") }
        guard let outcomes else { throw r.missing("outcomes") }
        guard let nodes else { throw r.missing("nodes") }
        guard let classes else { throw r.missing("classes") }
        guard let globalRoot else { throw r.missing("global_root") }
        guard let globalFields else { throw r.missing("global_tested_fields") }
        // A table whose `tested_fields` bits another field registry wrote would be misread
        // (which fields count as assumed) without any error: refused, like another version.
        if fieldBits != TableArtifactWriter.testedFieldBits {
            let theirs = fieldBits.map { $0.map { $0.prefix(64) }.joined(separator: ", ") } ?? "not recorded"
            throw Failure(message: "the table's field bits (\(theirs.prefix(512))) are not this build's (\(TableArtifactWriter.testedFieldBits.joined(separator: ", "))); "
                            + "recompile this table from its policy: hitl-policy compile POLICY -o TABLE", asIs: true)
        }
        let table = DecisionTable(format: format, version: version, policy: policy, policyDigest: digest, source: source,
                                  currency: currency, exchangeRates: rates, approvers: approvers, tags: tags,
                                  attributes: attributes, shells: shells, rules: rules, outcomes: outcomes, nodes: nodes, classes: classes,
                                  globalRoot: globalRoot, globalTestedFields: globalFields, tools: tools)
        return (table, recorded)
    }

    /// `{"attribute": N, "prefix": TEXT}`: the words are read from the text, as a policy's are.
    private static func shell(_ r: inout TableArtifactScanner) throws(Failure) -> TableShell {
        var attribute: Int?, prefix: String?
        try r.object(Self.shellKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 { attribute = try r.int() } else { prefix = try r.string() }
        }
        guard let attribute else { throw r.missing("attribute") }
        guard let prefix else { throw r.missing("prefix") }
        return TableShell(attribute: attribute, words: try prefixWords(prefix, &r))
    }

    /// A prefix's words, or a failure when the text is not one (`ShellCommandLine.prefixWords`).
    private static func prefixWords(_ text: String, _ r: inout TableArtifactScanner) throws(Failure) -> [String] {
        switch ShellCommandLine.prefixWords(text) {
        case .success(let words): return words
        case .failure(let e): throw r.fail("bad shell prefix \(text.prefix(64)) at \(r.where_): \(e.message)")
        }
    }

    private static func rate(_ r: inout TableArtifactScanner) throws(Failure) -> TableRate {
        var currency: String?, rate: ExactDecimal?
        try r.object(Self.rateKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 { currency = try r.string() } else { rate = try r.decimal() }
        }
        guard let currency else { throw r.missing("currency") }
        guard let rate else { throw r.missing("rate") }
        return TableRate(currency: currency, rate: rate)
    }

    private static func approver(_ r: inout TableArtifactScanner) throws(Failure) -> TableApprover {
        var approvers: [String]?, capacity: String?, escalatesTo: String?, kind: String?, name: String?
        var onTimeout: String?, quorum: Int?, sla: String?, slaSeconds: Int?
        try r.object(Self.approverKeys) {
            (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: approvers = try r.strings()
            case 1:
                capacity = try r.optionalString()
                if let c = capacity, (try? Capacity.parse(c).get())?.description != c {
                    throw r.fail("not a capacity at \(r.where_): \(c.prefix(64))")
                }
            case 2: escalatesTo = try r.optionalString()
            case 3: kind = try r.string()
            case 4: name = try r.string()
            case 5: onTimeout = try r.string()
            case 6: quorum = try r.int()
            case 7: sla = try r.optionalString()
            default: slaSeconds = try r.optionalInt()
            }
        }
        guard let approvers else { throw r.missing("approvers") }
        guard let kind else { throw r.missing("kind") }
        guard let name else { throw r.missing("name") }
        guard let onTimeout else { throw r.missing("on_timeout") }
        guard let quorum else { throw r.missing("quorum") }
        // An unknown word is refused in the words `DecisionTable.validate()` uses for a
        // known word in the wrong place.
        guard let typedKind = ApproverKind(rawValue: kind) else {
            throw Failure(message: DecisionTable.kindProblem(name, kind), asIs: true)
        }
        guard let typedTimeout = TimeoutAction(rawValue: onTimeout) else {
            throw Failure(message: DecisionTable.timeoutProblem(typedKind, name, onTimeout, escalatesTo), asIs: true)
        }
        return TableApprover(name: name, kind: typedKind, approvers: approvers, quorum: quorum, sla: sla, slaSeconds: slaSeconds,
                             onTimeout: typedTimeout, escalatesTo: escalatesTo, capacity: capacity)
    }

    private static func attribute(_ r: inout TableArtifactScanner) throws(Failure) -> TableAttribute {
        var path: String?, values: [AttributeValue]?
        try r.object(Self.attributeKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 { path = try r.string() } else { values = try r.array(attributeValue) }
        }
        guard let path else { throw r.missing("path") }
        guard let values else { throw r.missing("values") }
        return TableAttribute(path: path, values: values)
    }

    /// `{"type": "string"|"bool"|"number", "value": ...}`; the value is read once its type is
    /// known, so the members may come in either order.
    private static func attributeValue(_ r: inout TableArtifactScanner) throws(Failure) -> AttributeValue {
        var type: String?, valueAt: Int?
        try r.object(Self.attributeValueKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 {
                type = try r.string()
            } else {
                r.s.skipSpace()
                valueAt = r.s.i
                try r.scan { (s: inout JSONScanner) throws(JSONSyntaxError) in try s.skipValue() }
            }
        }
        guard let type else { throw r.missing("type") }
        guard let valueAt else { throw r.missing("value") }
        guard ["string", "bool", "number"].contains(type) else {
            throw r.fail("unknown attribute value type \(type.prefix(64)) at \(r.where_)")
        }
        let end = r.s.i
        r.s.i = valueAt
        r.path.append(.key("value"))
        let value: AttributeValue = switch type {
        case "string": .string(try r.string())
        case "bool": .bool(try r.bool())
        default: .number(try r.decimal())
        }
        r.path.removeLast()
        r.s.i = end
        return value
    }

    private static func rule(_ r: inout TableArtifactScanner) throws(Failure) -> TableRule {
        var capabilities: [CapabilityPattern]?, conditions: [TableCondition]?, contribution: Requirement?
        var effect: String?, kind: TableRule.Kind?, path: String?, reason: String?, reference: String?, source: String?
        try r.object(Self.ruleKeys) {
            (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0:
                if try r.null() { break }
                capabilities = try r.array { (r: inout TableArtifactScanner) throws(Failure) -> CapabilityPattern in
                    let name = try r.string()
                    guard case .success(let pattern) = CapabilityPattern.parse(name) else {
                        throw r.fail("bad pattern \(name.prefix(64)) at \(r.where_)")
                    }
                    return pattern
                }
            case 1: conditions = try r.array(condition)
            case 2: contribution = try requirement(&r)
            case 3: effect = try r.string()
            case 4:
                let name = try r.string()
                guard let k = TableRule.Kind(rawValue: name) else { throw r.fail("unknown rule kind \(name.prefix(64)) at \(r.where_)") }
                kind = k
            case 5: path = try r.string()
            case 6: reason = try r.optionalString()
            case 7: reference = try r.optionalString()
            default: source = try r.string()
            }
        }
        guard let conditions else { throw r.missing("conditions") }
        guard let contribution else { throw r.missing("contribution") }
        guard let effect else { throw r.missing("effect") }
        guard let kind else { throw r.missing("kind") }
        guard let path else { throw r.missing("path") }
        guard let source else { throw r.missing("source") }
        return TableRule(kind: kind, path: path, effect: effect, contribution: contribution, capabilities: capabilities,
                         conditions: conditions, reference: reference, reason: reason, source: source)
    }

    /// One of `{"range":{...}}`, `{"reversible":b}`, `{"tags":{...}}`, `{"attribute":{...}}`.
    private static func condition(_ r: inout TableArtifactScanner) throws(Failure) -> TableCondition {
        var out: TableCondition?
        try r.object(Self.conditionKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            guard out == nil else { throw r.fail("more than one condition in one entry at \(r.where_)") }
            switch k {
            case 0: out = .range(try numericRange(&r))
            case 1: out = .reversible(try r.bool())
            case 2:
                var lists: [[String]?] = [nil, nil, nil]
                try r.object(Self.tagKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
                    lists[k] = try r.null() ? nil : try r.strings()
                }
                out = .tags(any: lists[1], all: lists[0], none: lists[2])
            case 4:
                var path: String?, prefixes: [[String]]?
                try r.object(Self.shellConditionKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
                    if k == 0 { path = try r.string() } else {
                        prefixes = try r.array { (r: inout TableArtifactScanner) throws(Failure) in try prefixWords(try r.string(), &r) }
                    }
                }
                guard let path else { throw r.missing("path") }
                guard let prefixes else { throw r.missing("prefixes") }
                out = .shell(path: path, prefixes: prefixes)
            default:
                var path: String?, values: [AttributeValue]?
                try r.object(Self.attributeKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
                    if k == 0 { path = try r.string() } else { values = try r.array(attributeValue) }
                }
                guard let path else { throw r.missing("path") }
                guard let values else { throw r.missing("values") }
                out = .attribute(path: path, values: values)
            }
        }
        guard let out else { throw r.fail("unknown condition at \(r.where_)") }
        return out
    }

    private static func numericRange(_ r: inout TableArtifactScanner) throws(Failure) -> NumericRange {
        var field: NumericField?, lower: Cut?, upper: Cut?
        try r.object(Self.rangeKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0:
                let name = try r.string()
                guard let f = NumericField(name: name) else {
                    throw r.fail("unknown field \(name.prefix(64)) at \(r.where_)")
                }
                field = f
            case 1: lower = try r.null() ? nil : try cut(&r)
            default: upper = try r.null() ? nil : try cut(&r)
            }
        }
        guard let field else { throw r.missing("field") }
        return NumericRange(field: field, lower: lower, upper: upper)
    }

    private static func requirement(_ r: inout TableArtifactScanner) throws(Failure) -> Requirement {
        var review: Bool?, specialists: [String]?, stage: Stage?, tier: Int?
        try r.object(Self.requirementKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: review = try r.bool()
            case 1: specialists = try r.strings()
            case 2:
                let name = try r.string()
                guard let s = Stage(name: name) else { throw r.fail("unknown stage \(name.prefix(64)) at \(r.where_)") }
                stage = s
            default: tier = try r.optionalInt()
            }
        }
        guard let review else { throw r.missing("review") }
        guard let specialists else { throw r.missing("specialists") }
        guard let stage else { throw r.missing("stage") }
        return Requirement(stage: stage, review: review, tier: tier, specialists: specialists)
    }

    private static func node(_ r: inout TableArtifactScanner) throws(Failure) -> TableNode {
        var children: [Int32]?, cuts: [Cut]?, index: Int?, testName: String?
        try r.object(Self.nodeKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: children = try r.array { (r: inout TableArtifactScanner) throws(Failure) in try r.int32() }
            case 1: cuts = try r.null() ? nil : try r.array(cut)
            case 2: index = try r.optionalInt()
            default: testName = try r.string()
            }
        }
        guard let children else { throw r.missing("children") }
        guard let testName else { throw r.missing("test") }
        let test: TableNode.Test
        switch testName {
        case let name where NumericField(name: name) != nil: test = .numeric(NumericField(name: name) ?? .amount)
        case "reversible": test = .reversible
        case "tag", "attribute", "shell":
            guard let index else { throw r.missing("index") }
            test = testName == "tag" ? .tag(index) : testName == "shell" ? .shell(index) : .attribute(index)
        default: throw r.fail("unknown test \(testName.prefix(64)) at \(r.where_)")
        }
        return TableNode(test: test, cuts: cuts ?? [], children: children)
    }

    private static func cut(_ r: inout TableArtifactScanner) throws(Failure) -> Cut {
        var upward: Bool?, value: ExactDecimal?
        try r.object(Self.cutKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 { upward = try r.bool() } else { value = try r.decimal() }
        }
        guard let upward else { throw r.missing("upward") }
        guard let value else { throw r.missing("value") }
        return Cut(value: value, upward: upward)
    }

    private static func capabilityClass(_ r: inout TableArtifactScanner) throws(Failure) -> CapabilityClass {
        var entryRule: Int?, kind: CapabilityClass.Kind?, name: String?, reversible: Bool?, root: Int32?, fields: UInt64?
        try r.object(Self.classKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: entryRule = try r.int()
            case 1:
                let text = try r.string()
                guard let k = CapabilityClass.Kind(rawValue: text) else { throw r.fail("unknown class kind \(text.prefix(64)) at \(r.where_)") }
                kind = k
            case 2: name = try r.string()
            case 3: reversible = try r.bool()
            case 4: root = try r.int32()
            default: fields = try r.uint64()
            }
        }
        guard let entryRule else { throw r.missing("entry_rule") }
        guard let kind else { throw r.missing("kind") }
        guard let name else { throw r.missing("name") }
        guard let reversible else { throw r.missing("reversible") }
        guard let root else { throw r.missing("root") }
        guard let fields else { throw r.missing("tested_fields") }
        return CapabilityClass(kind: kind, name: name, entryRule: entryRule, reversible: reversible, root: root, testedFields: fields)
    }
}
