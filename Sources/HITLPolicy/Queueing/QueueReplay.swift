/// The deterministic first-come-first-served replay of one queue (SPEC §8).
///
/// The model, in plain words: the group completes `capacityPerDay` reviews a day, spread
/// evenly over its working time (fluid service: work flows at a constant rate, shared by
/// nobody — the action at the head of the queue gets all of it). An action needs `work`
/// reviews (the quorum); it is decided when they are done. An action still waiting when its
/// SLA has passed leaves the queue at that instant (its partial work is lost): `on_timeout:
/// escalate` hands it to the next tier up at that instant, `reject` drops it. The replay runs
/// on past the last arrival until the queue is empty.
package struct QueueReplay: Sendable {
    /// Reviews per day.
    package var capacityPerDay: Double
    /// The SLA in seconds, when there is one.
    package var sla: Double?
    /// When reviewers work.
    package var clock: WorkingClock

    /// Reviews left that count as none (floating-point rounding).
    static let epsilon = 1e-9

    package init(capacityPerDay: Double, sla: Double?, clock: WorkingClock) {
        self.capacityPerDay = capacityPerDay
        self.sla = sla
        self.clock = clock
    }

    /// What the replay found.
    package struct Outcome: Sendable, Equatable {
        /// Actions that entered the queue.
        package var entered = 0
        /// Actions decided within the SLA (all decided ones when there is no SLA).
        package var withinSLA = 0
        /// Actions whose SLA passed before they were decided (each left the queue then).
        package var timedOut = 0
        /// The instants at which actions timed out, in order (only with `keepLists`).
        package var timeouts: [Double] = []
        /// Each action's time in the queue: until decided, or until its timeout (only with
        /// `keepLists`).
        package var waits: [Double] = []
        /// The same waits in whole seconds rounded up (as reported): actions per second of
        /// wait. Bounded by the distinct waits, not by the actions (with `keepDetail`).
        package var waitCounts: [Int: Int] = [:]
        /// The most actions waiting at once.
        package var backlogMax = 0
        /// Actions waiting at the start of each hour from the origin (index: hour).
        package var backlogByHour: [Int] = []

        /// Share decided within the SLA; nil when nothing entered.
        package var serviceLevel: Double? { entered == 0 ? nil : Double(withinSLA) / Double(entered) }

        /// The median, 95th percentile (nearest rank) and maximum wait, in whole seconds
        /// rounded up; nil without waits.
        package var waitSummary: (p50: Double, p95: Double, max: Double)? {
            let n = waitCounts.values.reduce(0, +)
            guard n > 0 else { return nil }
            let sorted = waitCounts.sorted { $0.key < $1.key }
            func rank(_ p: Double) -> Double {
                let k = min(max(Int((p * Double(n)).rounded(.up)) - 1, 0), n - 1)
                var seen = 0
                for (seconds, count) in sorted {
                    seen += count
                    if k < seen { return Double(seconds) }
                }
                return Double(sorted[sorted.count - 1].key)
            }
            return (rank(0.5), rank(0.95), Double(sorted[sorted.count - 1].key))
        }
    }

    private struct Waiting {
        var arrival: Double
        var deadline: Double
        var remaining: Double
    }

    /// Replays `entries` (sorted by time). `keepDetail` records waits, timeouts and the
    /// hourly backlog (the capacity search needs only the counts). With `stopBelow`, the
    /// replay stops as soon as so many actions have timed out that the service level must end
    /// below it, or so many were decided within the SLA that it must end at or above it (the
    /// capacity search asks only whether it reaches it): `serviceLevel` is then on the same
    /// side of it.
    package func run(_ entries: [QueueEntry], keepDetail: Bool = true, stopBelow target: Double? = nil) -> Outcome {
        run(entries, count: entries.count, keepDetail: keepDetail, keepLists: keepDetail, stopBelow: target)
    }

    /// Replays `count` entries in time order. `keepLists` also records every wait and
    /// timeout in `waits` and `timeouts` (tests; a report needs only `waitCounts`), and
    /// `timedOut` hears of each timeout as it happens (escalations, in time order).
    package func run<S: Sequence<QueueEntry>>(_ entries: S, count: Int, keepDetail: Bool, keepLists: Bool = false,
                                             stopBelow target: Double? = nil, timedOut: ((Double) -> Void)? = nil) -> Outcome {
        var out = Outcome()
        out.entered = count
        guard capacityPerDay > 0, clock.secondsPerDay > 0 else { return out }
        let rate = capacityPerDay / clock.secondsPerDay   // reviews per working second
        // The actions waiting, first come first: a ring of `waiting[head..<tail]` (indices
        // modulo its capacity), no array bookkeeping per arrival.
        var capacity = 1024
        var waiting = UnsafeMutablePointer<Waiting>.allocate(capacity: capacity)
        defer { waiting.deallocate() }
        var head = 0, tail = 0
        var source = entries.makeIterator()
        var upcoming = source.next()
        var now = upcoming?.time ?? 0
        var nextHour = 0
        // With `stopBelow`: the fewest actions within the SLA that reach the target, found
        // once with the same division `serviceLevel` makes (none per action).
        var enough = Int.max, tooMany = Int.max
        if let target, count > 0 {
            var w = min(max(Int((target * Double(count)).rounded(.up)), 0), count + 1)
            while w > 0, Double(w - 1) / Double(count) >= target { w -= 1 }
            while w <= count, Double(w) / Double(count) < target { w += 1 }
            enough = w
            tooMany = count - w + 1   // timeouts that leave fewer than `enough` within
        }
        func waited(_ w: Double) {
            guard keepDetail else { return }
            out.waitCounts[WaitSeconds.roundedUp(w), default: 0] += 1
            if keepLists { out.waits.append(w) }
        }
        func sampleBacklog(until t: Double) {
            guard keepDetail else { return }
            while Double(nextHour) * 3600 <= t, nextHour < 1_000_000 {
                out.backlogByHour.append(tail - head)
                nextHour += 1
            }
        }
        while upcoming != nil || head < tail {
            let nextArrival = upcoming?.time ?? Double.infinity
            while head < tail {
                let item = waiting[head & (capacity - 1)]
                let start = clock.worked(until: now)
                // Work left below a billionth of a review is rounding, not work: done now
                // (otherwise it could wait for the next morning's first instant).
                let finish = item.remaining <= Self.epsilon ? now : max(now, clock.time(afterWorking: start + item.remaining / rate))
                if finish <= item.deadline, finish <= nextArrival {
                    sampleBacklog(until: finish)
                    now = finish
                    out.withinSLA += 1
                    waited(finish - item.arrival)
                    head += 1
                    // Enough within the SLA already: the share can only stay above it.
                    if out.withinSLA >= enough { return out }
                } else if item.deadline < finish, item.deadline <= nextArrival {
                    sampleBacklog(until: item.deadline)
                    now = item.deadline
                    out.timedOut += 1
                    // Each action ends within the SLA or timed out: the share within can only
                    // fall from here.
                    if out.timedOut >= tooMany {
                        out.withinSLA = out.entered - out.timedOut
                        return out
                    }
                    waited(item.deadline - item.arrival)
                    if keepLists { out.timeouts.append(item.deadline) }
                    timedOut?(item.deadline)
                    head += 1
                } else {
                    waiting[head & (capacity - 1)].remaining -= rate * (clock.worked(until: nextArrival) - start)
                    now = nextArrival
                    break
                }
            }
            guard let e = upcoming else { break }
            sampleBacklog(until: e.time)
            now = max(now, e.time)
            if tail - head == capacity {
                let grown = UnsafeMutablePointer<Waiting>.allocate(capacity: 2 * capacity)
                for k in head..<tail { (grown + (k - head)).initialize(to: waiting[k & (capacity - 1)]) }
                waiting.deallocate()
                waiting = grown
                tail -= head
                head = 0
                capacity *= 2
            }
            waiting[tail & (capacity - 1)] = Waiting(arrival: e.time, deadline: sla.map { e.time + $0 } ?? .infinity, remaining: Double(e.work))
            tail += 1
            upcoming = source.next()
            out.backlogMax = max(out.backlogMax, tail - head)
        }
        return out
    }
}
