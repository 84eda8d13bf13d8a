import Foundation
import Testing

/// Inputs every command reads alike (SPEC §5): `-` is standard input for lint, compile,
/// eval --policy, diff and test; a compiled table given where policy source is wanted (lint,
/// compile) gets one error that says so, complete or cut short; a missing path among
/// several is reported and the others are still checked, in every format.
@Suite("inputs")
struct InputsCLITests {
    static let payments = "policies/payments.yaml"

    static func source(_ path: String = payments) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// A temporary folder with the payments table and a copy cut short (before its format
    /// marker, and after it).
    static func tables() throws -> (dir: URL, table: String, cut: String, cutLate: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let table = dir.appendingPathComponent("payments.json").path
        #expect(try CLI.run(["compile", payments, "-o", table]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: table))
        let cut = dir.appendingPathComponent("cut.json").path, cutLate = dir.appendingPathComponent("cut-late.json").path
        try bytes.prefix(200).write(to: URL(fileURLWithPath: cut))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: cutLate))
        return (dir, table, cut, cutLate)
    }

    @Test func lintReadsStandardInput() throws {
        let r = try CLI.run(["lint", "--strict", "-"], stdin: try Self.source())
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("1 file checked: 0 errors, 0 warnings"), "\(r.stdout)")
        let bad = try CLI.run(["lint", "-"], stdin: try Self.source("fixtures/invalid/undefined-tier.yaml"))
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("<stdin>:"), "\(bad.stdout)")
        #expect(try CLI.run(["lint", "-", "-"], stdin: "").status == 2)
    }

    @Test func compileAndEvalReadStandardInput() throws {
        let fromFile = try CLI.run(["compile", Self.payments, "--format", "table"])
        let fromStdin = try CLI.run(["compile", "-", "--format", "table"], stdin: try Self.source())
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == fromFile.stdout.replacingOccurrences(of: "(\(Self.payments),", with: "(<stdin>,"))
        let eval = try CLI.run(["eval", "--policy", "-", "fixtures/actions/payments.jsonl"], stdin: try Self.source())
        #expect(eval.status == 0, "\(eval.stderr)")
        let fromPath = try CLI.run(["eval", "--policy", Self.payments, "fixtures/actions/payments.jsonl"])
        #expect(eval.stdout == fromPath.stdout.replacingOccurrences(of: "\(Self.payments):", with: "<stdin>:"))
        // Both from standard input is a usage error.
        #expect(try CLI.run(["eval", "--policy", "-"], stdin: "").status == 2)
        #expect(try CLI.run(["eval", "--policy", "-", "-"], stdin: "").status == 2)
    }

    @Test func testReadsATestFileFromStandardInput() throws {
        // `policy:` is relative to the current folder (the package root) for standard input.
        let file = "policy: policies/payments.yaml\ncases:\n  - name: lookups run unattended\n    action: {capability: lookup_order, confidence: 0.99}\n    expect: {decision: autonomous}\n  - name: wrong on purpose\n    action: {capability: lookup_order, confidence: 0.99}\n    expect: {decision: disabled}\n"
        let r = try CLI.run(["test", "--format", "tap", "-"], stdin: file)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("ok 1 - <stdin>: lookups run unattended"), "\(r.stdout)")
        #expect(r.stdout.contains("not ok 2 - <stdin>: wrong on purpose"), "\(r.stdout)")
        let bad = try CLI.run(["test", "-"], stdin: "policy: policies/payments.yaml\ncasez: []\n")
        #expect(bad.status == 2, "\(bad.stdout)\(bad.stderr)")
        #expect((bad.stdout + bad.stderr).contains("<stdin>:2:1"), "\(bad.stdout)\(bad.stderr)")
        #expect(try CLI.run(["test", "-", "-"], stdin: "").status == 2)
        let generate = try CLI.run(["test", "--generate", "-"], stdin: try Self.source())
        #expect(generate.status == 2)
        #expect(generate.stderr.contains("needs a policy file"), "\(generate.stderr)")
    }

    @Test func diffReadsOneSideFromStandardInput() throws {
        let old = "fixtures/diff/01-raise-spend-threshold/old.yaml", new = "fixtures/diff/01-raise-spend-threshold/new.yaml"
        let files = try CLI.run(["diff", old, new])
        let stdin = try CLI.run(["diff", "-", new], stdin: try Self.source(old))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        // Rule sources name it as the header does.
        #expect(stdin.stdout == files.stdout.replacingOccurrences(of: old, with: "<stdin>"))
        #expect(stdin.stdout.hasPrefix("<stdin> → \(new)\n"), "\(stdin.stdout)")
        let twice = try CLI.run(["diff", "-", "-"], stdin: "")
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("standard input (-) can be read only once"), "\(twice.stderr)")
        #expect(try CLI.run(["diff", "-", new, "--traffic", "-"], stdin: "").status == 2)
    }

    /// A table where source is wanted: one error naming it, for the table and for one cut
    /// short (never "YAML syntax error"); eval and diff still read tables, and one cut short
    /// before its format marker is refused as a table.
    @Test func compiledTableWhereSourceIsWanted() throws {
        let (dir, table, cut, cutLate) = try Self.tables()
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in [table, cut, cutLate] {
            let lint = try CLI.run(["lint", file])
            #expect(lint.status == 2, "\(lint.stdout)")
            #expect(lint.stderr.contains("\(file): this \(file == table ? "is" : "looks like") a compiled decision table"), "\(lint.stderr)")
            #expect(!lint.stdout.contains("HP100") && !lint.stdout.contains("syntax"), "\(lint.stdout)")
            #expect(lint.stdout.contains("0 files checked: 1 error"), "\(lint.stdout)")
            let compile = try CLI.run(["compile", file])
            #expect(compile.status == 2)
            #expect(compile.stderr.split(separator: "\n").count == 1, "\(compile.stderr)")
            #expect(compile.stderr.contains("compiled decision table"), "\(compile.stderr)")
        }
        let eval = try CLI.run(["eval", "--policy", cut], stdin: "")
        #expect(eval.status == 1)
        #expect(eval.stderr == "hitl-policy: error: \(cut): not a valid compiled table (it ends early: the file was cut short)\n", "\(eval.stderr)")
        let late = try CLI.run(["eval", "--policy", cutLate], stdin: "")
        #expect(late.status == 1)
        #expect(late.stderr.contains("not a valid compiled table"), "\(late.stderr)")
        #expect(try CLI.run(["eval", "--policy", table], stdin: "{\"capability\":\"refund\"}\n").status == 0)
    }

    /// One missing path among several: reported (on standard error and in the report), the
    /// others checked, exit 2; JSON and SARIF stay complete and carry it.
    @Test func missingPathAmongSeveral() throws {
        let paths = ["policies/support.yaml", "no/such.yaml", "fixtures/invalid/undefined-tier.yaml"]
        let text = try CLI.run(["lint"] + paths)
        #expect(text.status == 2)
        #expect(text.stderr == "hitl-policy: error: no/such.yaml: no such file or folder\n", "\(text.stderr)")
        #expect(text.stdout.contains("fixtures/invalid/undefined-tier.yaml:"), "\(text.stdout)")
        #expect(text.stdout.contains("no/such.yaml:1:1: error[HP111]: no such file or folder"), "\(text.stdout)")
        #expect(text.stdout.contains("2 files checked"), "\(text.stdout)")
        let json = try CLI.run(["lint", "--format", "json"] + paths)
        #expect(json.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["file"] as? String == "no/such.yaml" && $0["severity"] as? String == "error" })
        #expect(diagnostics.contains { $0["file"] as? String == "fixtures/invalid/undefined-tier.yaml" })
        let sarif = try CLI.run(["lint", "--format", "sarif"] + paths)
        #expect(sarif.status == 2)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        #expect(results.contains { "\($0)".contains("no/such.yaml") && $0["level"] as? String == "error" })
        #expect(results.contains { "\($0)".contains("undefined-tier.yaml") })
        // A folder among the paths is still walked.
        let folder = try CLI.run(["lint", "no/such.yaml", "policies"])
        #expect(folder.status == 2)
        #expect(folder.stdout.contains("files checked"), "\(folder.stdout)")
    }
}
