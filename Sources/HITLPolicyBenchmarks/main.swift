// Times `CompiledPolicy.decide` in process, one thread: the median over rounds of the mean
// time per decision (wall time, and the thread's CPU time), for actions built in Swift, for
// JSON action lines, and for actions built from their fields and then decided (what a
// runtime pays per proposed action).
//
//   swift build -c release --scratch-path .build-release --product HITLPolicyBenchmarks
//   .build-release/release/HITLPolicyBenchmarks [POLICY] [ACTIONS.jsonl]
//
// Without ACTIONS, JSON lines are made from the built actions. HITL_BENCH=built (or json,
// or build) times that one only; HITL_BENCH_ROUNDS=N runs N rounds instead of 31. Under
//   valgrind --tool=callgrind --cache-sim=yes --toggle-collect='*measure*'
// it counts instructions and simulated cache misses of the decisions alone, figures the
// noise of a shared machine does not move (scripts/bench-decide.sh does both).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HITLPolicy

let arguments = CommandLine.arguments
let policyPath = arguments.count > 1 ? arguments[1] : "/work/shared/bench/policy.yaml"
let loaded = CompiledPolicy.load(path: policyPath)
guard let policy = loaded.policy else {
    print("cannot load \(policyPath): \(loaded.failure ?? "") \(loaded.diagnostics.map(\.message))")
    exit(2)
}

/// A reproducible generator (SplitMix64).
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
}

// Actions like the bench corpus: its capabilities, amounts around its thresholds, some
// foreign currencies, tags and the production attribute; a few fields missing.
var random = Random(state: 42)
let capabilities = ["search", "read_record", "create_ticket", "send_email", "update_record", "delete_record",
                    "export_data", "refund", "issue_credit", "transfer_funds", "close_account", "deploy.web", "unknown"]
// Canonical decimals: a built amount is shown canonically, a JSON one as its literal.
let amounts = ["0", "42.5", "99.99", "100", "100.01", "499", "500", "4999.99", "5000", "6200", "25000", "30000.5", "250001"]
/// What an agent runtime holds before it builds an `Action`.
struct Fields {
    var capability: String
    var id: ActionID
    var amount: Action.Amount?
    var confidence: ExactDecimal?
    var blastRadius: Int?
    var reversible: Bool?
    var tags: [String]?
    var attributes: [String: Action.Value]?
    var line: Int

