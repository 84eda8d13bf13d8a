/// A box in the action space: one constraint per variable a diagram path tested.
package struct TableRegion: Hashable, Sendable {
    /// A numeric field's part of a region.
    package enum Span: Hashable, Sendable {
        /// The field is absent.
        case missing
        /// Values above `lower` and below `upper` (nil: unbounded).
        case interval(lower: Cut?, upper: Cut?)

        /// Whether a value (nil: missing) lies in the span.
        package func contains(_ x: ExactDecimal?) -> Bool {
            switch self {
            case .missing: x == nil
            case .interval(let lower, let upper): x.map { Cut.range(lower, upper, contains: $0) } ?? false
            }
        }
    }

    /// Numeric constraints, by field.
    package var numeric: [NumericField: Span] = [:]
    /// Effective reversibility, when constrained.
    package var reversible: Bool?
    /// The `reversible` field is absent (diff only: when the capability's default
    /// reversibility differs between the two policies).
    package var reversibleMissing = false
    /// Tag presence, by tag number.
    package var tags: [Int: Bool] = [:]
    /// Attribute choice (value index, then other, then missing), by attribute number.
    package var attributes: [Int: Int] = [:]
    /// Shell prefix presence, by shell number (`DecisionTable.shells`).
    package var shells: [Int: Bool] = [:]
}

extension DecisionTable {
    /// Every root-to-leaf path of a diagram: its region and outcome number.
    package func paths(from root: Int32) -> [(TableRegion, Int)] {
        Self.paths(from: root, nodes: nodes)
    }

    static func paths(from root: Int32, nodes: [TableNode]) -> [(TableRegion, Int)] {
        var out: [(TableRegion, Int)] = []
        func visit(_ ref: Int32, _ region: TableRegion) {
            if ref < 0 { out.append((region, Int(-ref - 1))); return }
            let node = nodes[Int(ref)]
            for (k, child) in node.children.enumerated() { visit(child, region.refined(by: node, child: k)) }
        }
        visit(root, TableRegion())
        return out
    }
}

/// One row of the table: a region of one capability class and its outcome.
package struct TableRow: Hashable, Sendable {
    /// The region.
    package var region: TableRegion
    /// The decision there.
    package var requirement: Requirement
    /// The contributing rules.
    package var rules: [Int]
}

/// The reviewer's view of a table: per capability class, one diagram over all of the
/// class's rules whose leaves keep only the decision, so rows merge wherever the decision
/// is the same. Each row lists the rules that match every action in it.
package struct ReviewTable {
    let table: DecisionTable
    let index: ClassRuleIndex
    var builder: DiagramBuilder

    /// Prepares the view.
    package init(_ table: DecisionTable) {
        self.table = table
        index = ClassRuleIndex(table)
        builder = DiagramBuilder(rules: table.rules)
    }

    /// The rules that apply to a class (entry or default, its bands, compliance rules whose
    /// capability condition covers the class).
    package func ruleIDs(of cls: CapabilityClass) -> [Int] {
        index.allRuleIDs(kind: cls.kind, name: cls.name)
    }

    /// The merged rows of one class.
    package mutating func rows(of cls: CapabilityClass) -> [TableRow] {
        let ids = ruleIDs(of: cls)
        guard let root = try? builder.build(ids) else { return [] }
        return DecisionTable.paths(from: root, nodes: builder.nodes).map { region, leaf in
            TableRow(region: region, requirement: builder.outcomes[leaf].requirement,
                     rules: ids.filter { builder.holdsThroughout(table.rules[$0], region) })
        }.filter(canHappen)
    }

    /// False for a row no action reaches: shell prefixes present and absent in a way no
    /// command line is (`git push --force` present, `git push` absent), which the diagram
    /// cannot rule out as it tests each prefix on its own (`RegionWitness.shellCommand`).
    /// Every other row holds an action, so rows are dropped only here.
    package func canHappen(_ row: TableRow) -> Bool {
        row.region.shells.isEmpty
            || RegionWitness(tags: table.tags, attributes: table.attributes, shells: table.shells).attributeTree(row.region) != nil
    }
}

extension DiagramBuilder {
    /// Whether every action in `region` meets a shell condition: a prefix is present there,
    /// or the attribute is missing or a listed value that meets it.
    func shellHoldsThroughout(_ path: String, _ prefixes: [[String]], _ region: TableRegion) -> Bool {
        guard let a = attributes.firstIndex(where: { $0.path.sameBytes(as: path) }) else { return false }
        for p in prefixes {
            if let s = shells.firstIndex(of: TableShell(attribute: a, words: p)), region.shells[s] == true { return true }
        }
        guard let k = region.attributes[a] else { return false }
        let attr = attributes[a]
        if k == attr.values.count + 1 { return true }
        return k < attr.values.count && prefixes.contains { TableShell.holds($0, for: attr.values[k]) }
    }

    /// Whether every action in `region` meets all of the rule's conditions (missing values
    /// count as meeting them).
    func holdsThroughout(_ rule: TableRule, _ region: TableRegion) -> Bool {
        for c in rule.conditions {
            switch c {
            case .range(let r):
                switch region.numeric[r.field] {
                case nil: return false
                case .missing?: continue
                case .interval(let l, let u)?:
                    if let need = r.lower, !(l.map { $0 >= need } ?? false) { return false }
                    if let need = r.upper, !(u.map { $0 <= need } ?? false) { return false }
                }
            case .reversible(let b):
                if region.reversible != b { return false }
            case .tags(let any, let all, let none):
                func has(_ t: String) -> Bool? { tags.firstIndex { $0.sameBytes(as: t) }.flatMap { region.tags[$0] } }
                if let any, !any.contains(where: { has($0) == true }) { return false }
                if let all, !all.allSatisfy({ has($0) == true }) { return false }
                if let none, !none.allSatisfy({ has($0) == false }) { return false }
            case .attribute(let path, let values):
                guard let a = attributes.firstIndex(where: { $0.path.sameBytes(as: path) }), let k = region.attributes[a] else { return false }
                let attr = attributes[a]
                if k == attr.values.count + 1 { continue }
                if k == attr.values.count || !values.contains(attr.values[k]) { return false }
            case .shell(let path, let prefixes):
                if !shellHoldsThroughout(path, prefixes, region) { return false }
            }
        }
        return true
    }
}
