import Testing
@testable import HITLPolicy

@Suite("Lint reporters (golden files)")
struct ReporterGoldenTests {
    static let sample = ["fixtures/invalid/duplicate-key.yaml", "fixtures/invalid/undefined-specialist.yaml", "fixtures/invalid/warnings-only.yaml"]

    func report() throws -> LintReport {
        LintReport(files: try Self.sample.map { Linter.lint(try Repo.bytes($0), file: $0) })
    }

    @Test func text() throws {
        Golden.check(TextReporter(color: false).render(try report()), against: "Tests/HITLPolicyTests/Golden/lint.txt")
    }

    @Test func coloredText() throws {
        Golden.check(TextReporter(color: true).render(try report()), against: "Tests/HITLPolicyTests/Golden/lint-color.txt")
    }

    @Test func json() throws {
        Golden.check(JSONLintReporter.render(try report()), against: "Tests/HITLPolicyTests/Golden/lint.json")
    }

    @Test func sarif() throws {
        Golden.check(SARIFReporter.render(try report()), against: "Tests/HITLPolicyTests/Golden/lint.sarif")
    }

    @Test func github() throws {
        Golden.check(GitHubReporter.render(try report()), against: "Tests/HITLPolicyTests/Golden/lint.github")
    }

    @Test func githubEscaping() {
        #expect(GitHubReporter.data("a%b\nc\r") == "a%25b%0Ac%0D")
        #expect(GitHubReporter.property("x:y,z") == "x%3Ay%2Cz")
    }

    @Test func sarifURIs() {
        #expect(SARIFReporter.uri("./policies/a b.yaml") == "policies/a%20b.yaml")
        #expect(SARIFReporter.uri("p/é.yaml") == "p/%C3%A9.yaml")
    }

    @Test func excerptOfAVeryLongLineIsWindowed() throws {
        let line = String(repeating: "a", count: 10_000) + "X" + String(repeating: "b", count: 10_000)
        let shown = try #require(SourceExcerpt(Array(line.utf8)).display(line: 1, column: 10_001))
        #expect(shown.text.unicodeScalars.count <= SourceExcerpt.maxWidth + 2)
        let caret = shown.caretPrefix.unicodeScalars.count
        #expect(Array(shown.text.unicodeScalars)[caret] == "X")
    }
}
