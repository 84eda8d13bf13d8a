/// What `simulate` keeps while it reads: routing counts and, per queue, the arrivals of the
/// actions routed to it (with times, and in line order for a log without them), put in time
/// order within a window and kept in a store off the heap.
struct Traffic {
    var routing = RoutingCounts()
    var lines = 0
    var reviewRecords = 0
    var badTimes = 0
    var notes: [String] = []
    var noteCount = 0
    /// Actions decided (lines that are not review records).
    var actions = 0
    /// Actions with a valid time; the earliest and latest.
    var timedActions = 0
    var first: Timestamp?
    var last: Timestamp?
    /// Per queue: approval arrivals by time (seconds since 1970, in time order once
    /// `windows` are drained) and by action ordinal.
    var timed: [ArrivalStore]
    var ordinal: [ArrivalStore]
    /// Per queue: the arrivals by time not yet in order.
    var windows: [SortWindow]
    /// Per queue: actions routed there without a time.
    var untimedByQueue: [Int]
    /// Why the log cannot be replayed (an arrival too far out of time order).
    var failure: String?
    let names: [String: Int]
    let queueNames: [String]
    let quorum: [Int32]
    let currency: String?
    let tools: ToolMappings

    /// `windowLimit`: arrivals per queue held back to be put in time order.
    init(table: DecisionTable, windowLimit: Int = SortWindow.defaultLimit) {
        let n = table.approvers.count
        timed = (0..<n).map { _ in ArrivalStore() }
        ordinal = (0..<n).map { _ in ArrivalStore() }
        windows = Array(repeating: SortWindow(limit: windowLimit), count: n)
        untimedByQueue = Array(repeating: 0, count: n)
        queueNames = table.approvers.map(\.name)
        var names: [String: Int] = [:]
        for (k, a) in table.approvers.enumerated() where names[a.name] == nil { names[a.name] = k }
        self.names = names
        quorum = table.approvers.map { Int32(clamping: max($0.quorum, 1)) }
        currency = table.currency
        tools = table.tools
    }

    mutating func note(_ text: String) {
        noteCount += 1
        if notes.count < Simulation.maxNotes { notes.append(text) }
    }

    mutating func tooLong(line: Int) {
        lines += 1
        actions += 1
        routing.add(.invalid, capability: nil, amount: nil)
        note("line \(line): longer than \(ActionStream.maxLine) bytes (invalid)")
    }

    /// Counts a batch's lines, in order (the lines marked `slow` are read here, the general
    /// way), and the amounts they carry.
    mutating func add(_ batch: SimulationBatch, policy: CompiledPolicy) {
        var slots = [Int](repeating: -1, count: batch.capabilities.names.count)
        for (k, l) in batch.lines.enumerated() {
            switch l.kind {
            case .tooLong:
                tooLong(line: batch.spans[k].number)
            case .slow:
                let span = batch.spans[k]
                add(Array(copying: ByteOrderMark.dropping(batch.bytes(span))), line: span.number, policy: policy)
            case .review:
                lines += 1
                reviewRecords += 1
            case .action:
                lines += 1
                let ordinal = actions
                actions += 1
                let c = Int(l.capability)
                if slots[c] < 0 { slots[c] = routing.slot(String(decoding: batch.capabilities.names[c], as: UTF8.self)) }
                let route = Int(l.route)
                routing.add(route, capability: slots[c])
                if l.timed {
                    let time = l.time
                    timedActions += 1
                    if first.map({ time < $0 }) ?? true { first = time }
                    if last.map({ $0 < time }) ?? true { last = time }
                }
                guard route == approvalRoute else { continue }
                for q in batch.queues[Int(l.queueStart)..<Int(l.queueEnd)] {
                    arrive(Int(q), at: l.timed ? l.time : nil, ordinal: ordinal, line: batch.spans[k].number)
                }
            }
        }
        for a in batch.amounts { routing.add(RoutingCounts.Route(index: a.route), currency: String(decoding: a.currency, as: UTF8.self), a.sum.total) }
    }

    private let approvalRoute = RoutingCounts.Route.approval.index

    /// An approval enters queue `q`: at `time`, or without a time as the action numbered
    /// `ordinal` (line `line`).
    mutating func arrive(_ q: Int, at time: Timestamp?, ordinal k: Int, line: Int) {
        if let time {
            let at = Double(time.seconds) + Double(time.nanoseconds) / 1e9
            if !windows[q].push(QueueEntry(time: at, work: quorum[q]), into: timed[q]), failure == nil {
                failure = "line \(line): its time \(Self.text(time)) is earlier than approvals already replayed in queue "
                    + "\(queueNames[q]) (simulate puts each queue's arrivals in time order within \(windows[q].limit) of them); "
                    + "sort the log by time first, e.g. jq -c -s 'sort_by(.time)[]' LOG"
            }
        } else {
            ordinal[q].append(QueueEntry(time: Double(k), work: quorum[q]))
            untimedByQueue[q] += 1
        }
    }

    /// Ends the reading: every queue's arrivals in order in its store.
    mutating func finish() {
        for q in windows.indices {
            windows[q].drain(into: timed[q])
            timed[q].finish()
            ordinal[q].finish()
        }
    }

    mutating func add(_ bytes: [UInt8], line: Int, policy: CompiledPolicy) {
        lines += 1
        guard case .action(let action, let time, let badTime) = LogLine.read(bytes) else {
            reviewRecords += 1
            return
        }
        let k = actions
        actions += 1
        let decision = policy.decide(Action(json: action, line: line))
        if let badTime {
            badTimes += 1
            note("line \(line): \(badTime) (invalid for simulate)")
            routing.add(.invalid, capability: decision.capability, amount: nil)
            return
        }
        let route = RoutingCounts.Route(decision)
        let amount = route == .invalid ? nil : LogLine.amount(of: action, policyCurrency: currency, tools: tools)
        routing.add(route, capability: decision.capability, amount: amount)
        if let time {
            timedActions += 1
            if first.map({ time < $0 }) ?? true { first = time }
            if last.map({ $0 < time }) ?? true { last = time }
        }
        guard route == .approval else { return }
        for a in decision.approvals {
            guard let q = names[a.name] else { continue }
            arrive(q, at: time, ordinal: k, line: line)
        }
    }
}
