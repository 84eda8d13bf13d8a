import Foundation
import Testing
@testable import HITLPolicy

/// An action built in Swift is decided as its JSON line is: the same typed decision and
/// the same bytes.
@Suite("Actions built in Swift")
struct BuiltActionTests {
    /// A random action as Swift values and as the JSON line that says the same.
    struct Pair {
        var built: Action
        var line: String
    }

    static func json(_ s: String) -> String {
        var b: [UInt8] = []
        b.appendJSONString(s)
        return String(decoding: b, as: UTF8.self)
    }

    static func generate(_ gen: inout ActionGenerator, table: DecisionTable, n: Int) -> Pair {
        var parts: [String] = []
        let capability = gen.chance(2) ? "" : gen.pick(gen.names)
        parts.append("\"capability\":\(json(capability))")
        var id: ActionID?
        if gen.chance(50) {
            id = gen.chance(50) ? ActionID("a-\(n)") : ActionID(n)
            parts.append("\"id\":\(id!.json)")
        }
        var amount: Action.Amount?
        if gen.chance(85) {
            var v = gen.near(gen.amounts, scale: -2)
            if gen.chance(8) { v = Self.wild(&gen, Self.wildAmounts) }
            let currency: String? = gen.chance(40) ? gen.pick(table.exchangeRates.map(\.currency) + [table.currency ?? "USD", "XXX"]) : nil
            amount = Action.Amount(v, currency: currency)
            parts.append(currency.map { "\"amount\":{\"value\":\"\(v)\",\"currency\":\(json($0))}" } ?? "\"amount\":\(v)")
        }
        var confidence: ExactDecimal?
        if gen.chance(85) {
            var c = gen.near(gen.thresholds[.confidence] ?? [], scale: -3)
            if ExactDecimal(1) < c { c = ExactDecimal(1) }
            if gen.chance(8) { c = Self.wild(&gen, Self.wildConfidences) }
            confidence = c
            parts.append("\"confidence\":\(c)")
        }
        var blast: Int?
        if gen.chance(80) {
            let near = gen.near(gen.thresholds[.blastRadius] ?? [], scale: 0)
            blast = gen.chance(5) || near.magnitudeOrder > 18 ? gen.pick([-3, Int.max]) : near.truncatedInt
            parts.append("\"blast_radius\":\(blast!)")
        }
        var reversible: Bool?
        if gen.chance(80) {
            reversible = gen.chance(50)
            parts.append("\"reversible\":\(reversible!)")
        }
        var tags: [String]?
        if gen.chance(85) {
            tags = (0..<gen.rng.below(3)).map { _ in gen.pick(gen.tags) }
            parts.append("\"tags\":[\(tags!.map(json).joined(separator: ","))]")
        }
        var attributes: [String: Action.Value]?
        if !table.attributes.isEmpty, gen.chance(80) {
            var tree: [String: Action.Value] = [:]
            for a in table.attributes where gen.chance(75) {
                let value: Action.Value = switch gen.chance(85) ? gen.pick(a.values) : .string("other-value") {
                case .string(let s): .string(s)
                case .number(let x): .number(x)
                case .bool(let b): .bool(b)
                }
                put(a.path.split(separator: ".").map(String.init), value, into: &tree)
            }
            attributes = tree
            parts.append("\"attributes\":\(render(.object(tree)))")
        }
        parts.shuffle(using: &gen.rng)
        let built = Action(capability: capability, id: id, amount: amount, confidence: confidence, blastRadius: blast,
                           reversible: reversible, tags: tags, attributes: attributes, line: n)
        return Pair(built: built, line: "{" + parts.joined(separator: ",") + "}")
    }

    /// Values beside the thresholds: out of range, negative, longer than the evaluator's
    /// fast form (19 significant digits) or at its edge. A plain built action is decided
    /// without validation or exact numbers (`Action.Built.plain`), so these must still give
    /// what the JSON line gives.
    static let wildAmounts = ["-5", "0", "12345678901234567890123.45", "99999999999999999999.99", "100000000000000000000",
                              "0.0000000000000000000000001", "9999999999999999999", "1234567890123456789012.5"]
    static let wildConfidences = ["1.5", "-0.25", "0.12345678901234567890123456", "0.1234567890123456789012345", "1", "0",
                                  "1.0000000000000000000000001"]

    static func wild(_ gen: inout ActionGenerator, _ texts: [String]) -> ExactDecimal {
        ExactDecimal(parsing: gen.pick(texts)) ?? ExactDecimal(0)
    }

