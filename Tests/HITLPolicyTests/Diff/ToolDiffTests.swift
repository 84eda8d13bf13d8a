import Testing
@testable import HITLPolicy

/// `diff` on the `tools:` section (Diff/ToolDiff.swift): every mapping edit is named, and
/// `--fail-on loosened` fails on it.
@Suite("tool mapping diff")
struct ToolDiffTests {
    static func table(_ tools: String) -> DecisionTable {
        let yaml = "version: 1\nname: t\ncurrency: USD\ncapabilities:\n  refund: autonomous\n  Read: autonomous\n" + tools
        return CompiledPolicy.compile(yaml: Array(yaml.utf8), file: "t.yaml").policy!.table
    }

    @Test func mappingEditsAreReportedAndCountAsWeakening() throws {
        let old = Self.table("tools:\n  pay:\n    capability: refund\n    amount: {value: cents, currency: cur, minor_units: true}\n  gone: {capability: Read}\n")
        let new = Self.table("tools:\n  pay:\n    capability: Read\n    amount: cents\n  added: {tags: labels}\n")
        let report = try PolicyDiff.diff(old: old, new: new)
        let tools = report.approverChanges.filter { $0.subject == "tool" }.map { "\($0.name) \($0.change)" }
        #expect(tools == ["pay capability", "pay amount", "added added", "gone removed"], "\(tools)")
        #expect(report.regions.isEmpty)
        #expect(report.weakened)
        #expect(try PolicyDiff.diff(old: old, new: old).isEmpty)
        #expect(!(try PolicyDiff.diff(old: old, new: old).weakened))
    }
}
