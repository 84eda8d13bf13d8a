/// How many logged actions fall in each region and group (`diff --traffic LOG`). Each line is
/// read by both policies' evaluators (`TrafficPlacer`: the reader `eval` decides with, tool
/// calls mapped through each policy's `tools:`); a line either finds invalid is counted as
/// invalid, and a valid action is placed by evaluating the regions' conditions on what they
/// read. A region holds every action whose two decisions differ that way, so each action is
/// in at most one region of each capability class.
package struct DiffTraffic: Sendable {
    /// The log's name, for the headline.
    package var log: String
    /// Non-blank lines read.
    package var total = 0
    /// Lines that either policy decides `invalid` (not JSON, not an action, too long).
    package var invalid = 0
    /// Actions in some region.
    package var placed = 0
    /// Actions per region, in `DiffReport.regions` order.
    package var regions: [Int]
    /// Actions per group, in `DiffReport.groups` order.
    package var groups: [Int]

    /// A line longer than this is counted as invalid and skipped (as `eval` bounds lines).
    package static let maxLine = ActionStream.maxLine

    /// Reads the JSON Lines at `fd` with the streams' reader (memory bounded by `maxLine`),
    /// placing each action in `report`'s regions.
    package static func count(fd: Int32, log: String, report: DiffReport, old: DecisionTable, new: DecisionTable) -> DiffTraffic {
        var t = DiffTraffic(log: log, regions: Array(repeating: 0, count: report.regions.count),
                            groups: Array(repeating: 0, count: report.groups.count))
        // `diff --traffic` loads both tables with their diagrams; without them nothing is placed.
        guard let placer = TrafficPlacer(report.placement, old: old, new: new) else { return t }
        var groupOf = [Int](repeating: -1, count: report.regions.count)
        for (g, group) in report.groups.enumerated() { for k in group.regions where groupOf.indices.contains(k) { groupOf[k] = g } }
        var reader = ChunkReader(fd: fd)
        while let next = reader.nextLine(limit: maxLine) {
            guard case .line(let r) = next else { t.total += 1; t.invalid += 1; continue }
            guard !reader.isBlank(r) else { continue }
            t.total += 1
            // A leading byte order mark is read as `eval` reads it: as if it were not there.
            let body = r.dropFirst(ByteOrderMark.length(reader.buffer[r]))
            t.add(reader.buffer.withUnsafeBufferPointer { placer.place(UnsafeBufferPointer(rebasing: $0[body])) }, groupOf)
        }
        return t
    }

    private mutating func add(_ place: TrafficPlacer.Place, _ groupOf: [Int]) {
        switch place {
        case .invalid: invalid += 1
        case .outside: break
        case .region(let k):
            guard regions.indices.contains(k) else { return }
            placed += 1
            regions[k] += 1
            if groupOf[k] >= 0 { groups[groupOf[k]] += 1 }
        }
    }

    /// `12 of 200 logged actions (6.0%)`.
    package func share(_ n: Int) -> String {
        "\(n) of \(total) logged action\(total == 1 ? "" : "s") (\(Self.percent(n, total)))"
    }

    /// The headline: how much of the log the changes touch.
    package var headline: String {
        "traffic \(log): \(placed) of \(total) logged action\(total == 1 ? "" : "s") (\(Self.percent(placed, total))) fall in a changed region"
            + (invalid > 0 ? "; \(invalid) invalid under either policy" : "")
    }

    /// One decimal place, rounded down; `0.0%` of an empty log.
    static func percent(_ n: Int, _ total: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let (tenths, overflow) = n.multipliedReportingOverflow(by: 1000)
        let t = overflow ? Int(Double(n) / Double(total) * 1000) : tenths / total
        return "\(t / 10).\(t % 10)%"
    }
}