    var action: Action {
        Action(capability: capability, id: id, amount: amount, confidence: confidence, blastRadius: blastRadius,
               reversible: reversible, tags: tags, attributes: attributes, line: line)
    }
}
var fields: [Fields] = []
var buildActions: [Action] = []
var generatedLines: [String] = []
for n in 0..<4096 {
    var parts = ["\"id\":\"a-\(n)\""]
    let capability = random.pick(capabilities)
    parts.append("\"capability\":\"\(capability)\"")
    var amount: Action.Amount?
    if random.chance(85) {
        let value = random.pick(amounts)
        let currency: String? = random.chance(20) ? random.pick(["EUR", "GBP", "JPY"]) : nil
        amount = Action.Amount(value, currency: currency)
        parts.append(currency.map { "\"amount\":{\"value\":\"\(value)\",\"currency\":\"\($0)\"}" } ?? "\"amount\":\(value)")
    }
    let confidence = random.chance(90) ? random.pick(["0.55", "0.65", "0.75", "0.85", "0.95", "0.99"]) : nil
    if let confidence { parts.append("\"confidence\":\(confidence)") }
    let blast = random.chance(85) ? random.pick([0, 1, 3, 50, 150, 2000]) : nil
    if let blast { parts.append("\"blast_radius\":\(blast)") }
    let reversible = random.chance(80) ? random.chance(50) : nil
    if let reversible { parts.append("\"reversible\":\(reversible)") }
    let tags = random.chance(85) ? (random.chance(30) ? [random.pick(["pii", "sox", "sanctioned", "other"])] : []) : nil
    if let tags { parts.append("\"tags\":[" + tags.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
    let environment = random.chance(50) ? random.pick(["production", "staging"]) : nil
    if let environment { parts.append("\"attributes\":{\"environment\":\"\(environment)\"}") }
    fields.append(Fields(
        capability: capability, id: ActionID("a-\(n)"), amount: amount, confidence: confidence.flatMap { ExactDecimal(parsing: $0) },
        blastRadius: blast, reversible: reversible, tags: tags,
        attributes: environment.map { ["environment": .string($0)] }, line: n + 1))
    buildActions.append(fields[n].action)
    generatedLines.append("{" + parts.joined(separator: ",") + "}")
}

var jsonActions: [Action] = []
if arguments.count > 2, let file = fopen(arguments[2], "r") {
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while jsonActions.count < 100_000 {
        let n = getline(&line, &capacity, file)
        if n <= 0 { break }
        let bytes = UnsafeRawBufferPointer(start: line, count: n).prefix { $0 != 0x0A }
        jsonActions.append(Action(json: Array(bytes), line: jsonActions.count + 1))
    }
    free(line)
    fclose(file)
} else {
    jsonActions = generatedLines.enumerated().map { Action(json: $0.element, line: $0.offset + 1) }
}
// The two forms decide alike.
for (b, j) in zip(buildActions, generatedLines.enumerated().map { Action(json: $0.element, line: $0.offset + 1) }) where policy.decide(b) != policy.decide(j) {
    print("built and JSON forms disagree:\n  \(policy.decide(b).json)\n  \(policy.decide(j).json)")
    exit(1)
}

func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> UInt64 {
    var t = timespec()
    clock_gettime(clock, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Median over `rounds` of the mean nanoseconds per decision of `action(0..<count)` in
/// turn: in wall time, and in this thread's CPU time (what the decisions cost, without the
/// time other processes on a shared machine took the processor away).
func measure(_ label: String, count: Int, rounds: Int = 31, perRound: Int = 100_000, _ action: (Int) -> Action) {
    var sink = 0
    for k in 0..<min(count, perRound) { sink &+= policy.decide(action(k)).line }   // warm the rows
    var wall: [Double] = [], cpu: [Double] = []
    for _ in 0..<rounds {
        let start = now(), startCPU = now(CLOCK_THREAD_CPUTIME_ID)
        var k = 0
        for _ in 0..<perRound {
            let d = policy.decide(action(k))
            sink &+= d.review ? 1 : 0
            k += 1
            if k == count { k = 0 }
        }
        cpu.append(Double(now(CLOCK_THREAD_CPUTIME_ID) - startCPU) / Double(perRound))
        wall.append(Double(now() - start) / Double(perRound))
    }
    wall.sort()
    cpu.sort()
    func ns(_ x: Double) -> Int { Int(x.rounded()) }
    print("\(label): median \(ns(wall[wall.count / 2])) ns per decide (min \(ns(wall[0])), max \(ns(wall[wall.count - 1]))); "
          + "CPU time: median \(ns(cpu[cpu.count / 2])) ns (min \(ns(cpu[0]))) — \(rounds) rounds of \(perRound)  [\(sink % 2)]")
}

print("policy \(policy.name), \(buildActions.count) built actions, \(jsonActions.count) JSON actions")
// HITL_BENCH=built, json or build times that one only (for a profile of it);
// HITL_BENCH_ROUNDS sets the rounds (fewer for a run under valgrind).
let only = getenv("HITL_BENCH").map { String(cString: $0) }
let rounds = getenv("HITL_BENCH_ROUNDS").flatMap { Int(String(cString: $0)) }.map { max($0, 1) } ?? 31
if only == nil || only == "built" {
    measure("decide(Action built in Swift)", count: buildActions.count, rounds: rounds) { buildActions[$0] }
}
if only == nil || only == "json" {
    measure("decide(Action(json:))", count: jsonActions.count, rounds: rounds) { jsonActions[$0] }
}
// What a runtime pays per proposed action: building the `Action` (its numbers checked and
// prepared for the walk) and deciding it.
if only == nil || only == "build" {
    measure("Action(...) built, then decided", count: fields.count, rounds: rounds) { fields[$0].action }
}
