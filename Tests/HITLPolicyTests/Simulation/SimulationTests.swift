#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HITLPolicy

@Suite("simulate: reading logs, routing and load")
struct SimulationTests {
    static let policy = """
        version: 1
        name: sim
        currency: USD
        exchange_rates: {EUR: 1.1}
        defaults: {stage: disabled, tier: team, sla: 1h, on_timeout: reject}
        tiers:
          - {name: team, approvers: [a], sla: 1h, on_timeout: escalate, capacity: 24/day}
          - {name: lead, approvers: [b, c], quorum: 2, sla: 1h, on_timeout: reject}
        specialists:
          privacy: {approvers: [dpo], sla: 8h, capacity: 10/day}
        capabilities:
          read: autonomous
          refund:
            stage: autonomous
            review: true
            spend: [{over: 100, tier: team}]
        compliance:
          - {id: pii, when: {tags: [pii]}, specialists: [privacy]}
        """

    static func simulate(_ lines: [String], options: SimulationOptions = SimulationOptions()) throws -> SimulationReport {
        guard case .loaded(let table) = PolicyTools.loadTable(bytes: Array(policy.utf8), label: "sim.yaml", allowTable: false) else {
            throw CancellationError()
        }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = lines.joined(separator: "\n") + "\n"
        let w = text.utf8.withContiguousStorageIfAvailable { write(fds[1], $0.baseAddress, $0.count) }
        #expect(w == text.utf8.count)
        close(fds[1])
        defer { close(fds[0]) }
        return try PolicyTools.simulate(table: table, fd: fds[0], log: "test", options: options).get()
    }

    @Test("routing per outcome, amounts per currency exactly, review records skipped, decision records re-decided")
    func routing() throws {
        let r = try Self.simulate([
            #"{"capability":"read","time":"2026-01-05T10:00:00Z"}"#,
            #"{"capability":"refund","amount":50.10,"time":"2026-01-05T10:00:01Z"}"#,
            #"{"capability":"refund","amount":{"value":"200.005","currency":"EUR"},"time":"2026-01-05T10:00:02Z"}"#,
            #"{"capability":"refund","amount":0.1,"time":"2026-01-05T10:00:03Z"}"#,
            #"{"capability":"refund","amount":0.2,"time":"2026-01-05T10:00:04Z"}"#,
            #"{"capability":"wire","time":"2026-01-05T10:00:05Z"}"#,
            #"{"capability":"read","time":"yesterday"}"#,
            #"{"time":"2026-01-05T10:00:06Z","source":"eval","action":{"capability":"read","tags":["pii"]},"decision":{"outcome":"autonomous"}}"#,
            #"{"time":"2026-01-05T10:00:07Z","review":"pre","outcome":"approved","action":{"capability":"refund"}}"#,
            "not json",
        ])
        #expect(r.routing[.autonomous] == 1)
        #expect(r.routing[.review] == 3)
        #expect(r.routing[.approval] == 2)
        #expect(r.routing[.disabled] == 1)
        #expect(r.routing[.invalid] == 2)
        #expect(r.reviewRecords == 1)
        #expect(r.badTimes == 1)
        let amounts = r.routing.sortedAmounts.map { "\($0.route.rawValue) \($0.currency) \($0.total)" }
        #expect(amounts == ["review USD 50.4", "approval EUR 200.005"])
        #expect(r.notes.first?.contains("line 7") == true)
        let privacy = try #require(r.queues.first { $0.queue.name == "privacy" })
        #expect(privacy.actions == 1)
    }

    @Test("load: reviews are actions × quorum, utilisation against capacity, status")
    func load() throws {
        // 48 approvals in one day against 24/day: overloaded.
        let lines = (0..<48).map { k in
            #"{"capability":"refund","amount":500,"time":"2026-01-05T\#(k / 2 < 10 ? "0" : "")\#(k / 2):\#(k % 2 == 0 ? "00" : "30"):00Z"}"#
        }
        let r = try Self.simulate(lines)
        let team = try #require(r.queues.first)
        #expect(team.reviews == 48)
        #expect(r.days == 1)
        #expect(team.utilisation == 2)
        #expect(team.status == "overloaded")
        #expect(r.overloaded)
        let lead = r.queues[1]
        #expect(lead.escalatedIn == team.escalatedOut)
        #expect(lead.reviews == 2 * lead.escalatedIn)
        #expect(lead.status == "no-capacity")
        var o = SimulationOptions()
        o.capacities = ["team": Capacity(count: 100, period: .day)]
        let relaxed = try Self.simulate(lines, options: o)
        #expect(relaxed.queues[0].status == "ok")
        #expect(relaxed.queues[0].queue.overridden)
    }

