extension Traffic {
    /// Hours of per-hour series kept for the chart (about eleven years).
    static let maxHours = 100_000

    /// Replays the queues and builds the report.
    func report(table: DecisionTable, log: String, options: SimulationOptions) -> SimulationReport {
        let queues = SimulatedQueue.queues(of: table, overrides: options.capacities)
        let isTimed = timedActions > 0
        var direct: [ArrivalSource]
        var origin: Int64 = 0
        var days = Double(options.periodSeconds) / 86_400
        var start: String?, end: String?
        if isTimed, let first, let last {
            origin = (first.seconds >= 0 ? first.seconds / 86_400 : (first.seconds - 86_399) / 86_400) * 86_400
            direct = timed.map { ArrivalSource(direct: $0, clock: .shift(Double(origin))) }
            let span = Double(last.seconds - first.seconds) + Double(last.nanoseconds - first.nanoseconds) / 1e9
            days = max(span / 86_400, 1)
            start = Self.text(first)
            end = Self.text(last)
        } else {
            // Without times, the actions are spread evenly over the period, in line order.
            let step = Double(options.periodSeconds) / Double(max(actions, 1))
            direct = ordinal.map { ArrivalSource(direct: $0, clock: .scale(step)) }
        }
        // The capacity searches are independent (each replays its own queue many times): each
        // starts on another thread as soon as its queue's arrivals are known.
        let searches = ParallelJobs<Int?>(count: queues.count, workers: ActionStream.availableWorkers)
        let ladder = LadderReplay.run(queues: queues, direct: direct, clock: options.clock) { k, source in
            searches.submit(k) { CapacityNeeded.search(source, sla: queues[k].slaSeconds, clock: options.clock, target: options.serviceLevel) }
        }
        let needed = searches.results()
        var out: [SimulationReport.Queue] = []
        for (k, q) in queues.enumerated() {
            let entries = ladder.sources[k]
            var byHour: [Int] = []
            var reviews = 0
            let hours = isTimed ? entries.lastTime.flatMap { $0 / 3600 < Double(Self.maxHours) ? Int($0 / 3600) + 1 : nil } : nil
            if let hours { byHour = Array(repeating: 0, count: hours) }
            for e in entries {
                reviews += Int(e.work)
                if hours != nil { byHour[min(Int(e.time / 3600), byHour.count - 1)] += Int(e.work) }
            }
            let perDay = Double(reviews) / days
            let utilisation = q.capacityPerDay.map { perDay / $0 }
            let status = utilisation.map { $0 >= 1 ? "overloaded" : $0 > 0.85 ? "strained" : "ok" } ?? "no-capacity"
            let o = ladder.outcomes[k]
            var busiest: (String, Int)?
            if let peak = byHour.max(), peak > 0, let h = byHour.firstIndex(of: peak) {
                busiest = (Self.text(Timestamp(seconds: origin + Int64(h) * 3600)), peak)
            }
            out.append(SimulationReport.Queue(
                queue: q, actions: direct[k].count, reviews: reviews,
                escalatedIn: ladder.escalatedIn[k], escalatedOut: ladder.escalatedOut[k], rejectedOnTimeout: ladder.rejected[k],
                reviewsPerDay: perDay, utilisation: utilisation, status: status,
                serviceLevel: q.slaSeconds == nil ? nil : o?.serviceLevel,
                capacityNeeded: needed[k],
                waits: o?.waitSummary, slaBreaches: o?.timedOut, backlogMax: o?.backlogMax,
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
