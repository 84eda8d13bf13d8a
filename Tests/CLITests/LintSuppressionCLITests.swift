import Foundation
import Testing

/// `x-lint` on the command line: silenced findings leave text and GitHub output, are marked
/// in JSON and SARIF, never fail `--strict`, and change no decision `diff` can see.
@Suite("x-lint suppressions (the built binary)")
struct LintSuppressionCLITests {
    static let policy = "fixtures/policies/silenced.yaml"

    @Test func textCountsThemAndStrictPasses() throws {
        let r = try CLI.run(["lint", "--strict", Self.policy])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout == "1 file checked: no problems (5 suppressed by x-lint)\n")
    }

    @Test func githubAnnotationsLeaveThemOut() throws {
        let r = try CLI.run(["lint", "--format", "github", Self.policy])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty, "\(r.stdout)")
    }

    @Test func jsonMarksThem() throws {
        let r = try CLI.run(["lint", "--format", "json", Self.policy])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(obj["summary"] as? [String: Any])
        #expect(summary["suppressed"] as? Int == 5)
        #expect(summary["warnings"] as? Int == 0)
        #expect(summary["notes"] as? Int == 0)
        let entries = try #require(obj["diagnostics"] as? [[String: Any]])
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0["suppressed"] as? Bool == true })
        // Without x-lint, no entry and no summary carries the key.
        let plain = try CLI.run(["lint", "--format", "json", "fixtures/invalid/warnings-only.yaml"])
        #expect(!plain.stdout.contains("suppressed"))
    }

    @Test func sarifCarriesInSourceSuppressions() throws {
        let r = try CLI.run(["lint", "--format", "sarif", Self.policy])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 5)
        for result in results {
            let s = try #require((result["suppressions"] as? [[String: Any]])?.first)
            #expect(s["kind"] as? String == "inSource")
            let place = (s["location"] as? [String: Any])?["physicalLocation"] as? [String: Any]
            #expect((place?["artifactLocation"] as? [String: Any])?["uri"] as? String == Self.policy)
        }
    }

    /// Two versions that differ only in `x-lint` mean the same thing.
    @Test func diffSeesNoChange() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlint-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent(Self.policy), encoding: .utf8)
        let bare = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("x-lint") && !$0.hasPrefix("  disable:") }.joined(separator: "\n")
        #expect(bare != text)
        let (old, new) = (dir.appendingPathComponent("old.yaml"), dir.appendingPathComponent("new.yaml"))
        try bare.write(to: old, atomically: true, encoding: .utf8)
        try text.write(to: new, atomically: true, encoding: .utf8)
        let r = try CLI.run(["diff", old.path, new.path, "--fail-on", "any"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("no changes: every action gets the same decision"), "\(r.stdout)")
        let lint = try CLI.run(["lint", old.path])
        #expect(lint.stdout.contains("0 errors, 4 warnings, 1 note"), "\(lint.stdout)")
    }
}
