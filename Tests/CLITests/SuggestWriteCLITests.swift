import Foundation
import Testing

/// `suggest --write FILE`: the proposal is written whole (never over the policy), lints
/// clean, and `diff`'s report from the policy to it follows the suggestions.
@Suite("suggest --write")
struct SuggestWriteCLITests {
    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-suggest-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theWorkedMonthWritesTwoStageChangesAndDiffsThem() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("proposed.yaml")
        let before = try Data(contentsOf: CLI.root.appendingPathComponent("policies/payments.yaml"))
        let r = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--write", out.path, "fixtures/reviews/payments-month.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: CLI.root.appendingPathComponent("policies/payments.yaml")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["proposed.yaml"])
        #expect(r.stdout.contains("proposed policy written to \(out.path): 2 stage changes\n  issue_credit: autonomous → review\n  payout: approval → review\n"))
        // diff's own report, old → new, follows.
        let diff = try CLI.run(["diff", "policies/payments.yaml", out.path])
        #expect(diff.status == 0)
        let tail = diff.stdout.replacingOccurrences(of: "\(out.path)", with: "NEW")
        #expect(r.stdout.replacingOccurrences(of: "\(out.path)", with: "NEW").contains(tail), "\(r.stdout)")
        #expect(diff.stdout.contains("loosens 18 regions in payout") && diff.stdout.contains("tightens 3 regions in issue_credit"))
        // The proposal lints clean, and only the two entries changed (the comments stay).
        let lint = try CLI.run(["lint", out.path])
        #expect(lint.status == 0, "\(lint.stdout)")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix("# Refund and payout agent for the support team.\n"))
        let old = String(decoding: before, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(new.count == old.count + 1)
        // Every row the written changes already make is not listed as not written.
        #expect(!r.stdout.contains("not written"))
    }

    @Test func jsonAndMarkdownCarryTheProposal() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p.yaml").path
        let r = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--format", "json", "--write", out, "fixtures/reviews/payments-month.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let write = try #require(json["write"] as? [String: Any])
        #expect(write["file"] as? String == out)
        #expect((write["written"] as? [[String: Any]])?.map { $0["capability"] as? String ?? "" } == ["issue_credit", "payout"])
        let diff = try #require(write["diff"] as? [String: Any])
        #expect(diff["changes"] != nil || diff["groups"] != nil || !diff.isEmpty)
        let md = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--format", "markdown", "--write", out, "fixtures/reviews/payments-month.jsonl"])
        #expect(md.status == 0 && md.stdout.count <= 60_000)
        #expect(md.stdout.contains("### Proposed policy: `\(out)`") && md.stdout.contains("- `payout`: approval → review"))
    }

    @Test("--write never names the policy itself: the same path, a symbolic link, a hard link")
    func neverThePolicy() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("payments.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/payments.yaml"), to: policy)
        let before = try Data(contentsOf: policy)
        let symlink = dir.appendingPathComponent("link.yaml"), hard = dir.appendingPathComponent("hard.yaml")
        try FileManager.default.createSymbolicLink(at: symlink, withDestinationURL: policy)
        try FileManager.default.linkItem(at: policy, to: hard)
        for target in [policy.path, symlink.path, hard.path, dir.path + "/./payments.yaml"] {
            let r = try CLI.run(["suggest", "--policy", policy.path, "--write", target, "fixtures/reviews/payments-month.jsonl"])
            #expect(r.status == 2 && r.stderr.contains("that is the policy itself"), "\(target): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(try Data(contentsOf: policy) == before)
        let stdout = try CLI.run(["suggest", "--policy", policy.path, "--write", "-", "fixtures/reviews/payments-month.jsonl"])
        #expect(stdout.status == 2 && stdout.stderr.contains("--write needs a file name"))
    }

    @Test("a proposal that cannot be written leaves nothing behind")
    func nothingHalfWritten() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--write", dir.appendingPathComponent("no/such/dir/p.yaml").path,
                             "fixtures/reviews/payments-month.jsonl"])
        #expect(r.status == 2 && r.stderr.contains("p.yaml"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("rows and the changes the writer skips are listed as not written, with the reason")
    func notWritten() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = """
            version: 1
            name: nw
            currency: USD
            defaults: {stage: disabled, tier: team}
            tiers: [{name: team, approvers: [a], sla: 1h}, {name: lead, approvers: [b], sla: 1h}]
            capabilities:
              refund:   # refunds
                stage: approval
                spend: [{over: 1000, tier: lead}]
              github.*: approval
            """
        try Data(policy.utf8).write(to: dir.appendingPathComponent("nw.yaml"))
        var log = ""
        for k in 0..<150 {
            log += #"{"action":{"capability":"refund","amount":5000},"review":"pre","outcome":"approved","requested":"2026-11-20T10:\#(String(format: "%02d:%02d", k / 60, k % 60))Z","reviewer":"r\#(k)"}"# + "\n"
            log += #"{"action":{"capability":"github.merge"},"review":"pre","outcome":"approved"}"# + "\n"
        }
        try Data(log.utf8).write(to: dir.appendingPathComponent("r.jsonl"))
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLI.run(["suggest", "--policy", dir.appendingPathComponent("nw.yaml").path, "--write", out, dir.appendingPathComponent("r.jsonl").path])
        #expect(r.status == 0, "\(r.stderr)")
        // github.merge, the one name the pattern governs here, is written as an entry of its own.
        #expect(r.stdout.contains("proposed policy written to \(out): 1 stage change\n  github.merge: approval → review\n"), "\(r.stdout)")
        #expect(r.stdout.contains("  refund [amount over 1000]: promote approval → review: a single row needs an edit narrower"), "\(r.stdout)")
        #expect(r.stdout.contains("  github.*: promote approval → review: the name 'github.*' contains '*'"), "\(r.stdout)")
        let written = try String(contentsOf: URL(fileURLWithPath: out), encoding: .utf8)
        #expect(written.hasPrefix(policy) && written.dropFirst(policy.count).contains("\n  github.merge:"), "\(written)")
    }

    @Test("a name a pattern governs is judged on its own reviews and written as an exact entry of its own")
    func patternNames() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = "version: 1\nname: gh\ndefaults: {stage: disabled, tier: team}\ntiers: [{name: team, approvers: [a], sla: 1h}]\n"
            + "capabilities:\n  # every GitHub tool\n  github.*:\n    stage: approval\n    tier: team\n"
        try Data(policy.utf8).write(to: dir.appendingPathComponent("gh.yaml"))
        var log = ""
        for k in 0..<150 { log += #"{"action":{"capability":"github.merge"},"review":"pre","outcome":"approved","reviewer":"r\#(k)","requested":"2026-11-20T10:\#(String(format: "%02d:%02d", k / 60, k % 60))Z"}"# + "\n" }
        for k in 0..<20 { log += #"{"action":{"capability":"github.delete_branch"},"review":"pre","outcome":"\#(k % 4 == 0 ? "rejected" : "approved")","reviewer":"q\#(k)","requested":"2026-11-20T11:00:\#(String(format: "%02d", k))Z"}"# + "\n" }
        try Data(log.utf8).write(to: dir.appendingPathComponent("r.jsonl"))
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLI.run(["suggest", "--policy", dir.appendingPathComponent("gh.yaml").path, "--format", "json", "--write", out,
                             dir.appendingPathComponent("r.jsonl").path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let wholes = (json["suggestions"] as? [[String: Any]] ?? []).filter { ($0["scope"] as? [String: Any])?.isEmpty == true }
        let verdicts = wholes.map { "\($0["capability"] ?? "") \($0["change"] ?? "") \($0["n"] ?? "") \($0["governed_by"] as? String ?? "-")" }
        // The pattern pools every name (5 errors in 170: undecided); each name stands alone.
        #expect(verdicts == ["github.* undecided 170 -", "github.delete_branch keep 20 github.*", "github.merge promote 150 github.*"])
        let text = try String(contentsOf: URL(fileURLWithPath: out), encoding: .utf8)
        #expect(text == policy + "  github.merge:\n    stage: autonomous\n    review: true\n")
    }

    @Test("a name only defaults.stage governs is judged on its own and written as an entry; compliance still holds its region")
    func defaultsNames() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = "version: 1\nname: df\ndefaults: {stage: approval, tier: team}\n"
            + "tiers: [{name: team, approvers: [a], sla: 1h}, {name: lead, approvers: [b], sla: 1h}]\n"
            + "capabilities:\n  lookup: autonomous\n"
            + "compliance:\n  - {id: prod, when: {capability: deploy, attributes: {env: production}}, tier: lead}\n"
        try Data(policy.utf8).write(to: dir.appendingPathComponent("df.yaml"))
        var log = ""
        for k in 0..<150 {
            let at = String(format: "%02d:%02d", k / 60, k % 60)
            log += #"{"action":{"capability":"send_email"},"review":"pre","outcome":"approved","reviewer":"r\#(k)","requested":"2026-11-20T10:\#(at)Z"}"# + "\n"
            log += #"{"action":{"capability":"deploy","attributes":{"env":"production"}},"review":"pre","outcome":"approved","reviewer":"q\#(k)","requested":"2026-11-20T11:\#(at)Z"}"# + "\n"
        }
        try Data(log.utf8).write(to: dir.appendingPathComponent("r.jsonl"))
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLI.run(["suggest", "--policy", dir.appendingPathComponent("df.yaml").path, "--format", "json", "--write", out,
                             dir.appendingPathComponent("r.jsonl").path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let wholes = (json["suggestions"] as? [[String: Any]] ?? []).filter { ($0["scope"] as? [String: Any])?.isEmpty == true }
        let verdicts = wholes.map { "\($0["capability"] ?? "") \($0["change"] ?? "") \($0["n"] ?? "") \($0["governed_by"] as? String ?? "-")" }
        // deploy to production needs lead through a compliance rule: an entry of its own would not move it.
        #expect(verdicts == ["deploy undecided 0 defaults.stage", "send_email promote 150 defaults.stage"])
        let text = try String(contentsOf: URL(fileURLWithPath: out), encoding: .utf8)
        #expect(text == policy.replacingOccurrences(of: "  lookup: autonomous\n", with: "  lookup: autonomous\n  send_email: {stage: autonomous, review: true}\n"))
    }
}
