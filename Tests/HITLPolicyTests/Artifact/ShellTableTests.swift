import Foundation
import Testing
@testable import HITLPolicy

/// Tables of a policy with `{shell: [...]}` conditions (fixtures/policies/shell.yaml): every
/// compile format and `eval --explain` as golden files, the artifact read back whole, and a
/// table whose shell prefixes were edited refused.
@Suite("Shell conditions: tables")
struct ShellTableTests {
    static let policy = "fixtures/policies/shell.yaml"

    static func table() throws -> DecisionTable { try TableGoldenTests.table(policy) }

    static func render(_ format: TableReporter.Format) throws -> String {
        var s = ""
        TableReporter(try table()).render(format) { s += $0 }
        return s
    }

    static var actions: String { get throws { String(decoding: try Repo.bytes("fixtures/actions/shell.jsonl"), as: UTF8.self) } }

    @Test func jsonArtifact() throws {
        Golden.check(PolicyCompilation.artifact(try Self.table()), against: "Tests/HITLPolicyTests/Golden/compile-shell.json")
    }

    @Test func textTable() throws {
        Golden.check(try Self.render(.table), against: "Tests/HITLPolicyTests/Golden/compile-shell.txt")
    }

    @Test func markdown() throws {
        Golden.check(try Self.render(.markdown), against: "Tests/HITLPolicyTests/Golden/compile-shell.md")
    }

    @Test func csv() throws {
        Golden.check(try Self.render(.csv), against: "Tests/HITLPolicyTests/Golden/compile-shell.csv")
    }

    @Test func explained() throws {
        Golden.check(try TableGoldenTests.eval(try Self.table(), try Self.actions, explain: true),
                     against: "Tests/HITLPolicyTests/Golden/eval-shell-explain.jsonl")
    }

    /// Fail closed: a missing value, a number and an unbalanced quote meet every prefix; a
    /// prefix inside quotes is no command.
    @Test func decisions() throws {
        let out = try TableGoldenTests.eval(try Self.table(), try Self.actions)
        let decisions = out.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["decision"] as? String ?? "?"
        }
        #expect(decisions == ["autonomous", "approval", "disabled", "disabled", "disabled", "disabled", "approval", "autonomous"])
    }

    @Test func artifactRoundTrip() throws {
        let table = try Self.table()
        let artifact = PolicyCompilation.artifact(table)
        let loaded = PolicyCompilation.load(Array(artifact.utf8), file: "table.json")
        let reread = try #require(loaded.table, "\(loaded.failure ?? "")")
        #expect(reread.shells == table.shells)
        #expect(PolicyCompilation.artifact(reread) == artifact)
        #expect(try TableGoldenTests.eval(reread, try Self.actions) == TableGoldenTests.eval(table, try Self.actions))
    }

    /// Tables of policies without shell conditions carry no `shells` member (so they are
    /// byte for byte what earlier builds wrote).
    @Test func noShellsNoMember() throws {
        #expect(!PolicyCompilation.artifact(try TableGoldenTests.table()).contains("\"shells\""))
    }

    /// Edited prefixes are refused even when the forger rewrites the digest: the rebuilt
    /// diagrams and the rules' conditions must agree with the listed prefixes.
    @Test func editedShellsAreRefused() throws {
        let table = try Self.table()
        var renamed = table
        renamed.shells[2].words = ["git", "pull"]
        var dropped = table
        dropped.shells.removeLast()
        var outOfRange = table
        let node = try #require(outOfRange.nodes.firstIndex { if case .shell = $0.test { true } else { false } })
        outOfRange.nodes[node].test = .shell(99)
        var ruleEdited = table
        let rule = try #require(ruleEdited.rules.firstIndex { $0.path == "compliance.pushes-reviewed" })
        ruleEdited.rules[rule].conditions = [.shell(path: "command", prefixes: [["git", "pull"]])]
        for (name, forged, reason) in [("renamed", renamed, "shell prefix"), ("dropped", dropped, "shell prefix"),
                                       ("out of range", outOfRange, "tests shell prefix 99"), ("rule edited", ruleEdited, "git pull")] {
            let failure = PolicyCompilation.load(PolicyCompilation.artifactBytes(forged), file: "t.json").failure
            #expect(failure?.contains(reason) == true, "\(name): \(failure ?? "accepted")")
        }
        // A prefix that is no simple command is refused where it is read.
        let artifact = PolicyCompilation.artifact(table)
        let bad = artifact.replacingOccurrences(of: "\"prefix\":\"git push\"", with: "\"prefix\":\"git push; rm\"")
        #expect(bad != artifact)
        #expect(PolicyCompilation.load(Array(bad.utf8), file: "t.json").failure?.contains("bad shell prefix") == true)
    }
}
