@testable import HITLPolicy

/// A slow, obvious replay written straight from docs/simulate.md, for the differential test:
/// time moves from event to event (an arrival, the head's completion, the head's deadline,
/// the start or end of working hours), and in between the head of the queue receives
/// `rate` reviews per second while reviewers work, nothing otherwise.
enum QueueReplayReference {
    struct Result: Equatable {
        var withinSLA = 0
        var timeouts: [Double] = []
        var waits: [Double] = []
    }

    static func run(_ entries: [QueueEntry], capacityPerDay: Double, sla: Double?, open: Double, close: Double) -> Result {
        var result = Result()
        let rate = capacityPerDay / (close - open)
        var waiting: [(arrival: Double, deadline: Double, remaining: Double)] = []
        var t = entries.first?.time ?? 0
        var i = 0
        while i < entries.count || !waiting.isEmpty {
            if waiting.isEmpty {
                t = max(t, entries[i].time)
                waiting.append((entries[i].time, entries[i].time + (sla ?? .infinity), Double(entries[i].work)))
                i += 1
                continue
            }
            let day = (t / 86_400).rounded(.down)
            let tod = t - day * 86_400
            let working = tod >= open && tod < close
            let boundary = working ? day * 86_400 + close : tod < open ? day * 86_400 + open : (day + 1) * 86_400 + open
            let r = working ? rate : 0
            let head = waiting[0]
            // Less than a billionth of a review left is rounding: done now.
            let finish = head.remaining <= 1e-9 ? t : r > 0 ? t + head.remaining / r : .infinity
            let arrival = i < entries.count ? entries[i].time : .infinity
            if finish <= head.deadline, finish <= arrival, finish <= boundary {
                t = finish
                result.withinSLA += 1
                result.waits.append(t - head.arrival)
                waiting.removeFirst()
            } else if head.deadline < finish, head.deadline <= arrival, head.deadline <= boundary {
                t = head.deadline
                result.timeouts.append(t)
                result.waits.append(t - head.arrival)
                waiting.removeFirst()
            } else if arrival <= boundary {
                waiting[0].remaining -= r * (arrival - t)
                t = arrival
                waiting.append((entries[i].time, entries[i].time + (sla ?? .infinity), Double(entries[i].work)))
                i += 1
            } else {
                waiting[0].remaining -= r * (boundary - t)
                t = boundary
            }
        }
        return result
    }
}