    static func put(_ path: [String], _ value: Action.Value, into tree: inout [String: Action.Value]) {
        guard let first = path.first else { return }
        if path.count == 1 { tree[first] = value; return }
        var child: [String: Action.Value] = [:]
        if case .object(let o)? = tree[first] { child = o }
        put(Array(path.dropFirst()), value, into: &child)
        tree[first] = .object(child)
    }

    static func render(_ v: Action.Value) -> String {
        switch v {
        case .string(let s): json(s)
        case .number(let x): x.description
        case .bool(let b): String(b)
        case .null: "null"
        case .array(let xs): "[" + xs.map(render).joined(separator: ",") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\(json($0)):\(render(o[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    @Test(arguments: TypedDecisionTests.policies)
    func builtEqualsParsed(_ path: String) throws {
        let policy = try TypedDecisionTests.policy(path)
        let source = try #require(PolicyLoader.load(try Repo.bytes(path), file: path).policy)
        var gen = ActionGenerator(policy: source, seed: 0xB17 ^ UInt64(path.utf8.count))
        var failures = 0
        for n in 1...3_000 {
            let pair = Self.generate(&gen, table: policy.table, n: n)
            let built = policy.decide(pair.built)
            let parsed = policy.decide(Action(json: pair.line, line: n))
            if built != parsed || built.json != parsed.json {
                failures += 1
                if failures <= 3 { Issue.record("\(pair.line)\n  built:  \(built.json)\n  parsed: \(parsed.json)") }
            }
        }
        #expect(failures == 0)
    }

    /// A built action keeps its walk numbers inline (`InlineWalk`); a numeric field beyond
    /// its room would send every built action down the general path, correct but slower.
    @Test func inlineWalkHoldsEveryNumericField() {
        #expect(NumericField.count <= InlineWalk.capacity, "widen InlineWalk for the new numeric field")
        let built = Action(capability: "refund", amount: Action.Amount("12.5"), confidence: ExactDecimal(parsing: "0.9"), blastRadius: 3)
        guard case .built(let b) = built.form else { Issue.record("not built"); return }
        #expect(b.plain)
        #expect((0..<NumericField.count).allSatisfy { b.walk[$0].state == 1 })
    }

    /// Values a JSON line could not carry validly are invalid when built too, with the
    /// errors `eval` gives the equivalent line.
    @Test func invalidBuiltActions() throws {
        let policy = try TypedDecisionTests.policy("policies/payments.yaml")
        let cases: [(Action, String)] = [
            (Action(capability: ""), #"{"capability":""}"#),
            (Action(capability: "refund", amount: Action.Amount("-5")), #"{"capability":"refund","amount":-5}"#),
            (Action(capability: "refund", amount: Action.Amount("5", currency: "XXX")), #"{"capability":"refund","amount":{"value":"5","currency":"XXX"}}"#),
            (Action(capability: "refund", confidence: ExactDecimal(2)), #"{"capability":"refund","confidence":2}"#),
            (Action(capability: "refund", blastRadius: -1), #"{"capability":"refund","blast_radius":-1}"#),
            (Action(capability: "refund", id: ActionID("x"), confidence: ExactDecimal(parsing: "-0.5")), #"{"id":"x","capability":"refund","confidence":-0.5}"#),
        ]
        for (built, line) in cases {
            let b = policy.decide(built)
            let p = policy.decide(Action(json: line))
            #expect(b.outcome == .invalid)
            #expect(b == p, "\(b.json)\n\(p.json)")
            #expect(b.json == p.json)
        }
    }

    /// Attribute keys and string values compare by bytes, and nested paths are followed.
    @Test func attributesAreMatchedByBytes() throws {
        let policy = try TypedDecisionTests.policy("policies/healthcare.yaml")
        let table = policy.table
        let a = try #require(table.attributes.first)
        guard case .string(let listed)? = a.values.first(where: { if case .string = $0 { true } else { false } }) else { return }
        var tree: [String: Action.Value] = [:]
        BuiltActionTests.put(a.path.split(separator: ".").map(String.init), .string(listed), into: &tree)
        let keys = a.path.split(separator: ".").map(String.init)
        #expect(Evaluator.attributeChoice(tree, keys, a.values) < a.values.count)
        #expect(Evaluator.attributeChoice([:], keys, a.values) == a.values.count + 1)
        var other: [String: Action.Value] = [:]
        BuiltActionTests.put(keys, .array([]), into: &other)
        #expect(Evaluator.attributeChoice(other, keys, a.values) == a.values.count)
        var null: [String: Action.Value] = [:]
        BuiltActionTests.put(keys, .null, into: &null)
        #expect(Evaluator.attributeChoice(null, keys, a.values) == a.values.count + 1)
    }
}
