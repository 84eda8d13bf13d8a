import Testing
@testable import HITLPolicy

@Suite("simulate: the queue replay")
struct QueueReplayTests {
    @Test("working clock: worked seconds and their inverse agree")
    func clock() {
        let c = WorkingClock(hours: 9, 17)
        #expect(c.worked(until: 0) == 0)
        #expect(c.worked(until: 10 * 3600) == 3600)
        #expect(c.worked(until: 20 * 3600) == 8 * 3600)
        #expect(c.worked(until: 86_400 + 9 * 3600) == 8 * 3600)
        #expect(c.time(afterWorking: 3600) == 10 * 3600)
        #expect(c.time(afterWorking: 8 * 3600) == 17 * 3600)
        #expect(c.time(afterWorking: 8 * 3600 + 1) == 86_400 + 9 * 3600 + 1)
        #expect(WorkingClock.parse("09-17") == c)
        for bad in ["17-09", "9-", "09-25", "x-y", "09-09", "-1-5"] { #expect(WorkingClock.parse(bad) == nil, "\(bad)") }
    }

    @Test("one review a second: three at once wait 1, 2 and 3 seconds")
    func fifo() {
        let entries = (0..<3).map { _ in QueueEntry(time: 0, work: 1) }
        let o = QueueReplay(capacityPerDay: 86_400, sla: nil, clock: .allDay).run(entries)
        #expect(o.waits == [1, 2, 3])
        #expect(o.withinSLA == 3)
        #expect(o.backlogMax == 3)
    }

    @Test("a quorum of two takes twice the work; the SLA's timeout takes the action out")
    func timeout() {
        let entries = (0..<3).map { _ in QueueEntry(time: 0, work: 2) }
        let o = QueueReplay(capacityPerDay: 86_400, sla: 3, clock: .allDay).run(entries)
        // 2 s for the first; the second would finish at 4 > 3: out at 3; the third starts at 3,
        // its deadline 3 passed with it: out at 3 too.
        #expect(o.waits == [2, 3, 3])
        #expect(o.withinSLA == 1)
        #expect(o.timeouts == [3, 3])
    }

    @Test("working hours: an action arriving at night waits for the morning")
    func overnight() {
        let o = QueueReplay(capacityPerDay: 8 * 3600, sla: nil, clock: WorkingClock(hours: 9, 17)).run([QueueEntry(time: 3600, work: 1)])
        #expect(o.waits == [8 * 3600 + 1])
    }

    /// Random arrivals over a few days, in bursts.
    static func entries(_ rng: inout SplitMix, count: Int, quorum: Int32) -> [QueueEntry] {
        var t = Double(rng.below(40_000))
        var out: [QueueEntry] = []
        for _ in 0..<count {
            t += Double(rng.below(3)) == 0 ? Double(rng.below(5_000)) + Double(rng.below(1000)) / 997 : Double(rng.below(300)) / 7
            out.append(QueueEntry(time: t, work: quorum))
        }
        return out
    }

    @Test("differential: the fast replay agrees with the slow obvious one", arguments: 0..<200)
    func differential(seed: UInt64) {
        var rng = SplitMix(state: 0x5EED_0000 + seed)
        let quorum = Int32(1 + rng.below(2))
        let entries = Self.entries(&rng, count: 20 + rng.below(300), quorum: quorum)
        let capacity = Double(5 + rng.below(400))
        let sla: Double? = rng.below(4) == 0 ? nil : Double(600 + rng.below(20_000))
        let hours = rng.below(2) == 0 ? WorkingClock.allDay : WorkingClock(hours: 6 + rng.below(4), 14 + rng.below(8))
        let fast = QueueReplay(capacityPerDay: capacity, sla: sla, clock: hours).run(entries)
        let slow = QueueReplayReference.run(entries, capacityPerDay: capacity, sla: sla, open: hours.open, close: hours.close)
        #expect(fast.withinSLA == slow.withinSLA)
        #expect(fast.timedOut == slow.timeouts.count)
        #expect(fast.waits.count == slow.waits.count)
        for (k, (a, b)) in zip(fast.waits, slow.waits).enumerated() {
            #expect(abs(a - b) < 1e-6, "seed \(seed) #\(k) arrival \(entries.count > k ? entries[k].time : -1) cap \(capacity) sla \(String(describing: sla)) hours \(hours.open)-\(hours.close) fast \(a) slow \(b) prev \(k > 0 ? "\(entries[k-1].time) \(fast.waits[k-1]) \(slow.waits[k-1])" : "")")
        }
        for (a, b) in zip(fast.timeouts, slow.timeouts) { #expect(abs(a - b) < 1e-6, "seed \(seed)") }
        // The report's wait figures, from per-second counts, are the reference's nearest ranks.
        let sorted = slow.waits.sorted()
        func rank(_ p: Double) -> Int {
            SimulationNumbers.seconds(sorted[min(max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)])
        }
        if let w = fast.waitSummary, !sorted.isEmpty {
            #expect(Int(w.p50) == rank(0.5) && Int(w.p95) == rank(0.95) && Int(w.max) == SimulationNumbers.seconds(sorted[sorted.count - 1]),
                    "seed \(seed)")
        } else {
            #expect(fast.waitSummary == nil && sorted.isEmpty)
        }
    }

    @Test("differential on a ladder: escalations arrive in the next tier at their timeout", arguments: 0..<15)
    func ladder(seed: UInt64) {
        var rng = SplitMix(state: 0x1ADD_E400 + seed)
        let queues = [
            SimulatedQueue(name: "team", kind: .tier, quorum: 1, slaSeconds: 1800 + rng.below(7200), onTimeout: .escalate,
                           escalatesTo: 1, capacity: Capacity(count: 20 + rng.below(60), period: .day)),
            SimulatedQueue(name: "lead", kind: .tier, quorum: 2, slaSeconds: 3600, onTimeout: .reject,
                           escalatesTo: nil, capacity: Capacity(count: 30 + rng.below(100), period: .day)),
        ]
        let direct = [Self.entries(&rng, count: 200, quorum: 1), Self.entries(&rng, count: 30, quorum: 2)]
        let fast = LadderReplay.run(queues: queues, direct: direct, clock: .allDay)
        let team = QueueReplayReference.run(direct[0], capacityPerDay: Double(queues[0].capacity!.count), sla: Double(queues[0].slaSeconds!), open: 0, close: 86_400)
        let up = (direct[1] + team.timeouts.map { QueueEntry(time: $0, work: 2, escalated: true) }).sorted { $0.time < $1.time }
        let lead = QueueReplayReference.run(up, capacityPerDay: Double(queues[1].capacity!.count), sla: 3600, open: 0, close: 86_400)
        #expect(fast.escalatedOut[0] == team.timeouts.count)
        #expect(fast.escalatedIn[1] == team.timeouts.count)
        #expect(fast.outcomes[1]?.withinSLA == lead.withinSLA)
        #expect(fast.rejected[1] == lead.timeouts.count)
    }

    @Test("more capacity never raises a wait; capacity needed is minimal", arguments: 0..<10)
    func properties(seed: UInt64) {
        var rng = SplitMix(state: 0xCA9A_C000 + seed)
        let entries = Self.entries(&rng, count: 150, quorum: 1)
        let sla = 3600.0
        let low = QueueReplay(capacityPerDay: 40, sla: nil, clock: .allDay).run(entries)
        let high = QueueReplay(capacityPerDay: 41, sla: nil, clock: .allDay).run(entries)
        for (a, b) in zip(low.waits, high.waits) { #expect(b <= a + 1e-9) }
        guard let needed = CapacityNeeded.search(entries: entries, sla: Int(sla), clock: .allDay, target: 0.9) else {
            Issue.record("no capacity found")
            return
        }
        let at = QueueReplay(capacityPerDay: Double(needed), sla: sla, clock: .allDay).run(entries, keepDetail: false)
        #expect((at.serviceLevel ?? 0) >= 0.9)
        if needed > 1 {
            let below = QueueReplay(capacityPerDay: Double(needed - 1), sla: sla, clock: .allDay).run(entries, keepDetail: false)
            #expect((below.serviceLevel ?? 1) < 0.9)
        }
    }
}
