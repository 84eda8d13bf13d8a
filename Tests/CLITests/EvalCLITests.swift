import Foundation
import Testing

/// `hitl-policy compile` and `hitl-policy eval` on the built binary.
@Suite("eval and compile command line")
struct EvalCLITests {
    static let policy = "policies/payments.yaml"

    func decisions(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func oneDecisionPerNonBlankLine() throws {
        // The before-stop hook's smoke test: 3 non-blank lines, 3 decisions, exit 0.
        let r = try CLI.run(["eval", "--policy", Self.policy, "-"],
                            stdin: "{\"capability\":\"x\"}\nnot json\n\n{\"capability\":\"y\",\"amount\":-1}\n")
        #expect(r.status == 0)
        let d = try decisions(r.stdout)
        #expect(d.map { $0["decision"] as? String } == ["disabled", "invalid", "invalid"])
        #expect(d.map { $0["line"] as? Int } == [1, 2, 4])
        #expect(r.stderr.isEmpty)
    }

    @Test func actionsFixtureMatchesGolden() throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/payments.jsonl"])
        #expect(r.status == 0)
        let golden = try String(contentsOf: CLI.root.appendingPathComponent("Tests/HITLPolicyTests/Golden/eval-payments.jsonl"), encoding: .utf8)
        #expect(r.stdout == golden)
    }

