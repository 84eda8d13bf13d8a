import Foundation
import Testing

/// A table written by an older build (format 1) is refused with the command that
/// recompiles it, with the exit status of any other bad table.
@Suite("a table of another format version")
struct TableVersionCLITests {
    static let formatOne = """
        {"approvers":[],"attributes":[],"classes":[],"exchange_rates":[],"format":"hitl-policy-table","global_root":-1,"global_tested_fields":0,"nodes":[],"outcomes":[{"requirement":{"review":false,"specialists":[],"stage":"disabled"},"rules":[0]}],"policy":"p","policy_digest":"sha256:00","rules":[],"source":"p.yaml","tags":[],"version":1}

        """

    @Test func formatOneSaysRecompile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.formatOne.utf8).write(to: file)
        let r = try CLI.run(["eval", "--policy", file.path, "fixtures/actions/payments.jsonl"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr == "hitl-policy: error: \(file.path): table version 1 is not supported (this build reads 2); recompile this table from its policy: hitl-policy compile POLICY -o TABLE\n")
        #expect(r.stdout.isEmpty)
    }
}
