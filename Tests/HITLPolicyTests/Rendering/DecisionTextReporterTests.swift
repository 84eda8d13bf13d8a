import Foundation
import Testing
@testable import HITLPolicy

/// `eval --format text`, rendered from the typed `Decision` (Rendering/DecisionTextReporter).
@Suite("Decision text")
struct DecisionTextReporterTests {
    /// Every action of the payments fixture, as `eval --format text` prints them; the CLI
    /// test checks the command prints the same file.
    @Test func paymentsFixtureMatchesGolden() throws {
        let policy = try #require(CompiledPolicy.load(bytes: try Repo.bytes("policies/payments.yaml"), file: "policies/payments.yaml").policy)
        let lines = try String(contentsOf: Repo.url("fixtures/actions/payments.jsonl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [String] = []
        for (n, line) in lines.enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
            blocks.append(DecisionTextReporter.render(policy.decide(Action(json: String(line), line: n + 1))))
        }
        Golden.check(blocks.joined(separator: "\n"), against: "Tests/HITLPolicyTests/Golden/eval-payments.txt")
    }

    @Test func invalidShowsEachError() {
        #expect(DecisionTextReporter.renderUnread(line: 7, message: "the line is longer than 4194304 bytes")
            == "line 7: invalid\n  error: the line is longer than 4194304 bytes\n")
    }
}
