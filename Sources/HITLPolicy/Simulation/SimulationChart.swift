/// `simulate --chart FILE.svg` (SPEC §8): one panel per tier and panel whose log had times —
/// reviews arriving per hour as bars against the capacity line, and below them the actions
/// waiting — with the queue's status, utilisation and SLA breaches in its title. The SVG is
/// self-contained (no script, no external font or image), and every number it shows is in
/// the JSON output (`reviews_by_hour`, `backlog_by_hour`, `capacity_per_day`, `utilisation`,
/// `sla_breaches`, `backlog_max`). Long periods are drawn in buckets of several hours
/// (at most `maxColumns` columns), the label saying how many.
package enum SimulationChart {
    /// Most columns drawn per panel.
    static let maxColumns = 336
    static let width = 960.0
    static let left = 64.0, right = 24.0
    static let loadHeight = 150.0, backlogHeight = 70.0, gap = 26.0, titleHeight = 44.0

    /// The SVG text; nil when no queue has hourly data (a log without times).
    package static func render(_ report: SimulationReport) -> String? {
        let drawn = report.queues.filter { !$0.reviewsByHour.isEmpty && $0.reviews > 0 }
        guard !drawn.isEmpty else { return nil }
        let panelHeight = titleHeight + loadHeight + gap + backlogHeight + 40
        let height = 70 + Double(drawn.count) * panelHeight
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        let period = [report.start, report.end].compactMap { $0 }.joined(separator: " to ")
        s += text(left, 26, fitted("hitl-policy simulate: \(report.policy) on \(fileName(report.log))"), size: 16, weight: "bold")
        s += text(left, 46, "\(period) UTC; " + (report.clock.isAllDay ? "reviewers work all day" : "reviewers work \(hour(report.clock.open))-\(hour(report.clock.close)) UTC"),
                  size: 12, fill: "#444444")
        // One time axis for every panel: the longest series (a queue's ends at its last arrival).
        let hours = drawn.map(\.reviewsByHour.count).max() ?? 0
        for (k, q) in drawn.enumerated() {
            s += panel(q, report: report, hours: hours, top: 70 + Double(k) * panelHeight)
        }
        s += "</svg>\n"
        return s
    }

    private static func panel(_ q: SimulationReport.Queue, report: SimulationReport, hours: Int, top: Double) -> String {
        let bucket = max(1, (hours + maxColumns - 1) / maxColumns)
        let columns = (hours + bucket - 1) / bucket
        var load = [Int](repeating: 0, count: columns), waiting = [Int](repeating: 0, count: columns)
        for (h, r) in q.reviewsByHour.enumerated() { load[h / bucket] += r }
        for (h, b) in q.backlogByHour.enumerated() where h / bucket < columns { waiting[h / bucket] = max(waiting[h / bucket], b) }
        // Capacity per column: the day's capacity spread over the working seconds of each hour.
        let perDay = q.queue.capacityPerDay
        var capacity = [Double](repeating: 0, count: columns)
        if let perDay {
            for h in 0..<hours {
                let worked = report.clock.worked(until: Double(h + 1) * 3600) - report.clock.worked(until: Double(h) * 3600)
                capacity[h / bucket] += perDay * worked / report.clock.secondsPerDay
            }
        }
        let loadMax = max(Double(load.max() ?? 0), capacity.max() ?? 0, 1)
        let waitMax = max(Double(waiting.max() ?? 0), 1)
        let plotWidth = width - left - right
        let step = plotWidth / Double(columns)
        var s = "<g>\n"
        let status = q.status
        let color = status == "overloaded" ? "#c0392b" : status == "strained" ? "#d68910" : status == "ok" ? "#1e8449" : "#555555"
        var title = "\(q.queue.kind == .tier ? "tier" : "panel") \(q.queue.name): \(status)"
        if let u = q.utilisation { title += ", utilisation \(percent(u))" }
        if let b = q.slaBreaches { title += ", \(b) SLA breach\(b == 1 ? "" : "es")" }
        s += text(left, top + 16, title, size: 14, weight: "bold", fill: color)
        var sub = "\(q.reviews) reviews (\(q.escalatedIn) escalated in)"
        if let perDay { sub += "; capacity \(n(perDay))/day" } else { sub += "; no capacity declared" }
        if let m = q.backlogMax { sub += "; at most \(m) waiting" }
        s += text(left, top + 34, sub, size: 11, fill: "#444444")
        // Load: bars and the capacity line.
        let y0 = top + titleHeight, base = y0 + loadHeight
        s += axis(y0: y0, height: loadHeight, max: loadMax, label: bucket == 1 ? "reviews / hour" : "reviews / \(bucket) h")
        for (c, v) in load.enumerated() where v > 0 {
            let h = loadHeight * Double(v) / loadMax
            let over = perDay != nil && Double(v) > capacity[c] + 1e-9
            s += "<rect x=\"\(n(left + Double(c) * step + 0.5))\" y=\"\(n(base - h))\" width=\"\(n(max(step - 1, 0.8)))\" height=\"\(n(h))\" fill=\"\(over ? "#e59866" : "#5dade2")\"/>\n"
        }
        if perDay != nil {
            var path = ""
            for (c, v) in capacity.enumerated() {
                let y = base - loadHeight * v / loadMax
                path += (c == 0 ? "M" : "L") + "\(n(left + Double(c) * step)),\(n(y)) L\(n(left + Double(c + 1) * step)),\(n(y)) "
            }
            s += "<path d=\"\(path)\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.6\" stroke-dasharray=\"5,3\"/>\n"
        }
        // Waiting: an area (a queue without capacity is not replayed: nothing to draw).
        let w0 = base + gap, wBase = w0 + backlogHeight
        if perDay == nil {
            s += text(left, w0 + 24, "not replayed: no capacity is declared for this \(q.queue.kind == .tier ? "tier" : "panel"), so nobody is known to work its queue", size: 11, fill: "#666666")
        } else {
            s += axis(y0: w0, height: backlogHeight, max: waitMax, label: "waiting")
            var area = "M\(n(left)),\(n(wBase)) "
            for (c, v) in waiting.enumerated() {
                let y = wBase - backlogHeight * Double(v) / waitMax
                area += "L\(n(left + Double(c) * step)),\(n(y)) L\(n(left + Double(c + 1) * step)),\(n(y)) "
            }
            area += "L\(n(left + Double(columns) * step)),\(n(wBase)) Z"
            s += "<path d=\"\(area)\" fill=\"#a569bd\" fill-opacity=\"0.55\" stroke=\"#7d3c98\" stroke-width=\"1\"/>\n"
        }
        // Day marks under the plots.
        let hoursPerDay = 24.0 / Double(bucket)
        let days = Int(Double(columns) / hoursPerDay)
        let every = max(1, days / 14)
        for d in stride(from: 0, through: days, by: every) {
            let x = left + Double(d) * hoursPerDay * step
            s += "<line x1=\"\(n(x))\" y1=\"\(n(y0))\" x2=\"\(n(x))\" y2=\"\(n(wBase))\" stroke=\"#dddddd\" stroke-width=\"0.8\"/>\n"
            s += text(x + 2, wBase + 14, "day \(d + 1)", size: 10, fill: "#666666")
        }
        // Legend.
        let ly = wBase + 30
        s += "<rect x=\"\(n(left))\" y=\"\(n(ly - 9))\" width=\"10\" height=\"10\" fill=\"#5dade2\"/>" + text(left + 14, ly, "reviews arriving", size: 10)
        if perDay != nil {
            s += "<rect x=\"\(n(left + 120))\" y=\"\(n(ly - 9))\" width=\"10\" height=\"10\" fill=\"#e59866\"/>" + text(left + 134, ly, "above capacity", size: 10)
            s += "<line x1=\"\(n(left + 235))\" y1=\"\(n(ly - 4))\" x2=\"\(n(left + 255))\" y2=\"\(n(ly - 4))\" stroke=\"#c0392b\" stroke-width=\"1.6\" stroke-dasharray=\"5,3\"/>"
                + text(left + 260, ly, "capacity", size: 10)
            s += "<rect x=\"\(n(left + 320))\" y=\"\(n(ly - 9))\" width=\"10\" height=\"10\" fill=\"#a569bd\"/>" + text(left + 334, ly, "actions waiting (most in the hour)", size: 10)
        }
        s += "</g>\n"
        return s
    }

    private static func axis(y0: Double, height: Double, max: Double, label: String) -> String {
        var s = "<line x1=\"\(n(left))\" y1=\"\(n(y0 + height))\" x2=\"\(n(width - right))\" y2=\"\(n(y0 + height))\" stroke=\"#999999\"/>\n"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(y0))\" x2=\"\(n(left))\" y2=\"\(n(y0 + height))\" stroke=\"#999999\"/>\n"
        s += text(left - 6, y0 + 10, n(max), size: 10, anchor: "end", fill: "#666666")
        s += text(left - 6, y0 + height, "0", size: 10, anchor: "end", fill: "#666666")
        s += "<text x=\"\(n(left - 40))\" y=\"\(n(y0 + height / 2))\" font-size=\"10\" fill=\"#666666\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(left - 40)) \(n(y0 + height / 2)))\">\(escape(label))</text>\n"
        return s
    }

    /// A `<text>` element (escaped), for the other charts too.
    /// A chart's title line, fitted to the chart (SVG text does not wrap): at most `limit`
    /// characters, the end elided.
    static func fitted(_ title: String, limit: Int = 88) -> String {
        title.count <= limit ? title : String(title.prefix(limit - 1)) + "…"
    }

    /// A log's file name, for a title (the JSON keeps the path).
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func textElement(_ x: Double, _ y: Double, _ t: String, size: Int, weight: String? = nil, anchor: String? = nil, fill: String = "#222222") -> String {
        text(x, y, t, size: size, weight: weight, anchor: anchor, fill: fill)
    }

    private static func text(_ x: Double, _ y: Double, _ t: String, size: Int, weight: String? = nil, anchor: String? = nil, fill: String = "#222222") -> String {
        var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { s += " font-weight=\"\(weight)\"" }
        if let anchor { s += " text-anchor=\"\(anchor)\"" }
        return s + ">\(escape(t))</text>\n"
    }

    /// Text for XML: `&`, `<`, `>` and quotes escaped; control characters dropped.
    static func escape(_ t: String) -> String {
        var out = ""
        for u in t.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: if u.value >= 0x20 || u == "\t" { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A coordinate or count with at most one decimal, no exponent.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    private static func percent(_ u: Double) -> String { n(u * 100) + "%" }

    private static func hour(_ seconds: Double) -> String {
        let h = Int(seconds / 3600)
        return h < 10 ? "0\(h):00" : "\(h):00"
    }
}
