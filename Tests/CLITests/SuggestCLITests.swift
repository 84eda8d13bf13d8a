import Foundation
import Testing

@Suite("hitl-policy suggest")
struct SuggestCLITests {
    static let log = "fixtures/reviews/payments-month.jsonl"
    static let base = ["suggest", "--policy", "policies/payments.yaml"]

    @Test("the shipped month: golden output in each format", arguments: ["text", "json", "markdown"])
    func golden(format: String) throws {
        let r = try CLI.run(Self.base + ["--format", format, Self.log])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let ext = format == "markdown" ? "md" : format
        let path = CLI.root.appendingPathComponent("fixtures/reviews/payments-month.\(ext).golden")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" { try Data(r.stdout.utf8).write(to: path) }
        #expect(r.stdout == (try String(contentsOf: path, encoding: .utf8)))
        if format == "markdown" { #expect(r.stdout.count <= 60_000) }
    }

    @Test("JSON carries every key SPEC §9 names")
    func jsonKeys() throws {
        let r = try CLI.run(Self.base + ["--format", "json", Self.log])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let suggestions = try #require(json["suggestions"] as? [[String: Any]])
        #expect(!suggestions.isEmpty)
        let keys: Set<String> = ["capability", "scope", "change", "from", "to", "n", "errors", "rate", "interval", "more_needed"]
        for s in suggestions {
            #expect(keys.isSubset(of: Set(s.keys)), "\(s.keys)")
            #expect(["promote", "demote", "undecided", "keep"].contains(s["change"] as? String ?? ""))
            #expect(["approval", "review", "autonomous"].contains(s["from"] as? String ?? "") && ["approval", "review", "autonomous"].contains(s["to"] as? String ?? ""))
            let interval = try #require(s["interval"] as? [Double])
            #expect(interval.count == 2 && interval[0] <= interval[1])
        }
        let wholes = suggestions.filter { ($0["scope"] as? [String: Any])?.isEmpty == true }
        #expect(Set(wholes.compactMap { $0["capability"] as? String }) == ["issue_credit", "payout", "refund"])
        let calibration = try #require(json["calibration"] as? [[String: Any]])
        for c in calibration {
            #expect(Set(["capability", "n", "ece_width", "ece_mass", "threshold", "bins"]).isSubset(of: Set(c.keys)))
            #expect((c["bins"] as? [Any])?.count == 10)
        }
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for f in findings {
            #expect(["rubber-stamp", "sla"].contains(f["kind"] as? String ?? "") && f["name"] is String)
        }
    }

    @Test("the worked example's verdicts")
    func verdicts() throws {
        let r = try CLI.run(Self.base + ["--format", "json", Self.log])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let wholes = (json["suggestions"] as? [[String: Any]] ?? []).filter { ($0["scope"] as? [String: Any])?.isEmpty == true }
        let changes = Dictionary(uniqueKeysWithValues: wholes.map { ($0["capability"] as? String ?? "", $0["change"] as? String ?? "") })
        #expect(changes == ["payout": "promote", "issue_credit": "demote", "refund": "undecided"])
        let proposal = json["proposal"] as? [[String: Any]] ?? []
        #expect(proposal.map { "\($0["capability"] ?? "") \($0["from"] ?? "") \($0["to"] ?? "")" } == ["issue_credit autonomous review", "payout approval review"])
    }

    /// Every kind of bad line: named on standard error as file:line, counted, and the run goes on.
    @Test func badInputIsNamedPerLineAndCounted() throws {
        let file = "fixtures/reviews/bad-input.jsonl"
        let r = try CLI.run(Self.base + ["--format", "json", file])
        #expect(r.status == 0, "\(r.stderr)")
        let expected: [(Int, String)] = [
            (2, "`action` is missing"), (3, "`action` is a string"), (4, "`outcome` is \"maybe\""), (5, "`review` is \"later\""),
            (6, "`review` is missing"), (7, "is before `requested`"), (8, "`requested` \"yesterday\": not an RFC 3339 timestamp"),
            (9, "`decided` 20261120: not an RFC 3339"), (10, "duplicate of line 1"), (11, "duplicate of line 1"),
            (12, "not JSON"), (13, "not JSON"), (14, "an action, not a review record"), (16, "a JSON object, not an array"),
            (17, "invalid under the policy (amount: must not be negative"), (19, "`reviewer` is 17"), (20, "duplicate key \"action\""),
        ]
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count, "\(r.stderr)")
        for (line, text) in expected {
            #expect(lines.contains { $0.hasPrefix("\(file):\(line): ") && $0.contains(text) }, "line \(line): \(text)")
        }
        #expect(lines.first { $0.hasPrefix("\(file):11:") }?.contains("it says rejected, line 1 says approved") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let counts = try #require(json["lines"] as? [String: Int])
        #expect(counts == ["read": 21, "reviews": 2, "decision_records": 1, "bad": 14, "duplicates": 2, "disabled": 1, "invalid": 1, "kind_mismatch": 0])
    }

