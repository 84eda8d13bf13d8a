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
        #expect(r.stderr == "hitl-policy: error: \(file.path): table version 1 is not supported (this build reads 3); recompile this table from its policy: hitl-policy compile POLICY -o TABLE\n")
        #expect(r.stdout.isEmpty)
    }

    /// A version-3 table whose `tested_fields` bits name other fields (another build's
    /// field registry) is refused the same way.
    @Test func otherFieldBitsSayRecompile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("t.json").path
        #expect(try CLI.run(["compile", "policies/payments.yaml", "--format", "json", "-o", table]).status == 0)
        let text = try String(contentsOfFile: table, encoding: .utf8)
        #expect(text.contains("\"tested_field_bits\":[\"amount\",\"confidence\",\"blast_radius\",\"reversible\",\"tags\",\"attributes\"]"))
        try Data(text.replacing("\"tags\",\"attributes\"]", with: "\"attributes\",\"tags\"]").utf8).write(to: URL(fileURLWithPath: table))
        let r = try CLI.run(["eval", "--policy", table, "fixtures/actions/payments.jsonl"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.hasSuffix("(amount, confidence, blast_radius, reversible, attributes, tags) are not this build's "
            + "(amount, confidence, blast_radius, reversible, tags, attributes); recompile this table from its policy: hitl-policy compile POLICY -o TABLE\n"), "\(r.stderr)")
    }
}
