/// Matches the tiers and panels of two policies (by name, then renames by identical
/// approvers) and reports what changed inside them. Names and approvers are compared as
/// bytes (`ByteName`): two spellings of a name are two names.
struct ApproverDiff {
    /// Old tier name → new name, for matched tiers.
    private(set) var tierNames: [ByteName: String] = [:]
    /// Old panel name → new name, for matched panels.
    private(set) var specialistNames: [ByteName: String] = [:]
    /// Ladder positions, by name, in each policy.
    let oldRank: [ByteName: Int]
    let newRank: [ByteName: Int]
    private(set) var changes: [ApproverChange] = []
    /// Whether every two matched tiers are in the same order on both ladders.
    private(set) var ladderOrderKept = true

    init(old: DecisionTable, new: DecisionTable) {
        let oldTiers = Array(old.approvers.prefix(old.tierCount))
        let newTiers = Array(new.approvers.prefix(new.tierCount))
        oldRank = Dictionary(oldTiers.enumerated().map { (ByteName($1.name), $0) }, uniquingKeysWith: { a, _ in a })
        newRank = Dictionary(newTiers.enumerated().map { (ByteName($1.name), $0) }, uniquingKeysWith: { a, _ in a })
        tierNames = compare(oldTiers, newTiers, subject: "tier")
        specialistNames = compare(Array(old.approvers.dropFirst(old.tierCount)), Array(new.approvers.dropFirst(new.tierCount)),
                                  subject: "specialist")
        for (o, n) in tierNames.sorted(by: { (newRank[ByteName($0.value)] ?? 0) < (newRank[ByteName($1.value)] ?? 0) }) {
            guard let a = oldRank[o], let b = newRank[ByteName(n)], a != b, ladderOrderChanged(o) else { continue }
            ladderOrderKept = false
            changes.append(ApproverChange(
                subject: "tier", name: n, change: "position", old: String(a + 1), new: String(b + 1), classification: .changed,
                text: "tier \(n) moved on the ladder from position \(a + 1) to \(b + 1)"))
        }
    }


    /// Whether a tier's order relative to the other matched tiers changed.
    private func ladderOrderChanged(_ o: ByteName) -> Bool {
        guard let a = oldRank[o], let b = tierNames[o].flatMap({ newRank[ByteName($0)] }) else { return false }
        for (p, q) in tierNames where p != o {
            guard let c = oldRank[p], let d = newRank[ByteName(q)] else { continue }
            if (a < c) != (b < d) { return true }
        }
        return false
    }

    /// Matches by name, then pairs the rest by identical approver sets (position breaks
    /// ties for tiers), and records changes. Returns old name → new name.
    private mutating func compare(_ old: [TableApprover], _ new: [TableApprover], subject: String) -> [ByteName: String] {
        var map: [ByteName: String] = [:]
        let newNames = Set(new.map { ByteName($0.name) })
        let oldNames = Set(old.map { ByteName($0.name) })
        var unmatchedNew = new.filter { !oldNames.contains(ByteName($0.name)) }
        func group(_ a: TableApprover) -> Set<ByteName> { Set(a.approvers.map(ByteName.init)) }
        for o in old where newNames.contains(ByteName(o.name)) { map[ByteName(o.name)] = o.name }
        for (i, o) in old.enumerated() where !newNames.contains(ByteName(o.name)) {
            let candidates = unmatchedNew.enumerated().filter { group($0.element) == group(o) }
            let pick = candidates.first { c in new.firstIndex { $0.name.sameBytes(as: c.element.name) } == i } ?? candidates.first
            guard let pick else { continue }
            map[ByteName(o.name)] = pick.element.name
            unmatchedNew.remove(at: pick.offset)
            changes.append(ApproverChange(
                subject: subject, name: pick.element.name, change: "renamed", old: o.name, new: pick.element.name,
                classification: .changed, text: "\(subject) \(o.name) renamed to \(pick.element.name)"))
        }
        for o in old where map[ByteName(o.name)] == nil {
            changes.append(ApproverChange(
                subject: subject, name: o.name, change: "removed", old: o.name, new: nil, classification: .changed,
                text: "\(subject) \(o.name) removed (approvers \(o.approvers.joined(separator: ", ")))"))
        }
        for n in unmatchedNew {
            changes.append(ApproverChange(
                subject: subject, name: n.name, change: "added", old: nil, new: n.name, classification: .changed,
                text: "\(subject) \(n.name) added (approvers \(n.approvers.joined(separator: ", ")), quorum \(n.quorum))"))
        }
        for o in old {
            guard let name = map[ByteName(o.name)], let n = new.first(where: { $0.name.sameBytes(as: name) }) else { continue }
            details(o, n, subject: subject)
        }
        return map
    }

