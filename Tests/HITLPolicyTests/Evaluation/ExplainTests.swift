import Foundation
import Testing
@testable import HITLPolicy

/// `--explain` lists the rules of the action's class as the evaluator's class index has
/// them (Evaluation/Evaluator+Explain.swift), not by rule-path prefix.
@Suite("Explain")
struct ExplainTests {
    static let nested = """
        version: 1
        name: nested
        currency: USD
        tiers:
          - name: team
            approvers: [a]
            sla: 4h
        capabilities:
          github:
            stage: autonomous
            spend:
              - over: 10
                tier: team
          github.push:
            stage: autonomous
            spend:
              - over: 20
                tier: team
        compliance:
          - id: push-review
            when: {capability: github.push}
            review: true
        """

    static func explained(_ line: String) throws -> [String] {
        let table = try #require(PolicyCompilation.compile(Array(nested.utf8), file: "nested.yaml").table)
        let out = try TableGoldenTests.eval(table, line, explain: true)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let explain = try #require(obj["explain"] as? [String: Any])
        return (explain["rules"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    /// An entry whose name starts another entry's (`github`, `github.push`): each class
    /// lists its own entry's bands only (the path prefix `capabilities.github.` listed
    /// `github.push`'s bands under `github` too). Compliance rules are all listed.
    @Test func bandsOfAnEntryNamedLikeAPrefixOfAnother() throws {
        #expect(try Self.explained(#"{"capability":"github","amount":5}"#)
            == ["capabilities.github", "capabilities.github.spend[0]", "compliance.push-review"])
        #expect(try Self.explained(#"{"capability":"github.push","amount":5}"#)
            == ["capabilities.github.push", "capabilities.github.push.spend[0]", "compliance.push-review"])
        #expect(try Self.explained(#"{"capability":"gitlab","amount":5}"#) == ["defaults.stage", "compliance.push-review"])
    }
}

/// `--explain`'s row names each field once, in the same words as the table views and diff,
/// even when both diagrams test it (a band and a compliance rule on `amount`).
@Suite("Explain region")
struct ExplainRegionTests {
    static let policy = """
        version: 1
        name: twice
        currency: USD
        tiers:
          - name: team
            approvers: [a]
            sla: 4h
          - name: lead
            approvers: [b]
            sla: 4h
        capabilities:
          refund:
            stage: autonomous
            spend:
              - over: 1000
                tier: team
        compliance:
          - id: big
            when: {amount: {at_least: 5000}}
            tier: lead
        """

    static func region(_ line: String) throws -> [String] {
        let table = try #require(PolicyCompilation.compile(Array(policy.utf8), file: "twice.yaml").table)
        let out = try TableGoldenTests.eval(table, line, explain: true)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let row = try #require((obj["explain"] as? [String: Any])?["row"] as? [String: Any])
        return row["region"] as? [String] ?? []
    }

    @Test func eachFieldOnceInWords() throws {
        #expect(try Self.region(#"{"capability":"refund","amount":2000}"#) == ["amount over 1000 and under 5000 USD"])
        #expect(try Self.region(#"{"capability":"refund","amount":9000}"#) == ["amount at least 5000 USD"])
        #expect(try Self.region(#"{"capability":"refund","amount":10}"#) == ["amount at most 1000 USD"])
        #expect(try Self.region(#"{"capability":"refund"}"#) == ["amount missing"])
    }
}
