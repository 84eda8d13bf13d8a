import Foundation
import Testing

/// A table changed after `compile` is refused by every command that reads it, with one
/// error line and the command's status for an invalid policy; none decides from it.
@Suite("a damaged compiled table")
struct DamagedTableCLITests {
    static let changed = "fixtures/tables/root-changed.json"
    static let forged = "fixtures/tables/root-changed-redigested.json"
    static let action = #"{"capability":"refund","amount":1000000,"tags":["sanctioned"],"confidence":0.1}"#

    static func expectOneError(_ r: CLI.Result, status: Int32, mentioning: String, _ what: String) {
        #expect(r.status == status, "\(what): \(r.status) \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(what): \(r.stdout)")
        #expect(r.stderr.hasPrefix("hitl-policy: error: ") && r.stderr.contains(mentioning), "\(what): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(what): \(r.stderr)")
    }

    @Test func evalRefusesIt() throws {
        for (table, says) in [(Self.changed, "does not match its table_digest"), (Self.forged, "is not what its rules compile to")] {
            let r = try CLI.run(["eval", "--policy", table, "--exit-code"], stdin: Self.action + "\n")
            Self.expectOneError(r, status: 1, mentioning: says, "eval \(table)")
        }
    }

    /// The CI gate cannot pass it: diff refuses it (status 2) instead of reading only its rules.
    @Test func diffRefusesIt() throws {
        for table in [Self.changed, Self.forged] {
            let r = try CLI.run(["diff", "--fail-on", "any", "policies/payments.yaml", table])
            Self.expectOneError(r, status: 2, mentioning: table, "diff \(table)")
        }
    }

    @Test func lintAndCompileRefuseIt() throws {
        for command in ["lint", "compile"] {
            let r = try CLI.run([command, Self.changed])
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("compiled decision table"), "\(command): \(r.stderr)")
        }
    }

    /// `test --generate` and `test --coverage` on a table whose rule tests an attribute its
    /// `attributes` list lacks: refused with the reason, no trap.
    @Test func testRefusesIt() throws {
        let table = "fixtures/tables/rule-attribute-missing.json"
        let generated = try CLI.run(["test", "--generate", table])
        Self.expectOneError(generated, status: 1, mentioning: "tests attribute region, which is not in the table's attributes", "test --generate")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t.test.yaml")
        // A test file names a policy inside the folder being tested.
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(table), to: dir.appendingPathComponent("table.json"))
        try Data("policy: table.json\ncases:\n  - name: x\n    action: {capability: x}\n    expect: {decision: disabled}\n".utf8).write(to: file)
        let r = try CLI.run(["test", "--coverage", file.path])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect((r.stdout + r.stderr).contains("which is not in the table's attributes"), "\(r.stdout) \(r.stderr)")
    }
}
