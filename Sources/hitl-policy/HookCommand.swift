import ArgumentParser
import HITLPolicy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hitl-policy hook claude-code|codex --policy P`: a pre-tool-use hook (SPEC §11).
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Answer a Claude Code or Codex pre-tool-use hook: allow, ask or deny each tool call by the policy.",
        discussion: """
            The runtime runs this command before every tool call with the hook event as JSON on \
            standard input; the tool call is mapped to an action by the policy's tools: section and \
            decided as eval decides it. autonomous → allow (with --autonomous defer: no answer, the \
            runtime's own permission rules decide); autonomous with review → allow, the review named \
            in additionalContext; approval → ask, naming every tier and panel with its approvers and \
            quorum (--approval deny for unattended runs); disabled and invalid → deny with the reasons.

            --monitor decides and logs but never answers or blocks: the runtime behaves as without \
            the hook, so a new policy can be tried on real traffic (and simulated from its log) \
            before it is enforced.

            Exit status: 0 answered (the answer is on standard output); 2 on any failure — input \
            that is not a hook event, a policy that does not load, a log record that cannot be \
            written — with one line on standard error. Both runtimes treat 2 as "block" (and any \
            other non-zero status as "go ahead", so this command never exits 1).
            """ + HelpExamples.section(HelpExamples.hook)
    )

    enum Runtime: String, ExpressibleByArgument, CaseIterable {
        case claudeCode = "claude-code", codex
    }

    enum Scope: String, ExpressibleByArgument, CaseIterable {
        case project, user
    }

    @Argument(help: "The runtime: claude-code or codex.")
    var runtime: Runtime

    @Option(name: .long, help: "The policy: YAML source or a compiled table (a table starts faster).", completion: Completions.policyFiles)
    var policy: String

    @Option(help: "What an approval becomes: ask (the person at the keyboard approves) or deny (unattended runs).")
    var approval: HookOptions.Approval = .ask

    @Option(help: "What an autonomous decision becomes: allow, or defer (no answer: the runtime's own rules decide).")
    var autonomous: HookOptions.Autonomous = .allow

    @Flag(help: "Decide and log, never answer or block (try a policy on real traffic before enforcing it).")
    var monitor = false

    @Option(help: ArgumentHelp("Append a decision record to this log (hash-chained JSON Lines; see `hitl-policy log verify`).", valueName: "file"),
            completion: .file())
    var log: String?

    @Option(name: .customLong("log-args"), help: "What the log keeps of the tool's arguments: all, or none (arguments may hold secrets).")
    var logArgs: DecisionRecord.Arguments = .all

    @Flag(help: "Add the hook to Claude Code's settings file (merged in: other settings are kept, and it is never added twice).")
    var install = false

    @Option(help: "With --install: project (.claude/settings.json here) or user (~/.claude/settings.json).")
    var scope: Scope = .project

    @Flag(name: .customLong("print-config"), help: "Print the runtime's configuration snippet instead of answering a hook.")
    var printConfig = false

    func validate() throws {
        if install, runtime != .claudeCode {
            throw ValidationError("--install writes Claude Code's settings; for Codex, use --print-config and add the snippet to .codex/hooks.json")
        }
        if install, printConfig { throw ValidationError("--install and --print-config do not go together: choose one") }
    }

    var options: HookOptions {
        var o = HookOptions()
        o.approval = approval
        o.autonomous = autonomous
        o.monitor = monitor
        o.log = log
        o.logArguments = logArgs
        return o
    }

    var hookRuntime: HookRuntime { runtime == .codex ? .codex : .claudeCode }

    func run() throws {
        if printConfig || install {
            let command = HookSettings.command(runtime: hookRuntime, policy: configuredPolicyPath(), options: options)
            if printConfig {
                Terminal.write(HookSettings.snippet(runtime: hookRuntime, command: command), exitOnFailure: 2)
                Terminal.exit(0)
            }
            installHook(command)
        }
        HookRun(runtime: hookRuntime, policy: policy, options: options).run()
    }

    /// The policy path as the runtime's shell should see it: in a project's settings, relative
    /// to `$CLAUDE_PROJECT_DIR` (the hook runs wherever the session is); else absolute.
    func configuredPolicyPath() -> String {
        if policy.hasPrefix("/") || policy.hasPrefix("$") { return policy }
        if install && scope == .project || (!install && runtime == .claudeCode) {
            return "$CLAUDE_PROJECT_DIR/" + (policy.hasPrefix("./") ? String(policy.dropFirst(2)) : policy)
        }
        guard let cwd = getcwd(nil, 0) else { return policy }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + policy
    }

    func installHook(_ command: String) {
        let dir: String
        switch scope {
        case .project: dir = ".claude"
        case .user:
            guard let home = getenv("HOME") else { Terminal.fail("HOME is not set: cannot find ~/.claude") }
            dir = String(cString: home) + "/.claude"
        }
        let path = dir + "/settings.json"
        if mkdir(dir, 0o755) != 0, errno != EEXIST { Terminal.fail("\(dir): \(String(cString: strerror(errno)))") }
        var existing: [UInt8] = []
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            existing = HookRun.readAll(fd, limit: 16 << 20) ?? []
            close(fd)
        } else if errno != ENOENT {
            Terminal.fail("\(path): \(String(cString: strerror(errno)))")
        }
        switch PolicyTools.installHook(settings: existing, command: command) {
        case .failure(let f): Terminal.fail("\(path): \(f.message)")
        case .success(let merged):
            if merged.change != .unchanged {
                let temp = path + ".hitl-policy.tmp"
                let out = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard out >= 0, Terminal.writeAll(out, merged.text), fsync(out) == 0, close(out) == 0, rename(temp, path) == 0 else {
                    Terminal.fail("\(path): cannot write (\(String(cString: strerror(errno))))")
                }
            }
            let what = switch merged.change {
            case .added: "added the hook to"
            case .updated: "updated the hook in"
            case .unchanged: "the hook is already in"
            }
            Terminal.write("hitl-policy: \(what) \(path): \(command)\n", exitOnFailure: 2)
            Terminal.exit(0)
        }
    }
}

extension HookCommand {
    /// The hook run for arguments in their plain forms — `hook claude-code|codex --policy P`
    /// with `--approval V`, `--autonomous V`, `--monitor`, `--log F`, `--log-args V`, each at
    /// most once (`--name=value` too); nil for anything else (help, install, mistakes), which
    /// ArgumentParser then parses and reports. A hook starts once per tool call, so this path
    /// skips ArgumentParser's reflection over the command tree, as `eval`'s does.
    static func direct(_ arguments: [String]) -> HookRun? {
        guard arguments.count >= 2, arguments[0] == "hook", let runtime = HookRuntime(rawValue: arguments[1]) else { return nil }
        var policy: String?
        var options = HookOptions()
        var seen: Set<String> = []
        var rest = arguments.dropFirst(2)[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { return nil }
            var name = argument, value: String?
            if let eq = argument.firstIndex(of: "=") {
                name = String(argument[..<eq])
                value = String(argument[argument.index(after: eq)...])
            }
            guard seen.insert(name).inserted else { return nil }
            if name == "--monitor" {
                guard value == nil else { return nil }
                options.monitor = true
                continue
            }
            if value == nil {
                guard let next = rest.popFirst(), !next.hasPrefix("-") || next == "-" else { return nil }
                value = next
            }
            guard let v = value, !v.isEmpty else { return nil }
            switch name {
            case "--policy": policy = v
            case "--approval": guard let a = HookOptions.Approval(rawValue: v) else { return nil }; options.approval = a
            case "--autonomous": guard let a = HookOptions.Autonomous(rawValue: v) else { return nil }; options.autonomous = a
            case "--log": options.log = v
            case "--log-args": guard let a = DecisionRecord.Arguments(rawValue: v) else { return nil }; options.logArguments = a
            default: return nil
            }
        }
        guard let policy else { return nil }
        return HookRun(runtime: runtime, policy: policy, options: options)
    }
}

extension HookOptions.Approval: ExpressibleByArgument {}
extension HookOptions.Autonomous: ExpressibleByArgument {}
extension DecisionRecord.Arguments: ExpressibleByArgument {}

/// One hook run once its options are read.
struct HookRun {
    var runtime: HookRuntime
    var policy: String
    var options: HookOptions

    func run() -> Never {
        guard let input = Self.readAll(STDIN_FILENO, limit: HookEvent.maxBytes + 1) else {
            fail("cannot read standard input (\(String(cString: strerror(errno))))")
        }
        let result = PolicyTools.hook(runtime: runtime, policy: policy, input: input, options: options)
        if let failure = result.failure, !options.monitor { fail(failure) }
        if let failure = result.failure { Terminal.writeError("hitl-policy hook: \(failure)\n") }
        if !result.output.isEmpty, !Terminal.writeAll(STDOUT_FILENO, result.output) {
            fail("cannot write the answer (\(String(cString: strerror(errno))))")
        }
        Terminal.exit(0)
    }

    /// Every failure: one line on standard error, exit 2 (which blocks the call).
    func fail(_ message: String) -> Never {
        Terminal.writeError("hitl-policy hook: \(message.split(separator: "\n").joined(separator: " "))\n")
        Terminal.exit(2)
    }

    /// Reads `fd` to its end, at most `limit` bytes (more is cut there: the caller refuses
    /// it as too long); nil on a read error.
    static func readAll(_ fd: Int32, limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while out.count < limit {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, min($0.count, limit - out.count)) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }
}
