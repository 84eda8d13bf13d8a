import Testing
@testable import HITLPolicy

/// Loading a policy through the API: YAML or table, diagnostics and failures as values;
/// lint, compile and diff return what the commands report.
@Suite("Policy loading")
struct PolicyLoadingTests {
    @Test func yamlAndTableDecideAlike() throws {
        let path = "policies/payments.yaml"
        let fromYAML = try TypedDecisionTests.policy(path)
        let (artifact, loaded) = PolicyTools.compile(try Repo.bytes(path), file: path)
        #expect(loaded.policy != nil && loaded.failure == nil)
        let table = try #require(artifact)
        #expect(table == PolicyCompilation.artifactBytes(fromYAML.table))
        let fromTable = try #require(CompiledPolicy.load(bytes: table, file: "payments.json").policy)
        #expect(fromTable.name == fromYAML.name && fromTable.digest == fromYAML.digest)
        let line = #"{"id":"a-3","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"tags":["pii"]}"#
        #expect(fromTable.decide(Action(json: line)) == fromYAML.decide(Action(json: line)))
        #expect(fromTable.decide(Action(json: line)).json == fromYAML.decide(Action(json: line)).json)
    }

    @Test func invalidPolicyGivesDiagnostics() throws {
        let path = "fixtures/invalid/unknown-field-typo.yaml"
        let loaded = CompiledPolicy.load(bytes: try Repo.bytes(path), file: path)
        #expect(loaded.policy == nil && loaded.failed)
        #expect(loaded.diagnostics.contains { $0.severity == .error && $0.location.file == path })
        #expect(PolicyTools.lint(try Repo.bytes(path), file: path).diagnostics == loaded.diagnostics)
        let viaPath = CompiledPolicy.load(path: Repo.url(path).path)
        #expect(viaPath.policy == nil && !viaPath.diagnostics.isEmpty)
    }

    @Test func unreadableOrBrokenInputsAreFailures() throws {
        let missing = CompiledPolicy.load(path: "/nonexistent/policy.yaml")
        #expect(missing.policy == nil && missing.failure != nil && missing.diagnostics.isEmpty)
        let table = CompiledPolicy.load(bytes: Array(#"{"format":"hitl-policy-table","version":1}"#.utf8), file: "t.json")
        #expect(table.policy == nil && table.failure?.hasPrefix("t.json: ") == true)
        #expect(CompiledPolicy.compile(yaml: Array("{}".utf8), file: "x.yaml").policy == nil)
    }

    /// A table compiled without its decision diagrams (for the diff alone) cannot decide:
    /// it is refused with a failure, never walked from roots that do not exist.
    @Test func tableWithoutDiagramsIsRefused() throws {
        let path = "policies/payments.yaml"
        let loaded = LoadedPolicy(PolicyCompilation.compile(try Repo.bytes(path), file: path, diagrams: false))
        #expect(loaded.policy == nil)
        #expect(loaded.failure == "the table has no decision diagrams (it was compiled without them), so it cannot decide actions")
        let whole = LoadedPolicy(PolicyCompilation.compile(try Repo.bytes(path), file: path))
        #expect(whole.policy != nil && whole.failure == nil)
    }

    @Test func diffReportsWhatChanged() throws {
        let old = try TypedDecisionTests.policy("fixtures/diff/01-raise-spend-threshold/old.yaml")
        let new = try TypedDecisionTests.policy("fixtures/diff/01-raise-spend-threshold/new.yaml")
        let report = try PolicyTools.diff(old: old, new: new)
        #expect(!report.isEmpty)
        #expect(try PolicyTools.diff(old: old, new: old).isEmpty)
    }
}
