import Foundation
import Testing
@testable import HITLPolicy

/// The compiled table against the reference interpreter: for every example policy, and for
/// seeded generated ones (many independent tag and attribute rules, distinct specialist
/// panels, overlapping patterns, foreign currencies; see `GeneratedPolicy`), random actions
/// concentrated on every threshold (exact boundaries, one step either side at a finer
/// scale, missing fields, foreign amounts just either side of a converted threshold) must
/// get the same decision, approvals, review and contributing rules.
@Suite struct DifferentialTests {
    static let policies = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml",
                           "policies/support.yaml", "fixtures/policies/bench.yaml"]
    static let actionsPerPolicy = 100_000
    /// Per generated policy; `HITL_DIFF_ACTIONS=N` runs more (or fewer) of them.
    static let actionsPerGeneratedPolicy = ProcessInfo.processInfo.environment["HITL_DIFF_ACTIONS"].flatMap { Int($0) }
        .map { max($0, 1) } ?? 10_000
    /// The larger generated policies need the engine-v2 compiler (issue 10).
    static let scaleEnabled = ProcessInfo.processInfo.environment["HITL_SCALE"] == "1"

    @Test(arguments: policies)
    func tableAgreesWithReference(_ path: String) throws {
        try Self.compare(try Repo.bytes(path), file: path, actions: Self.actionsPerPolicy,
                         seed: 0x5eed ^ UInt64(path.utf8.count))
    }

    @Test(arguments: GeneratedPolicy.standard)
    func generatedTableAgreesWithReference(_ spec: GeneratedPolicy) throws {
        try Self.compare(Array(spec.yaml.utf8), file: spec.file, actions: Self.actionsPerGeneratedPolicy,
                         seed: 0xd1ff ^ spec.seed)
    }

    @Test(.enabled(if: scaleEnabled, "set HITL_SCALE=1: needs a compiler linear in independent rules"),
          arguments: GeneratedPolicy.scaled)
    func scaledTableAgreesWithReference(_ spec: GeneratedPolicy) throws {
        try Self.compare(Array(spec.yaml.utf8), file: spec.file, actions: Self.actionsPerGeneratedPolicy,
                         seed: 0xd1ff ^ spec.seed)
    }

    /// A generated policy is only a fair test when lint accepts it with no error or warning
    /// (the scaling policies must be lint-clean: "lint clean means it compiles").
    @Test(arguments: GeneratedPolicy.standard + GeneratedPolicy.scaled)
    func generatedPolicyLintsClean(_ spec: GeneratedPolicy) {
        let findings = lintText(spec.yaml, file: spec.file).filter { $0.severity != .note }
        #expect(findings.isEmpty, "\(findings.map { "\($0.code.id) \($0.location.line): \($0.message)" })")
    }

    @Test func generatedPoliciesAreDeterministic() {
        for spec in GeneratedPolicy.standard + GeneratedPolicy.scaled {
            #expect(spec.yaml == spec.yaml)
        }
        let a = GeneratedPolicy(shape: .currencies, count: 3, seed: 5), b = GeneratedPolicy(shape: .currencies, count: 3, seed: 6)
        #expect(a.yaml != b.yaml)
    }

    /// Compiles `bytes`, then decides `actions` generated actions with the engine and with the
    /// reference interpreter; records the first few disagreements.
    static func compare(_ bytes: [UInt8], file: String, actions: Int, seed: UInt64) throws {
        let loaded = PolicyLoader.load(bytes, file: file)
        let policy = try #require(loaded.policy, "\(loaded.diagnostics.map(\.message))")
        let engine = try Engine(policy, bytes: bytes)
        var gen = ActionGenerator(policy: policy, seed: seed)
        var failures = 0
        for n in 1...actions {
            let (line, action) = gen.next()
            let got = try engine.decide(line, number: n)
            let want = ReferenceInterpreter.decide(policy, action)
            if got != want {
                failures += 1
                if failures <= 5 { Issue.record("\(file) line \(n): \(line)\n  table:     \(got)\n  reference: \(want)") }
            }
        }
        #expect(failures == 0, "\(failures) of \(actions) actions disagree on \(file)")
    }

    /// The engine under test, behind one call (the only place that names its types).
    struct Engine {
        let evaluator: Evaluator

        init(_ policy: Policy, bytes: [UInt8]) throws {
            let table = try TableCompiler.compile(policy, digest: Digest.of(bytes))
            #expect(table.validate() == nil)
            evaluator = Evaluator(table: table)
        }

        func decide(_ line: String, number: Int) throws -> ReferenceInterpreter.Decision {
            var out: [UInt8] = []
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { _ = evaluator.evaluate(line: $0, number: number, into: &out) }
            return try DifferentialTests.decode(out)
        }
    }

    static func decode(_ out: [UInt8]) throws -> ReferenceInterpreter.Decision {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        let decision = try #require(obj["decision"] as? String)
        let stage = try #require(Stage(name: decision), "\(String(decoding: out, as: UTF8.self))")
        let approvals = (obj["approvals"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let rules = (obj["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        return .init(stage: stage, review: obj["review"] as? Bool ?? false, approvals: approvals, rules: rules)
    }
}

/// Seeded random actions aimed at a policy's boundaries.
struct ActionGenerator {
    var rng: SplitMix
    let policy: Policy
    var amounts: [ExactDecimal] { thresholds[.amount] ?? [] }
    /// Thresholds and bounds the policy uses, by field.
    var thresholds: [NumericField: [ExactDecimal]] = [:]
    var names: [String] = []
    var tags: [String] = ["unrelated-tag"]
    var attributes: [String: [AttributeValue]] = [:]
    /// Shell prefixes tested, by attribute path.
    var shellPrefixes: [String: [[String]]] = [:]

    init(policy: Policy, seed: UInt64) {
        self.policy = policy
        rng = SplitMix(state: seed)
        for e in policy.capabilities {
            switch e.pattern {
            case .exact(let n): names.append(n)
            case .prefix(let p): names += [p, p + "x", p + "deep.er", p + "*", String(p.dropLast())]
            }
            for b in e.bands { thresholds[b.field, default: []].append(b.threshold.value) }
        }
        for r in policy.compliance {
            for p in r.when.capability ?? [] {
                switch p.pattern {
                case .exact(let n): names.append(n)
                case .prefix(let q): names += [q, q + "y", String(q.dropLast())]
                }
            }
            for f in NumericField.allCases {
                for b in [r.when.range(f)?.lower, r.when.range(f)?.upper].compactMap({ $0 }) { thresholds[f, default: []].append(b.value) }
            }
            if let t = r.when.tags { tags += (t.any ?? []) + (t.all ?? []) + (t.none ?? []) }
            for a in r.when.attributes {
                attributes[a.path, default: []] += a.values
                if let sh = a.shell { shellPrefixes[a.path, default: []] += sh.map(\.words) }
            }
        }
        names += ["unknown_capability", "x", "ünïcode.cap"]
        names.removeAll { $0.isEmpty }
        for f in NumericField.allCases {
            thresholds[f, default: []] += [ExactDecimal(0)] + (f.spec.whole ? [] : [ExactDecimal(1)])
        }
    }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    /// A value at, just above or just below a threshold, or random.
    mutating func near(_ xs: [ExactDecimal], scale: Int) -> ExactDecimal {
        let base = pick(xs)
        let step = ExactDecimal(isNegative: false, digits: [1], exponent: min(base.exponent, 0) - Int(rng.next() % 4) - 1)
        switch rng.next() % 5 {
        case 0, 1: return base
        case 2: return base + step
        case 3: return base < step ? base : base - step
        default:
            let r = Int(rng.next() % 1_000_000)
            return ExactDecimal(isNegative: false, digits: String(r).utf8.map { $0 - 48 }, exponent: scale)
        }
    }

    mutating func next() -> (String, ReferenceAction) {
        var fields: [String] = []
        var a = ReferenceAction(capability: pick(names), attributes: [:])
        fields.append("\"capability\":\(json(a.capability))")
        if chance(85) {
            let v = near(amounts, scale: -2)
            if chance(30), !policy.exchangeRates.isEmpty {
                let rate = pick(policy.exchangeRates)
                // Aim the converted amount at the threshold: v / rate, truncated, or one
                // step above that (just under and just over v once converted).
                let foreign = chance(30) ? v : foreignAmount(v, rate: rate.rate)
                fields.append("\"amount\":{\"value\":\"\(foreign)\",\"currency\":\"\(rate.currency)\"}")
                a.numbers[.amount] = foreign * rate.rate
            } else if chance(50) {
                fields.append("\"amount\":\(v)")
                a.numbers[.amount] = v
            } else {
                fields.append("\"amount\":{\"value\":\(v),\"currency\":\"\(policy.currency ?? "USD")\"}")
                a.numbers[.amount] = v
            }
        }
        // Every numeric field of the registry other than the amount, within its range.
        for f in NumericField.allCases where f != .amount && chance(85) {
            var v = near(thresholds[f] ?? [], scale: f.spec.whole ? 0 : -3)
            if let m = f.spec.maximum, m < v { v = m }
            // Truncated by text: a threshold past 19 digits (fixtures/policies/long-numbers.yaml)
            // does not fit an Int.
            if f.spec.whole && !v.isWholeNumber { v = ExactDecimal(parsing: String(v.description.prefix { $0 != "." })) ?? v }
            fields.append("\"\(f)\":\(v)")
            a.numbers[f] = v
        }
        if chance(80) {
            let r = chance(50)
            fields.append("\"reversible\":\(r)")
            a.reversible = r
        }
        if chance(85) {
            var set = Set<String>()
            // Several tags at once, so that independent tag rules combine.
            for _ in 0..<Int(rng.next() % (tags.count > 8 ? 6 : 3)) { set.insert(pick(tags)) }
            fields.append("\"tags\":[\(set.sorted().map(json).joined(separator: ","))]")
            a.tags = set
        }
        if !attributes.isEmpty, chance(80) {
            var parts: [String: String] = [:]
            for (path, values) in attributes.sorted(by: { $0.key < $1.key }) where chance(75) {
                var v: AttributeValue = chance(80) && !values.isEmpty ? pick(values) : .string("other-value")
                if let prefixes = shellPrefixes[path], chance(75) { v = .string(command(prefixes)) }
                // The same text with another JSON type matches no listed value.
                if chance(5) {
                    switch v {
                    case .number(let n): v = .string(n.description)
                    case .bool(let b): v = .string(String(b))
                    case .string(let s): if let n = ExactDecimal(parsing: s) { v = .number(n) }
                    }
                }
                a.attributes[path] = v
                let text: String = switch v {
                case .string(let s): json(s)
                case .number(let n): n.description
                case .bool(let b): String(b)
                }
                parts[path] = text
            }
            fields.append("\"attributes\":\(nest(parts))")
        }
        fields.shuffle(using: &rng)
        return ("{" + fields.joined(separator: ",") + "}", a)
    }

    /// Lines of the splitter's corpus (`fixtures/shell/corpus.jsonl`).
    static let corpus: [String] = {
        guard let data = try? Data(Repo.bytes("fixtures/shell/corpus.jsonl")) else { return ["ls"] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { l in
            (try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])?["line"] as? String
        }
        return lines.isEmpty ? ["ls"] : lines
    }()

    /// A command line built from the policy's prefixes and the corpus: prefix words quoted
    /// or not, cut short or extended, inside `$( )`, after `sudo` or `echo`, joined by
    /// `;`, `&&`, `||`, `|` or newlines.
    mutating func command(_ prefixes: [[String]]) -> String {
        func word(_ w: String) -> String {
            switch rng.next() % 5 {
            case 0: return "'" + w + "'"
            case 1: return "\"" + w + "\""
            default: return w
            }
        }
        var parts: [String] = []
        for _ in 0...Int(rng.next() % 3) {
            var words = pick(prefixes).map(word)
            if chance(20), words.count > 1 { words.removeLast() }
            if chance(40) { words.append(pick(["origin", "main", "-v", "x", "--force", "-f", "'a b'"])) }
            let simple = words.joined(separator: " ")
            switch rng.next() % 8 {
            case 0, 1: parts.append(pick(Self.corpus))
            case 2: parts.append("echo " + simple)
            case 3: parts.append("echo \"$(" + simple + ")\"")
            case 4: parts.append("sudo " + simple)
            case 5: parts.append("(" + simple + ")")
            default: parts.append(simple)
            }
        }
        return parts.dropFirst().reduce(parts[0]) { $0 + pick(["; ", " && ", " || ", " | ", "\n", " & "]) + $1 }
    }

    /// `v / rate` truncated to 2 to 29 decimals, sometimes plus one unit in the last place.
    mutating func foreignAmount(_ v: ExactDecimal, rate: ExactDecimal) -> ExactDecimal {
        let k = 2 + Int(rng.next() % 28)
        guard let (q, exact) = v.divided(by: rate, fractionDigits: k) else { return v }
        if exact || chance(50) { return q }
        return q + ExactDecimal(isNegative: false, digits: [1], exponent: -k)
    }

    /// Dotted paths as nested objects.
    func nest(_ parts: [String: String]) -> String {
        var tree: [String: Any] = [:]
        func put(_ path: [String], _ value: String, into node: inout [String: Any]) {
            if path.count == 1 { node[path[0]] = value; return }
            var child = node[path[0]] as? [String: Any] ?? [:]
            put(Array(path.dropFirst()), value, into: &child)
            node[path[0]] = child
        }
        for (p, v) in parts { put(p.split(separator: ".").map(String.init), v, into: &tree) }
        func render(_ n: [String: Any]) -> String {
            "{" + n.keys.sorted().map { k in "\(json(k)):" + ((n[k] as? [String: Any]).map(render) ?? (n[k] as! String)) }.joined(separator: ",") + "}"
        }
        return render(tree)
    }

    func json(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
    }
}

