/// The simulation as Markdown for a pull-request comment: a table per tier and panel, within
/// `limit` characters (the capability table is cut first).
package enum SimulationMarkdownReporter {
    /// GitHub's comment limit is 65,536; this leaves room for a header.
    package static let limit = 60_000

    /// The report as Markdown with a final newline.
    package static func render(_ r: SimulationReport) -> String {
        var out = "## simulate `\(cell(r.policy))` on `\(cell(r.log))`\n\n"
        out += "Period: \(SimulationLines.period(r)).  \nRouting: \(SimulationLines.routing(r)).\n\n"
        out += "| queue | kind | reviews/day | capacity/day | utilisation | status | within SLA | capacity needed | wait p50 | p95 | max | breaches | escalated in/out | rejected |\n"
        out += "|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for q in r.queues {
            let cols: [String] = [
                "`\(cell(q.queue.name))`", q.queue.kind.rawValue, SimulationNumbers.fixed(q.reviewsPerDay, 1),
                q.queue.capacityPerDay.map { SimulationNumbers.fixed($0, 1) } ?? "—",
                q.utilisation.map(SimulationNumbers.percent) ?? "—", q.status == "ok" ? "ok" : "**\(q.status)**",
                q.serviceLevel.map(SimulationNumbers.percent) ?? "—", q.capacityNeeded.map(String.init) ?? "—",
                q.waits.map { SimulationNumbers.duration($0.p50) } ?? "—", q.waits.map { SimulationNumbers.duration($0.p95) } ?? "—",
                q.waits.map { SimulationNumbers.duration($0.max) } ?? "—", q.slaBreaches.map(String.init) ?? "—",
                "\(q.escalatedIn)/\(q.escalatedOut)", String(q.rejectedOnTimeout),
            ]
            out += "| " + cols.joined(separator: " | ") + " |\n"
        }
        out += "\n<sub>Model: \(SimulationLines.model(r)).</sub>\n"
        var caps = "\n<details><summary>Routing per capability</summary>\n\n| capability | actions | autonomous | review | approval | disabled | invalid |\n|---|--:|--:|--:|--:|--:|--:|\n"
        for c in r.routing.sortedCapabilities {
            let row = "| `\(cell(c.name))` | \(c.total) | " + c.counts.map(String.init).joined(separator: " | ") + " |\n"
            if out.count + caps.count + row.count + 200 > limit {
                caps += "| … | | | | | | |\n"
                break
            }
            caps += row
        }
        out += caps + "\n</details>\n"
        return out
    }

    /// Text safe inside a table cell and code span.
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in s.prefix(200) {
            switch ch {
            case "|": out += "\\|"
            case "`": out += "'"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
