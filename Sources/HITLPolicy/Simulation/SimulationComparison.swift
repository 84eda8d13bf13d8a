/// `simulate --compare NEW`: the same log through two policies, side by side — what a policy
/// change does to each queue. Queues are paired by name (a tier or panel only one policy has
/// is shown against nothing).
package struct SimulationComparison: Sendable {
    package var old: SimulationReport
    package var new: SimulationReport

    package init(old: SimulationReport, new: SimulationReport) {
        self.old = old
        self.new = new
    }

    /// The queue names of both policies: the old policy's order, then queues only the new has.
    var names: [String] {
        var out = old.queues.map(\.queue.name)
        for q in new.queues where !out.contains(q.queue.name) { out.append(q.queue.name) }
        return out
    }

    func pair(_ name: String) -> (SimulationReport.Queue?, SimulationReport.Queue?) {
        (old.queues.first { $0.queue.name == name }, new.queues.first { $0.queue.name == name })
    }

    /// The columns both renderings show, per queue: reviews a day, utilisation, status,
    /// within SLA, SLA breaches, capacity needed.
    static func cells(_ q: SimulationReport.Queue?) -> [String] {
        guard let q else { return ["—", "—", "absent", "—", "—", "—"] }
        return [SimulationNumbers.fixed(q.reviewsPerDay, 1), q.utilisation.map(SimulationNumbers.percent) ?? "—", q.status,
                q.serviceLevel.map(SimulationNumbers.percent) ?? "—", q.slaBreaches.map(String.init) ?? "—",
                q.capacityNeeded.map { "\($0)/day" } ?? "—"]
    }

    static let headers = ["reviews/day", "utilisation", "status", "within SLA", "SLA breaches", "capacity needed"]

    /// Text: the comparison table (old → new per figure), then both reports.
    package func text() -> String {
        var out = "simulate \(old.log): \(old.policy) (old) against \(new.policy) (new)\n"
        out += "routing, old: " + SimulationLines.routing(old) + "\n"
        out += "routing, new: " + SimulationLines.routing(new) + "\n"
        for name in names {
            let (a, b) = pair(name)
            out += "\n\((a ?? b).map { $0.queue.kind.rawValue } ?? "queue") \(name):\n"
            for (k, h) in Self.headers.enumerated() {
                let x = Self.cells(a)[k], y = Self.cells(b)[k]
                out += "  \(h): \(x == y ? x : "\(x) → \(y)")\n"
            }
        }
        out += "\n--- old: \(old.policy)\n" + SimulationTextReporter.render(old)
        out += "\n--- new: \(new.policy)\n" + SimulationTextReporter.render(new)
        return out
    }

    /// Markdown: one table, a row per queue, each figure `old → new` where it moved.
    package func markdown() -> String {
        var out = "## simulate: `\(SimulationMarkdownReporter.cell(old.policy))` → `\(SimulationMarkdownReporter.cell(new.policy))` on `\(SimulationMarkdownReporter.cell(old.log))`\n\n"
        out += "Routing before: \(SimulationLines.routing(old)).  \nRouting after: \(SimulationLines.routing(new)).\n\n"
        out += "| queue | " + Self.headers.joined(separator: " | ") + " |\n|---|" + String(repeating: "--:|", count: Self.headers.count) + "\n"
        for name in names {
            let (a, b) = pair(name)
            let cols = zip(Self.cells(a), Self.cells(b)).map { $0 == $1 ? $0 : "\($0) → **\($1)**" }
            out += "| `\(SimulationMarkdownReporter.cell(name))` | " + cols.joined(separator: " | ") + " |\n"
        }
        out += "\n" + SimulationLines.model(new) + "\n"
        if out.utf8.count > SimulationMarkdownReporter.limit { out = String(out.prefix(SimulationMarkdownReporter.limit - 40)) + "\n\n(cut at the comment limit)\n" }
        return out
    }

    /// JSON: `{"old": report, "new": report}`, each the single run's object.
    package func json() -> String {
        JSONTree.object([("new", SimulationJSONReporter.tree(new)), ("old", SimulationJSONReporter.tree(old))]).pretty()
    }
}
