@testable import HITLPolicy

/// The placement `diff --traffic` made before it read actions through the evaluators: each
/// line decided by both policies through the typed API for validity, then interpreted on its
/// own (a `JSONValue` tree: capability, amount and currency, numeric fields, reversible,
/// tags, attribute paths and values, shell prefixes). Kept only here, as the slow reference
/// the differential tests hold `TrafficPlacer` to. It places no tool call (a tool call names
/// no capability).
struct DiffTrafficReference {
    let placement: DiffPlacement
    let old: CompiledPolicy
    let new: CompiledPolicy
    /// The exact capability names of either policy.
    let exactNames: Set<ByteName>
    /// The capability prefixes of either policy, for the longest-prefix lookup.
    let prefixClasses: PrefixMap<String>

    init(report: DiffReport, old: DecisionTable, new: DecisionTable) throws {
        placement = report.placement ?? DiffPlacement()
        self.old = try CompiledPolicy(table: old)
        self.new = try CompiledPolicy(table: new)
        var exact = Set<ByteName>(), prefixes: [ByteName: String] = [:]
        for c in old.classes + new.classes {
            switch c.kind {
            case .exact: exact.insert(ByteName(c.name))
            case .prefix: prefixes[ByteName(c.name)] = c.name
            case .other: continue
            }
        }
        exactNames = exact
        prefixClasses = PrefixMap(prefixes)
    }

