/// A box in the action space: one constraint per variable a diagram path tested.
public struct TableRegion: Hashable, Sendable {
    /// A numeric field's part of a region.
    public enum Span: Hashable, Sendable {
        /// The field is absent.
        case missing
        /// Values above `lower` and below `upper` (nil: unbounded).
        case interval(lower: Cut?, upper: Cut?)
    }

    /// Numeric constraints, by field.
    public var numeric: [NumericField: Span] = [:]
    /// Effective reversibility, when constrained.
    public var reversible: Bool?
    /// Tag presence, by tag number.
    public var tags: [Int: Bool] = [:]
    /// Attribute choice (value index, then other, then missing), by attribute number.
    public var attributes: [Int: Int] = [:]

    /// The intersection, or nil when it is empty.
    public func intersected(with o: TableRegion) -> TableRegion? {
        var r = self
        for (f, s) in o.numeric {
            guard let mine = r.numeric[f] else { r.numeric[f] = s; continue }
            switch (mine, s) {
            case (.missing, .missing): continue
            case (.missing, .interval), (.interval, .missing): return nil
            case (.interval(let l1, let u1), .interval(let l2, let u2)):
                let l = [l1, l2].compactMap { $0 }.max()
                let u = [u1, u2].compactMap { $0 }.min()
                if let l, let u, !(l < u) { return nil }
                r.numeric[f] = .interval(lower: l, upper: u)
            }
        }
        if let b = o.reversible {
            if let a = r.reversible, a != b { return nil }
            r.reversible = b
        }
        for (t, v) in o.tags {
            if let a = r.tags[t], a != v { return nil }
            r.tags[t] = v
        }
        for (k, v) in o.attributes {
            if let a = r.attributes[k], a != v { return nil }
            r.attributes[k] = v
        }
        return r
    }
}

extension DecisionTable {
    /// Every root-to-leaf path of a diagram: its region and outcome number.
    public func paths(from root: Int32) -> [(TableRegion, Int)] {
        var out: [(TableRegion, Int)] = []
        func visit(_ ref: Int32, _ region: TableRegion) {
            if ref < 0 { out.append((region, Int(-ref - 1))); return }
            let node = nodes[Int(ref)]
            for (k, child) in node.children.enumerated() {
                var r = region
                switch node.test {
                case .numeric(let f):
                    if k == node.children.count - 1 { r.numeric[f] = .missing } else {
                        r.numeric[f] = .interval(lower: k > 0 ? node.cuts[k - 1] : nil, upper: k < node.cuts.count ? node.cuts[k] : nil)
                    }
                case .reversible: r.reversible = k == 1
                case .tag(let t): r.tags[t] = k == 1
                case .attribute(let a): r.attributes[a] = k
                }
                visit(child, r)
            }
        }
        visit(root, TableRegion())
        return out
    }

    /// The rows of one capability class: the non-empty intersections of its own diagram's
    /// paths with the shared diagram's paths (`global`, from `paths(from: globalRoot)`).
    public func rows(of cls: CapabilityClass, global: [(TableRegion, Int)]) -> [TableRow] {
        var out: [TableRow] = []
        for (a, oa) in paths(from: cls.root) {
            for (b, ob) in global {
                guard let region = a.intersected(with: b) else { continue }
                let requirement = outcomes[oa].requirement.joined(with: outcomes[ob].requirement)
                let rules = Array(Set(outcomes[oa].rules + outcomes[ob].rules)).sorted()
                out.append(TableRow(region: region, requirement: requirement, rules: rules))
            }
        }
        return out
    }
}

/// One row of the table: a region of one capability class and its outcome.
public struct TableRow: Hashable, Sendable {
    /// The region.
    public var region: TableRegion
    /// The decision there.
    public var requirement: Requirement
    /// The contributing rules.
    public var rules: [Int]
}