    /// `--format text`: a block per action for a person, the same file the typed renderer's
    /// golden test writes (so the command renders from the typed decision, line numbers and
    /// all); --exit-code and a pretty-printed object work as with JSON.
    @Test func textFormat() throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "--format", "text", "fixtures/actions/payments.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let golden = try String(contentsOf: CLI.root.appendingPathComponent("Tests/HITLPolicyTests/Golden/eval-payments.txt"), encoding: .utf8)
        #expect(r.stdout == golden)
        let piped = try CLI.run(["eval", "--format", "text", "--exit-code", "--policy", Self.policy],
                                stdin: "{\"capability\":\"refund\",\"amount\":6000,\"confidence\":0.9}\n\nnot json\n")
        #expect(piped.status == 5)
        #expect(piped.stdout.hasPrefix("line 1: refund → approval\n  approve: tier lead, 1 of finance-leads, SLA 1h, on timeout escalates to executive\n"), "\(piped.stdout)")
        #expect(piped.stdout.contains("  why: capabilities.refund.spend[1]: tier lead; amount 6000 USD over 5000 (policies/payments.yaml:54:9)\n"), "\(piped.stdout)")
        #expect(piped.stdout.hasSuffix("\n\nline 3: invalid\n  error: not JSON: unexpected character at column 1\n"), "\(piped.stdout)")
        let single = try CLI.run(["eval", "--policy", Self.policy, "--format", "text", "fixtures/actions/single.json"])
        #expect(single.stdout.hasPrefix("line 1 (id \"pr-review-7\"): "), "\(single.stdout)")
        #expect(single.stdout.components(separatedBy: "\nline ").count == 1, "\(single.stdout)")
        // A line over the limit is answered without being held, and numbering goes on.
        let long = "{\"capability\":\"refund\"}\n" + String(repeating: "x", count: (4 << 20) + 10) + "\n\n{\"capability\":\"x\"}\n"
        let skipped = try CLI.run(["eval", "--policy", Self.policy, "--format", "text"], stdin: long)
        #expect(skipped.stdout.split(separator: "\n").filter { $0.hasPrefix("line ") }
            == ["line 1: refund → disabled", "line 2: invalid", "line 4: x → disabled"], "\(skipped.stdout.prefix(2000))")
        #expect(skipped.stdout.contains("line 2: invalid\n  error: the line is longer than 4194304 bytes\n"))
        #expect(try CLI.run(["eval", "--policy", Self.policy, "--format", "text", "--explain"], stdin: "").status == 2)
        #expect(try CLI.run(["eval", "--policy", Self.policy, "--format", "yaml"], stdin: "").status == 2)
    }

    @Test func prettyPrintedSingleObject() throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/single.json"])
        let d = try decisions(r.stdout)
        #expect(d.count == 1)
        #expect(d.first?["id"] as? String == "pr-review-7")
        #expect(d.first?["decision"] as? String == "approval")
    }

    @Test(arguments: [
        ("{\"capability\":\"lookup_order\",\"confidence\":0.99,\"reversible\":true,\"tags\":[]}", Int32(0)),
        ("{\"capability\":\"refund\",\"amount\":6000,\"confidence\":0.99,\"reversible\":true,\"blast_radius\":1,\"tags\":[]}", 3),
        ("{\"capability\":\"close_account\"}", 4),
        ("{\"capability\":\"refund\",\"amount\":-5}", 5),
    ])
    func exitCodeMapsTheDecision(_ action: String, _ status: Int32) throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "--exit-code"], stdin: action + "\n")
        #expect(r.status == status, "\(r.stdout)")
        let plain = try CLI.run(["eval", "--policy", Self.policy], stdin: action + "\n")
        #expect(plain.status == 0)
    }

    @Test func compiledTableDecidesLikeTheSource() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("payments.table.json").path
        let c = try CLI.run(["compile", Self.policy, "--format", "json", "-o", table])
        #expect(c.status == 0 && c.stdout.isEmpty)
        let fromTable = try CLI.run(["eval", "--policy", table, "fixtures/actions/payments.jsonl"])
        let fromSource = try CLI.run(["eval", "--policy", Self.policy, "fixtures/actions/payments.jsonl"])
        #expect(fromTable.status == 0)
        #expect(fromTable.stdout == fromSource.stdout)
    }

    @Test(arguments: ["json", "table", "markdown", "csv"])
    func compileFormatsMatchGoldens(_ format: String) throws {
        let r = try CLI.run(["compile", Self.policy, "--format", format])
        #expect(r.status == 0)
        let ext = ["json": "json", "table": "txt", "markdown": "md", "csv": "csv"][format]!
        let golden = try String(contentsOf: CLI.root.appendingPathComponent("Tests/HITLPolicyTests/Golden/compile-payments.\(ext)"), encoding: .utf8)
        #expect(r.stdout == golden)
    }

    @Test func invalidPolicyExitsOne() throws {
        let e = try CLI.run(["eval", "--policy", "fixtures/invalid/duplicate-key.yaml"], stdin: "{\"capability\":\"x\"}\n")
        #expect(e.status == 1)
        #expect(e.stdout.isEmpty)
        #expect(e.stderr.contains("HP102"))
        let c = try CLI.run(["compile", "fixtures/invalid/duplicate-key.yaml"])
        #expect(c.status == 1)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["eval", "fixtures/actions/payments.jsonl"]).status == 2)          // no --policy
        #expect(try CLI.run(["eval", "--policy", "no/such.yaml"]).status == 2)
        #expect(try CLI.run(["eval", "--policy", Self.policy, "no/such.jsonl"]).status == 2)
        #expect(try CLI.run(["compile", Self.policy, "--format", "xml"]).status == 2)
    }

    @Test func explainAddsRowAndRules() throws {
        let r = try CLI.run(["eval", "--policy", Self.policy, "--explain"], stdin: "{\"capability\":\"refund\",\"amount\":6000}\n")
        let d = try #require(try decisions(r.stdout).first)
        let explain = try #require(d["explain"] as? [String: Any])
        #expect((explain["row"] as? [String: Any])?["capability"] as? String == "refund")
        let rules = try #require(explain["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["rule"] as? String == "capabilities.refund.spend[1]" && $0["matched"] as? Bool == true })
        #expect(rules.contains { $0["rule"] as? String == "capabilities.refund.spend[2]" && $0["matched"] as? Bool == false })
    }

    /// A decision comes out while the writer keeps the pipe open (no waiting for EOF), and a
    /// closed output pipe ends the program quietly.
    @Test func streamsThroughAPipe() throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["eval", "--policy", Self.policy]
        p.currentDirectoryURL = CLI.root
        let inp = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = err
        try p.run()
        inp.fileHandleForWriting.write(Data("{\"id\":\"s-1\",\"capability\":\"lookup_order\"}\n".utf8))
        var got = Data()
        let deadline = Date().addingTimeInterval(10)
        while !got.contains(UInt8(ascii: "\n")), Date() < deadline {
            got.append(out.fileHandleForReading.availableData)
        }
        #expect(String(decoding: got, as: UTF8.self).contains("\"id\":\"s-1\""))
        // Close the reading end, then keep writing: the program must exit quietly.
        try out.fileHandleForReading.close()
        for _ in 0..<50 { inp.fileHandleForWriting.write(Data("{\"capability\":\"refund\"}\n".utf8)) }
        try inp.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).isEmpty)
    }

    @Test func hostileLinesGetInvalidDecisions() throws {
        let deep = String(repeating: "[", count: 100_000)
        let long = "{\"capability\":\"x\",\"pad\":\"" + String(repeating: "a", count: 5 << 20) + "\"}"
        let lines = [deep, "{\"capability\":\"x\",\"amount\":1e999999}", long, "{\"capability\":\"\\ud800\"}",
                     "\u{FEFF}{\"capability\":\"x\"}", "{\"capability\":\"x\",\"confidence\":1e-400}", "[]", "\"str\""]
        let r = try CLI.run(["eval", "--policy", Self.policy], stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0)
        let d = try decisions(r.stdout)
        #expect(d.count == lines.count)
        #expect(d.map { $0["line"] as? Int ?? -1 } == Array(1...lines.count))
        #expect(d[0]["decision"] as? String == "invalid")
        #expect(d[2]["decision"] as? String == "invalid")
        #expect(d[5]["decision"] as? String == "disabled")   // tiny confidence is valid, x is disabled
    }

    /// Worker threads decide a large file exactly as one thread does: same bytes, same
    /// order, same line numbers, across batch boundaries, blank and bad lines, a line
    /// longer than the limit, and a last line with no newline.
    @Test func threadsDecideLikeOneThread() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try EvalPipeCLITests.mixedInput()
        let file = dir.appendingPathComponent("many.jsonl")
        try Data(text.utf8).write(to: file)
        let one = try CLI.run(["eval", "--policy", Self.policy, "--jobs", "1", file.path])
        let many = try CLI.run(["eval", "--policy", Self.policy, "--jobs", "3", "--exit-code", file.path])
        #expect(one.status == 0)
        #expect(many.status == 5)   // some lines are invalid
        #expect(one.stdout.count > 1_000_000)
        #expect(one.stdout == many.stdout)
        let count = many.stdout.split(separator: "\n").count
        let blank = (0..<12_000).filter { $0 % 97 == 5 || $0 % 97 == 7 }.count
        #expect(count == 12_000 - blank + 2)   // plus the long line and the last line
        #expect(many.stdout.contains("\"line\":6002,\"decision\":\"invalid\""))
        let bad = try CLI.run(["eval", "--policy", Self.policy, "--jobs", "0", file.path])
        #expect(bad.status == 2)
    }

    /// `eval` reads its plain argument spellings directly (start-up time); the direct
    /// reader and ArgumentParser must agree, and whatever the direct reader does not take
    /// still gets ArgumentParser's messages.
    @Test func directAndFullArgumentParsingAgree() throws {
        let file = "fixtures/actions/payments.jsonl"
        // `--` is a spelling only ArgumentParser takes, so these pairs take both paths.
        let direct = try CLI.run(["eval", "--policy", Self.policy, "--explain", file])
        let full = try CLI.run(["eval", "--explain", "--policy", Self.policy, "--", file])
        #expect(direct.status == 0 && !direct.stdout.isEmpty)
        #expect(direct.stdout == full.stdout)
        let equals = try CLI.run(["eval", "--policy=\(Self.policy)", "--exit-code", "--jobs", "2", file])
        let fullEquals = try CLI.run(["eval", "--exit-code", "--jobs", "2", "--policy", Self.policy, "--", file])
        #expect(equals.status == fullEquals.status && equals.stdout == fullEquals.stdout)
        #expect(equals.status == 5)   // the fixture has invalid actions
        let piped = try CLI.run(["eval", "--policy", Self.policy, "-"], stdin: "{\"capability\":\"refund\",\"amount\":1}\n")
        #expect(piped.status == 0 && piped.stdout.contains("\"decision\":"))
        for args in [["eval"], ["eval", "--policy"], ["eval", "--policy", Self.policy, "--jobs", "99"],
                     ["eval", "--policy", Self.policy, "a", "b"], ["eval", "--polcy", "x"], ["eval", "--policy", "-x"]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("Usage: hitl-policy eval"), "\(args): \(r.stderr)")
        }
        let help = try CLI.run(["eval", "--policy", Self.policy, "--help"])
        #expect(help.status == 0 && help.stdout.contains("--jobs <n>"))
    }
}
