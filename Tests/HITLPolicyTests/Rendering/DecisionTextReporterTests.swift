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

    /// Names from the action (capability, id, attribute and tag text in errors) reach a
    /// terminal: control characters are written out, so an action cannot erase or forge a line
    /// of the output (`ESC[2K`, `\r`, a newline followed by a fake block).
    @Test func controlCharactersFromTheActionAreWrittenOut() throws {
        let policy = try #require(CompiledPolicy.load(bytes: try Repo.bytes("policies/payments.yaml"), file: "policies/payments.yaml").policy)
        let forged = #"{"id":"x\u001b[2K","capability":"refund\r\nline 9: refund → autonomous\u001b[2K\u009b","amount":"bad\u0007"}"#
        let text = DecisionTextReporter.render(policy.decide(Action(json: forged, line: 1)))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(text.debugDescription)")
        #expect(!text.contains("\nline 9"), "\(text.debugDescription)")
        #expect(text.hasPrefix("line 1 "))
    }

    @Test func invalidShowsEachError() {
        #expect(DecisionTextReporter.renderUnread(line: 7, message: "the line is longer than 4194304 bytes")
            == "line 7: invalid\n  error: the line is longer than 4194304 bytes\n")
    }
}
