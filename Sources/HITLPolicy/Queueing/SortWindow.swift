/// Puts a queue's arrivals in time order as they come, holding back the latest `limit` of
/// them: a log need only be in order to within that many arrivals per queue. Arrivals in
/// order (the common case) wait in a plain run, appended and taken from its front; those out
/// of order in a binary heap by time; the earliest of the two fronts leaves first. What
/// leaves the window goes to the queue's store in order; an arrival earlier than one that
/// already left cannot be placed, and `push` says so. (Two arrivals of a queue at the same
/// instant are the same entry, so ties need no rule.)
struct SortWindow {
    /// Arrivals held back per queue.
    static let defaultLimit = 1 << 15

    let limit: Int
    /// In time order: `run[runStart...]`.
    private var run: [QueueEntry] = []
    private var runStart = 0
    private var heap: [QueueEntry] = []
    /// The time of the last entry handed on (nil before the first).
    private(set) var released: Double?

    init(limit: Int = SortWindow.defaultLimit) {
        self.limit = max(limit, 1)
    }

    private var count: Int { run.count - runStart + heap.count }

    /// Adds an arrival, handing the earliest on to `store` when the window is full; false
    /// (nothing added) when it is earlier than an arrival already handed on.
    mutating func push(_ e: QueueEntry, into store: ArrivalStore) -> Bool {
        if let released, e.time < released { return false }
        if count >= limit {
            // Full: the earliest of the window and `e` goes on.
            if let first = earliest, first.time < e.time {
                store.append(takeEarliest())
            } else {
                store.append(e)
                released = e.time
                return true
            }
        }
        if runStart == run.count || run[run.count - 1].time <= e.time {
            run.append(e)
        } else {
            heap.append(e)
            var k = heap.count - 1
            while k > 0 {
                let parent = (k - 1) / 2
                guard heap[k].time < heap[parent].time else { break }
                heap.swapAt(k, parent)
                k = parent
            }
        }
        return true
    }

    /// Hands every arrival held on to `store`, in order.
    mutating func drain(into store: ArrivalStore) {
        while count > 0 { store.append(takeEarliest()) }
    }

    /// The earliest arrival held.
    private var earliest: QueueEntry? {
        let a = runStart < run.count ? run[runStart] : nil
        let b = heap.first
        guard let x = a else { return b }
        guard let y = b else { return x }
        return y.time < x.time ? y : x
    }

    private mutating func takeEarliest() -> QueueEntry {
        let fromRun = runStart < run.count && (heap.isEmpty || run[runStart].time <= heap[0].time)
        let top: QueueEntry
        if fromRun {
            top = run[runStart]
            runStart += 1
            if runStart == run.count {
                run.removeAll(keepingCapacity: true)
                runStart = 0
            } else if runStart >= 4096, runStart * 2 >= run.count {
                run.removeFirst(runStart)
                runStart = 0
            }
        } else {
            top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var k = 0
                while true {
                    let l = 2 * k + 1, r = l + 1
                    var m = k
                    if l < heap.count, heap[l].time < heap[m].time { m = l }
                    if r < heap.count, heap[r].time < heap[m].time { m = r }
                    if m == k { break }
                    heap.swapAt(k, m)
                    k = m
                }
            }
        }
        released = top.time
        return top
    }
}
