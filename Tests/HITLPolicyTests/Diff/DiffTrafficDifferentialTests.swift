import Foundation
import Testing
@testable import HITLPolicy

/// `diff --traffic` reads actions through the evaluators (`TrafficPlacer`); the interpreter of
/// action JSON it had before is kept in the tests (`DiffTrafficReference`). On every pair of
/// policies here (the diff fixtures, the example policies against each other and against an
/// edited copy) and on logged, generated and witness lines, both place each action line alike
/// and find the same lines invalid; tool calls, which the reference never placed, only have
/// to agree on invalid.
@Suite("Diff traffic: placement against the reference")
struct DiffTrafficDifferentialTests {
    static let examples = ["payments", "support", "healthcare", "platform", "coding-agent"]

    /// Every pair: (label, old, new, absent side).
    static var pairs: [String] {
        DiffGoldenTests.cases.map { "fixture:\($0)" }
            + examples.map { "edited:\($0)" }
            + examples.flatMap { a in examples.filter { $0 != a }.map { "cross:\(a):\($0)" } }
    }

    /// Lines every pair is tried on: the logs and actions in fixtures/ and a generated log
    /// (`scripts/gen_actions.py 300`).
    static let logged: [[UInt8]] = {
        var out: [[UInt8]] = []
        for file in ["fixtures/traffic.jsonl", "fixtures/actions/payments.jsonl", "fixtures/actions/shell.jsonl", "fixtures/actions/generated.jsonl"] {
            let bytes = (try? Repo.bytes(file)) ?? []
            out += bytes.split(separator: 0x0A).map(Array.init)
        }
        return out
    }()

    static func tables(_ pair: String) throws -> (DecisionTable, DecisionTable, DiffAbsentSide?) {
        let parts = pair.split(separator: ":").map(String.init)
        func compile(_ bytes: [UInt8], _ file: String) throws -> DecisionTable {
            try #require(PolicyCompilation.compile(bytes, file: file).table, "\(file) does not compile")
        }
        switch parts[0] {
        case "fixture":
            let (old, new) = try DiffGoldenTests.tables(parts[1])
            return (old, new, DiffGoldenTests.absent(parts[1]))
        case "edited":
            let source = try Repo.bytes("policies/\(parts[1]).yaml")
            return (try compile(source, "old.yaml"), try compile(Array(edited(String(decoding: source, as: UTF8.self)).utf8), "new.yaml"), nil)
        default:
            return (try compile(try Repo.bytes("policies/\(parts[1]).yaml"), "old.yaml"),
                    try compile(try Repo.bytes("policies/\(parts[2]).yaml"), "new.yaml"), nil)
        }
    }

    /// The policy with its thresholds moved, every other one-line capability entry's stage
    /// changed (`name: autonomous` ↔ `name: disabled`) and its exchange rates raised.
    static func edited(_ yaml: String) -> String {
        var stages = 0
        return yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            for key in ["over: ", "at_least: ", "below: ", "at_most: "] {
                guard let r = s.range(of: key), let n = Double(s[r.upperBound...].prefix { "0123456789.".contains($0) }) else { continue }
                let moved = n < 1 ? String(format: "%.2f", min(0.99, n + 0.05)) : String(Int(n * 1.5))
                s = String(s[..<r.upperBound]) + moved + String(s[r.upperBound...].drop { "0123456789.".contains($0) })
            }
            if s.hasPrefix("  "), !s.hasPrefix("   "), !s.contains("#"), !s.contains("stage:"), s.hasSuffix(": autonomous") || s.hasSuffix(": disabled") {
                stages += 1
                if stages % 2 == 0 { s = s.hasSuffix(": autonomous") ? String(s.dropLast(10)) + "disabled" : String(s.dropLast(8)) + "autonomous" }
            }
            for code in ["EUR: 1.", "GBP: 1.", "USD: 0.", "USD: 1."] { s = s.replacingOccurrences(of: code, with: code + "0") }
            return s
        }.joined(separator: "\n")
    }

    @Test(arguments: pairs)
    func placesAsTheReference(_ pair: String) throws {
        let (old, new, absent) = try Self.tables(pair)
        let report = try PolicyDiff.diff(old: old, new: new, absent: absent)
        let placer = try #require(TrafficPlacer(report.placement, old: old, new: new))
        let reference = try DiffTrafficReference(report: report, old: old, new: new)
        // The reference tries every box of the class: of a diff listing thousands of regions
        // (fixture 26), a sample of the witnesses and fewer generated lines.
        let many = report.regions.count > 1000
        let witnesses = report.regions.enumerated().filter { !many || $0.offset % 97 == 0 }.compactMap { $0.element.witness }
        var lines = Self.logged + witnesses.map { Array($0.utf8) }
        var maker = ActionMaker(old: old, new: new, placement: report.placement ?? DiffPlacement(), seed: pair.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 })
        for _ in 0..<(many ? 100 : 300) { lines.append(Array(maker.line().utf8)) }
        var placed = 0
        var counts = (invalid: 0, placed: 0, regions: [Int](repeating: 0, count: report.regions.count))
        for line in lines where !line.isEmpty {
            let want = reference.place(line), got = placer.place(line)
            let isToolCall = Self.isToolCall(line)
            if isToolCall && want != .invalid && got != .invalid { continue }
            #expect(got == want, "\(pair): \(String(decoding: line, as: UTF8.self)) placed \(got), the reference \(want)")
            switch want {
            case .invalid: counts.invalid += 1
            case .outside: break
            case .region(let k): counts.placed += 1; counts.regions[k] += 1; placed += 1
            }
        }
        if pair.hasPrefix("cross:") || pair == "fixture:25-four-edits" { #expect(placed > 0, "\(pair): no line placed") }
        // The same through `DiffTraffic.count` on the log of the lines that are no tool call.
        let log = lines.filter { !$0.isEmpty && !Self.isToolCall($0) }
        let t = try DiffTraffic.count(log: log.flatMap { $0 + [0x0A] }, report: report, old: old, new: new)
        #expect(t.total == log.count && t.invalid == counts.invalid && t.placed == counts.placed && t.regions == counts.regions, "\(pair)")
    }

    /// A line without a capability whose `tool` member makes it a tool call.
    static func isToolCall(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        return text.contains("\"tool\"") && !text.contains("\"capability\"")
    }
}
