/// Where and how the hook is configured: the settings snippet for each runtime, and the merge
/// of the hook into Claude Code's settings file (SPEC §11 `--install`, `--print-config`).
package enum HookSettings {
    /// The command line a runtime runs: `hitl-policy hook RUNTIME --policy P` and the options.
    package static func command(runtime: HookRuntime, policy: String, options: HookOptions) -> String {
        var words = ["hitl-policy", "hook", runtime.rawValue, "--policy", quoted(policy)]
        if options.approval != .ask { words += ["--approval", options.approval.rawValue] }
        if options.autonomous != .allow { words += ["--autonomous", options.autonomous.rawValue] }
        if options.monitor { words.append("--monitor") }
        if let log = options.log { words += ["--log", quoted(log)] }
        if options.logArguments != .all { words += ["--log-args", options.logArguments.rawValue] }
        return words.joined(separator: " ")
    }

    /// A word for `sh -c` (both runtimes run the command through a shell): as it is when
    /// plain, else in double quotes, so `$CLAUDE_PROJECT_DIR` still expands.
    static func quoted(_ word: String) -> String {
        let plain = word.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || "/._-+:=@,".utf8.contains(c)
        }
        if plain && !word.isEmpty { return word }
        var out = "\""
        for ch in word {
            if ch == "\"" || ch == "\\" || ch == "`" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }

    /// The `hooks` object both runtimes read, with one `PreToolUse` group running `command`
    /// for every tool.
    static func hookGroup(_ command: String) -> JSONTree {
        .object([
            ("matcher", .string("*")),
            ("hooks", .array([.object([("type", .string("command")), ("command", .string(command))])])),
        ])
    }

    /// The snippet `--print-config` prints: for Claude Code, the settings file's `hooks`; for
    /// Codex, its `hooks.json` and the feature switch of `config.toml`.
    package static func snippet(runtime: HookRuntime, command: String) -> String {
        let hooks = JSONTree.object([("hooks", .object([("PreToolUse", .array([hookGroup(command)]))]))]).pretty()
        switch runtime {
        case .claudeCode:
            return "# .claude/settings.json (project) or ~/.claude/settings.json (user): merge into \"hooks\"\n" + hooks
        case .codex:
            return "# .codex/hooks.json (project) or ~/.codex/hooks.json (user)\n" + hooks
                + "# and in ~/.codex/config.toml (hooks are behind a feature switch):\n# [features]\n# codex_hooks = true\n"
        }
    }

    /// What `--install` did.
    package enum Change: Equatable, Sendable {
        /// The hook was added.
        case added
        /// A hitl-policy hook was there with another command line; it now runs this one.
        case updated
        /// The same hook was already there: the file is unchanged.
        case unchanged
    }

    /// Why a settings file cannot be merged into.
    package struct Failure: Error, Equatable {
        package var message: String
    }

    /// `settings` (a settings file's bytes; empty for a new file) with the hook merged into
    /// `hooks.PreToolUse`: every other key and group kept as it is, and a group whose command
    /// is already a `hitl-policy hook claude-code` updated in place rather than added twice.
    package static func merge(_ settings: [UInt8], command: String) throws(Failure) -> (text: String, change: Change) {
        var root: [(String, JSONTree)] = []
        let blank = settings.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if !blank {
            let parsed: JSONTree? = settings.withUnsafeBufferPointer { b in
                guard let json = try? RawJSON.parse(ByteOrderMark.dropping(b)) else { return nil }
                return tree(json, json.node)
            }
            guard case .object(let members)? = parsed else {
                throw Failure(message: "the settings file is not a JSON object; fix it or move it away, then run --install again")
            }
            root = members
        }
        var hooks: [(String, JSONTree)] = []
        if let k = root.firstIndex(where: { $0.0 == "hooks" }) {
            guard case .object(let h) = root[k].1 else { throw Failure(message: "\"hooks\" in the settings file is not an object") }
            hooks = h
        }
        var groups: [JSONTree] = []
        if let k = hooks.firstIndex(where: { $0.0 == "PreToolUse" }) {
            guard case .array(let g) = hooks[k].1 else { throw Failure(message: "\"hooks.PreToolUse\" in the settings file is not an array") }
            groups = g
        }
        var change = Change.added
        let mine = hookGroup(command)
        if let k = groups.firstIndex(where: isOurs) {
            change = groups[k].canonical == mine.canonical ? .unchanged : .updated
            groups[k] = mine
        } else {
            groups.append(mine)
        }
        set(&hooks, "PreToolUse", .array(groups))
        set(&root, "hooks", .object(hooks))
        return (JSONTree.object(root).pretty(), change)
    }

    private static func set(_ members: inout [(String, JSONTree)], _ key: String, _ value: JSONTree) {
        if let k = members.firstIndex(where: { $0.0 == key }) { members[k].1 = value } else { members.append((key, value)) }
    }

    /// A group whose command runs this tool's Claude Code hook.
    private static func isOurs(_ group: JSONTree) -> Bool {
        guard case .object(let g) = group, case .array(let hooks)? = g.first(where: { $0.0 == "hooks" })?.1 else { return false }
        return hooks.contains { h in
            guard case .object(let fields) = h, let c = fields.first(where: { $0.0 == "command" })?.1 else { return false }
            let text: String
            switch c {
            case .string(let s): text = s
            case .raw(let r): text = r
            default: return false
            }
            return text.contains("hitl-policy hook claude-code")
        }
    }

    /// A JSON value as a tree to rewrite: scalars keep their text exactly.
    private static func tree(_ json: RawJSON, _ node: RawJSON.Node) -> JSONTree {
        switch node {
        case .scalar:
            var out: [UInt8] = []
            json.write(node, into: &out)
            return .raw(String(decoding: out, as: UTF8.self))
        case .array(let items): return .array(items.map { tree(json, $0) })
        case .object(let members): return .object(members.map { (json.text($0.key), tree(json, $0.value)) })
        }
    }
}

extension JSONTree {
    /// The compact text, for comparing two trees.
    var canonical: String {
        switch self {
        case .string(let s):
            var out: [UInt8] = []
            out.appendJSONString(s)
            return String(decoding: out, as: UTF8.self)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .raw(let r): return r
        case .array(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONTree.string($0.0).canonical + ":" + $0.1.canonical }.joined(separator: ",") + "}"
        }
    }
}
