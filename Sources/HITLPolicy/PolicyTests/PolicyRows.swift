/// The rows `compile --format table` lists, as values: which row an action falls in, and a
/// witness action for each row. Used by `hitl-policy test` for coverage and generation.
package struct PolicyRows {
    /// One capability class and its merged rows (the reviewer's view, `ReviewTable`).
    package struct ClassRows: Sendable {
        /// The class as `compile --format table` labels it.
        package var label: String
        /// Its rows, in table order.
        package var rows: [Row]
        /// The rules that apply to the class (entry or default, bands, compliance rules).
        package var ruleIDs: [Int]
    }

    /// One row: its region, decision, the rules matching throughout, and a witness.
    package struct Row: Sendable {
        /// The row's cells as `compile --format table` prints them (capability first), but
        /// with the rules column left empty.
        package var cells: [String]
        /// The region.
        package var region: TableRegion
        /// The decision there.
        package var requirement: Requirement
        /// A JSON action in the row; nil when no action lies in it (or its numbers are too
        /// long to compute with).
        package var witness: String?
    }

    /// The numbers an action carried, in the policy currency (nil: missing).
    package struct Probe: Sendable {
        /// Class index (into `classes`).
        package var classIndex: Int
        /// Row index within the class.
        package var row: Int
        /// Amount converted to the policy currency, confidence, blast radius.
        package var numbers: [NumericField: ExactDecimal]
    }

    /// Every class with its rows, in table order.
    package let classes: [ClassRows]
    /// The table.
    package let table: DecisionTable
    let evaluator: Evaluator

    /// Whether the table has more rows than `maxRows` (then `classes` holds only the classes
    /// before the one that went over).
    package let truncated: Bool

    /// Computes the rows of a policy (as many as `compile --format table` prints), stopping
    /// once more than `maxRows` are found: a table of a large policy can have millions of
    /// rows, and each row's witness and cells cost memory.
    package init(_ policy: CompiledPolicy, maxRows: Int = .max) {
        table = policy.table
        evaluator = Evaluator(table: table)
        var view = ReviewTable(table)
        let reporter = TableReporter(table)
        let witness = RegionWitness(tags: table.tags, attributes: table.attributes, shells: table.shells)
        let exactNames = Set(table.classes.lazy.filter { $0.kind == .exact }.map { ByteName($0.name) })
        let prefixes = table.classes.filter { $0.kind == .prefix }.map(\.name)
        var out: [ClassRows] = []
        var total = 0, over = false
        for cls in table.classes {
            let pattern: CapabilityPattern = cls.kind == .exact ? .exact(cls.name) : .prefix(cls.name)   // other: the empty prefix
            let name = pattern.exampleName(exactNames: exactNames, prefixes: prefixes)
            let ruleIDs = view.ruleIDs(of: cls)
            let regions = view.regions(of: cls, ruleIDs: ruleIDs).filter(view.canHappen)
            total += regions.count
            if total > maxRows { over = true; break }
            let rows = regions.map { row -> Row in
                var w: String?
                if case .action(let text) = witness.build(name: name, region: row.region, slice: .base) { w = text }
                return Row(cells: reporter.cells(row, label: cls.label), region: row.region, requirement: row.requirement, witness: w)
            }
            out.append(ClassRows(label: cls.label, rows: rows, ruleIDs: ruleIDs))
        }
        classes = out
        truncated = over
    }

    /// The total number of rows.
    package var count: Int { classes.reduce(0) { $0 + $1.rows.count } }

    /// The row a JSON action falls in, with its numbers; nil when the action is invalid.
    package func locate(json: [UInt8]) -> Probe? {
        json.withUnsafeBufferPointer { locate(line: $0) }
    }

    private func locate(line bytes: UnsafeBufferPointer<UInt8>) -> Probe? {
        guard let p = evaluator.point(json: bytes), p.classIndex < classes.count else { return nil }
        guard let k = classes[p.classIndex].rows.firstIndex(where: { $0.region.contains(p) }) else { return nil }
        var numbers: [NumericField: ExactDecimal] = [:]
        for f in NumericField.allCases { if let v = p[f] { numbers[f] = v } }
        return Probe(classIndex: p.classIndex, row: k, numbers: numbers)
    }
}

extension ReviewTable {
    /// The merged rows of one class, without the rules that match throughout each row
    /// (`rows(of:)` finds those by checking every rule of the class against every row:
    /// minutes on a 10,000-capability policy, and coverage and generation never use them).
    mutating func regions(of cls: CapabilityClass, ruleIDs: [Int]) -> [TableRow] {
        guard let root = try? builder.build(ruleIDs) else { return [] }
        return DecisionTable.paths(from: root, nodes: builder.nodes).map { region, leaf in
            TableRow(region: region, requirement: builder.outcomes[leaf].requirement, rules: [])
        }
    }
}
