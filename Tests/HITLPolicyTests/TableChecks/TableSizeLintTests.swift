import Foundation
import Testing
@testable import HITLPolicy

/// Lint clean means it compiles: a policy whose decisions multiply past the node limit is
/// a lint error naming the rules that multiply.
@Suite struct TableSizeLintTests {
    /// 22 tags each adding its own panel make 2^22 decisions: past the limit (a small
    /// limit here, so the test is quick; `lint` uses `TableCompiler.maxNodes`).
    @Test func multiplyingPanelsAreALintError() throws {
        let policy = try GeneratedPolicies.policy(try GeneratedPolicies.panelRules(22))
        let d = try #require(TableSizeCheck.run(policy, limit: 50_000))
        #expect(d.code == .tableTooLarge)
        #expect(d.severity == .error)
        #expect(d.message.contains("more than a table holds (65536 distinct decisions, 50000 nodes)"))
        #expect(d.location.file == "generated.yaml" && d.location.line > 1)
        let hint = try #require(d.hint)
        #expect(hint.contains("compliance.panel-rule-0"))
        #expect(hint.contains("more"))
        #expect(d.notes.count == TableSizeCheck.maxNamed - 1)
    }

    /// Compiling such a policy reports the same finding (no separate failure message).
    @Test func compileReportsTheLintFinding() throws {
        let policy = try GeneratedPolicies.policy(try GeneratedPolicies.panelRules(22))
        do {
            _ = try TableCompiler.compile(policy, digest: "", diagrams: true, limit: 50_000)
            Issue.record("compiled")
        } catch {
            #expect(!error.rules.isEmpty)
            #expect(TableSizeCheck.diagnostic(policy, error, limit: 50_000).code == .tableTooLarge)
        }
    }

    /// At the real limits the distinct-decision cap stops such a policy long before the node
    /// limit (lint compiles every policy, so this is what lint pays for it).
    @Test func decisionCapStopsMultiplyingPoliciesEarly() throws {
        let policy = try GeneratedPolicies.policy(try GeneratedPolicies.panelRules(22))
        do {
            _ = try TableCompiler.compile(policy, digest: "")
            Issue.record("compiled")
        } catch {
            #expect(error.nodes < TableCompiler.maxNodes / 4, "stopped after \(error.nodes) nodes")
            #expect(TableSizeCheck.diagnostic(policy, error).message.contains("65536 distinct decisions"))
        }
        // 16 independent panels (65,536 subsets, with the base decisions more) is past the cap too;
        // 10 compiles (`lintCleanPoliciesCompile`).
        #expect(throws: DiagramTooLarge.self) { _ = try TableCompiler.compile(try GeneratedPolicies.policy(try GeneratedPolicies.panelRules(16)), digest: "") }
    }

    /// Lint-clean policies compile: the example policies and the generated ones.
    @Test func lintCleanPoliciesCompile() throws {
        var texts = try ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"]
            .map { String(decoding: try Repo.bytes($0), as: UTF8.self) }
        texts += [try GeneratedPolicies.tagRules(200), try GeneratedPolicies.attributeRules(200), try GeneratedPolicies.panelRules(10)]
        for text in texts {
            let report = Linter.lint(Array(text.utf8), file: "p.yaml")
            #expect(!report.diagnostics.contains { $0.severity == .error })
            #expect(PolicyCompilation.compile(Array(text.utf8), file: "p.yaml").table != nil)
        }
    }
}
