import Foundation
import Testing

@Suite("hitl-policy simulate")
struct SimulateCLITests {
    static let log = "fixtures/simulate/payments-week.jsonl"
    static let base = ["simulate", "--policy", "policies/payments.yaml", "--capacity", "team=60/day", "--capacity", "lead=20/day"]

    @Test("the shipped week: golden output in each format", arguments: ["text", "json", "markdown"])
    func golden(format: String) throws {
        let r = try CLI.run(Self.base + ["--format", format, Self.log])
        #expect(r.status == 0, "\(r.stderr)")
        let ext = format == "markdown" ? "md" : format
        let path = CLI.root.appendingPathComponent("fixtures/simulate/payments-week.\(ext).golden")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" { try Data(r.stdout.utf8).write(to: path) }
        #expect(r.stdout == (try String(contentsOf: path, encoding: .utf8)))
        if format == "markdown" { #expect(r.stdout.count <= 60_000) }
    }

    @Test("JSON carries every key SPEC §8 names")
    func jsonKeys() throws {
        let r = try CLI.run(Self.base + ["--format", "json", Self.log])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let routing = try #require(json["routing"] as? [String: Any])
        #expect(Set(routing.keys) == ["autonomous", "review", "approval", "disabled", "invalid"])
        let period = try #require(json["period"] as? [String: Any])
        #expect(Set(period.keys) == ["start", "end", "days"])
        let queues = try #require(json["queues"] as? [[String: Any]])
        #expect(queues.map { $0["name"] as? String } == ["team", "lead", "executive", "aml", "privacy"])
        let keys: Set<String> = ["name", "kind", "reviews", "escalated_in", "escalated_out", "rejected_on_timeout", "capacity_per_day",
                                 "utilisation", "status", "service_level", "capacity_needed", "wait_seconds", "sla_breaches"]
        for q in queues { #expect(keys.isSubset(of: Set(q.keys)), "\(q.keys)") }
    }

    @Test("--fail-on overload exits 1 when a queue is overloaded, 0 otherwise")
    func failOn() throws {
        let over = try CLI.run(Self.base + ["--fail-on", "overload", Self.log])
        #expect(over.status == 1)
        let fine = try CLI.run(["simulate", "--policy", "policies/payments.yaml", "--capacity", "team=500/day", "--fail-on", "overload", Self.log])
        #expect(fine.status == 0)
    }

    @Test("usage errors exit 2 with a message a person can act on", arguments: [
        (["--capacity", "tem=5/day"], "no tier or panel of that name; the policy has: team, lead"),
        (["--capacity", "team=0/day"], "a capacity is at least 1"),
        (["--capacity", "team"], "write NAME=N/day"),
        (["--hours", "17-09"], "start before end"),
        (["--period", "soon"], "write a duration"),
        (["--service-level", "120"], "at most 100"),
    ])
    func usage(extra: [String], message: String) throws {
        let r = try CLI.run(["simulate", "--policy", "policies/payments.yaml"] + extra + [Self.log])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("a decision log from standard input; an empty log; a missing file")
    func inputs() throws {
        let record = #"{"time":"2026-11-20T14:03:07.412Z","source":"eval","action":{"capability":"refund","amount":6200,"blast_radius":1,"confidence":0.9},"decision":{},"prev":"x"}"#
        let r = try CLI.run(["simulate", "--policy", "policies/payments.yaml", "--format", "json", "-"], stdin: record + "\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"approval\": 1"))
        let empty = try CLI.run(["simulate", "--policy", "policies/payments.yaml", "-"], stdin: "")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("the log holds no actions"))
        let missing = try CLI.run(["simulate", "--policy", "policies/payments.yaml", "no-such.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such.jsonl"))
    }
}
