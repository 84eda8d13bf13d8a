/// The smallest whole number of reviews a day at which a queue's replay keeps at least the
/// target share of its actions within the SLA: found by search over the same deterministic
/// replay (the queue's own arrivals, escalations from below as the run found them), so it is
/// exact for the log given, not a Poisson estimate.
package enum CapacityNeeded {
    /// Largest capacity tried (reviews a day); beyond it the target counts as unreachable.
    package static let limit = 1_000_000_000

    /// The capacity needed, or nil when there is no SLA, nothing to review, or even `limit`
    /// a day misses the target (e.g. working hours that leave actions waiting overnight past
    /// a short SLA).
    package static func search(entries: [QueueEntry], sla: Int?, clock: WorkingClock, target: Double) -> Int? {
        search(ArrivalSource(direct: ArrivalStore(entries), clock: .shift(0)), sla: sla, clock: clock, target: target)
    }

    /// `search` over a queue's arrivals as the ladder's replay found them.
    static func search(_ entries: ArrivalSource, sla: Int?, clock: WorkingClock, target: Double) -> Int? {
        guard let sla, let first = entries.firstTime, let last = entries.lastTime else { return nil }
        let count = entries.count
        // A capacity whose whole work, from the first arrival to the last deadline, cannot
        // decide enough actions misses the target without a replay (the same answer, found
        // sooner; generous margins keep rounding on the safe side).
        let leastWork = Double(entries.leastWork)
        let workingSpan = clock.worked(until: last + Double(sla)) - clock.worked(until: first)
        func surelyMisses(_ c: Int) -> Bool {
            let most = Double(c) / clock.secondsPerDay * workingSpan / max(leastWork, 1) * 1.0001 + 1
            return most / Double(count) < target
        }
        func meets(_ c: Int) -> Bool {
            if surelyMisses(c) { return false }
            let o = QueueReplay(capacityPerDay: Double(c), sla: Double(sla), clock: clock)
                .run(entries, count: count, keepDetail: false, stopBelow: target)
            return (o.serviceLevel ?? 1) >= target
        }
        var high = 1
        while !meets(high) {
            if high >= limit { return nil }
            high = min(high * 2, limit)
        }
        var low = high / 2   // misses the target (or is 0)
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if meets(mid) { high = mid } else { low = mid }
        }
        return high
    }
}
