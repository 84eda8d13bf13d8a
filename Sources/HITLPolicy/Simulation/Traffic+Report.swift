extension Traffic {
    /// Hours of per-hour series kept for the chart (about eleven years).
    static let maxHours = 100_000

    /// Replays the queues and builds the report.
    func report(table: DecisionTable, log: String, options: SimulationOptions) -> SimulationReport {
        let queues = SimulatedQueue.queues(of: table, overrides: options.capacities)
        let isTimed = timedActions > 0
        var direct: [[QueueEntry]]
        var origin: Int64 = 0
        var days = Double(options.periodSeconds) / 86_400
        var start: String?, end: String?
        if isTimed, let first, let last {
            origin = (first.seconds >= 0 ? first.seconds / 86_400 : (first.seconds - 86_399) / 86_400) * 86_400
            let o = Double(origin)
            direct = timed.map { entries in
                entries.map { QueueEntry(time: $0.time - o, work: $0.work) }.sorted { $0.time < $1.time }
            }
            let span = Double(last.seconds - first.seconds) + Double(last.nanoseconds - first.nanoseconds) / 1e9
            days = max(span / 86_400, 1)
            start = Self.text(first)
            end = Self.text(last)
        } else {
            // Without times, the actions are spread evenly over the period, in line order.
            let step = Double(options.periodSeconds) / Double(max(actions, 1))
            direct = ordinal.map { entries in entries.map { QueueEntry(time: $0.time * step, work: $0.work) } }
        }
        let ladder = LadderReplay.run(queues: queues, direct: direct, clock: options.clock)
        // The searches are independent (each replays its own queue many times): in parallel.
        let needed = ParallelMap.map(queues.count, workers: ActionStream.availableWorkers) { k in
            CapacityNeeded.search(entries: ladder.entries[k], sla: queues[k].slaSeconds, clock: options.clock, target: options.serviceLevel)
        }
        var out: [SimulationReport.Queue] = []
        for (k, q) in queues.enumerated() {
            let entries = ladder.entries[k]
            let reviews = entries.reduce(0) { $0 + Int($1.work) }
            let perDay = Double(reviews) / days
            let utilisation = q.capacityPerDay.map { perDay / $0 }
            let status = utilisation.map { $0 >= 1 ? "overloaded" : $0 > 0.85 ? "strained" : "ok" } ?? "no-capacity"
            let o = ladder.outcomes[k]
            var waits: (Double, Double, Double)?
            if let o, !o.waits.isEmpty {
                let sorted = o.waits.sorted()
                func rank(_ p: Double) -> Double { sorted[min(max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)] }
                waits = (rank(0.5), rank(0.95), sorted[sorted.count - 1])
            }
            var byHour: [Int] = []
            var busiest: (String, Int)?
            if isTimed, let lastEntry = entries.last, lastEntry.time / 3600 < Double(Self.maxHours) {
                byHour = Array(repeating: 0, count: Int(lastEntry.time / 3600) + 1)
                for e in entries { byHour[min(Int(e.time / 3600), byHour.count - 1)] += Int(e.work) }
                if let peak = byHour.max(), peak > 0, let h = byHour.firstIndex(of: peak) {
                    busiest = (Self.text(Timestamp(seconds: origin + Int64(h) * 3600)), peak)
                }
            }
            out.append(SimulationReport.Queue(
                queue: q, actions: direct[k].count, reviews: reviews,
                escalatedIn: ladder.escalatedIn[k], escalatedOut: ladder.escalatedOut[k], rejectedOnTimeout: ladder.rejected[k],
                reviewsPerDay: perDay, utilisation: utilisation, status: status,
                serviceLevel: q.slaSeconds == nil ? nil : o?.serviceLevel,
                capacityNeeded: needed[k],
                waits: waits, slaBreaches: o?.timedOut, backlogMax: o?.backlogMax,
                busiestHour: busiest, reviewsByHour: byHour,
                backlogByHour: isTimed && byHour.count > 0 ? Array((o?.backlogByHour ?? []).prefix(Self.maxHours)) : []))
        }
        var notes = self.notes
        if noteCount > notes.count { notes.append("… and \(noteCount - notes.count) more lines like these") }
        if actions == 0 { notes.append("the log holds no actions: nothing to route or replay") }
        let untimed = isTimed ? untimedByQueue.reduce(0, +) : 0
        if isTimed, actions - timedActions - badTimes > 0 {
            notes.append("\(actions - timedActions - badTimes) actions have no time: counted in routing, left out of the replay")
        }
        return SimulationReport(
            policy: table.policy, log: log, routing: routing, lines: lines, reviewRecords: reviewRecords, badTimes: badTimes,
            untimed: untimed, notes: notes, timed: isTimed, start: start, end: end, days: days,
            clock: options.clock, serviceLevelTarget: options.serviceLevel, queues: out)
    }

    /// `2026-11-16T09:00:00Z` (milliseconds only when there are some).
    static func text(_ t: Timestamp) -> String {
        let s = t.utcText
        return s.hasSuffix(".000Z") ? String(s.dropLast(5)) + "Z" : s
    }
}
