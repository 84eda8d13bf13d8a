import Foundation
import Testing

/// `hitl-policy hook claude-code|codex` on the runtimes' own payload shapes
/// (fixtures/hooks/*.json: Claude Code's hooks reference and Codex's
/// `pre-tool-use.command.input.schema.json`, with `transcript_path: null`, `permission_mode`
/// and fields no schema names), answering inside Codex's published output contract.
@Suite("hook")
struct HookCLITests {
    static let policy = "fixtures/hooks/policy.yaml"

    /// The keys Codex's `pre-tool-use.command.output.schema.json` allows (additionalProperties: false).
    static let topKeys: Set<String> = ["continue", "hookSpecificOutput", "stopReason", "suppressOutput", "systemMessage"]
    static let innerKeys: Set<String> = ["hookEventName", "permissionDecision", "permissionDecisionReason", "additionalContext", "updatedInput"]

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent("fixtures/hooks/\(name).json"), encoding: .utf8)
    }

    /// The answer's hookSpecificOutput, after checking the whole answer keeps to the contract.
    static func answer(_ r: CLI.Result) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(Set(object.keys).isSubset(of: topKeys), "\(object.keys)")
        let inner = object["hookSpecificOutput"] as? [String: Any] ?? [:]
        #expect(Set(inner.keys).isSubset(of: innerKeys), "\(inner.keys)")
        #expect(inner["hookEventName"] as? String == "PreToolUse")
        #expect(r.stdout.hasSuffix("}\n") && r.stdout.filter { $0 == "\n" }.count == 1)
        return inner
    }

    @Test(arguments: [
        ("claude-code", "claude-code-bash", "ask", "Bash needs team (dev-leads, within 30m): capabilities.Bash"),
        ("claude-code", "claude-code-write", "deny", "Write is disabled by policy hook-fixture: compliance.secrets"),
        ("claude-code", "claude-code-mcp", "ask", "refund needs lead (2 of finance-leads, cfo, within 1h) and security (secops, within 2h): capabilities.refund.spend[0] (amount 6696 USD over 100), capabilities.refund.spend[1] (amount 6696 USD over 5000), compliance.prod-data"),
        ("claude-code", "claude-code-read", "allow", "Read may run unattended"),
        ("codex", "codex-bash", "ask", "Bash needs team (dev-leads, within 30m)"),
    ])
    func answersEachRuntime(_ runtime: String, _ fixture: String, _ permission: String, _ reason: String) throws {
        let r = try CLI.run(["hook", runtime, "--policy", Self.policy], stdin: try Self.fixture(fixture))
        let inner = try Self.answer(r)
        #expect(inner["permissionDecision"] as? String == permission)
        let text = inner["permissionDecisionReason"] as? String ?? ""
        #expect(text.contains(reason), "\(text)")
    }

    /// The direct argument path (plain spellings) and ArgumentParser's (any other order) agree.
    @Test func bothArgumentPathsAgree() throws {
        let bash = try Self.fixture("claude-code-bash")
        let direct = try CLI.run(["hook", "claude-code", "--policy", Self.policy, "--approval=deny"], stdin: bash)
        let parsed = try CLI.run(["hook", "--approval", "deny", "--policy", Self.policy, "claude-code"], stdin: bash)
        #expect(direct.status == 0 && direct.stdout == parsed.stdout && direct.stdout.contains("\"deny\""))
    }

    @Test func reviewIsNamedInAdditionalContext() throws {
        let inner = try Self.answer(try CLI.run(["hook", "claude-code", "--policy", Self.policy], stdin: try Self.fixture("claude-code-edit")))
        #expect(inner["permissionDecision"] as? String == "allow")
        #expect((inner["additionalContext"] as? String ?? "").contains("flagged for review"))
    }

    @Test func optionsChangeTheAnswer() throws {
        let bash = try Self.fixture("claude-code-bash"), read = try Self.fixture("claude-code-read")
        let denied = try Self.answer(try CLI.run(["hook", "claude-code", "--policy", Self.policy, "--approval", "deny"], stdin: bash))
        #expect(denied["permissionDecision"] as? String == "deny")
        #expect((denied["permissionDecisionReason"] as? String ?? "").contains("nobody can be asked"))
        let deferred = try CLI.run(["hook", "claude-code", "--policy", Self.policy, "--autonomous", "defer"], stdin: read)
        #expect(deferred.status == 0 && deferred.stdout.isEmpty)
        for input in [bash, read, try Self.fixture("claude-code-write")] {
            let monitored = try CLI.run(["hook", "codex", "--policy", Self.policy, "--monitor"], stdin: input)
            #expect(monitored.status == 0 && monitored.stdout.isEmpty, "\(monitored.stdout)")
        }
    }

    /// Every failure exits 2 (block) or denies; never 1, never allow.
    @Test(arguments: [
        ("empty", ""),
        ("not json", "tool_name=Bash"),
        ("binary", String(decoding: [0xFF, 0xFE, 0x00, 0x01, 0x7B], as: UTF8.self)),
        ("array", "[1,2]"),
        ("missing tool_name", "{\"hook_event_name\":\"PreToolUse\",\"tool_input\":{}}"),
        ("tool_name not a string", "{\"tool_name\":7,\"tool_input\":{}}"),
        ("missing tool_input", "{\"tool_name\":\"Read\"}"),
        ("tool_input not an object", "{\"tool_name\":\"Read\",\"tool_input\":\"README.md\"}"),
        ("deeply nested", "{\"tool_name\":\"Read\",\"tool_input\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"),
        ("wrong-type amount", "{\"tool_name\":\"mcp__stripe__create_refund\",\"tool_input\":{\"amount\":\"ten\",\"currency\":\"USD\"}}"),
        ("unknown currency", "{\"tool_name\":\"mcp__stripe__create_refund\",\"tool_input\":{\"amount\":100,\"currency\":\"XYZ\"}}"),
        ("duplicate key", "{\"tool_name\":\"Read\",\"tool_name\":\"Write\",\"tool_input\":{}}"),
        ("another event", "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Read\",\"tool_input\":{}}"),
    ])
    func badInputBlocks(_ label: String, _ input: String) throws {
        let r = try CLI.run(["hook", "claude-code", "--policy", Self.policy], stdin: input)
        #expect(r.status == 2 || r.status == 0, "\(label): \(r.status)")
        if r.status == 2 {
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("hitl-policy hook: ") && r.stderr.filter { $0 == "\n" }.count == 1, "\(label): \(r.stderr)")
        } else {
            #expect(try Self.answer(r)["permissionDecision"] as? String == "deny", "\(label): \(r.stdout)")
        }
    }

    @Test func hugeInputAndBadPolicyBlock() throws {
        let huge = try CLI.shell("head -c 10485760 /dev/zero | tr '\\0' ' ' | \"$0\" hook codex --policy fixtures/hooks/policy.yaml")
        #expect(huge.status == 2 && huge.stderr.contains("longer than"))
        for policy in ["fixtures/hooks/missing.yaml", "fixtures/hooks/claude-code-bash.json", "/"] {
            let r = try CLI.run(["hook", "claude-code", "--policy", policy], stdin: try Self.fixture("claude-code-read"))
            #expect(r.status == 2, "\(policy): \(r.status) \(r.stdout)")
            #expect(r.stdout.isEmpty)
        }
        let usage = try CLI.run(["hook", "claude-code"], stdin: "")
        #expect(usage.status == 2)
        let unknown = try CLI.run(["hook", "cursor", "--policy", Self.policy], stdin: "")
        #expect(unknown.status == 2)
    }

    /// 64 hooks at once append 64 whole records, chained.
    @Test func concurrentHooksLogWholeRecords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-hooklog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("decisions.log").path
        // 64 processes started at once from here (a shell's `wait` can hang when the test
        // runner ignores SIGCHLD), each with the event on standard input.
        let input = try Data(contentsOf: CLI.root.appendingPathComponent("fixtures/hooks/claude-code-mcp.json"))
        var running: [(Process, Pipe, Pipe)] = []
        for _ in 0..<64 {
            let p = Process()
            p.executableURL = CLI.executable
            p.arguments = ["hook", "claude-code", "--policy", Self.policy, "--log", log]
            p.currentDirectoryURL = CLI.root
            let inp = Pipe(), out = Pipe(), err = Pipe()
            p.standardInput = inp
            p.standardOutput = out
            p.standardError = err
            try p.run()
            try inp.fileHandleForWriting.write(contentsOf: input)
            try inp.fileHandleForWriting.close()
            running.append((p, out, err))
        }
        for (p, out, err) in running {
            let r = CLI.finish(p, out: out, err: err)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 64)
        for line in lines {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            #expect(record["source"] as? String == "claude-code")
            #expect(record["session"] as? String == "3f2c9a1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f")
            let action = record["action"] as? [String: Any] ?? [:]
            #expect(action["tool"] as? String == "mcp__stripe__create_refund" && action["args"] != nil)
        }
        let verify = try CLI.run(["log", "verify", log])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("64 records (64 decisions, 0 reviews), chain intact"))
    }

    @Test func logFailuresBlockAndArgumentsCanBeLeftOut() throws {
        let r = try CLI.run(["hook", "codex", "--policy", Self.policy, "--log", "/proc/no/such.log"], stdin: try Self.fixture("codex-bash"))
        #expect(r.status == 2 && r.stderr.contains("could not be logged"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-hooklog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("d.log").path
        _ = try CLI.run(["hook", "claude-code", "--policy", Self.policy, "--log", log, "--log-args", "none"], stdin: try Self.fixture("claude-code-write"))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!text.contains("sk-test") && !text.contains("\"args\""), "\(text)")
        #expect(text.contains("\"attributes\":{\"path\":\".env\"}"))
        // A monitor that cannot log says so without blocking.
        let monitored = try CLI.run(["hook", "codex", "--policy", Self.policy, "--monitor", "--log", "/proc/no/such.log"], stdin: try Self.fixture("codex-bash"))
        #expect(monitored.status == 0 && monitored.stdout.contains("systemMessage") && !monitored.stdout.contains("permissionDecision"))
    }

    /// The hook decides exactly as `eval` decides the tool-call line (generated calls).
    @Test func hookAgreesWithEval() throws {
        var calls: [(String, String)] = []   // (hook event, tool-call line)
        let tools = ["Read", "Write", "Edit", "Bash", "Grep", "mcp__github__create_pr", "mcp__stripe__create_refund", "Unknown"]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for k in 0..<40 {
            let tool = tools[next(tools.count)]
            let input: String
            switch next(4) {
            case 0: input = "{\"file_path\":\"\([".env", "a.txt", "secrets.yaml"][next(3)])\"}"
            case 1: input = "{\"command\":\"\(["ls", "rm -rf /", "npm test"][next(3)])\"}"
            case 2: input = "{\"amount\":\([5, 9999, 600000, 12345678][next(4)]),\"currency\":\"\(["usd", "JPY", "EUR"][next(3)])\",\"labels\":\(["[]", "[\"production\"]", "\"production\""][next(3)])}"
            default: input = "{}"
            }
            calls.append(("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"\(tool)\",\"tool_input\":\(input),\"tool_use_id\":\"u\(k)\"}",
                          "{\"id\":\"u\(k)\",\"tool\":\"\(tool)\",\"args\":\(input)}"))
        }
        let eval = try CLI.run(["eval", "--policy", Self.policy], stdin: calls.map(\.1).joined(separator: "\n") + "\n")
        let decisions = eval.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(decisions.count == calls.count)
        for (k, call) in calls.enumerated() {
            let outcome = decisions[k]?["decision"] as? String ?? "?"
            let expected = ["autonomous": "allow", "approval": "ask", "disabled": "deny", "invalid": "deny"][outcome]
            let r = try CLI.run(["hook", "codex", "--policy", Self.policy], stdin: call.0)
            let inner = try Self.answer(r)
            #expect(inner["permissionDecision"] as? String == expected, "\(call.1): eval \(outcome), hook \(r.stdout)")
        }
    }

    @Test func installMergesOnceAndPrintConfigPrints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".claude"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = dir.appendingPathComponent(".claude/settings.json")
        try "{\"permissions\":{\"allow\":[\"Bash(npm run test:*)\"]},\"hooks\":{\"PreToolUse\":[{\"matcher\":\"Write\",\"hooks\":[{\"type\":\"command\",\"command\":\"fmt-check\"}]}]},\"model\":\"opus\"}"
            .write(to: settings, atomically: true, encoding: .utf8)
        let first = try CLI.run(["hook", "claude-code", "--install", "--policy", "policies/coding-agent.yaml"], directory: dir)
        #expect(first.status == 0 && first.stdout.contains("added the hook"), "\(first.stdout)\(first.stderr)")
        let again = try CLI.run(["hook", "claude-code", "--install", "--policy", "policies/coding-agent.yaml"], directory: dir)
        #expect(again.stdout.contains("already"))
        let monitor = try CLI.run(["hook", "claude-code", "--install", "--policy", "policies/coding-agent.yaml", "--monitor"], directory: dir)
        #expect(monitor.stdout.contains("updated"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: settings)) as? [String: Any] ?? [:]
        #expect((object["permissions"] as? [String: Any])?["allow"] as? [String] == ["Bash(npm run test:*)"])
        #expect(object["model"] as? String == "opus")
        let groups = (object["hooks"] as? [String: Any])?["PreToolUse"] as? [[String: Any]] ?? []
        #expect(groups.count == 2)
        let commands = groups.flatMap { ($0["hooks"] as? [[String: Any]] ?? []).compactMap { $0["command"] as? String } }
        #expect(commands == ["fmt-check", "hitl-policy hook claude-code --policy \"$CLAUDE_PROJECT_DIR/policies/coding-agent.yaml\" --monitor"])
        try "[1]".write(to: settings, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["hook", "claude-code", "--install", "--policy", "p.yaml"], directory: dir)
        let kept = try String(contentsOf: settings, encoding: .utf8)
        #expect(broken.status == 2 && kept == "[1]")
        let codex = try CLI.run(["hook", "codex", "--print-config", "--policy", "/etc/p.yaml"])
        #expect(codex.stdout.contains("\"command\": \"hitl-policy hook codex --policy /etc/p.yaml\"") && codex.stdout.contains("codex_hooks = true"))
        let noCodexInstall = try CLI.run(["hook", "codex", "--install", "--policy", "p.yaml"], directory: dir)
        #expect(noCodexInstall.status == 2)
    }

    /// `eval --log`: a record per action, and a record that cannot be written is no go-ahead.
    @Test func evalLogs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-evallog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("d.log").path
        let input = "{\"capability\":\"Read\"}\n{\"tool\":\"Write\",\"args\":{\"file_path\":\".env\"}}\nnot json\n"
        let r = try CLI.run(["eval", "--policy", Self.policy, "--log", log], stdin: input)
        #expect(r.status == 0 && r.stdout.split(separator: "\n").count == 3)
        let verify = try CLI.run(["log", "verify", log])
        #expect(verify.stdout.contains("3 records (3 decisions, 0 reviews), chain intact"), "\(verify.stdout)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("\"action\":{\"capability\":\"Write\",\"attributes\":{\"path\":\".env\"},\"tool\":\"Write\""))
        #expect(text.contains("\"action\":{\"unparsed\":\"not json\"}"))
        for extra in [[], ["--exit-code"]] {
            let failed = try CLI.run(["eval", "--policy", Self.policy, "--log", "/proc/no/such.log"] + extra, stdin: "{\"capability\":\"Read\"}\n")
            #expect(failed.status != 0 && failed.status != 1 && failed.stdout.isEmpty, "\(failed.status)")
        }
    }
}
