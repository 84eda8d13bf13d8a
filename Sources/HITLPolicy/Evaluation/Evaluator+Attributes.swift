extension Evaluator {
    /// The child an attribute node takes: a value's index, then "other", then "missing".
    /// Found by walking the action's `attributes` bytes (already validated by the parse),
    /// without building a tree; remembered for the rest of the action.
    func attributeChoice(_ a: Int) -> Int {
        let known = action.attributeChoices[a]
        if known >= 0 { return Int(known) }
        let choice = findAttributeChoice(a)
        choose(a, Int32(choice))
        return choice
    }

    private func findAttributeChoice(_ a: Int) -> Int {
        let wanted = attributeValues[a]
        guard let at = attributeStart(a) else { return wanted.count + 1 }
        var s = JSONScanner(action.line, at: at)
        switch action.line[at] {
        case 0x22:
            guard let (r, escaped) = try? s.string() else { return wanted.count }
            if escaped, s.hasLoneSurrogate(r) { return wanted.count }   // equals no listed value
            let text = escaped ? s.unescape(r) : Array(action.line[r])
            for (k, w) in wanted.enumerated() { if case .string(let v) = w, v.utf8.elementsEqual(text) { return k } }
        case 0x74, 0x66:
            let truth = action.line[at] == 0x74
            for (k, w) in wanted.enumerated() { if case .bool(let v) = w, v == truth { return k } }
        case 0x2D, 0x30...0x39:
            guard let (n, _) = try? s.numberValue() else { return wanted.count }
            for (k, w) in wanted.enumerated() { if case .number(let v) = w, n.compare(ActionNumber(exact: v)) == 0 { return k } }
        default: break   // an object or an array equals no scalar
        }
        return wanted.count
    }

    /// Where the value at attribute path `a` starts in the line; nil when the action has no
    /// such value or it is null (both count as missing).
    func attributeStart(_ a: Int) -> Int? {
        guard let r = action.fields.attributes else { return nil }
        var at = r.lowerBound
        for component in attributePaths[a] {
            var s = JSONScanner(action.line, at: at)
            swap(&s.keys, &keyScratch)
            defer { swap(&s.keys, &keyScratch) }
            s.skipSpace()
            guard s.i < action.line.count, action.line[s.i] == 0x7B else { return nil }
            var found: Int?
            // Duplicate keys were rejected by the parse, so the first match is the only one.
            let scanned: Void? = try? s.object { (s: inout JSONScanner, k: Range<Int>, escaped: Bool) throws(JSONSyntaxError) in
                s.skipSpace()
                if found == nil, escaped ? s.unescape(k) == component : s.b[k].elementsEqual(component) { found = s.i }
                try s.skipValue(depth: 1)
            }
            guard scanned != nil, let next = found else { return nil }
            at = next
        }
        return action.line[at] == 0x6E ? nil : at   // null
    }
}
