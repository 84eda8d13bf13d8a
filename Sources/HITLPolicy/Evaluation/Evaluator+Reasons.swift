extension Evaluator {
    /// The decision at the leaves the two walks reached (the class's diagram, the shared one).
    func requirement(a: Int32, b: Int32) -> Requirement {
        table.outcomes[Int(a)].requirement.joined(with: table.outcomes[Int(b)].requirement)
    }

    /// The rules that match the action being decided, ascending (policy order): its reasons.
    /// `c` is the action's class, `a` and `b` the leaves its walks reached.
    func matchedRules(classIndex c: Int, a: Int32, b: Int32) -> [Int] {
        Array(Set(table.outcomes[Int(a)].rules + table.outcomes[Int(b)].rules)).sorted()
    }
}
