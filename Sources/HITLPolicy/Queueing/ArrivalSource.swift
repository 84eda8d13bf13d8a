/// A queue's arrivals as a replay reads them, in time order: its direct arrivals (read from
/// their store, their times made relative to the replay's origin) merged with those escalated
/// into it from the tier below (an escalated one first at the same instant). Can be read any
/// number of times.
struct ArrivalSource: Sequence {
    /// How stored times become replay times: `time * scale - shift` (times since 1970 minus
    /// the origin, or action ordinals times the spacing of a log without times).
    enum Clock {
        case shift(Double)
        case scale(Double)

        @inline(__always) func apply(_ t: Double) -> Double {
            switch self {
            case .shift(let o): t - o
            case .scale(let step): t * step
            }
        }
    }

    let direct: ArrivalStore
    let clock: Clock
    /// Escalated in (times already relative), if any.
    var escalated: ArrivalStore?

    /// Direct and escalated arrivals.
    var count: Int { direct.count + (escalated?.count ?? 0) }
    /// The latest arrival's time (nil when there is none).
    var lastTime: Double? {
        let a = direct.count > 0 ? clock.apply(direct.lastTime) : nil
        let b = (escalated?.count ?? 0) > 0 ? escalated?.lastTime : nil
        switch (a, b) {
        case let (x?, y?): return Swift.max(x, y)
        case let (x?, nil): return x
        case let (nil, y): return y
        }
    }
    /// The earliest arrival's time (nil when there is none).
    var firstTime: Double? {
        let a = direct.count > 0 ? clock.apply(direct.firstTime) : nil
        let b = (escalated?.count ?? 0) > 0 ? escalated?.firstTime : nil
        switch (a, b) {
        case let (x?, y?): return Swift.min(x, y)
        case let (x?, nil): return x
        case let (nil, y): return y
        }
    }
    /// The least work of an arrival.
    var leastWork: Int32 { Swift.min(direct.leastWork, escalated?.leastWork ?? Int32.max) }

    func makeIterator() -> Iterator {
        Iterator(direct: direct.makeIterator(), escalated: escalated?.makeIterator(), clock: clock)
    }

    struct Iterator: IteratorProtocol {
        var direct: ArrivalStore.Iterator
        var escalated: ArrivalStore.Iterator?
        let clock: Clock
        private var a: QueueEntry?
        private var b: QueueEntry?

        init(direct: ArrivalStore.Iterator, escalated: ArrivalStore.Iterator?, clock: Clock) {
            self.direct = direct
            self.escalated = escalated
            self.clock = clock
            a = self.direct.next().map { QueueEntry(time: clock.apply($0.time), work: $0.work) }
            b = self.escalated?.next()
        }

        @inline(__always)
        mutating func next() -> QueueEntry? {
            // As the merge of two sorted lists: an escalated entry before a direct one at the
            // same instant.
            if let y = b, a.map({ y.time <= $0.time }) ?? true {
                b = escalated?.next()
                return y
            }
            guard let x = a else { return nil }
            a = direct.next().map { QueueEntry(time: clock.apply($0.time), work: $0.work) }
            return x
        }
    }
}
