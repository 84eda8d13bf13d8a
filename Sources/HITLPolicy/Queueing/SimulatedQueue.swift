/// A tier or specialist panel as the simulation sees it: from the policy's table, with a
/// `--capacity` override applied.
package struct SimulatedQueue: Sendable, Equatable {
    /// The tier or panel name.
    package var name: String
    /// A ladder tier or a specialist panel.
    package var kind: ApproverKind
    /// Approvals needed per action.
    package var quorum: Int
    /// The SLA in seconds, when there is one.
    package var slaSeconds: Int?
    /// What a timeout does.
    package var onTimeout: TimeoutAction
    /// The index of the queue a timeout escalates to (the next tier up), when it does.
    package var escalatesTo: Int?
    /// The capacity, when the policy (or `--capacity`) gives one.
    package var capacity: Capacity?
    /// Whether `--capacity` set it.
    package var overridden = false

    /// Reviews per day (`/h` counts 24 a day, `/week` a seventh), when there is a capacity.
    package var capacityPerDay: Double? {
        capacity.map { Double($0.count) * 86_400 / Double($0.period.seconds) }
    }

    /// The queues of a table, tiers in ladder order then panels by name, with `overrides`
    /// (by name) applied.
    package static func queues(of table: DecisionTable, overrides: [String: Capacity]) -> [SimulatedQueue] {
        let names = table.approvers.map(\.name)
        return table.approvers.map { a in
            var q = SimulatedQueue(name: a.name, kind: a.kind, quorum: max(a.quorum, 1), slaSeconds: a.slaSeconds,
                                   onTimeout: a.onTimeout, escalatesTo: nil,
                                   capacity: a.capacity.flatMap { try? Capacity.parse($0).get() })
            if a.onTimeout == .escalate, let up = a.escalatesTo, let k = names.firstIndex(of: up) { q.escalatesTo = k }
            if let o = overrides[a.name] {
                q.capacity = o
                q.overridden = true
            }
            return q
        }
    }
}
