/// A run of a log's non-blank lines and, once read, what each one is (`SimulatedLine`): the
/// unit `simulate` hands to its reader threads, collected in order. Used by one thread at a
/// time (filled by the collector, read by one worker, handed back under the pool's lock), so
/// its state goes without dynamic exclusivity checks.
final class SimulationBatch: PoolBatch, @unchecked Sendable {
    /// Bytes of lines per batch, and lines per batch (as `eval`'s batches).
    static let byteLimit = ActionStream.batchSize
    static let lineLimit = ActionStream.batchLines

    /// One input line: where it is in `input` and its number in the log; `tooLong` marks a
    /// line longer than `ActionStream.maxLine` (not held).
    struct Span {
        var start: Int
        var end: Int
        var number: Int
        var tooLong: Bool
    }

    /// The lines' bytes, `count` of them (a plain buffer: copying a line in is one `memcpy`).
    @exclusivity(unchecked) private(set) var input = UnsafeMutablePointer<UInt8>.allocate(capacity: SimulationBatch.byteLimit)
    @exclusivity(unchecked) private var capacity = SimulationBatch.byteLimit
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) var spans: [Span] = []
    /// Per span, once read.
    @exclusivity(unchecked) var lines: [SimulatedLine] = []
    /// The queues of the approvals (`SimulatedLine.queues` ranges index it).
    @exclusivity(unchecked) var queues: [Int32] = []
    /// The capabilities of this batch's actions, in order of first appearance.
    @exclusivity(unchecked) var capabilities = ByteNames()
    /// Amounts per route (`RoutingCounts.Route.index`) and currency.
    @exclusivity(unchecked) var amounts: [(route: Int, currency: [UInt8], sum: ExactSum)] = []
    var done = false

    var isFull: Bool { count >= Self.byteLimit || spans.count >= Self.lineLimit }

    deinit { input.deallocate() }

    /// The bytes of a line.
    func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: input + span.start, count: span.end - span.start)
    }

    /// Empties the batch for the next lines.
    func reset() {
        count = 0
        if capacity > 4 * Self.byteLimit {
            input.deallocate()
            capacity = Self.byteLimit
            input = .allocate(capacity: capacity)
        }
        spans.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        queues.removeAll(keepingCapacity: true)
        capabilities.removeAll()
        amounts.removeAll(keepingCapacity: true)
    }

    /// Adds a line (its bytes, without the newline).
    func append(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if count + line.count > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + line.count))
            grown.update(from: input, count: count)
            input.deallocate()
            input = grown
            capacity = max(2 * capacity, count + line.count)
        }
        if let base = line.baseAddress { (input + count).update(from: base, count: line.count) }
        spans.append(Span(start: count, end: count + line.count, number: number, tooLong: false))
        count += line.count
    }

    /// Adds the mark of a line too long to read.
    func appendTooLong(number: Int) {
        spans.append(Span(start: count, end: count, number: number, tooLong: true))
    }

    func run(with reader: SimulationReader) {
        for span in spans {
            lines.append(span.tooLong ? SimulatedLine(kind: .tooLong) : reader.read(bytes(span), into: self))
        }
    }

    /// Adds an action's amount to its route's sum in its currency.
    func addAmount(route: Int, currency: UnsafeBufferPointer<UInt8>, _ value: ActionNumber) {
        for k in amounts.indices where amounts[k].route == route && amounts[k].currency.elementsEqual(currency) {
            amounts[k].sum.add(value)
            return
        }
        var sum = ExactSum()
        sum.add(value)
        amounts.append((route, Array(copying: currency), sum))
    }
}

/// What one log line is, as a reader thread found it.
struct SimulatedLine {
    enum Kind: UInt8 {
        /// An action, decided: `route`, `capability`, `queues`, `time`.
        case action
        /// A review record (skipped).
        case review
        /// A line read again on the collecting thread, the general way (`LogLine`): not a
        /// JSON object, a tool call, a malformed or escaped `time`, an escaped key.
        case slow
        /// Longer than `ActionStream.maxLine`.
        case tooLong
    }

    var kind: Kind
    var route: UInt8 = 0
    var timed = false
    /// In the batch's `capabilities`.
    var capability: Int32 = 0
    /// The approvals' queues: `queues[queueStart..<queueEnd]` of the batch.
    var queueStart: Int32 = 0
    var queueEnd: Int32 = 0
    var time = Timestamp(seconds: 0)
}
