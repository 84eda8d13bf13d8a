/// Replays every queue of a policy, lowest tier first, so that what times out of one tier
/// and escalates arrives in the next tier's queue at the instant of its timeout (its own
/// clock then starts there). A queue without a capacity is not replayed (nothing can be said
/// of its waits), so it escalates nothing.
package struct LadderReplay: Sendable {
    /// Per queue, what the replay found (nil: no capacity).
    package var outcomes: [QueueReplay.Outcome?]
    /// Per queue, every action that entered it (direct and escalated) in time order: what
    /// the report counts and the capacity search replays again.
    var sources: [ArrivalSource]
    /// Per queue, actions escalated in from the tier below.
    package var escalatedIn: [Int]
    /// Per queue, actions escalated out to the tier above.
    package var escalatedOut: [Int]
    /// Per queue, actions rejected when their SLA passed (including an `escalate` with no
    /// tier above).
    package var rejected: [Int]

    /// Runs the replay over `direct` entries per queue (each sorted by time).
    package static func run(queues: [SimulatedQueue], direct: [[QueueEntry]], clock: WorkingClock) -> LadderReplay {
        run(queues: queues, direct: direct.map { ArrivalSource(direct: ArrivalStore($0), clock: .shift(0)) }, clock: clock, keepLists: true)
    }

    /// Runs the replay over each queue's direct arrivals; escalations are kept in stores of
    /// their own (in time order, as they time out).
    /// `complete` hears of each queue as soon as its arrivals are all known (the tiers below
    /// it replayed), so its capacity search can start while the ladder goes on.
    static func run(queues: [SimulatedQueue], direct: [ArrivalSource], clock: WorkingClock, keepLists: Bool = false,
                    complete: ((Int, ArrivalSource) -> Void)? = nil) -> LadderReplay {
        let n = queues.count
        var r = LadderReplay(outcomes: Array(repeating: nil, count: n), sources: direct,
                             escalatedIn: Array(repeating: 0, count: n), escalatedOut: Array(repeating: 0, count: n),
                             rejected: Array(repeating: 0, count: n))
        var incoming = [ArrivalStore?](repeating: nil, count: n)
        for (k, q) in queues.enumerated() {
            if let store = incoming[k] {
                store.finish()
                r.escalatedIn[k] = store.count
                r.sources[k].escalated = store
            }
            complete?(k, r.sources[k])
            guard let capacity = q.capacityPerDay else { continue }
            var escalate: ((Double) -> Void)?
            if let up = q.escalatesTo, up > k, up < n {
                let work = Int32(clamping: queues[up].quorum)
                let store = incoming[up] ?? ArrivalStore()
                incoming[up] = store
                escalate = { store.append(QueueEntry(time: $0, work: work, escalated: true)) }
            }
            let source = r.sources[k]
            let outcome = QueueReplay(capacityPerDay: capacity, sla: q.slaSeconds.map(Double.init), clock: clock)
                .run(source, count: source.count, keepDetail: true, keepLists: keepLists, timedOut: escalate)
            r.outcomes[k] = outcome
            if escalate != nil { r.escalatedOut[k] = outcome.timedOut } else { r.rejected[k] = outcome.timedOut }
        }
        return r
    }
}
