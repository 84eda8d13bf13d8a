extension DecisionTable {
    /// Checks the details a compiled table always has right, so that an edited one is
    /// refused with the reason instead of read in a way its policy never meant: names a
    /// rule tests are the table's (`tags`, `attributes` and their values), thresholds lie
    /// in their field's range, currencies are ISO 4217 codes (rates each once), an SLA's
    /// text and seconds agree, each class is listed once and governed by an entry or
    /// `defaults.stage`.
    func validateDetails() -> String? {
        rulesProblem() ?? namesProblem() ?? classesProblem() ?? approverTimesProblem()
    }

    /// Every tag, attribute path and value a rule tests is one the table lists (the
    /// diagrams and every view index them by position).
    private func rulesProblem() -> String? {
        let tagNames = Set(tags.map(ByteName.init))
        var attributeValues: [ByteName: [AttributeValue]] = [:]
        for a in attributes { attributeValues[ByteName(a.path)] = a.values }
        for r in rules {
            for c in r.conditions {
                switch c {
                case .tags(let any, let all, let none):
                    let names = (any ?? []) + (all ?? []) + (none ?? [])
                    if let t = names.first(where: { !tagNames.contains(ByteName($0)) }) {
                        return "rule \(r.path) tests tag \(t.prefix(64)), which is not in the table's tags"
                    }
                case .attribute(let path, let values):
                    guard let known = attributeValues[ByteName(path)] else {
                        return "rule \(r.path) tests attribute \(path.prefix(64)), which is not in the table's attributes"
                    }
                    if let v = values.first(where: { !known.contains($0) }) {
                        return "rule \(r.path) compares attribute \(path.prefix(64)) with \(v.description.prefix(64)), which is not among its values"
                    }
                case .range(let range):
                    let inRange = { (x: ExactDecimal) in !x.isNegative && range.field.spec.maximum.map { x <= $0 } ?? true }
                    if let c = [range.lower, range.upper].compactMap({ $0 }).first(where: { !inRange($0.value) }) {
                        return "rule \(r.path) has \(range.field) threshold \(c.value) out of range"
                    }
                case .shell(let path, let prefixes):
                    guard let a = attributes.firstIndex(where: { $0.path.sameBytes(as: path) }) else {
                        return "rule \(r.path) tests attribute \(path.prefix(64)), which is not in the table's attributes"
                    }
                    if prefixes.isEmpty { return "rule \(r.path) has a shell condition on \(path.prefix(64)) with no prefixes" }
                    if let p = prefixes.first(where: { !shells.contains(TableShell(attribute: a, words: $0)) }) {
                        return "rule \(r.path) tests shell prefix \(ShellPrefix.canonical(p).prefix(64)) on \(path.prefix(64)), which is not among the table's shells"
                    }
                case .reversible: break
                }
            }
        }
        return nil
    }

    /// Tags, attribute paths and each path's values are listed once; currencies are codes.
    private func namesProblem() -> String? {
        if let t = firstRepeat(tags.map(ByteName.init)) { return "tag \(t.text.prefix(64)) is listed twice" }
        if let p = firstRepeat(attributes.map { ByteName($0.path) }) { return "attribute \(p.text.prefix(64)) is listed twice" }
        for a in attributes where Set(a.values).count != a.values.count {
            return "attribute \(a.path.prefix(64)) lists a value twice"
        }
        for s in shells {
            guard attributes.indices.contains(s.attribute) else { return "shell prefix \(s.prefix.prefix(64)) names attribute \(s.attribute), which does not exist" }
            // The words must be what the prefix reads as: evaluation and witnesses rely on it.
            guard case .success(let words) = ShellCommandLine.prefixWords(s.prefix), words.count == s.words.count,
                  zip(words, s.words).allSatisfy({ $0.sameBytes(as: $1) }) else {
                return "shell prefix \(s.prefix.prefix(64)) is not one simple command without expansions"
            }
        }
        if Set(shells).count != shells.count { return "a shell prefix is listed twice" }
        if let c = currency, !CurrencyCode.isKnown(c) { return "currency \(c.prefix(64)) is not an ISO 4217 code" }
        for r in exchangeRates where !CurrencyCode.isKnown(r.currency) {
            return "exchange rate currency \(r.currency.prefix(64)) is not an ISO 4217 code"
        }
        if let c = firstRepeat(exchangeRates.map { ByteName($0.currency) }) { return "exchange rate \(c.text) is listed twice" }
        if currency == nil, let r = exchangeRates.first { return "exchange rate \(r.currency) is set, but the table has no currency" }
        return nil
    }

    /// Each class once (by kind and name), at most one class of every other name, each
    /// governed by an entry rule or `defaults.stage`.
    private func classesProblem() -> String? {
        var seen = Set<String>()
        for c in classes {
            if !seen.insert("\(c.kind.rawValue):\(c.name)").inserted { return "class \(c.label.prefix(64)) is listed twice" }
            if c.kind == .other, !c.name.isEmpty { return "the class of other capabilities has a name" }
            let governing = rules[c.entryRule].kind
            if governing != .entry && governing != .defaultStage {
                return "class \(c.label.prefix(64)) is governed by rule \(rules[c.entryRule].path), which is no capability entry"
            }
        }
        return nil
    }

    /// An SLA's text is the canonical form of its seconds (`55m` is 3300), and both are
    /// present or neither.
    private func approverTimesProblem() -> String? {
        for a in approvers {
            switch (a.sla, a.slaSeconds) {
            case (nil, nil): continue
            case (let text?, let seconds?):
                guard case .success(let d) = PolicyDuration.parse(text), d.description == text, d.seconds == seconds else {
                    return "\(a.kind.rawValue) \(a.name) has SLA \(text.prefix(32)) and sla_seconds \(seconds), which disagree"
                }
            default: return "\(a.kind.rawValue) \(a.name) has only one of sla and sla_seconds"
            }
        }
        return nil
    }

    private func firstRepeat(_ names: [ByteName]) -> ByteName? {
        var seen = Set<ByteName>()
        return names.first { !seen.insert($0).inserted }
    }
}
