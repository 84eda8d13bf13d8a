import Foundation
import Testing
@testable import HITLPolicy

/// Golden files for every compile format and for eval's decision lines.
@Suite("Compile and eval output (golden files)")
struct TableGoldenTests {
    static func table(_ path: String = "policies/payments.yaml") throws -> DecisionTable {
        let result = PolicyCompilation.compile(try Repo.bytes(path), file: path)
        return try #require(result.table)
    }

    static func render(_ format: TableReporter.Format) throws -> String {
        var s = ""
        TableReporter(try table()).render(format) { s += $0 }
        return s
    }

    static func eval(_ table: DecisionTable, _ actions: String, explain: Bool = false, cacheLimit: Int? = nil) throws -> String {
        let evaluator = Evaluator(table: table)
        evaluator.explain = explain
        if let cacheLimit { evaluator.cache = TemplateCache(limit: cacheLimit) }
        var out: [UInt8] = []
        for (n, line) in actions.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { b in _ = evaluator.evaluate(line: UnsafeBufferPointer(b), number: n + 1, into: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func jsonArtifact() throws {
        Golden.check(PolicyCompilation.artifact(try Self.table()), against: "Tests/HITLPolicyTests/Golden/compile-payments.json")
    }

    @Test func textTable() throws {
        Golden.check(try Self.render(.table), against: "Tests/HITLPolicyTests/Golden/compile-payments.txt")
    }

    @Test func markdown() throws {
        Golden.check(try Self.render(.markdown), against: "Tests/HITLPolicyTests/Golden/compile-payments.md")
    }

    @Test func csv() throws {
        Golden.check(try Self.render(.csv), against: "Tests/HITLPolicyTests/Golden/compile-payments.csv")
    }

    @Test func decisions() throws {
        let actions = String(decoding: try Repo.bytes("fixtures/actions/payments.jsonl"), as: UTF8.self)
        Golden.check(try Self.eval(try Self.table(), actions), against: "Tests/HITLPolicyTests/Golden/eval-payments.jsonl")
    }

    /// A template cache that keeps starting over (one row) decides the same.
    @Test func decisionsWithATinyTemplateCache() throws {
        let actions = String(decoding: try Repo.bytes("fixtures/actions/payments.jsonl"), as: UTF8.self)
        Golden.check(try Self.eval(try Self.table(), actions, cacheLimit: 1), against: "Tests/HITLPolicyTests/Golden/eval-payments.jsonl")
    }

    @Test func explained() throws {
        let actions = """
            {"id":"e-1","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}
            {"id":"e-2","capability":"send_sms"}
            """
        Golden.check(try Self.eval(try Self.table(), actions, explain: true), against: "Tests/HITLPolicyTests/Golden/eval-explain.jsonl")
    }

    /// The artifact is deterministic and reads back into a table that decides identically.
    @Test(arguments: ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"])
    func artifactRoundTrip(_ path: String) throws {
        let table = try Self.table(path)
        let artifact = PolicyCompilation.artifact(table)
        #expect(artifact == PolicyCompilation.artifact(try Self.table(path)))
        #expect(!artifact.contains(Repo.root.path))
        let loaded = PolicyCompilation.load(Array(artifact.utf8), file: "table.json")
        let reread = try #require(loaded.table, "\(loaded.failure ?? "")")
        let actions = String(decoding: try Repo.bytes("fixtures/actions/payments.jsonl"), as: UTF8.self)
        #expect(try Self.eval(reread, actions) == Self.eval(table, actions))
        #expect(PolicyCompilation.artifact(reread) == artifact)
    }

    /// A corrupted artifact is refused with a reason, never trusted.
    @Test func corruptedArtifactIsRefused() throws {
        let artifact = PolicyCompilation.artifact(try Self.table())
        for (from, to) in [("\"global_root\":", "\"global_root\":99999"), ("\"version\":3", "\"version\":7"),
                           ("\"children\":[", "\"children\":[123456789,"), ("\"entry_rule\":", "\"entry_rule\":-")] {
            let bad = artifact.replacingOccurrences(of: from, with: to)
            #expect(bad != artifact)
            let result = PolicyCompilation.load(Array(bad.utf8), file: "bad.json")
            #expect(result.table == nil && result.failure != nil, "\(from)")
        }
    }
}