    /// Where the line falls (a leading byte order mark already dropped, as `DiffTraffic.count`
    /// drops it).
    func place(_ line: [UInt8]) -> TrafficPlacer.Place {
        guard old.decide(Action(json: line)).outcome != .invalid, new.decide(Action(json: line)).outcome != .invalid else { return .invalid }
        let value: JSONValue? = line.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            return try? s.value()
        }
        guard let value, let k = place(value) else { return .outside }
        return .region(k)
    }

    /// The index of the box holding the action, or nil.
    func place(_ action: JSONValue) -> Int? {
        guard case .object(let members) = action else { return nil }
        func member(_ key: String, _ ms: [([UInt8], JSONValue)]) -> JSONValue? {
            ms.first { $0.0.elementsEqual(key.utf8) }?.1
        }
        guard case .string(let nameBytes)? = member("capability", members) else { return nil }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let cls: DiffCapability
        if exactNames.contains(ByteName(name)) {
            cls = DiffCapability(kind: .exact, name: name)
        } else if let p = prefixClasses.longest(in: name) {
            cls = DiffCapability(kind: .prefix, name: p)
        } else {
            cls = DiffCapability(kind: .other, name: "")
        }
        // The amount, as the pass that holds it sees it.
        var amount: ExactDecimal?
        var code: String?
        switch member("amount", members) {
        case .number(let n)?: amount = n.exact
        case .object(let ms)?:
            switch member("value", ms) {
            case .number(let n)?: amount = n.exact
            case .string(let s)?: amount = ExactDecimal(parsing: String(decoding: s, as: UTF8.self))
            default: return nil
            }
            if case .string(let c)? = member("currency", ms) {
                let text = String(decoding: c, as: UTF8.self)
                if !text.sameBytes(as: placement.currency ?? "") { code = text }
            }
        case nil, .null?: break
        default: return nil
        }
        // The other numeric fields, from the registry (by `rawValue`; the amount is per pass).
        var numbers = [ExactDecimal?](repeating: nil, count: NumericField.count)
        for f in NumericField.allCases where f != .amount {
            switch member(f.description, members) {
            case .number(let n)?: numbers[f.rawValue] = n.exact
            case nil, .null?: break
            default: return nil
            }
        }
        var reversible: Bool?
        if case .bool(let r)? = member("reversible", members) { reversible = r }
        var present = Set<ByteName>()
        if case .array(let tags)? = member("tags", members) {
            for case .string(let t) in tags { present.insert(ByteName(String(decoding: t, as: UTF8.self))) }
        }
        var attributes: [([UInt8], JSONValue)] = []
        if case .object(let ms)? = member("attributes", members) { attributes = ms }
        let defaults = placement.defaults[cls] ?? [false, false]
        for (k, box) in placement.boxes.enumerated() where box.capabilities.contains(cls) {
            var value = amount
            if let v = amount {
                if let code {
                    if let c = box.code {
                        guard c.sameBytes(as: code) else { continue }
                        value = v * box.scale
                    } else {
                        guard let rate = placement.sharedRates[ByteName(code)] else { continue }
                        value = v * rate
                    }
                } else if box.code != nil { continue }
            } else if box.code != nil { continue }
            numbers[NumericField.amount.rawValue] = value
            guard box.region.numeric.allSatisfy({ f, span in span.contains(numbers[f.rawValue]) }) else { continue }
            if let r = reversible {
                if box.region.reversibleMissing || (box.region.reversible.map { $0 != r } ?? false) { continue }
            } else if defaults[0] != defaults[1] {
                if box.region.reversible != nil && !box.region.reversibleMissing { continue }
            } else {
                if box.region.reversibleMissing || (box.region.reversible.map { $0 != defaults[0] } ?? false) { continue }
            }
            let tags = placement.tags
            guard box.region.tags.allSatisfy({ t, want in tags.indices.contains(t) && present.contains(ByteName(tags[t])) == want }) else { continue }
            guard box.region.attributes.allSatisfy({ a, choice in
                placement.attributes.indices.contains(a) && Self.choice(of: placement.attributes[a], in: attributes) == choice
            }) else { continue }
            guard box.region.shells.allSatisfy({ s, want in
                placement.shells.indices.contains(s) && placement.attributes.indices.contains(placement.shells[s].attribute)
                    && Self.shellPresent(placement.shells[s], placement.attributes[placement.shells[s].attribute], in: attributes) == want
            }) else { continue }
            return k
        }
        return nil
    }

    /// Whether a shell prefix is present in an action's attributes (as evaluation decides:
    /// a missing or non-string value, or an uncertain line, meets it).
    static func shellPresent(_ shell: TableShell, _ attribute: TableAttribute, in members: [([UInt8], JSONValue)]) -> Bool {
        var current = members
        let parts = attribute.path.split(separator: ".", omittingEmptySubsequences: false)
        for (k, part) in parts.enumerated() {
            guard let v = current.first(where: { $0.0.elementsEqual(part.utf8) })?.1 else { return true }
            if k == parts.count - 1 {
                guard case .string(let s) = v else { return true }
                return TableShell.holds(shell.words, for: .string(String(decoding: s, as: UTF8.self)))
            }
            guard case .object(let ms) = v else { return true }
            current = ms
        }
        return true
    }

    /// The diagram's choice for an attribute: a value's index, `values.count` for another
    /// value, `values.count + 1` when missing (or null, or under a non-object).
    static func choice(of attribute: TableAttribute, in members: [([UInt8], JSONValue)]) -> Int {
        var current: [([UInt8], JSONValue)] = members
        let parts = attribute.path.split(separator: ".", omittingEmptySubsequences: false)
        var found: JSONValue?
        for (k, part) in parts.enumerated() {
            guard let v = current.first(where: { $0.0.elementsEqual(part.utf8) })?.1 else { return attribute.values.count + 1 }
            if k == parts.count - 1 { found = v; break }
            guard case .object(let ms) = v else { return attribute.values.count + 1 }
            current = ms
        }
        guard let found else { return attribute.values.count + 1 }
        for (k, w) in attribute.values.enumerated() {
            switch (found, w) {
            case (.string(let s), .string(let t)) where s.elementsEqual(t.utf8): return k
            case (.number(let n), .number(let m)) where n.exact == m: return k
            case (.bool(let b), .bool(let c)) where b == c: return k
            default: continue
            }
        }
        if case .null = found { return attribute.values.count + 1 }
        return attribute.values.count
    }
}