    @Test("a line of 10 MB is skipped in bounded memory; the next line is read")
    func hugeLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-suggest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.jsonl")
        var text = #"{"action":{"capability":"refund","note":""# + String(repeating: "x", count: 10 << 20) + #""},"review":"pre","outcome":"approved"}"# + "\n"
        text += #"{"action":{"capability":"payout","amount":50},"review":"pre","outcome":"approved"}"# + "\n"
        try Data(text.utf8).write(to: path)
        let r = try CLI.run(Self.base + ["--format", "json", path.path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("huge.jsonl:1: longer than"))
        #expect(r.stdout.contains("\"reviews\": 1"))
    }

    @Test("records are read from standard input; decision records alone make no suggestion")
    func standardInput() throws {
        let record = #"{"time":"2026-11-20T14:03:07Z","source":"mcp","action":{"capability":"refund","amount":6200},"decision":{},"prev":"x"}"#
        let r = try CLI.run(Self.base + ["-"], stdin: record + "\n")
        #expect(r.status == 0 && r.stdout.contains("1 decision records skipped") && r.stdout.contains("none: no usable review"))
        let empty = try CLI.run(Self.base + ["-"], stdin: "")
        #expect(empty.status == 0 && empty.stdout.contains("0 reviews used"))
    }

    @Test("tool-call actions are mapped by the policy's tools: section before they are judged")
    func toolCalls() throws {
        let log = #"{"action":{"tool":"mcp__stripe__create_refund","args":{"amount":4000,"currency":"usd","labels":[]}},"review":"pre","outcome":"modified"}"#
            + "\n" + #"{"action":{"tool":"Bash","args":{"command":"ls"}},"review":"pre","outcome":"approved"}"# + "\n"
        let r = try CLI.run(["suggest", "--policy", "fixtures/hooks/policy.yaml", "--format", "json", "-"], stdin: log)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let caps = (json["capabilities"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["n"] ?? "") \($0["errors"] ?? "")" }
        #expect(caps == ["Bash 1 0", "refund 1 1"])
        // 40.00 USD (4000 minor units) is an autonomous refund: one modified answer demotes it.
        let refund = (json["suggestions"] as? [[String: Any]] ?? []).first { $0["capability"] as? String == "refund" }
        #expect(refund?["change"] as? String == "demote" && refund?["from"] as? String == "autonomous")
        #expect((json["lines"] as? [String: Int])?["kind_mismatch"] == 1)
    }

    @Test("usage and input errors exit 2 with a message a person can act on", arguments: [
        (["--target", "0", "fixtures/reviews/bad-input.jsonl"], "--target '0': a percentage above 0 and below 100"),
        (["--confidence", "40", "fixtures/reviews/bad-input.jsonl"], "a percentage above 50 and below 100"),
        (["--min-reviews", "0", "fixtures/reviews/bad-input.jsonl"], "--min-reviews 0: at least 1"),
        (["no-such.jsonl"], "no-such.jsonl"),
        (["fixtures/reviews"], "is a folder"),
        ([], "Missing expected argument '<reviews> ...'"),
        (["-", "-"], "standard input (-) can be read only once"),
    ])
    func usage(extra: [String], message: String) throws {
        let r = try CLI.run(Self.base + extra)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("a compiled table is refused (suggestions are edits of the source); an invalid policy exits 1")
    func policies() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-suggest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("t.json").path
        #expect(try CLI.run(["compile", "policies/payments.yaml", "-o", table]).status == 0)
        let r = try CLI.run(["suggest", "--policy", table, Self.log])
        #expect(r.status == 2 && r.stderr.contains("compiled"), "\(r.stderr)")
        let invalid = try CLI.run(["suggest", "--policy", "fixtures/invalid/unknown-field-typo.yaml", Self.log])
        #expect(invalid.status == 1)
    }
}

@Suite("suggest --format markdown")
struct SuggestMarkdownLimitCLITests {
    /// 1,500 capabilities, each with reviews: the comment stays within 60,000 characters and
    /// says how to see the rest.
    @Test func aLargeReportFitsAPullRequestComment() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-suggest-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var policy = "version: 1\nname: many\ndefaults: {stage: disabled}\ntiers: [{name: team, approvers: [a], sla: 1h}]\ncapabilities:\n"
        var log = ""
        for k in 0..<1500 {
            policy += "  cap_\(k): {stage: approval}\n"
            for j in 0..<3 {
                log += #"{"action":{"capability":"cap_\#(k)","confidence":0.\#(5 + j)},"review":"pre","outcome":"\#(j == 0 ? "rejected" : "approved")"}"# + "\n"
            }
        }
        try Data(policy.utf8).write(to: dir.appendingPathComponent("many.yaml"))
        try Data(log.utf8).write(to: dir.appendingPathComponent("reviews.jsonl"))
        let r = try CLI.run(["suggest", "--policy", dir.appendingPathComponent("many.yaml").path, "--format", "markdown",
                             dir.appendingPathComponent("reviews.jsonl").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.count <= 60_000, "\(r.stdout.count)")
        #expect(r.stdout.contains("more capabilities: run `hitl-policy suggest --format json` for all."))
        #expect(r.stdout.hasSuffix("</details>\n"))
    }
}
