/// How many logged actions fall in each region and group (`diff --traffic LOG`). An action
/// is placed by evaluating the regions' conditions on its fields, after both policies have
/// judged it valid through the typed API; a region holds every action whose two decisions
/// differ that way, so each action is in at most one region of each capability class.
package struct DiffTraffic: Sendable {
    /// The log's name, for the headline.
    package var log: String
    /// Non-blank lines read.
    package var total = 0
    /// Lines that either policy decides `invalid` (not JSON, not an action, too long).
    package var invalid = 0
    /// Actions in some region.
    package var placed = 0
    /// Actions per region, in `DiffReport.regions` order.
    package var regions: [Int]
    /// Actions per group, in `DiffReport.groups` order.
    package var groups: [Int]

    /// A line longer than this is counted as invalid and skipped (as `eval` bounds lines).
    package static let maxLine = ActionStream.maxLine

    /// Reads the JSON Lines at `fd` with the streams' reader (memory bounded by `maxLine`),
    /// placing each action in `report`'s regions.
    package static func count(fd: Int32, log: String, report: DiffReport, old: DecisionTable, new: DecisionTable) -> DiffTraffic {
        var t = DiffTraffic(log: log, regions: Array(repeating: 0, count: report.regions.count),
                            groups: Array(repeating: 0, count: report.groups.count))
        // `diff --traffic` loads both tables with their diagrams; without them nothing is placed.
        guard let a = try? CompiledPolicy(table: old), let b = try? CompiledPolicy(table: new) else { return t }
        var groupOf = [Int](repeating: -1, count: report.regions.count)
        for (g, group) in report.groups.enumerated() { for k in group.regions where groupOf.indices.contains(k) { groupOf[k] = g } }
        var reader = ChunkReader(fd: fd)
        while let next = reader.nextLine(limit: maxLine) {
            guard case .line(let r) = next else { t.total += 1; t.invalid += 1; continue }
            guard !reader.isBlank(r) else { continue }
            t.total += 1
            // A leading byte order mark is read as `eval` reads it: as if it were not there.
            let body = reader.buffer[r]
            t.add(Array(body.dropFirst(ByteOrderMark.length(body))), a, b, report, groupOf)
        }
        return t
    }

    private mutating func add(_ line: [UInt8], _ a: CompiledPolicy, _ b: CompiledPolicy, _ report: DiffReport, _ groupOf: [Int]) {
        guard a.decide(Action(json: line)).outcome != .invalid, b.decide(Action(json: line)).outcome != .invalid else { invalid += 1; return }
        guard let k = Self.region(of: line, in: report) else { return }
        placed += 1
        regions[k] += 1
        if groupOf[k] >= 0 { groups[groupOf[k]] += 1 }
    }

    /// The listed region holding a (valid) action line, or nil.
    static func region(of line: [UInt8], in report: DiffReport) -> Int? {
        let value: JSONValue? = line.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            return try? s.value()
        }
        guard let value, let placement = report.placement else { return nil }
        return placement.place(value)
    }

    /// `12 of 200 logged actions (6.0%)`.
    package func share(_ n: Int) -> String {
        "\(n) of \(total) logged action\(total == 1 ? "" : "s") (\(Self.percent(n, total)))"
    }

    /// The headline: how much of the log the changes touch.
    package var headline: String {
        "traffic \(log): \(placed) of \(total) logged action\(total == 1 ? "" : "s") (\(Self.percent(placed, total))) fall in a changed region"
            + (invalid > 0 ? "; \(invalid) invalid under either policy" : "")
    }

    /// One decimal place, rounded down; `0.0%` of an empty log.
    static func percent(_ n: Int, _ total: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let (tenths, overflow) = n.multipliedReportingOverflow(by: 1000)
        let t = overflow ? Int(Double(n) / Double(total) * 1000) : tenths / total
        return "\(t / 10).\(t % 10)%"
    }
}

extension DiffPlacement {
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
                if !text.sameBytes(as: currency ?? "") { code = text }
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
        let defaults = self.defaults[cls] ?? [false, false]
        for (k, box) in boxes.enumerated() where box.capabilities.contains(cls) {
            var value = amount
            if let v = amount {
                if let code {
                    if let c = box.code {
                        guard c.sameBytes(as: code) else { continue }
                        value = v * box.scale
                    } else {
                        guard let rate = sharedRates[ByteName(code)] else { continue }
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
            guard box.region.tags.allSatisfy({ t, want in tags.indices.contains(t) && present.contains(ByteName(tags[t])) == want }) else { continue }
            guard box.region.attributes.allSatisfy({ a, choice in
                self.attributes.indices.contains(a) && Self.choice(of: self.attributes[a], in: attributes) == choice
            }) else { continue }
            guard box.region.shells.allSatisfy({ s, want in
                self.shells.indices.contains(s) && self.attributes.indices.contains(self.shells[s].attribute)
                    && Self.shellPresent(self.shells[s], self.attributes[self.shells[s].attribute], in: attributes) == want
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
