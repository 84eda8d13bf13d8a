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
        var placed = 0, toolCalls = 0
        var counts = (invalid: 0, placed: 0, regions: [Int](repeating: 0, count: report.regions.count))
        for line in lines where !line.isEmpty {
            let want = reference.place(line), got = placer.place(line)
            let isToolCall = Self.isToolCall(line)
            if isToolCall { toolCalls += 1 }
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

/// Seeded action lines for a pair of policies, built from what their regions test: capability
/// names of both, amounts at and beside every cut in every currency either knows (and one
/// neither does), confidences and blast radii at their cuts, reversibility sent or not, tags,
/// attribute values listed, other, null or nested, and shell commands that begin with each
/// prefix or not; now and then a line either policy finds invalid.
struct ActionMaker {
    var state: UInt64
    var names: [String] = ["zz-unmentioned", "a"]
    var amounts: [String] = ["0", "0.01", "1", "42.5", "100", "5000", "10000", "1000000"]
    var confidences: [String] = ["0", "0.5", "0.9", "1"]
    var blasts: [String] = ["0", "1", "2", "100", "1000"]
    var currencies: [String] = ["XTS"]
    var tags: [String] = ["zz-tag"]
    var attributes: [(path: [String], values: [String])] = []

    init(old: DecisionTable, new: DecisionTable, placement: DiffPlacement, seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        for c in old.classes + new.classes {
            switch c.kind {
            case .exact: names.append(c.name)
            case .prefix: names += [c.name, c.name + "x", c.name + "zz.y"]
            case .other: continue
            }
        }
        for t in [old, new] {
            if let c = t.currency { currencies.append(c) }
            currencies += t.exchangeRates.map(\.currency)
        }
        for box in placement.boxes {
            for (f, span) in box.region.numeric {
                guard case .interval(let lower, let upper) = span else { continue }
                for cut in [lower, upper].compactMap({ $0 }) {
                    let v = cut.value
                    let near = [v, v + ExactDecimal(parsing: "0.01")!, v * ExactDecimal(parsing: "0.999")!].map(\.description)
                    switch f {
                    case .amount: amounts += near
                    case .confidence: confidences += near
                    case .blastRadius: blasts += [v.description, (v + ExactDecimal(1)).description]
                    }
                }
            }
        }
        tags += placement.tags
        var shellCommands: [Int: [String]] = [:]
        for s in placement.shells {
            let words = s.words.joined(separator: " ")
            shellCommands[s.attribute, default: []] += [words, words + " x", "echo a && " + words, "'" + words + "'"]
        }
        for (a, attribute) in placement.attributes.enumerated() {
            var values = attribute.values.map { v -> String in
                var out: [UInt8] = []
                RegionWitness.renderValue(v, into: &out)
                return String(decoding: out, as: UTF8.self)
            }
            values += ["\"zz-other\"", "null", "7", "true", "{\"k\":1}", "[1]"]
            values += (shellCommands[a] ?? []).map { c in
                var out: [UInt8] = []
                out.appendJSONString(c)
                return String(decoding: out, as: UTF8.self)
            } + ["\"ls -la\""]
            attributes.append((attribute.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init), values))
        }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    mutating func line() -> String {
        var members: [String] = []
        func string(_ s: String) -> String {
            var out: [UInt8] = []
            out.appendJSONString(s)
            return String(decoding: out, as: UTF8.self)
        }
        if !chance(1) { members.append("\"capability\":" + string(pick(names))) }
        if chance(60) {
            let value = pick(amounts)
            if chance(40) { members.append("\"amount\":" + value) }
            else { members.append("\"amount\":{\"value\":" + (chance(50) ? string(value) : value) + ",\"currency\":" + string(pick(currencies)) + "}") }
        }
        if chance(60) { members.append("\"confidence\":" + pick(confidences)) }
        if chance(60) { members.append("\"blast_radius\":" + pick(blasts)) }
        if chance(60) { members.append("\"reversible\":" + (chance(50) ? "true" : "false")) }
        if chance(70) {
            var chosen: [String] = []
            for t in tags where chance(25) { chosen.append(string(t)) }
            members.append("\"tags\":[" + chosen.joined(separator: ",") + "]")
        }
        if !attributes.isEmpty, chance(80) {
            // Paths set in order; a later path under an earlier value replaces it with an object.
            var tree = AttributeTree()
            for a in attributes where chance(70) { tree.set(a.path, pick(a.values)) }
            members.append("\"attributes\":" + tree.json)
        }
        if chance(2) { members.append("\"confidence\":1.5") }   // a duplicate key: invalid
        if chance(2) { members.append("\"amount\":-3") }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// Nested attribute objects for `ActionMaker`.
struct AttributeTree {
    var members: [(String, Node)] = []

    indirect enum Node {
        case value(String)
        case object(AttributeTree)
    }

    mutating func set(_ path: [String], _ value: String) {
        guard let first = path.first else { return }
        let k = members.firstIndex { $0.0 == first }
        if path.count == 1 {
            if let k { members[k].1 = .value(value) } else { members.append((first, .value(value))) }
            return
        }
        var child = AttributeTree()
        if let k, case .object(let t) = members[k].1 { child = t }
        child.set(Array(path.dropFirst()), value)
        if let k { members[k].1 = .object(child) } else { members.append((first, .object(child))) }
    }

    var json: String {
        "{" + members.map { key, node in
            var out: [UInt8] = []
            out.appendJSONString(key)
            let k = String(decoding: out, as: UTF8.self)
            switch node {
            case .value(let v): return k + ":" + v
            case .object(let t): return k + ":" + t.json
            }
        }.joined(separator: ",") + "}"
    }
}
