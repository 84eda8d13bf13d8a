/// The simulation for a person at a terminal: routing, then one block per tier and panel,
/// then the model's words.
package enum SimulationTextReporter {
    /// The report as text with a final newline.
    package static func render(_ r: SimulationReport) -> String {
        var out = "simulate \(r.policy) on \(r.log)\n"
        out += "period: " + SimulationLines.period(r) + "\n"
        out += "routing: " + SimulationLines.routing(r) + "\n"
        for a in r.routing.sortedAmounts where a.route != .autonomous {
            out += "  \(a.route.rawValue) carries \(a.total) \(a.currency)\n"
        }
        for q in r.queues {
            out += "\n\(q.queue.kind) \(q.queue.name): \(q.status)\n"
            for line in SimulationLines.queue(q, target: r.serviceLevelTarget) { out += "  \(line)\n" }
        }
        for n in r.notes { out += "note: \(n)\n" }
        out += "\nmodel: " + SimulationLines.model(r) + "\n"
        return out
    }
}

/// The sentences the text and Markdown reports share.
enum SimulationLines {
    static func period(_ r: SimulationReport) -> String {
        let days = SimulationNumbers.fixed(r.days, 2)
        if let s = r.start, let e = r.end { return "\(s) to \(e) (\(days) days)" }
        return "no times in the log: \(days) days assumed (--period), arrivals spread evenly"
    }

    static func routing(_ r: SimulationReport) -> String {
        let total = r.routing.total
        var parts = RoutingCounts.Route.allCases.map { route in
            let n = r.routing[route]
            return "\(route.rawValue) \(n) (\(SimulationNumbers.percent(total == 0 ? 0 : Double(n) / Double(total))))"
        }
        parts.insert("\(total) actions", at: 0)
        if r.reviewRecords > 0 { parts.append("\(r.reviewRecords) review records skipped") }
        return parts.joined(separator: ", ")
    }

    /// The lines of one queue's block.
    static func queue(_ q: SimulationReport.Queue, target: Double) -> [String] {
        var lines: [String] = []
        let cap = q.queue.capacity.map { "\($0)" + (q.queue.overridden ? " (--capacity)" : "") } ?? "none declared"
        let sla = q.queue.slaSeconds.map { SimulationNumbers.duration(Double($0)) + ", on timeout \(q.queue.onTimeout)" } ?? "no SLA"
        lines.append("quorum \(q.queue.quorum), SLA \(sla), capacity \(cap)")
        var load = "load: \(q.actions) actions"
        if q.escalatedIn > 0 { load += " + \(q.escalatedIn) escalated in" }
        load += " = \(q.reviews) reviews, \(SimulationNumbers.fixed(q.reviewsPerDay, 1))/day"
        if let u = q.utilisation, let c = q.queue.capacityPerDay {
            load += " against \(SimulationNumbers.fixed(c, 1))/day: utilisation \(SimulationNumbers.percent(u))"
        }
        lines.append(load)
        if let b = q.busiestHour { lines.append("busiest hour: \(b.start), \(b.reviews) reviews") }
        if let w = q.waits {
            lines.append("waits: median \(SimulationNumbers.duration(w.p50)), p95 \(SimulationNumbers.duration(w.p95)), max \(SimulationNumbers.duration(w.max))"
                         + (q.backlogMax.map { "; at most \($0) waiting" } ?? ""))
        }
        if let s = q.slaBreaches {
            var t = "SLA breaches: \(s)"
            if q.escalatedOut > 0 { t += ", \(q.escalatedOut) escalated" }
            if q.rejectedOnTimeout > 0 { t += ", \(q.rejectedOnTimeout) rejected" }
            if let sl = q.serviceLevel { t += "; service level \(SimulationNumbers.percent(sl)) within SLA" }
            lines.append(t)
        }
        if q.queue.slaSeconds != nil, q.reviews > 0 {
            lines.append("capacity needed for \(SimulationNumbers.percent(target)) within SLA: "
                         + (q.capacityNeeded.map { "\($0)/day" } ?? "not reachable at any capacity (check --hours against the SLA)"))
        }
        return lines
    }

    static func model(_ r: SimulationReport) -> String {
        (r.timed ? "arrivals replayed from the log's times" : "arrivals spread evenly over the period")
            + "; first come first served, capacity spread evenly over \(r.clock.isAllDay ? "the whole day" : "working hours \(r.clock.description)") (fluid)"
            + "; a timeout escalates to the next tier at that instant or rejects; waits run from arrival in each queue"
    }
}
