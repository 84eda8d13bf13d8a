/// Puts a queue's arrivals in time order as they come, holding back the latest `limit` of
/// them (a binary heap by time): a log need only be in order to within that many arrivals
/// per queue. What leaves the window goes to the queue's store in order; an arrival earlier
/// than one that already left cannot be placed, and `push` says so.
struct SortWindow {
    /// Arrivals held back per queue.
    static let defaultLimit = 1 << 15

    let limit: Int
    private var heap: [QueueEntry] = []
    /// The time of the last entry handed on (nil before the first).
    private(set) var released: Double?

    init(limit: Int = SortWindow.defaultLimit) {
        self.limit = max(limit, 1)
    }

    /// Adds an arrival, handing the earliest on to `store` when the window is full; false
    /// (nothing added) when it is earlier than an arrival already handed on.
    mutating func push(_ e: QueueEntry, into store: ArrivalStore) -> Bool {
        if let released, e.time < released { return false }
        if heap.count >= limit {
            // Full: the earliest of the window and `e` goes on, `e` taking its place (one
            // sift instead of two).
            if e.time <= heap[0].time {
                store.append(e)
                self.released = e.time
                return true
            }
            let top = heap[0]
            heap[0] = e
            siftDown(0)
            store.append(top)
            self.released = top.time
            return true
        }
        heap.append(e)
        var k = heap.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            guard heap[k].time < heap[parent].time else { break }
            heap.swapAt(k, parent)
            k = parent
        }
        return true
    }

    /// Hands every arrival held on to `store`, in order.
    mutating func drain(into store: ArrivalStore) {
        while !heap.isEmpty { store.append(popMin()) }
    }

    private mutating func popMin() -> QueueEntry {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        released = top.time
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var k = start
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
