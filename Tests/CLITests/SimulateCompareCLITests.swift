import Foundation
import Testing

/// `simulate --compare NEW`: the same log through a second policy, side by side.
@Suite("simulate --compare")
struct SimulateCompareCLITests {
    /// payments.yaml with the team's spend band raised from 100 to 1000 (fewer approvals).
    static func looser() throws -> URL {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("policies/payments.yaml"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "- over: 100\n", with: "- over: 1000\n")
        #expect(edited != text)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-compare-\(UUID().uuidString).yaml")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let args = ["simulate", "--policy", "policies/payments.yaml", "--capacity", "team=60/day", "--capacity", "lead=20/day"]

    @Test func bothRunsSideBySide() throws {
        let new = try Self.looser()
        defer { try? FileManager.default.removeItem(at: new) }
        let json = try CLI.run(Self.args + ["--compare", new.path, "--format", "json", "fixtures/simulate/payments-week.jsonl"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(Set(object.keys) == ["old", "new"])
        func team(_ side: String) -> [String: Any]? {
            ((object[side] as? [String: Any])?["queues"] as? [[String: Any]])?.first { $0["name"] as? String == "team" }
        }
        let before = team("old")?["reviews"] as? Int ?? 0, after = team("new")?["reviews"] as? Int ?? 0
        #expect(before > after && after > 0, "\(before) → \(after)")
        // Each side equals the single run of its policy.
        let single = try CLI.run(Self.args + ["--format", "json", "fixtures/simulate/payments-week.jsonl"])
        let alone = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? NSDictionary
        #expect(alone == (object["old"] as? NSDictionary))
        let text = try CLI.run(Self.args + ["--compare", new.path, "fixtures/simulate/payments-week.jsonl"])
        #expect(text.stdout.contains("tier team:\n  reviews/day: ") && text.stdout.contains(" → "))
        let md = try CLI.run(Self.args + ["--compare", new.path, "--format", "markdown", "fixtures/simulate/payments-week.jsonl"])
        #expect(md.stdout.contains("| `team` |") && md.stdout.contains("→ **"))
    }

    @Test func theLogMustBeAFile() throws {
        let r = try CLI.run(Self.args + ["--compare", "policies/payments.yaml", "-"], stdin: "{\"capability\":\"refund\"}\n")
        #expect(r.status == 2 && r.stderr.contains("reads the log twice"))
    }
}
