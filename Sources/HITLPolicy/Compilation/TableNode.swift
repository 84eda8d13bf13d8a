/// A node of the decision diagram: it tests one action field and picks a child by its value.
///
/// Children are node numbers (>= 0) or leaves (< 0: outcome `-child - 1`).
/// - numeric: `cuts.count + 1` intervals, lowest first, then one child for a missing value;
/// - `reversible`: false, true;
/// - `tag`: absent, present;
/// - `attribute`: one child per value of the path (`DecisionTable.attributes`), then any
///   other value, then missing;
/// - `shell`: the prefix absent, present (a missing or non-string value, or an uncertain
///   line, is present: `DecisionTable.shells`).
package struct TableNode: Hashable, Sendable {
    /// What a node tests.
    package enum Test: Hashable, Sendable {
        case numeric(NumericField)
        case reversible
        case tag(Int)
        case attribute(Int)
        case shell(Int)
    }

    /// The test.
    package var test: Test
    /// Interval boundaries of a numeric test, ascending.
    package var cuts: [Cut]
    /// The children, as described above.
    package var children: [Int32]

    /// Creates a node.
    package init(test: Test, cuts: [Cut] = [], children: [Int32]) {
        self.test = test
        self.cuts = cuts
        self.children = children
    }
}

/// A leaf of the diagram: the decision there, the join of the contributions of the rules
/// that match. Which rules those are is worked out per action (they are its reasons), so
/// actions with the same decision share a leaf.
package struct TableOutcome: Hashable, Sendable {
    /// The join of the contributions.
    package var requirement: Requirement
}
