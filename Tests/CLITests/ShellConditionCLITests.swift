import Foundation
import Testing

/// `{shell: [...]}` conditions from the command line: lint places a bad prefix, eval decides
/// and explains commands, compile's table reads back, and `test --generate` writes cases
/// whose witnesses are commands that pass.
@Suite("shell conditions on the command line")
struct ShellConditionCLITests {
    static let policy = "fixtures/policies/shell.yaml"

    @Test func lintPlacesABadPrefix() throws {
        let yaml = "version: 1\nname: demo\ncapabilities:\n  Bash: autonomous\ncompliance:\n  - id: r\n    when:\n"
            + "      attributes: {command: {shell: [\"git push; rm -rf /\"]}}\n    stage: disabled\n"
        let r = try CLI.run(["lint", "-"], stdin: yaml)
        #expect(r.status == 1)
        #expect(r.stdout.contains("<stdin>:8:38: error[HP205]: shell prefix 'git push; rm -rf /'"), "\(r.stdout)")
        #expect(r.stdout.contains("a prefix is one simple command"))
    }

    @Test func evalDecidesAndExplains() throws {
        let r = try CLI.run(["eval", "--explain", "--policy", Self.policy, "-"],
                            stdin: "{\"capability\":\"Bash\",\"attributes\":{\"command\":\"cd repo && \\\"git\\\" push -f origin\"}}\n")
        #expect(r.status == 0, "\(r.stderr)")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(d["decision"] as? String == "disabled")
        #expect(r.stdout.contains("attributes.command runs git push -f origin, which begins with git push -f"))
    }

    @Test func compiledTableDecidesAlike() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("shell.json").path
        #expect(try CLI.run(["compile", Self.policy, "-o", table]).status == 0)
        let fromYAML = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/shell.jsonl"])
        let fromTable = try CLI.run(["eval", "--policy", table, "fixtures/actions/shell.jsonl"])
        #expect(fromYAML.status == 0 && fromTable.status == 0)
        #expect(fromYAML.stdout == fromTable.stdout)
    }

    @Test func generatedCasesAreCommandsThatPass() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("shell.yaml")
        try Data(try Data(contentsOf: CLI.root.appendingPathComponent(Self.policy))).write(to: policy)
        let tests = dir.appendingPathComponent("shell.test.yaml").path
        let g = try CLI.run(["test", "--generate", policy.path, "-o", tests])
        #expect(g.status == 0, "\(g.stderr)")
        let written = try String(contentsOfFile: tests, encoding: .utf8)
        #expect(written.contains("\"command\": \"git push --force\""))
        #expect(written.contains("\"command\": \"true\""))
        let r = try CLI.run(["test", "--coverage", "--min-coverage", "100", dir.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("(100.0%)"))
    }
}
