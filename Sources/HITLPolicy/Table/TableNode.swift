/// A node of the decision diagram: it tests one action field and picks a child by its value.
///
/// Children are node numbers (>= 0) or leaves (< 0: outcome `-child - 1`).
/// - numeric: `cuts.count + 1` intervals, lowest first, then one child for a missing value;
/// - `reversible`: false, true;
/// - `tag`: absent, present;
/// - `attribute`: one child per value of the path (`DecisionTable.attributes`), then any
///   other value, then missing.
public struct TableNode: Hashable, Sendable, Codable {
    /// What a node tests.
    public enum Test: Hashable, Sendable {
        case numeric(NumericField)
        case reversible
        case tag(Int)
        case attribute(Int)
    }

    /// The test.
    public var test: Test
    /// Interval boundaries of a numeric test, ascending.
    public var cuts: [Cut]
    /// The children, as described above.
    public var children: [Int32]

    private enum CodingKeys: String, CodingKey { case test, index, cuts, children }

    /// Creates a node.
    public init(test: Test, cuts: [Cut] = [], children: [Int32]) {
        self.test = test
        self.cuts = cuts
        self.children = children
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .test)
        switch name {
        case "amount": test = .numeric(.amount)
        case "confidence": test = .numeric(.confidence)
        case "blast_radius": test = .numeric(.blastRadius)
        case "reversible": test = .reversible
        case "tag": test = .tag(try c.decode(Int.self, forKey: .index))
        case "attribute": test = .attribute(try c.decode(Int.self, forKey: .index))
        default: throw DecodingError.dataCorruptedError(forKey: .test, in: c, debugDescription: "unknown test \(name)")
        }
        cuts = try c.decodeIfPresent([Cut].self, forKey: .cuts) ?? []
        children = try c.decode([Int32].self, forKey: .children)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch test {
        case .numeric(let f): try c.encode(f.description, forKey: .test)
        case .reversible: try c.encode("reversible", forKey: .test)
        case .tag(let i): try c.encode("tag", forKey: .test); try c.encode(i, forKey: .index)
        case .attribute(let i): try c.encode("attribute", forKey: .test); try c.encode(i, forKey: .index)
        }
        if case .numeric = test { try c.encode(cuts, forKey: .cuts) }
        try c.encode(children, forKey: .children)
    }
}

/// A leaf of the diagram: the decision there, the join of the contributions of the rules
/// that match. Which rules those are is worked out per action (they are its reasons), so
/// actions with the same decision share a leaf.
public struct TableOutcome: Hashable, Sendable, Codable {
    /// The join of the contributions.
    public var requirement: Requirement
}
