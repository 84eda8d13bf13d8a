import Foundation
import Testing

/// `hitl-policy diff` on the built binary: formats, `--fail-on`, git revisions, errors.
@Suite("diff command line")
struct DiffCLITests {
    static let loosened = ["diff", "fixtures/diff/01-raise-spend-threshold/old.yaml", "fixtures/diff/01-raise-spend-threshold/new.yaml"]
    static let cosmetic = ["diff", "fixtures/diff/14-cosmetic-edits/old.yaml", "fixtures/diff/14-cosmetic-edits/new.yaml"]
    static let tightened = ["diff", "fixtures/diff/02-lower-payout-threshold/old.yaml", "fixtures/diff/02-lower-payout-threshold/new.yaml"]

    @Test func failOnLoosened() throws {
        #expect(try CLI.run(Self.loosened).status == 0)
        let r = try CLI.run(Self.loosened + ["--fail-on", "loosened"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("LOOSENED"))
        #expect(try CLI.run(Self.tightened + ["--fail-on", "loosened"]).status == 0)
        #expect(try CLI.run(Self.tightened + ["--fail-on", "any"]).status == 1)
        let none = try CLI.run(Self.cosmetic + ["--fail-on", "any"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("no changes"))
    }

    /// A changed region (a higher tier, the security panel dropped) meets `--fail-on loosened`.
    @Test func failOnLoosenedMeetsChangedRegions() throws {
        let r = try CLI.run(["diff", "fixtures/diff/23-tier-up-panel-dropped/old.yaml", "fixtures/diff/23-tier-up-panel-dropped/new.yaml",
                             "--fail-on", "loosened"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 region (changed); no approver or currency changes"))
    }

    /// JPY 0.005 → 0.006 under a rule over 7 attributes × 3 values: more regions than are
    /// listed, the first 10,000 all tightened; the verdict and the counts cover the rest
    /// (18,000,000 JPY loses the aml panel).
    @Test func verdictCoversRegionsNotListed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-diff-jpy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func policy(_ rate: String) -> String {
            let attrs = (1...7).map { "a\($0): [x, y, z]" }.joined(separator: ", ")
            return "version: 1\nname: jpy\ncurrency: USD\nexchange_rates: {JPY: \(rate)}\n"
                + "tiers:\n  - name: team\n    approvers: [t]\n  - name: lead\n    approvers: [l]\n"
                + "specialists:\n  aml:\n    approvers: [a]\n"
                + "capabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 100000\n        tier: lead\n"
                + "compliance:\n  - id: mid-amounts\n    when:\n      amount: {at_least: 50000, at_most: 100000}\n    specialists: [aml]\n"
                + "  - id: wide\n    when:\n      attributes: {\(attrs)}\n    tier: lead\n"
        }
        let (old, new) = (dir.appendingPathComponent("old.yaml"), dir.appendingPathComponent("new.yaml"))
        try policy("0.005").write(to: old, atomically: true, encoding: .utf8)
        try policy("0.006").write(to: new, atomically: true, encoding: .utf8)
        let r = try CLI.run(["diff", old.path, new.path, "--fail-on", "loosened", "--format", "json"])
        #expect(r.status == 1, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(obj["summary"] as? [String: Any])
        #expect(summary["loosened"] as? Int == 16384)
        #expect(summary["regions"] as? Int == 43690)
        #expect(summary["truncated"] as? Bool == true)
        #expect((obj["regions"] as? [Any])?.count ?? 0 <= 10_000)
        let md = try CLI.run(["diff", old.path, new.path, "--format", "markdown"])
        #expect(md.status == 0)
        #expect(md.stdout.utf8.count <= 60_000)
        #expect(md.stdout.contains("more regions not shown here"))
    }

    /// `--regions` lists every region; by default a group is one entry per capability.
    @Test func regionsFlag() throws {
        let args = ["diff", "fixtures/diff/08-remove-compliance-rule/old.yaml", "fixtures/diff/08-remove-compliance-rule/new.yaml"]
        let summary = try CLI.run(args)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.split(separator: "\n").count <= 60)
        #expect(summary.stdout.contains("--regions lists each region"))
        let every = try CLI.run(args + ["--regions"])
        #expect(every.status == 0)
        #expect(every.stdout.split(separator: "\n").count { $0.hasPrefix("  LOOSENED   ") } == 93)
        let md = try CLI.run(args + ["--format", "markdown", "--regions"])
        #expect(md.stdout.contains("| capability | when | old | new | rules | witness |"))
    }

    @Test func formats() throws {
        let json = try CLI.run(Self.loosened + ["--format", "json"])
        #expect(json.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((obj["summary"] as? [String: Any])?["loosened"] as? Int == 6)
        let markdown = try CLI.run(Self.loosened + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("### Policy diff: `payments-agent`"))
        #expect(markdown.stdout.contains("#### Changes by edit"))
        #expect(markdown.stdout.contains("<details>"))
        #expect(!(try CLI.run(Self.loosened).stdout.contains("\u{1B}[")))
        #expect(try CLI.run(Self.loosened + ["--color", "always"]).stdout.contains("\u{1B}[31m"))
        let never = try CLI.run(Self.loosened + ["--color", "never"])
        #expect(never.status == 0, "\(never.stderr)")
        #expect(!never.stdout.contains("\u{1B}["))
        #expect(!(try CLI.run(Self.loosened + ["--color", "auto"]).stdout.contains("\u{1B}[")))
        #expect(try CLI.run(Self.loosened + ["--color", "sometimes"]).status == 2)
    }

    /// `--traffic LOG` weighs groups and regions by the logged actions in them, in every format.
    @Test func traffic() throws {
        let args = ["diff", "fixtures/diff/25-four-edits/old.yaml", "fixtures/diff/25-four-edits/new.yaml", "--traffic", "fixtures/traffic.jsonl"]
        let text = try CLI.run(args)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("traffic fixtures/traffic.jsonl: 5 of 16 logged actions (31.2%) fall in a changed region; 2 invalid under either policy"))
        #expect(text.stdout.contains("  traffic: 3 of 16 logged actions (18.7%)"))
        let md = try CLI.run(args + ["--format", "markdown", "--regions"])
        #expect(md.stdout.contains("| traffic | witness |"))
        let json = try CLI.run(args + ["--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let t = try #require(obj["traffic"] as? [String: Any])
        #expect(t["actions"] as? Int == 16 && t["invalid"] as? Int == 2 && t["in_regions"] as? Int == 5)
        let groups = try #require(obj["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["traffic"] as? Int }.reduce(0, +) == 5)
        let stdin = try CLI.run(Array(args.dropLast()) + ["-"], stdin: try String(contentsOfFile: CLI.root.appendingPathComponent("fixtures/traffic.jsonl").path, encoding: .utf8))
        #expect(stdin.stdout.contains("traffic standard input: 5 of 16"))
        let missing = try CLI.run(Array(args.dropLast()) + ["no-such.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such.jsonl"))
    }

    /// `--fail-on` takes a comma-separated list, or is repeated: met when any item is.
    @Test func failOnLists() throws {
        #expect(try CLI.run(Self.tightened + ["--fail-on", "loosened,any"]).status == 1)
        #expect(try CLI.run(Self.tightened + ["--fail-on", "loosened", "--fail-on", "any"]).status == 1)
        #expect(try CLI.run(Self.tightened + ["--fail-on", "loosened,loosened"]).status == 0)
        #expect(try CLI.run(Self.cosmetic + ["--fail-on", "loosened,any"]).status == 0)
        #expect(try CLI.run(Self.tightened + ["--fail-on", "loosened,sometimes"]).status == 2)
    }

    /// Witnesses from the JSON output, piped into eval under each policy, get the two
    /// decisions the diff reports.
    @Test func witnessesThroughEval() throws {
        let json = try CLI.run(["diff", "fixtures/diff/18-default-stage/old.yaml", "fixtures/diff/18-default-stage/new.yaml", "--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let regions = try #require(obj["regions"] as? [[String: Any]])
        #expect(!regions.isEmpty)
        for region in regions {
            let witness = try JSONSerialization.data(withJSONObject: try #require(region["witness"]))
            let line = String(decoding: witness, as: UTF8.self) + "\n"
            for side in ["old", "new"] {
                let r = try CLI.run(["eval", "--policy", "fixtures/diff/18-default-stage/\(side).yaml"], stdin: line)
                let decision = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
                #expect(decision["decision"] as? String == (region[side] as? [String: Any])?["decision"] as? String)
            }
        }
    }

    @Test func gitRevisions() throws {
        try Prerequisite.git.require()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-diff-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("policies"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func git(_ args: String...) throws { try CLI.git(args, in: dir) }
        let policy = dir.appendingPathComponent("policies/payments.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("fixtures/diff/01-raise-spend-threshold/old.yaml"), to: policy)
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "policy")
        try FileManager.default.removeItem(at: policy)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("fixtures/diff/01-raise-spend-threshold/new.yaml"), to: policy)

        let r = try CLI.run(["diff", "--git", "HEAD", "policies/payments.yaml", "--fail-on", "loosened", "--regions"], directory: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("HEAD:policies/payments.yaml → policies/payments.yaml"))
        #expect(r.stdout.contains("HEAD:policies/payments.yaml:54:9"))
        let explicit = try CLI.run(["diff", "HEAD:policies/payments.yaml", "policies/payments.yaml", "--regions"], directory: dir)
        #expect(explicit.status == 0)
        #expect(explicit.stdout == r.stdout)
        let missing = try CLI.run(["diff", "--git", "no-such-rev", "policies/payments.yaml"], directory: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("git could not read it"))

        // An absolute path inside the repository.
        let absolute = try CLI.run(["diff", "--git", "HEAD", policy.path, "--fail-on", "loosened", "--regions"], directory: dir)
        #expect(absolute.status == 1, "\(absolute.stderr)")
        #expect(absolute.stdout.contains("6 regions (all loosened)"))
        #expect(absolute.stdout.contains("HEAD:\(policy.path):54:9"))
        let elsewhere = try CLI.run(["diff", "--git", "HEAD", policy.path, "--fail-on", "loosened", "--regions"], directory: CLI.root)
        #expect(elsewhere.status == 1, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout == absolute.stdout)

        // A path absent at the revision is an empty policy: the new file diffs as all-new.
        try FileManager.default.copyItem(at: policy, to: dir.appendingPathComponent("policies/new.yaml"))
        let added = try CLI.run(["diff", "--git", "HEAD", "policies/new.yaml", "--fail-on", "loosened"], directory: dir)
        #expect(added.status == 1, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("HEAD:policies/new.yaml → policies/new.yaml"))
        #expect(added.stdout.contains("new policy: enables issue_credit in "), "\(added.stdout)")
        #expect(added.stdout.contains("LOOSENED   issue_credit ("))
        #expect(added.stdout.contains("tier team added"))
        // No invented currency edit (the empty policy reads no amount).
        for invented in ["exchange rate", "amounts sent in", "converted at", "1 → 1"] { #expect(!added.stdout.contains(invented), "\(invented)") }
        let removed = try CLI.run(["diff", "policies/payments.yaml", "HEAD:policies/gone.yaml"], directory: dir)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("deleted policy: disables issue_credit in "), "\(removed.stdout)")
        #expect(removed.stdout.contains("TIGHTENED  issue_credit ("))
        #expect(removed.stdout.contains("144 regions (all tightened)"))

        // An empty revision would read the index (running its fsmonitor hook): refused before git runs.
        let marker = dir.appendingPathComponent("hook-ran")
        let hook = dir.appendingPathComponent("fsmonitor.sh")
        try "#!/bin/sh\ntouch '\(marker.path)'\n".write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try git("config", "core.fsmonitor", hook.path)
        for args in [["diff", "--git", "", "policies/payments.yaml"], ["diff", ":policies/payments.yaml", "policies/payments.yaml"]] {
            let r = try CLI.run(args, directory: dir)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("give a git revision"), "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func errors() throws {
        let usage = try CLI.run(["diff", "policies/payments.yaml"])
        #expect(usage.status == 2)
        #expect(try CLI.run(["diff", "--git", "HEAD"]).status == 2)
        let invalid = try CLI.run(["diff", "policies/payments.yaml", "fixtures/invalid/undefined-tier.yaml"])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("fixtures/invalid/undefined-tier.yaml:"))
        let absent = try CLI.run(["diff", "policies/payments.yaml", "no/such/file.yaml"])
        #expect(absent.status == 2)
    }

    @Test func compiledTablesAsInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-diff-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("old.json").path
        #expect(try CLI.run(["compile", "fixtures/diff/01-raise-spend-threshold/old.yaml", "-o", table]).status == 0)
        let r = try CLI.run(["diff", table, "fixtures/diff/01-raise-spend-threshold/new.yaml", "--fail-on", "loosened"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("6 regions (all loosened)"))
        // The header names the files given, not the path stored inside the table.
        #expect(r.stdout.hasPrefix("\(table) → fixtures/diff/01-raise-spend-threshold/new.yaml\n"))
        // A tampered table (a rule naming tier 99) is refused, not trusted.
        let text = try String(contentsOfFile: table, encoding: .utf8)
        #expect(text.contains("\"tier\":1}"))
        try text.replacing("\"tier\":1}", with: "\"tier\":99}").write(toFile: table, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["diff", table, "fixtures/diff/01-raise-spend-threshold/new.yaml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("tier that does not exist"))
    }
}
