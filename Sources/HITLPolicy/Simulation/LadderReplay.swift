/// Replays every queue of a policy, lowest tier first, so that what times out of one tier
/// and escalates arrives in the next tier's queue at the instant of its timeout (its own
/// clock then starts there). A queue without a capacity is not replayed (nothing can be said
/// of its waits), so it escalates nothing.
package struct LadderReplay: Sendable {
    /// Per queue, what the replay found (nil: no capacity).
    package var outcomes: [QueueReplay.Outcome?]
    /// Per queue, every action that entered it (direct and escalated), sorted by time: what
    /// the capacity search replays again.
    package var entries: [[QueueEntry]]
    /// Per queue, actions escalated in from the tier below.
    package var escalatedIn: [Int]
    /// Per queue, actions escalated out to the tier above.
    package var escalatedOut: [Int]
    /// Per queue, actions rejected when their SLA passed (including an `escalate` with no
    /// tier above).
    package var rejected: [Int]

    /// Runs the replay over `direct` entries per queue (each sorted by time).
    package static func run(queues: [SimulatedQueue], direct: [[QueueEntry]], clock: WorkingClock) -> LadderReplay {
        let n = queues.count
        var r = LadderReplay(outcomes: Array(repeating: nil, count: n), entries: direct,
                             escalatedIn: Array(repeating: 0, count: n), escalatedOut: Array(repeating: 0, count: n),
                             rejected: Array(repeating: 0, count: n))
        var incoming = [[QueueEntry]](repeating: [], count: n)
        for (k, q) in queues.enumerated() {
            if !incoming[k].isEmpty {
                r.escalatedIn[k] = incoming[k].count
                r.entries[k] = merge(direct[k], incoming[k])
                incoming[k] = []
            }
            guard let capacity = q.capacityPerDay else { continue }
            let outcome = QueueReplay(capacityPerDay: capacity, sla: q.slaSeconds.map(Double.init), clock: clock).run(r.entries[k])
            r.outcomes[k] = outcome
            if let up = q.escalatesTo, up > k, up < n {
                r.escalatedOut[k] = outcome.timeouts.count
                let work = Int32(clamping: queues[up].quorum)
                incoming[up].append(contentsOf: outcome.timeouts.map { QueueEntry(time: $0, work: work, escalated: true) })
            } else {
                r.rejected[k] = outcome.timedOut
            }
        }
        return r
    }

    /// Two time-sorted lists as one, an escalated entry before a direct one at the same instant.
    static func merge(_ a: [QueueEntry], _ b: [QueueEntry]) -> [QueueEntry] {
        var out: [QueueEntry] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j < b.count, i == a.count || b[j].time <= a[i].time { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        return out
    }
}
