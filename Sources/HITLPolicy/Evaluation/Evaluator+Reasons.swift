extension Evaluator {
    /// The decision at the leaves the two walks reached (the class's diagram, the shared one).
    func requirement(a: Int32, b: Int32) -> Requirement {
        table.outcomes[Int(a)].requirement.joined(with: table.outcomes[Int(b)].requirement)
    }

    /// The rules that match the action being decided, ascending (policy order): its reasons.
    /// `c` is the action's class; leaves hold decisions only, so each of the class's rules
    /// is tested against the action (missing values meet every condition, as in the diagram).
    // Interim until reasons are computed by compiled rule predicates.
    func matchedRules(classIndex c: Int, a: Int32, b: Int32) -> [Int] {
        let reversible = fields.reversible ?? table.classes[c].reversible
        return classRules[c].filter { matches(table.rules[$0], reversible: reversible) }
    }

    private func matches(_ rule: TableRule, reversible: Bool) -> Bool {
        for condition in rule.conditions {
            switch condition {
            case .range(let r):
                guard let x = value(of: r.field)?.exact else { continue }
                if let l = r.lower, !l.isBelow(x) { return false }
                if let u = r.upper, u.isBelow(x) { return false }
            case .reversible(let want):
                if want != reversible { return false }
            case .tags(let any, let all, let none):
                func present(_ t: String) -> Bool { table.tags.firstIndex { $0.sameBytes(as: t) }.map { tagPresent[$0] } ?? false }
                if let any, !any.contains(where: present) { return false }
                if let all, !all.allSatisfy(present) { return false }
                if let none, none.contains(where: present) { return false }
            case .attribute(let path, let values):
                guard let a = table.attributes.firstIndex(where: { $0.path.sameBytes(as: path) }) else { return false }
                let known = table.attributes[a].values
                let choice = attributeChoice(a)
                if choice == known.count + 1 { continue }
                if choice == known.count || !values.contains(known[choice]) { return false }
            }
        }
        return true
    }

    /// A number for a list of reasons (for the template cache key).
    func reasonsNumber(_ rules: [Int]) -> Int32 {
        if let n = reasonNumbers[rules] { return n }
        let n = Int32(reasonNumbers.count)
        reasonNumbers[rules] = n
        return n
    }
}
