import Foundation
import Testing
@testable import HITLPolicy

/// The typed API decides exactly as `eval`: a `Decision` rendered to JSON is byte for byte
/// the line `eval` prints, for every fixture action, generated actions and invalid ones.
@Suite("Typed decisions")
struct TypedDecisionTests {
    static let policies = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml",
                           "policies/support.yaml", "fixtures/policies/bench.yaml", "fixtures/policies/long-numbers.yaml"]

    static func policy(_ path: String) throws -> CompiledPolicy {
        let loaded = CompiledPolicy.load(bytes: try Repo.bytes(path), file: path)
        return try #require(loaded.policy, "\(loaded.diagnostics) \(loaded.failure ?? "")")
    }

    /// `eval`'s decision line for one action line.
    static func eval(_ evaluator: Evaluator, _ line: [UInt8], number: Int) -> [UInt8] {
        var out: [UInt8] = []
        line.withUnsafeBufferPointer { _ = evaluator.evaluate(line: $0, number: number, into: &out) }
        return out
    }

    static func typedLine(_ policy: CompiledPolicy, _ action: Action) -> [UInt8] {
        var out: [UInt8] = []
        policy.decide(action).appendJSONLine(to: &out)
        return out
    }

    /// Every line of every fixture action file, against every example policy.
    @Test(arguments: policies)
    func fixtureActionsRenderAsEval(_ path: String) throws {
        let policy = try Self.policy(path)
        let evaluator = Evaluator(table: policy.table)
        var count = 0
        for file in try Repo.files(in: "fixtures/actions", ext: "jsonl") + ["fixtures/actions/single.json"] {
            let text = try Repo.bytes(file)
            for (n, line) in text.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                let want = Self.eval(evaluator, Array(line), number: n + 1)
                let got = Self.typedLine(policy, Action(json: Array(line), line: n + 1))
                #expect(got == want, "\(file):\(n + 1)\n  eval:  \(String(decoding: want, as: UTF8.self))  typed: \(String(decoding: got, as: UTF8.self))")
                count += 1
            }
        }
        #expect(count > 10)
    }

    /// Generated actions aimed at every threshold, foreign currencies and attributes.
    @Test(arguments: policies)
    func generatedActionsRenderAsEval(_ path: String) throws {
        let policy = try Self.policy(path)
        let source = try #require(PolicyLoader.load(try Repo.bytes(path), file: path).policy)
        let evaluator = Evaluator(table: policy.table)
        var gen = ActionGenerator(policy: source, seed: 0xA91 ^ UInt64(path.utf8.count))
        var failures = 0
        for n in 1...5_000 {
            let line = Array(gen.next().0.utf8)
            let want = Self.eval(evaluator, line, number: n)
            let got = Self.typedLine(policy, Action(json: line, line: n))
            if got != want {
                failures += 1
                if failures <= 3 { Issue.record("line \(n)\n  eval:  \(String(decoding: want, as: UTF8.self))  typed: \(String(decoding: got, as: UTF8.self))") }
            }
        }
        #expect(failures == 0)
    }

    /// Lines `eval` calls invalid are `invalid` decisions with errors, rendered as `eval` does.
    @Test(arguments: [
        "", "   ", "[1]", "{", "not json", "{\"capability\":\"refund\"} x", "\u{FF}",
        #"{"capability":"refund","capability":"refund"}"#,
        #"{"capability":17}"#, #"{"capability":""}"#, #"{"id":"a","amount":5}"#,
        #"{"id":7,"capability":"refund","amount":-1}"#, #"{"capability":"refund","amount":-0}"#,
        #"{"capability":"refund","amount":{"value":"5","currency":"XXX"}}"#,
        #"{"capability":"refund","amount":{"value":"5"}}"#, #"{"capability":"refund","confidence":1.5}"#,
        #"{"capability":"refund","blast_radius":2.5}"#, #"{"capability":"refund","tags":"pii"}"#,
        #"{"capability":"refund","tags":[1]}"#, #"{"capability":"refund","attributes":[]}"#,
        #"{"capability":"refund","reversible":"no"}"#, #"{"capability":"\ud800"}"#, #"{"capability":"caf\u00e9x"}"#,
    ])
    func invalidActionsRenderAsEval(_ line: String) throws {
        let policy = try Self.policy("policies/payments.yaml")
        let evaluator = Evaluator(table: policy.table)
        let bytes = line == "\u{FF}" ? [0xFF] : Array(line.utf8)
        let want = Self.eval(evaluator, bytes, number: 3)
        let decision = policy.decide(Action(json: bytes, line: 3))
        var got: [UInt8] = []
        decision.appendJSONLine(to: &got)
        #expect(got == want, "eval:  \(String(decoding: want, as: UTF8.self))typed: \(String(decoding: got, as: UTF8.self))")
        if String(decoding: want, as: UTF8.self).contains("\"invalid\"") {
            #expect(decision.outcome == .invalid)
            #expect(!decision.errors.isEmpty)
            #expect(decision.approvals.isEmpty && decision.reasons.isEmpty)
        }
    }

    /// The typed fields say what the JSON says.
    @Test func typedFieldsMatchTheLine() throws {
        let policy = try Self.policy("policies/payments.yaml")
        let line = #"{"id":"a-3","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}"#
        let d = policy.decide(Action(json: line))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(d.json.utf8)) as? [String: Any])
        #expect(d.id == ActionID("a-3"))
        #expect(d.capability == "refund")
        #expect(d.outcome.rawValue == object["decision"] as? String)
        #expect(d.review == object["review"] as? Bool)
        let approvals = try #require(object["approvals"] as? [[String: Any]])
        #expect(d.approvals.map(\.name) == approvals.compactMap { $0["name"] as? String })
        #expect(d.approvals.map(\.kind.rawValue) == approvals.compactMap { $0["kind"] as? String })
        #expect(d.approvals.map(\.slaSeconds) == approvals.map { $0["sla_seconds"] as? Int })
        let reasons = try #require(object["reasons"] as? [[String: Any]])
        #expect(d.reasons.map(\.rule) == reasons.compactMap { $0["rule"] as? String })
        #expect(d.reasons.map(\.detail) == reasons.map { $0["detail"] as? String })
        #expect(d.reasons.map(\.reference) == reasons.map { $0["reference"] as? String })
        #expect(d.reasons.contains { $0.detail == "amount 6696 USD over 5000" })
        #expect(d.policy == "payments-agent")
        #expect(d.policyDigest == object["policy_digest"] as? String)
        #expect(d.errors.isEmpty)
        #expect(!d.isAutonomous)
    }

    /// Missing fields are assumed, typed.
    @Test func assumptionsAreTyped() throws {
        let policy = try Self.policy("policies/payments.yaml")
        let d = policy.decide(Action(capability: "refund"))
        #expect(d.assumed.map(\.field) == ["amount", "confidence", "blast_radius", "reversible", "tags"])
        #expect(d.assumed.first?.assumed == .text("over every threshold"))
        #expect(d.assumed.last?.assumed == .emptyList)
        #expect(d.line == 1 && d.id == nil)
        #expect(d.json.hasPrefix("{\"line\":1,\"capability\":\"refund\""))
    }
}
