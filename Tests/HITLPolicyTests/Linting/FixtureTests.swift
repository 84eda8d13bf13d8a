import Foundation
import Testing
@testable import HITLPolicy

@Suite("Fixtures and example policies")
struct FixtureTests {
    static let invalid = (try? Repo.files(in: "fixtures/invalid", ext: "yaml")) ?? []
    static let examples = (try? Repo.policies(in: "policies")) ?? []

    @Test func thereAreEnoughFixturesAndExamples() {
        #expect(Self.invalid.count >= 30)
        #expect(Self.examples.count >= 4)
    }

    @Test("each invalid fixture produces its golden diagnostics", arguments: invalid)
    func invalidFixture(path: String) throws {
        let report = LintReport(files: [Linter.lint(try Repo.bytes(path), file: path)])
        #expect(!report.diagnostics.isEmpty)
        let golden = String(path.dropLast(".yaml".count)) + ".expected"
        Golden.check(TextReporter(color: false).render(report), against: golden)
    }

    @Test("each example policy lints clean", arguments: examples)
    func examplePolicy(path: String) throws {
        let result = PolicyLoader.load(try Repo.bytes(path), file: path, checkTableSize: true)
        let problems = result.diagnostics.filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.map { "\($0.location): \($0.message)" })")
        #expect(result.policy != nil)
    }
}
