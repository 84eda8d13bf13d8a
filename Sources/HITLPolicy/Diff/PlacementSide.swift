/// One policy's side of a diff's placement (`diff --traffic`): its evaluator, which reads each
/// logged line, and where the names the regions speak in (`DiffPlacement`) lie in its table,
/// found once.
struct PlacementSide {
    /// The policy's evaluator (`Evaluator.point(json:)` reads each line).
    let evaluator: Evaluator
    /// Each of the table's capability classes as the diff names it.
    let classes: [DiffCapability]
    /// By placement tag number: the table's tag number (nil: the policy has no such tag).
    let tags: [Int?]
    /// By placement attribute number: the table's attribute number and, by the table's choice
    /// for it, the placement's (a value this policy does not list is "other" here, though
    /// the other policy may list it).
    let attributes: [(index: Int, choices: [Int])?]
    /// By placement shell number: the table's shell number (nil: not one of the policy's).
    let shells: [Int?]

    /// The side of `table`, one of the two policies `placement` was found for.
    init(_ table: DecisionTable, _ placement: DiffPlacement) {
        evaluator = Evaluator(table: table)
        classes = table.classes.map { DiffCapability($0) }
        var tagNumber: [ByteName: Int] = [:]
        for (i, t) in table.tags.enumerated() where tagNumber[ByteName(t)] == nil { tagNumber[ByteName(t)] = i }
        tags = placement.tags.map { tagNumber[ByteName($0)] }
        var attributeNumber: [ByteName: Int] = [:]
        for (i, a) in table.attributes.enumerated() where attributeNumber[ByteName(a.path)] == nil { attributeNumber[ByteName(a.path)] = i }
        attributes = placement.attributes.map { wanted in
            attributeNumber[ByteName(wanted.path)].map { i in
                let (other, missing) = (wanted.values.count, wanted.values.count + 1)
                return (i, table.attributes[i].values.map { wanted.values.firstIndex(of: $0) ?? other } + [other, missing])
            }
        }
        shells = placement.shells.map { wanted in
            guard placement.attributes.indices.contains(wanted.attribute),
                  let a = attributeNumber[ByteName(placement.attributes[wanted.attribute].path)] else { return nil }
            return table.shells.firstIndex { $0.attribute == a && $0.words.sameBytes(as: wanted.words) }
        }
    }

    /// The diff's class of a capability name from its class in each policy: an exact name of
    /// either, else the longer of the two longest prefixes, else other (as `PolicyDiff`
    /// partitions names: every exact name and prefix of both policies).
    static func diffClass(_ old: DiffCapability, _ new: DiffCapability) -> DiffCapability {
        if old.kind == .exact { return old }
        if new.kind == .exact { return new }
        if new.kind == .prefix, old.kind != .prefix || new.name.utf8.count > old.name.utf8.count { return new }
        return old
    }
}
