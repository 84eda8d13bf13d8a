import Foundation
import Testing

/// Names are bytes on the command line too: `caf\u{E9}` (NFC) and `cafe\u{301}` (NFD) are two
/// capabilities for lint, eval and diff.
@Suite("names are bytes (command line)")
struct NameBytesCLITests {
    static let nfc = "caf\u{E9}"
    static let nfd = "cafe\u{301}"

    static func policy(_ disabled: String, _ approval: String) -> String {
        """
        version: 1
        name: names
        defaults: {sla: 1h}
        tiers:
          - name: lead
            approvers: [l]
        capabilities:
          "\(disabled)": disabled
          "\(approval)": {stage: approval, tier: lead}

        """
    }

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func lintEvalAndDiffKeepTheSpellingsApart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write(Self.policy(Self.nfc, Self.nfd), "a.yaml", in: dir)
        let b = try write(Self.policy(Self.nfd, Self.nfc), "b.yaml", in: dir)

        let lint = try CLI.run(["lint", "--strict", a])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")

        let eval = try CLI.run(["eval", "--policy", a, "-"],
                               stdin: "{\"capability\":\"\(Self.nfc)\"}\n{\"capability\":\"\(Self.nfd)\"}\n")
        #expect(eval.status == 0)
        let decisions = try eval.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(decisions.map { $0["decision"] as? String } == ["disabled", "approval"])
        // The echoed capability keeps the input's bytes.
        #expect(decisions.map { Array(($0["capability"] as? String ?? "").utf8) } == [Array(Self.nfc.utf8), Array(Self.nfd.utf8)])

        let diff = try CLI.run(["diff", "--format", "json", "--fail-on", "any", a, b])
        #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
        let same = try CLI.run(["diff", "--fail-on", "any", a, a])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    }
}
