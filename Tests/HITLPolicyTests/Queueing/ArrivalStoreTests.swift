import Testing
@testable import HITLPolicy

@Suite("simulate: arrivals off the heap, in time order")
struct ArrivalStoreTests {
    static func entries(_ seed: UInt64, count: Int) -> [QueueEntry] {
        var rng = SplitMix(state: seed)
        var t = 0.0
        return (0..<count).map { _ in
            t += Double(rng.below(100)) / 7
            return QueueEntry(time: t, work: Int32(1 + rng.below(2)))
        }
    }

    @Test("a store written in small chunks to its temporary file reads back the same, as often as asked", arguments: [1, 3, 64, 5000])
    func roundTrip(chunk: Int) {
        let all = Self.entries(0x5702E + UInt64(chunk), count: 1000)
        let store = ArrivalStore(chunk: chunk)
        for e in all { store.append(e) }
        store.finish()
        #expect(store.count == all.count)
        #expect(Array(AnySequence { store.makeIterator() }) == all)
        #expect(Array(AnySequence { store.makeIterator() }) == all)
        #expect(store.firstTime == all.first?.time && store.lastTime == all.last?.time)
    }

    @Test("a source shifts the direct arrivals and merges the escalated ones in, escalated first at the same instant")
    func source() {
        let direct = ArrivalStore(chunk: 2)
        for t in [100.0, 110, 120, 130] { direct.append(QueueEntry(time: t, work: 1)) }
        direct.finish()
        let up = ArrivalStore(chunk: 2)
        for t in [5.0, 20, 40] { up.append(QueueEntry(time: t, work: 2, escalated: true)) }
        up.finish()
        var s = ArrivalSource(direct: direct, clock: .shift(100))
        s.escalated = up
        let merged = Array(s)
        #expect(merged.map(\.time) == [0, 5, 10, 20, 20, 30, 40])
        #expect(merged[3].escalated && !merged[4].escalated)
        #expect(s.count == 7 && s.firstTime == 0 && s.lastTime == 40)
        // As merging the two sorted lists.
        let a = Array(ArrivalSource(direct: direct, clock: .shift(100))), b = Array(AnySequence { up.makeIterator() })
        var i = 0, j = 0
        var expected: [QueueEntry] = []
        while i < a.count || j < b.count {
            if j < b.count, i == a.count || b[j].time <= a[i].time { expected.append(b[j]); j += 1 } else { expected.append(a[i]); i += 1 }
        }
        #expect(expected == merged)
    }

    @Test("the sort window orders arrivals within its size and refuses one earlier than what it handed on")
    func window() {
        var w = SortWindow(limit: 3)
        let store = ArrivalStore()
        for t in [5.0, 3, 4, 1, 2] {
            let placed = w.push(QueueEntry(time: t, work: 1), into: store)
            #expect(placed)
        }
        // 1 and 2 arrived within three of the later ones: handed on in order so far (3, 4, 5 held).
        let early = w.push(QueueEntry(time: 0, work: 1), into: store)
        #expect(!early, "earlier than 2, already handed on")
        let same = w.push(QueueEntry(time: 2, work: 1), into: store)
        #expect(same, "the same instant as the last handed on")
        w.drain(into: store)
        store.finish()
        #expect(Array(AnySequence { store.makeIterator() }).map(\.time) == [1, 2, 2, 3, 4, 5])
    }
}