    @Test("without times the log spans --period, arrivals spread evenly")
    func untimed() throws {
        var o = SimulationOptions()
        o.periodSeconds = 3600
        let r = try Self.simulate((0..<10).map { _ in #"{"capability":"refund","amount":500}"# }, options: o)
        #expect(!r.timed)
        #expect(r.start == nil)
        #expect(r.queues[0].reviews == 10)
        #expect(abs(r.days - 1.0 / 24) < 1e-12)
        #expect(r.queues[0].status == "overloaded")
    }

    static func table() throws -> DecisionTable {
        guard case .loaded(let table) = PolicyTools.loadTable(bytes: Array(policy.utf8), label: "sim.yaml", allowTable: false) else {
            throw CancellationError()
        }
        return table
    }

    /// Reads `lines` from a file with `workers` reader threads and reports them.
    static func report(_ lines: [String], workers: Int) throws -> String {
        let table = try Self.table()
        let policy = try CompiledPolicy(table: table)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("simulate-threads-\(getpid())-\(workers).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        var traffic = Traffic(table: table)
        var reader = ChunkReader(fd: fd)
        Simulation.read(&reader, into: &traffic, policy: policy, workers: workers)
        traffic.finish()
        return SimulationJSONReporter.render(traffic.report(table: table, log: "test", options: SimulationOptions()))
    }

    @Test("the report is the same whatever the number of reader threads (batches are counted in line order)")
    func threads() throws {
        var rng = SplitMix(state: 0x7EAD)
        let caps = ["read", "refund", "wire", "\\u0072ead"]
        let lines = (0..<3000).map { k -> String in
            let c = caps[rng.below(caps.count)]
            let minute = k / 60 % 60, second = k % 60
            let time = "2026-01-05T1\(k / 3600):\(minute < 10 ? "0" : "")\(minute):\(second < 10 ? "0" : "")\(second)Z"
            switch rng.below(5) {
            case 0: return #"{"capability":"\#(c)","amount":\#(rng.below(400)).\#(rng.below(100)),"time":"\#(time)"}"#
            case 1: return #"{"capability":"refund","amount":{"value":"\#(rng.below(900))","currency":"EUR"},"tags":["pii"],"time":"\#(time)"}"#
            case 2: return #"{"time":"\#(time)","action":{"capability":"\#(c)","amount":\#(rng.below(300))},"decision":{}}"#
            case 3: return #"{"time":"\#(time)","review":"pre","outcome":"approved"}"#
            default: return #"{"capability":"\#(c)","time":"bad \#(k)"}"#
            }
        }
        let one = try Self.report(lines, workers: 1)
        #expect(try Self.report(lines, workers: 3) == one)
        #expect(one.contains("\"approval\""))
    }

    @Test("an approval further out of time order than its queue's window is refused, naming its line")
    func window() throws {
        let table = try Self.table()
        let policy = try CompiledPolicy(table: table)
        var t = Traffic(table: table, windowLimit: 2)
        let lines = ["10:00", "10:01", "09:59", "10:03", "10:04", "10:00"].map {
            #"{"capability":"refund","amount":500,"time":"2026-01-05T\#($0):00Z"}"#
        }
        for (k, l) in lines.enumerated() { t.add(Array(l.utf8), line: k + 1, policy: policy) }
        #expect(t.failure?.hasPrefix("line 6: its time 2026-01-05T10:00:00Z is earlier than approvals already replayed in queue team") == true,
                "\(t.failure ?? "none")")
    }

    @Test("lines out of time order give the same report as sorted ones")
    func order() throws {
        let lines = (0..<30).map { k in #"{"capability":"refund","amount":500,"time":"2026-01-05T10:\#(k < 10 ? "0" : "")\#(k):00Z"}"# }
        let a = SimulationJSONReporter.render(try Self.simulate(lines))
        let b = SimulationJSONReporter.render(try Self.simulate(lines.reversed()))
        #expect(a == b)
    }
}
