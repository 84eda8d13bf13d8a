extension Evaluator {
    /// `--explain`: the row (the class and each diagram's region) and every rule consulted for
    /// this capability, with why it did or did not match.
    func appendExplanation(classIndex c: Int, reversible: Bool, outcomes: [Int32], paths: [[(Int, Int)]], into out: inout [UInt8]) {
        let cls = table.classes[c]
        out.append(contentsOf: "{".utf8)
        if action.mappedFromToolCall {
            // The action the policy's `tools:` mapping made of the tool call (with `tool` and
            // `args`): what the rules below were checked against.
            out.append(contentsOf: "\"tool_call_action\":".utf8)
            out.append(contentsOf: action.line)
            out.append(0x2C)
        }
        out.append(contentsOf: "\"row\":{\"capability\":".utf8)
        out.appendJSONString(cls.label)
        out.append(contentsOf: ",\"region\":".utf8)
        out.appendJSONStringArray(describeRegion(paths.flatMap { $0 }))
        out.append(contentsOf: "},\"rules\":[".utf8)
        let fired = Set(matchedRules(classIndex: c, a: outcomes[0], b: outcomes[1]))
        let name = action.fields.capabilityBytes ?? action.fields.capability.map { Array(action.line[$0]) } ?? []
        let capability = String(decoding: name, as: UTF8.self)
        // The class's rules as the class index has them (its candidates: entry, bands,
        // compliance rules naming it, global ones), and every other compliance rule too,
        // to say why it does not apply.
        let own = Set(candidates[Int(candidateStart[c])..<Int(candidateStart[c + 1])])
        var first = true
        for (id, rule) in table.rules.enumerated() where rule.kind == .compliance || own.contains(Int32(id)) {
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: "{\"rule\":".utf8)
            out.appendJSONString(rule.path)
            out.append(contentsOf: ",\"matched\":".utf8)
            out.append(contentsOf: (fired.contains(id) ? "true" : "false").utf8)
            out.append(contentsOf: ",\"why\":".utf8)
            out.appendJSONString(why(rule, capability: capability, reversible: reversible, matched: fired.contains(id)))
            out.append(0x7D)
        }
        out.append(0x5D)
        appendIgnoredFields(into: &out)
        out.append(0x7D)
    }

    /// `"ignored"`: the action's top-level keys that are no action field, which decide
    /// nothing (agents attach their own), each with the field it may misspell. Absent when
    /// there are none. Only `--explain` scans for them, so plain decisions cost nothing more.
    func appendIgnoredFields(into out: inout [UInt8]) {
        let known = ActionField.all.map(\.description)
        var ignored: [(name: String, closest: String?)] = []
        var s = JSONScanner(action.line)
        s.skipSpace()
        guard s.i < action.line.count, action.line[s.i] == 0x7B else { return }
        do throws(JSONSyntaxError) {
            try s.object { (s: inout JSONScanner, k: Range<Int>, escaped: Bool) throws(JSONSyntaxError) in
                let name = String(decoding: s.content(k, escaped: escaped), as: UTF8.self)
                if !known.containsBytes(name) { ignored.append((name, Suggestion.closest(to: name, in: known))) }
                try s.skipValue(depth: 1)
            }
        } catch {
            return   // the line parsed before: not reached
        }
        guard !ignored.isEmpty else { return }
        out.append(contentsOf: ",\"ignored\":[".utf8)
        for (n, field) in ignored.enumerated() {
            if n > 0 { out.append(0x2C) }
            out.append(contentsOf: "{\"field\":".utf8)
            out.appendJSONString(Self.shortened(field.name))
            if let c = field.closest {
                out.append(contentsOf: ",\"did_you_mean\":".utf8)
                out.appendJSONString(c)
            }
            out.append(0x7D)
        }
        out.append(0x5D)
    }

    /// The row's region in words, one entry per field: the steps of both diagrams on one
    /// numeric field (the class's bands and a compliance rule may both test it) join into
    /// one range, in `IntervalWords`' notation.
    func describeRegion(_ steps: [(Int, Int)]) -> [String] {
        var ranges: [NumericField: (lower: Cut?, upper: Cut?)] = [:]
        var missing: Set<NumericField> = []
        var order: [NumericField] = []
        var out: [(NumericField?, String)] = []
        for (n, k) in steps {
            let node = table.nodes[n]
            guard case .numeric(let f) = node.test else {
                out.append((nil, describeStep((n, k))))
                continue
            }
            if !order.contains(f) {
                order.append(f)
                out.append((f, ""))
            }
            if k == node.children.count - 1 {
                missing.insert(f)
                continue
            }
            var r = ranges[f] ?? (nil, nil)
            if k > 0 { r.lower = max(r.lower ?? node.cuts[k - 1], node.cuts[k - 1]) }
            if k < node.cuts.count { r.upper = min(r.upper ?? node.cuts[k], node.cuts[k]) }
            ranges[f] = r
        }
        return out.map { f, text in
            guard let f else { return text }
            if missing.contains(f) { return "\(f) missing" }
            let r = ranges[f] ?? (nil, nil)
            return "\(f) " + IntervalWords.text(f, r.lower, r.upper, unit: f == .amount ? table.currency : nil)
        }
    }

    func describeStep(_ step: (Int, Int)) -> String {
        let node = table.nodes[step.0]
        let k = step.1
        switch node.test {
        case .numeric(let f):
            if k == node.children.count - 1 { return "\(f) missing" }
            let lower = k > 0 ? node.cuts[k - 1] : nil
            let upper = k < node.cuts.count ? node.cuts[k] : nil
            return "\(f) " + IntervalWords.text(f, lower, upper, unit: f == .amount ? table.currency : nil)
        case .reversible: return "reversible = \(k == 1)"
        case .tag(let t): return k == 1 ? "tags include \(table.tags[t])" : "tags exclude \(table.tags[t])"
        case .attribute(let a):
            let attr = table.attributes[a]
            if k < attr.values.count { return "attributes.\(attr.path) = \(attr.values[k])" }
            return k == attr.values.count ? "attributes.\(attr.path) is another value" : "attributes.\(attr.path) is missing"
        case .shell(let s):
            let sh = table.shells[s]
            return "attributes.\(table.attributes[sh.attribute].path) " + (k == 1 ? "has a command beginning with " : "has no command beginning with ") + sh.prefix
        }
    }

    func why(_ rule: TableRule, capability fullName: String, reversible: Bool, matched: Bool) -> String {
        let capability = Self.shortened(fullName)
        switch rule.kind {
        case .entry: return "capability \(capability) is governed by \(rule.path.dropFirst("capabilities.".count))"
        case .defaultStage: return "no capability entry matches \(capability)"
        default: break
        }
        if let patterns = rule.capabilities, !patterns.contains(where: { $0.matches(fullName) }) {
            return "capability \(capability) is not \(patterns.map(\.description).joined(separator: ", "))"
        }
        var held: [String] = []
        for c in rule.conditions {
            switch c {
            case .range(let r):
                let words = IntervalWords.text(r.field, r.lower, r.upper)
                guard let x = value(of: r.field) else { held.append("\(r.field) missing counts as \(words)"); continue }
                let v = x.exact
                let shown = r.field == .amount ? "\(x.shown) \(table.currency ?? "")" : x.shown
                if !r.contains(v) { return "\(r.field) \(shown) is not \(words)" }
                held.append("\(r.field) \(shown) \(words)")
            case .reversible(let want):
                if reversible != want { return "reversible is \(reversible), the rule needs \(want)" }
                held.append("reversible is \(want)")
            case .tags(let any, let all, let none):
                let has: (String) -> Bool = { t in self.table.tags.firstIndex { $0.sameBytes(as: t) }.map { self.action.tagPresent[$0] } ?? false }
                if let any, !any.contains(where: has) { return "tags include none of \(any.joined(separator: ", "))" }
                if let all, let lack = all.first(where: { !has($0) }) { return "tags lack \(lack)" }
                if let none, let bad = none.first(where: has) { return "tags include \(bad)" }
                held.append("tags match")
            case .attribute(let path, let values):
                guard let a = table.attributes.firstIndex(where: { $0.path == path }) else { continue }
                let k = attributeChoice(a)
                let attr = table.attributes[a]
                if k == attr.values.count + 1 { held.append("attributes.\(path) missing counts as matching"); continue }
                if k == attr.values.count || !values.contains(attr.values[k]) {
                    return "attributes.\(path) is not \(values.map(\.description).joined(separator: " or "))"
                }
                held.append("attributes.\(path) is \(attr.values[k])")
            case .shell(let path, let prefixes):
                guard let a = table.attributes.firstIndex(where: { $0.path.sameBytes(as: path) }) else { continue }
                let tested = prefixes.compactMap { p in table.shells.firstIndex(of: TableShell(attribute: a, words: p)) }
                guard let s = tested.first(where: shellPresent) else {
                    return "attributes.\(path) runs no command beginning with " + tested.map { table.shells[$0].prefix }.joined(separator: " or ")
                }
                held.append(shellDetail(s))
            }
        }
        if held.isEmpty { return matched ? "no conditions" : "does not match" }
        return held.joined(separator: "; ")
    }

    /// Longest capability name an explanation repeats (the decision echoes it whole once).
    static let maxShownName = 128

    /// `name`, or its first `maxShownName` bytes (whole characters) and `…`: an explanation
    /// repeats the name once per rule, so a long one would multiply the output.
    static func shortened(_ name: String) -> String {
        guard name.utf8.count > maxShownName else { return name }
        var bytes = 0
        var end = name.unicodeScalars.startIndex
        for (i, u) in zip(name.unicodeScalars.indices, name.unicodeScalars) {
            bytes += UTF8.width(u)
            if bytes > maxShownName { break }
            end = name.unicodeScalars.index(after: i)
        }
        return String(name.unicodeScalars[..<end]) + "…"
    }
}
