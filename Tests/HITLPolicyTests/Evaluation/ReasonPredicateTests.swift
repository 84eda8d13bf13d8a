import Foundation
import Testing
@testable import HITLPolicy

/// Reasons are found by checking the class's candidate rules on the action, not read from
/// the diagram's leaves: they must be exactly the rules that match, for every example policy
/// and many actions aimed at every boundary.
@Suite struct ReasonPredicateTests {
    static let policies = DifferentialTests.policies
    static let actionsPerPolicy = 20_000

    /// The rules the checks find against two oracles: the rules the leaves carry (while
    /// table leaves still list them; read by reflection so this keeps compiling once they
    /// do not) and the reference interpreter's matching rules.
    @Test(arguments: policies)
    func predicatesMatchLeavesAndReference(_ path: String) throws {
        let bytes = try Repo.bytes(path)
        let policy = try #require(PolicyLoader.load(bytes, file: path).policy)
        let table = try TableCompiler.compile(policy, digest: Digest.of(bytes))
        let evaluator = Evaluator(table: table)
        var gen = ActionGenerator(policy: policy, seed: 0xa11ce ^ UInt64(path.utf8.count))
        var failures = 0, rows = 0
        for n in 1...Self.actionsPerPolicy {
            let (line, action) = gen.next()
            let bytes = Array(line.utf8)
            guard let row = bytes.withUnsafeBufferPointer({ evaluator.row(line: $0) }) else { continue }
            rows += 1
            var want: [[Int]] = []
            if let leaves = Self.leafRules(table, row.a, row.b) { want.append(leaves) }
            let reference = ReferenceInterpreter.decide(policy, action).rules
            let got = row.rules.map { table.rules[$0].path }
            if want.contains(where: { $0 != row.rules }) || got != reference {
                failures += 1
                if failures <= 5 { Issue.record("\(path) action \(n): \(line)\n  checks: \(got)\n  leaves: \(want)\n  reference: \(reference)") }
            }
        }
        #expect(rows > Self.actionsPerPolicy / 2)
        #expect(failures == 0)
    }

    /// `outcomes[a].rules ∪ outcomes[b].rules`, ascending, when outcomes still have `rules`.
    static func leafRules(_ table: DecisionTable, _ a: Int32, _ b: Int32) -> [Int]? {
        func rules(_ o: Int32) -> [Int]? {
            Mirror(reflecting: table.outcomes[Int(o)]).children.first { $0.label == "rules" }?.value as? [Int]
        }
        guard let x = rules(a), let y = rules(b) else { return nil }
        return Array(Set(x + y)).sorted()
    }

    /// A class with more candidate rules than fit one machine word, and rules of equal
    /// effect on different tags: the reasons still name exactly the rules that match, on
    /// first sight and from the template cache.
    @Test func manyCandidatesAndEqualEffects() throws {
        var yaml = """
        version: 1
        name: many-rules
        currency: USD
        defaults:
          stage: autonomous
        tiers:
          - name: lead
            approvers: [leads]
        capabilities:
          pay: autonomous
        compliance:
          - id: tag-a
            when:
              tags: [a]
            tier: lead
          - id: tag-b
            when:
              tags: [b]
            tier: lead

        """
        for k in 1...70 {
            yaml += "  - id: over-\(k)\n    when:\n      capability: [pay]\n      amount: { at_least: \(k * 10) }\n    tier: lead\n"
        }
        let policy = try #require(PolicyLoader.load(Array(yaml.utf8), file: "many.yaml").policy)
        let table = try TableCompiler.compile(policy, digest: "sha256:0")
        let evaluator = Evaluator(table: table)
        func reasons(_ line: String) throws -> [String] {
            var out: [UInt8] = []
            Array(line.utf8).withUnsafeBufferPointer { _ = evaluator.evaluate(line: $0, number: 1, into: &out) }
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
            return (obj["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        let over = (1...70).map { "compliance.over-\($0)" }
        for _ in 0..<2 {   // the second round is served from the cache
            #expect(try reasons(#"{"capability":"pay","amount":5,"tags":["a"]}"#) == ["capabilities.pay", "compliance.tag-a"])
            #expect(try reasons(#"{"capability":"pay","amount":5,"tags":["b"]}"#) == ["capabilities.pay", "compliance.tag-b"])
            #expect(try reasons(#"{"capability":"pay","amount":5,"tags":["a","b"]}"#) == ["capabilities.pay", "compliance.tag-a", "compliance.tag-b"])
            #expect(try reasons(#"{"capability":"pay","amount":695,"tags":[]}"#) == ["capabilities.pay"] + over.prefix(69))
            #expect(try reasons(#"{"capability":"pay","amount":700,"tags":[]}"#) == ["capabilities.pay"] + over)
            #expect(try reasons(#"{"capability":"pay","tags":["b"]}"#) == ["capabilities.pay", "compliance.tag-b"] + over)
            #expect(try reasons(#"{"capability":"other","amount":700,"tags":["a"]}"#) == ["defaults.stage", "compliance.tag-a"])
        }
    }

    /// Decision lines from one evaluator (its cache warm with earlier actions) equal those
    /// of a fresh evaluator for each action: the cache key holds everything the line shows.
    @Test(arguments: policies)
    func cachedLinesEqualFreshOnes(_ path: String) throws {
        let bytes = try Repo.bytes(path)
        let policy = try #require(PolicyLoader.load(bytes, file: path).policy)
        let table = try TableCompiler.compile(policy, digest: Digest.of(bytes))
        let warm = Evaluator(table: table)
        let flat = FlatDiagram(table)
        var gen = ActionGenerator(policy: policy, seed: 0xcace ^ UInt64(path.utf8.count))
        var failures = 0
        for n in 1...2_000 {
            let line = Array(gen.next().0.utf8)
            var a: [UInt8] = [], b: [UInt8] = []
            line.withUnsafeBufferPointer {
                _ = warm.evaluate(line: $0, number: n, into: &a)
                _ = Evaluator(table: table, flat: flat).evaluate(line: $0, number: n, into: &b)
            }
            if a != b {
                failures += 1
                if failures <= 3 { Issue.record("\(path) action \(n):\n  warm:  \(String(decoding: a, as: UTF8.self))\n  fresh: \(String(decoding: b, as: UTF8.self))") }
            }
        }
        #expect(failures == 0)
    }
}
