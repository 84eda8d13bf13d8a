/// The condition kinds of a compliance rule's `when`.
extension PolicyDecoder {
    /// Lower and upper bound keywords of a range condition, with inclusiveness.
    static func boundKeywords(_ field: String) -> (lower: [(String, Bool)], upper: [(String, Bool)]) {
        let s = (NumericField(name: field) ?? .amount).spec
        return ([(s.lowerWords.exclusive, false), (s.lowerWords.inclusive, true)],
                [(s.upperWords.exclusive, false), (s.upperWords.inclusive, true)])
    }

    mutating func rangeCondition(_ pair: YAMLPair, of what: String) -> RangeCondition? {
        let name = "the \(pair.key) condition of \(what)"
        let (lowers, uppers) = Self.boundKeywords(pair.key)
        let keywords = (lowers + uppers).map(\.0)
        guard let pairs = pair.value.pairs else {
            sink.emit(.wrongType, "\(name) must be a mapping of bounds, not \(pair.value.kindDescription)",
                      at: pair.value.location, hint: "write for example '\(pair.key): {\(lowers[0].0): \(pair.value.scalar?.text ?? "N")}'")
            return nil
        }
        checkFields(pairs, known: PolicyFields.range(pair.key).names, in: name)
        var range = RangeCondition(lower: nil, upper: nil, location: pair.keyLocation)
        var ok = true
        for (side, options) in [(0, lowers), (1, uppers)] {
            let found = pairs.filter { p in options.contains { $0.0.sameBytes(as: p.key) } }
            if found.count > 1 {
                sink.emit(.invalidBounds, "\(name) has two \(side == 0 ? "lower" : "upper") bounds ('\(found[0].key)' and '\(found[1].key)')",
                          at: found[1].keyLocation, hint: "keep one: '\(options[0].0)' excludes the value, '\(options[1].0)' includes it")
                ok = false
                continue
            }
            guard let p = found.first else { continue }
            // A bound whose value is invalid was reported there; the range is not also "without bounds".
            guard let value = decimal(p.value, "the '\(p.key)' bound of \(name)") else { ok = false; continue }
            guard checkConditionRange(value, pair.key, at: p.value.location) else { ok = false; continue }
            let bound = Bound(keyword: p.key, value: value, inclusive: options.first { $0.0.sameBytes(as: p.key) }?.1 ?? false,
                              location: p.value.location)
            if side == 0 { range.lower = bound } else { range.upper = bound }
        }
        if ok && range.lower == nil && range.upper == nil && pairs.allSatisfy({ $0.key.hasPrefix("x-") || keywords.containsBytes($0.key) }) {
            sink.emit(.invalidBounds, "\(name) has no bounds", at: pair.keyLocation,
                      hint: "give one or two of: " + keywords.joined(separator: ", "))
            return nil
        }
        return ok && (range.lower != nil || range.upper != nil) ? range : nil
    }

    /// Range of condition bounds: the values the field admits (`NumericField.Spec`).
    mutating func checkConditionRange(_ value: ExactDecimal, _ field: String, at location: SourceLocation) -> Bool {
        let f = NumericField(name: field) ?? .amount
        if f.admits(value) { return true }
        sink.emit(.thresholdOutOfRange, "\(f.spec.label) bounds \(f.spec.boundsRule), not \(value)", at: location)
        return false
    }

    mutating func tagCondition(_ pair: YAMLPair, of what: String) -> TagCondition? {
        let name = "the tags condition of \(what)"
        var c = TagCondition(any: nil, all: nil, none: nil, location: pair.keyLocation)
        if pair.value.items != nil || pair.value.scalar != nil {
            guard let list = textList(pair.value, name, allowSingle: true) else { return nil }
            c.any = list.map(\.text)
            return c
        }
        guard let pairs = mapping(pair.value, name) else { return nil }
        checkFields(pairs, known: PolicyFields.tags.names, in: name)
        var ok = true
        for (key, path) in [("any", \TagCondition.any), ("all", \.all), ("none", \.none)] as [(String, WritableKeyPath<TagCondition, [String]?>)] {
            guard let p = field(pairs, key) else { continue }
            if let list = textList(p.value, "'\(key)' of \(name)", allowSingle: true) {
                c[keyPath: path] = list.map(\.text)
            } else { ok = false }
        }
        if ok && c.any == nil && c.all == nil && c.none == nil {
            sink.emit(.emptyList, "\(name) lists no tags", at: pair.keyLocation, hint: "write 'tags: {any: [pii]}' or a list")
            return nil
        }
        return ok ? c : nil
    }

    mutating func attributeConditions(_ pair: YAMLPair, of what: String) -> [AttributeCondition]? {
        let name = "the attributes condition of \(what)"
        guard let pairs = mapping(pair.value, name) else { return nil }
        if pairs.isEmpty {
            sink.emit(.emptyList, "\(name) names no attributes", at: pair.keyLocation, hint: "write 'attributes: {environment: production}'")
            return nil
        }
        var out: [AttributeCondition] = []
        var ok = true
        for p in pairs {
            if p.key.isEmpty || p.key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                sink.emit(.invalidValue, "attribute path '\(p.key)' has an empty segment", at: p.keyLocation,
                          hint: "write a dotted path such as 'deploy.environment'")
                ok = false
                continue
            }
            if let pairs = p.value.pairs, Self.meansShell(pairs) {
                if let prefixes = shellCondition(p, of: what) {
                    out.append(AttributeCondition(path: p.key, shell: prefixes, location: p.keyLocation))
                } else { ok = false }
                continue
            }
            let nodes = p.value.items ?? [p.value]
            if nodes.isEmpty {
                sink.emit(.emptyList, "attribute '\(p.key)' of \(what) lists no values", at: p.value.location)
                ok = false
                continue
            }
            var values: [AttributeValue] = []
            for n in nodes {
                if let v = attributeValue(n, path: p.key) { values.append(v) } else { ok = false }
            }
            out.append(AttributeCondition(path: p.key, values: values, location: p.keyLocation))
        }
        return ok ? out : nil
    }

    mutating func attributeValue(_ node: YAMLNode, path: String) -> AttributeValue? {
        guard let s = node.scalar else {
            sink.emit(.wrongType, "attribute '\(path)' must be compared with strings, numbers or booleans, not \(node.kindDescription)",
                      at: node.location, hint: node.pairs.map(Self.meansShell) == true
                          ? "write '\(path): {shell: [PREFIX, ...]}' as the whole condition, not inside a list"
                          : "to test a nested field, use a dotted path such as '\(path).field: value'")
            return nil
        }
        switch s.value {
        case .string(let t): return .string(t)
        case .bool(let b): return .bool(b)
        case .int, .float:
            guard let d = decimal(node, "the value of attribute '\(path)'") else { return nil }
            return .number(d)
        case .null:
            sink.emit(.wrongType, "attribute '\(path)' cannot be compared with null", at: node.location,
                      hint: "a missing attribute already counts as matching (fail closed); compare with a value")
            return nil
        }
    }
}