    private mutating func details(_ o: TableApprover, _ n: TableApprover, subject: String) {
        func add(_ change: String, _ old: String?, _ new: String?, _ c: DiffClassification, _ text: String) {
            changes.append(ApproverChange(subject: subject, name: n.name, change: change, old: old, new: new, classification: c,
                                          text: "\(subject) \(n.name): \(text)"))
        }
        let added = n.approvers.filter { !o.approvers.containsBytes($0) }
        let removed = o.approvers.filter { !n.approvers.containsBytes($0) }
        if !added.isEmpty || !removed.isEmpty {
            var words: [String] = []
            if !added.isEmpty { words.append("added \(added.joined(separator: ", "))") }
            if !removed.isEmpty { words.append("removed \(removed.joined(separator: ", "))") }
            let c: DiffClassification = removed.isEmpty ? .loosened : (added.isEmpty ? .tightened : .changed)
            add("approvers", o.approvers.joined(separator: ", "), n.approvers.joined(separator: ", "), c,
                "approvers \(words.joined(separator: "; ")) (\(c == .loosened ? "more people may approve" : c == .tightened ? "fewer people may approve" : "a different pool approves"))")
        }
        if o.quorum != n.quorum {
            add("quorum", String(o.quorum), String(n.quorum), n.quorum < o.quorum ? .loosened : .tightened,
                "required approvals \(o.quorum) → \(n.quorum)")
        }
        if o.slaSeconds != n.slaSeconds {
            add("sla", o.sla ?? "none", n.sla ?? "none", .changed, "SLA \(o.sla ?? "none") → \(n.sla ?? "none")")
        }
        if o.onTimeout != n.onTimeout {
            // Escalating lets a timed-out request still be approved higher up; rejecting ends it.
            add("on_timeout", o.onTimeout.rawValue, n.onTimeout.rawValue, n.onTimeout == .escalate ? .loosened : .tightened,
                "on timeout \(o.onTimeout.rawValue) → \(n.onTimeout.rawValue)")
        } else if !o.escalatesTo.map(newName).sameBytes(as: n.escalatesTo) {
            add("escalates_to", o.escalatesTo ?? "none", n.escalatesTo ?? "none", .changed,
                "escalates to \(o.escalatesTo ?? "none") → \(n.escalatesTo ?? "none")")
        }
    }

    /// An old tier's name in the new policy (itself when unmatched).
    func newName(_ oldTier: String) -> String { tierNames[ByteName(oldTier)] ?? oldTier }

    /// An old panel's name in the new policy (itself when unmatched).
    func newSpecialist(_ old: String) -> String { specialistNames[ByteName(old)] ?? old }

    /// Whether tier `a` is at least as high as tier `b` (both in new names) by every ladder
    /// that ranks both; nil when none does, or when the old and new ladders disagree (a
    /// reordered ladder: moving from one of the two tiers to the other is neither).
    func tier(_ a: String, isAtLeast b: String) -> Bool? {
        let (a, b) = (ByteName(a), ByteName(b))
        let oldName = Dictionary(tierNames.map { (ByteName($1), $0) }, uniquingKeysWith: { a, _ in a })
        var verdict: Bool?
        if let x = newRank[a], let y = newRank[b] { verdict = x >= y }
        // An unmatched old tier keeps its own name (`newName`).
        let (p, q) = (oldName[a] ?? (tierNames[a] == nil ? a : nil), oldName[b] ?? (tierNames[b] == nil ? b : nil))
        if let p, let q, let x = oldRank[p], let y = oldRank[q] {
            if let v = verdict, v != (x >= y) { return nil }
            verdict = x >= y
        }
        return verdict
    }

    /// SPEC §2's order between the diff's outcomes (`Requirement`'s order, with tiers
    /// compared by name across both ladders).
    func isAtLeastAsStrict(_ a: DiffOutcome, _ b: DiffOutcome) -> Bool {
        Requirement.isAtLeastAsStrict((a.level, a.review, a.tier, a.specialists), as: (b.level, b.review, b.tier, b.specialists),
                                      tierAtLeast: { tier($0, isAtLeast: $1) ?? false })
    }

    /// Tightened, loosened or changed.
    func classify(old: DiffOutcome, new: DiffOutcome) -> DiffClassification {
        let up = isAtLeastAsStrict(new, old), down = isAtLeastAsStrict(old, new)
        if up && !down { return .tightened }
        if down && !up { return .loosened }
        return .changed
    }
}
