/// Reads log lines for `simulate` on one thread: each line once, by the evaluator's own
/// scanner, which picks up the line's `time` and (for a §12 decision record) its `action`
/// in the same scan (`Evaluator.read(line:members:)`); the action is decided as `eval` decides
/// it (`Decider.rowOfScanned`: the same walks and rows). A line out of the common shapes is
/// marked for the general reading (`LogLine`) instead.
final class SimulationReader {
    let decider: Decider
    /// Queue number by tier or panel name.
    private let queueOf: [String: Int]
    /// The policy currency's bytes (for a bare amount).
    private let currency: [UInt8]
    /// Per row number of `decider.rows` (of `generation`): its route and, from `queueStart`
    /// in `rowQueues`, its approvals' queues; route -1 when not yet known.
    @exclusivity(unchecked) private var rowRoute: [Int] = []
    @exclusivity(unchecked) private var rowQueueStart: [Int] = []
    @exclusivity(unchecked) private var rowQueueEnd: [Int] = []
    @exclusivity(unchecked) private var rowQueues: [Int32] = []
    @exclusivity(unchecked) private var generation = -1

    init(decider: Decider, queues: [String: Int], currency: String?) {
        self.decider = decider
        queueOf = queues
        self.currency = Array((currency ?? "").utf8)
    }

    /// What `line` is; its approvals' queues and its amount go into `batch`.
    func read(_ raw: UnsafeBufferPointer<UInt8>, into batch: SimulationBatch) -> SimulatedLine {
        let e = decider.evaluator
        defer { e.clearAction() }
        var members = LogMembers()
        guard e.read(line: raw, members: &members), !members.escapedKey else { return SimulatedLine(kind: .slow) }
        var line = e.action.line
        if members.hasReview, !members.hasCapability, !members.hasTool { return SimulatedLine(kind: .review) }
        var time: Timestamp?
        guard Self.time(members, in: line, into: &time) else { return SimulatedLine(kind: .slow) }
        if members.hasDecision, let action = members.action {
            // A decision record: its action is decided (its own time first).
            e.clearAction()
            line = UnsafeBufferPointer(rebasing: line[action])
            var inner = LogMembers()
            guard e.read(line: line, members: &inner), !inner.escapedKey else { return SimulatedLine(kind: .slow) }
            if inner.timeKind != 0 {
                time = nil
                guard Self.time(inner, in: line, into: &time) else { return SimulatedLine(kind: .slow) }
            }
        }
        // No capability: a tool call, or an action the general reading explains.
        guard e.action.fields.capabilityToken != nil else { return SimulatedLine(kind: .slow) }
        var out = SimulatedLine(kind: .action)
        if let bytes = e.action.fields.capabilityBytes {
            out.capability = bytes.withUnsafeBufferPointer { batch.capabilities.number(of: $0) }
        } else {
            let r = e.action.fields.capability ?? 0..<0
            out.capability = batch.capabilities.number(of: UnsafeBufferPointer(rebasing: line[r]))
        }
        if let time {
            out.timed = true
            out.time = time
        }
        guard let row = decider.rowOfScanned() else {
            out.route = UInt8(RoutingCounts.Route.invalid.index)
            return out
        }
        if generation != decider.rowsGeneration {
            generation = decider.rowsGeneration
            rowRoute.removeAll(keepingCapacity: true)
            rowQueueStart.removeAll(keepingCapacity: true)
            rowQueueEnd.removeAll(keepingCapacity: true)
            rowQueues.removeAll(keepingCapacity: true)
        }
        if row >= rowRoute.count {
            rowRoute.append(contentsOf: repeatElement(-1, count: row + 1 - rowRoute.count))
            rowQueueStart.append(contentsOf: repeatElement(0, count: row + 1 - rowQueueStart.count))
            rowQueueEnd.append(contentsOf: repeatElement(0, count: row + 1 - rowQueueEnd.count))
        }
        if rowRoute[row] < 0 {
            let typed = decider.rows[row]
            rowRoute[row] = RoutingCounts.Route(typed.outcome, review: typed.review).index
            rowQueueStart[row] = rowQueues.count
            for a in typed.approvals { if let q = queueOf[a.name] { rowQueues.append(Int32(q)) } }
            rowQueueEnd[row] = rowQueues.count
        }
        let route = rowRoute[row]
        out.route = UInt8(route)
        if rowQueueEnd[row] > rowQueueStart[row] {
            out.queueStart = Int32(batch.queues.count)
            batch.queues.append(contentsOf: rowQueues[rowQueueStart[row]..<rowQueueEnd[row]])
            out.queueEnd = Int32(batch.queues.count)
        }
        if let amount = e.action.fields.amount {
            if let code = e.action.fields.currencyBytes {
                if code.count <= 16 { code.withUnsafeBufferPointer { batch.addAmount(route: route, currency: $0, amount) } }
            } else if let c = e.action.fields.currency {
                if c.count <= 16 { batch.addAmount(route: route, currency: UnsafeBufferPointer(rebasing: line[c]), amount) }
            } else if currency.count <= 16 {
                currency.withUnsafeBufferPointer { batch.addAmount(route: route, currency: $0, amount) }
            }
        }
        return out
    }

    /// The time `members` give (absent or null: none); false when the line must be read the
    /// general way (a `time` that is not a plain RFC 3339 string).
    private static func time(_ members: LogMembers, in line: UnsafeBufferPointer<UInt8>, into time: inout Timestamp?) -> Bool {
        switch members.timeKind {
        case 0, 0x6E:
            return true
        case 0x22:
            guard let r = members.time, !members.timeEscaped, let t = Timestamp(UnsafeBufferPointer(rebasing: line[r])) else { return false }
            time = t
            return true
        default:
            return false
        }
    }
}
