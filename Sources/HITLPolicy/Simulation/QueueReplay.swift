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
        /// The instants at which actions timed out, in order.
        package var timeouts: [Double] = []
        /// Each action's time in the queue: until decided, or until its timeout.
        package var waits: [Double] = []
        /// The most actions waiting at once.
        package var backlogMax = 0
        /// Actions waiting at the start of each hour from the origin (index: hour).
        package var backlogByHour: [Int] = []

        /// Share decided within the SLA; nil when nothing entered.
        package var serviceLevel: Double? { entered == 0 ? nil : Double(withinSLA) / Double(entered) }
    }

    private struct Waiting {
        var arrival: Double
        var deadline: Double
        var remaining: Double
    }

    /// Replays `entries` (sorted by time). `keepDetail` records waits, timeouts and the
    /// hourly backlog (the capacity search needs only the counts). With `stopBelow`, the
    /// replay stops as soon as so many actions have timed out that the service level must end
    /// below it (the capacity search asks only whether it reaches it): `serviceLevel` is then
    /// below it too.
    package func run(_ entries: [QueueEntry], keepDetail: Bool = true, stopBelow target: Double? = nil) -> Outcome {
        var out = Outcome()
        out.entered = entries.count
        guard capacityPerDay > 0, clock.secondsPerDay > 0 else { return out }
        let rate = capacityPerDay / clock.secondsPerDay   // reviews per working second
        var fifo: [Waiting] = []
        var head = 0
        var now = entries.first?.time ?? 0
        var i = 0
        var nextHour = 0
        func sampleBacklog(until t: Double) {
            guard keepDetail else { return }
            while Double(nextHour) * 3600 <= t, nextHour < 1_000_000 {
                out.backlogByHour.append(fifo.count - head)
                nextHour += 1
            }
        }
        while i < entries.count || head < fifo.count {
            let nextArrival = i < entries.count ? entries[i].time : Double.infinity
            while head < fifo.count {
                let item = fifo[head]
                let start = clock.worked(until: now)
                // Work left below a billionth of a review is rounding, not work: done now
                // (otherwise it could wait for the next morning's first instant).
                let finish = item.remaining <= Self.epsilon ? now : max(now, clock.time(afterWorking: start + item.remaining / rate))
                if finish <= item.deadline, finish <= nextArrival {
                    sampleBacklog(until: finish)
                    now = finish
                    out.withinSLA += 1
                    if keepDetail { out.waits.append(finish - item.arrival) }
                    head += 1
                } else if item.deadline < finish, item.deadline <= nextArrival {
                    sampleBacklog(until: item.deadline)
                    now = item.deadline
                    out.timedOut += 1
                    // Each action ends within the SLA or timed out: the share within can only
                    // fall from here.
                    if let target, Double(out.entered - out.timedOut) / Double(out.entered) < target {
                        out.withinSLA = out.entered - out.timedOut
                        return out
                    }
                    if keepDetail {
                        out.waits.append(item.deadline - item.arrival)
                        out.timeouts.append(item.deadline)
                    }
                    head += 1
                } else {
                    fifo[head].remaining -= rate * (clock.worked(until: nextArrival) - start)
                    now = nextArrival
                    break
                }
            }
            if head == fifo.count {
                fifo.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 4096, head * 2 > fifo.count {
                fifo.removeFirst(head)
                head = 0
            }
            guard i < entries.count else { break }
            let e = entries[i]
            sampleBacklog(until: e.time)
            now = max(now, e.time)
            fifo.append(Waiting(arrival: e.time, deadline: sla.map { e.time + $0 } ?? .infinity, remaining: Double(e.work)))
            i += 1
            out.backlogMax = max(out.backlogMax, fifo.count - head)
        }
        return out
    }
}
