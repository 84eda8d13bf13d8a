/// Coverage of one policy's decision table by the cases that ran against it (SPEC §7):
/// rows reached (per capability class and overall), rules and bands that contributed to a
/// decision, and for each threshold whether cases sit on it, past it, and without the field.
package struct TestCoverage: Sendable {
    /// One class's rows.
    package struct ClassLine: Sendable {
        /// The class label (`refund`, `github.*`, `(any other capability)`).
        package var label: String
        /// Rows reached.
        package var reached: Int
        /// Rows that hold an action.
        package var total: Int
    }

    /// One threshold of a band or range condition.
    package struct Threshold: Sendable {
        /// The rule path.
        package var rule: String
        /// The field and comparison, e.g. `amount over 5000`.
        package var text: String
        /// A case sat exactly on the threshold value.
        package var on: Bool
        /// A case sat beyond it, on the side where the rule applies.
        package var past: Bool
        /// A case lacked the field and the rule fired on that.
        package var missing: Bool
    }

    /// A row no case reached, with a ready-to-paste case.
    package struct Uncovered: Sendable {
        /// The class label.
        package var label: String
        /// The row's conditions in words (the name a generated case gets).
        package var name: String
        /// A witness action (JSON).
        package var action: String
        /// The witness's current decision.
        package var decision: Decision
    }

    /// The policy path.
    package var policy: String
    /// Per class.
    package var classes: [ClassLine] = []
    /// Rows reached, over all classes.
    package var reached = 0
    /// Rows that hold an action, over all classes.
    package var total = 0
    /// Rows no action lies in (not counted in `total`).
    package var empty = 0
    /// Rule paths that contributed to at least one decision, and those that did not.
    package var rulesContributed: [String] = []
    /// Rule paths that contributed to no decision.
    package var rulesNotContributed: [String] = []
    /// Thresholds.
    package var thresholds: [Threshold] = []
    /// Rows no case reached.
    package var uncovered: [Uncovered] = []

    /// Percentage of rows reached (100 for a table with no rows).
    package var percent: Double { total == 0 ? 100 : Double(reached) * 100 / Double(total) }

    /// `percent` with one decimal, truncated (so 89.99 never shows as 90.0): `43.7`, as a
    /// JSON number.
    package var percentNumber: String {
        let tenths = total == 0 ? 1000 : reached * 1000 / total
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `percentNumber` with its sign, for people: `43.7%`.
    package var percentText: String { percentNumber + "%" }

    /// Measures coverage of `rows` by the cases (the ones that ran against this policy).
    package static func measure(policy: String, rows: PolicyRows, compiled: CompiledPolicy, cases: [TestRun.CaseResult]) -> TestCoverage {
        var cov = TestCoverage(policy: policy)
        var hit = rows.classes.map { [Bool](repeating: false, count: $0.rows.count) }
        var contributed = Set<String>()
        let table = rows.table
        // Per rule with thresholds: on / past / missing.
        // Indexed by rule id; per class only the rules with thresholds are visited per case.
        var thresholdIndex = [[(cut: Cut, lower: Bool, field: NumericField, slot: Int)]](repeating: [], count: table.rules.count)
        for (id, rule) in table.rules.enumerated() {
            for case .range(let r) in rule.conditions {
                for (cut, lower) in [(r.lower, true), (r.upper, false)] {
                    guard let cut else { continue }
                    // The policy's own keyword for the bound, from the field registry.
                    let words = r.field.spec
                    let word = lower ? (cut.upward ? words.lowerWords.inclusive : words.lowerWords.exclusive)
                        : (cut.upward ? words.upperWords.exclusive : words.upperWords.inclusive)
                    thresholdIndex[id].append((cut, lower, r.field, cov.thresholds.count))
                    cov.thresholds.append(Threshold(rule: rule.path, text: "\(r.field) \(word) \(cut.value)", on: false, past: false, missing: false))
                }
            }
        }
        let thresholdRules = rows.classes.map { $0.ruleIDs.filter { !thresholdIndex[$0].isEmpty } }
        for c in cases {
            let reasons = c.decision.reasons.map(\.rule)
            contributed.formUnion(reasons)
            guard let probe = c.probe else { continue }
            hit[probe.classIndex][probe.row] = true
            let ids = thresholdRules[probe.classIndex]
            if ids.isEmpty { continue }
            let fired = Set(reasons)
            for id in ids {
                for t in thresholdIndex[id] {
                    guard let x = probe.numbers[t.field] else {
                        if fired.contains(table.rules[id].path) { cov.thresholds[t.slot].missing = true }
                        continue
                    }
                    if x == t.cut.value { cov.thresholds[t.slot].on = true }
                    else if t.lower ? x > t.cut.value : x < t.cut.value { cov.thresholds[t.slot].past = true }
                }
            }
        }
        for (k, cls) in rows.classes.enumerated() {
            var line = ClassLine(label: cls.label, reached: 0, total: 0)
            for (r, row) in cls.rows.enumerated() {
                guard let w = row.witness else { cov.empty += 1; continue }
                line.total += 1
                if hit[k][r] { line.reached += 1; continue }
                cov.uncovered.append(Uncovered(label: cls.label, name: Self.rowName(row), action: w,
                                               decision: compiled.decide(Action(json: w))))
            }
            cov.reached += line.reached
            cov.total += line.total
            cov.classes.append(line)
        }
        let paths = table.rules.map(\.path)
        cov.rulesContributed = paths.filter { contributed.contains($0) }
        cov.rulesNotContributed = paths.filter { !contributed.contains($0) }
        return cov
    }

    /// The fields of a row's cells after the capability, in `compile --format table`'s
    /// column order: the decided fields from the registry (`ActionField.decided`).
    package static let cellFields: [ActionField] = Array(ActionField.decided.dropFirst())

    /// A row's conditions in words: `refund, amount > 5000, confidence missing`.
    package static func rowName(_ row: PolicyRows.Row) -> String {
        var parts = [row.cells.first ?? ""]
        for (field, cell) in zip(cellFields, row.cells.dropFirst()) where cell != "any" {
            switch field {
            case .number(let f): parts.append(cell == "missing" ? "\(f) missing" : "\(f) \(cell)")
            case .reversible, .tags: parts.append("\(field) \(cell)")
            default: parts.append(cell)
            }
        }
        return parts.joined(separator: ", ")
    }
}
