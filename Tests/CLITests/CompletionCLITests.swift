import Foundation
import Testing

/// `hitl-policy --generate-completion-script bash|zsh|fish` (docs/commands.md, "Shell
/// completions"): policy files for `--policy`, formats for `--format`, git revisions for
/// `--git`.
@Suite("Shell completions")
struct CompletionCLITests {
    static func script(_ shell: String) throws -> String {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func scriptOffersPolicyFilesFormatsAndRevisions(shell: String) throws {
        let s = try Self.script(shell)
        // Policy files: YAML and compiled tables.
        let files = switch shell {
        case "bash": "'!*.@(yaml|yml|json)'"
        case "zsh": "_files -g '\\''*.yaml *.yml *.json'\\''"
        default: "set -l exts \\'yaml\\' \\'yml\\' \\'json\\'"
        }
        #expect(s.contains(files), "\(shell): no policy-file completion")
        // Formats, per command.
        for values in [["text", "json", "sarif", "github"], ["json", "table", "markdown", "csv"], ["text", "json", "markdown"]] {
            let listed = switch shell {
            case "bash": values.map { "'\($0)'" }.joined(separator: "$'\\n'")
            case "zsh": "(" + values.map { "'\($0)'" }.joined(separator: " ") + ")"
            default: "'" + values.joined(separator: " ") + "'"
            }
            #expect(s.contains(listed), "\(shell): formats \(values) not offered")
        }
        // Revisions: the shell asks the tool, which asks git.
        #expect(s.contains("---completion diff -- --git"), "\(shell): no revision completion for --git")
    }

    /// What the installed bash script offers, asked of a real bash: the script is sourced,
    /// `complete -p` names its function, and the function runs with COMP_WORDS, COMP_CWORD,
    /// COMP_LINE and COMP_POINT set as bash sets them for `line` (the cursor at its end).
    static func bashOffers(_ line: String, in dir: URL) throws -> [String] {
        var words = line.split(separator: " ").map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            set -u
            source <(hitl-policy --generate-completion-script bash)
            spec=$(complete -p hitl-policy) || exit 9
            fn=${spec##* -F }; fn=${fn%% *}
            COMP_WORDS=(\(quoted))
            COMP_CWORD=\(words.count - 1)
            COMP_LINE='\(line)'
            COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            "$fn" hitl-policy "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let path = CLI.executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try CLI.run(["-c", script], environment: ["PATH": path], directory: dir, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.status == 0, "bash: \(r.stderr)")
        #expect(r.stderr.isEmpty, "bash: \(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init).sorted()
    }

    /// Files for every argument that names one (policies, actions, test files, logs, output
    /// files) and the values of `--fail-on`, as a real bash completes them.
    @Test func bashCompletesFilesAndValues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-bash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["old.yaml", "new.yml", "table.json", "actions.jsonl", "notes.txt"] {
            try Data().write(to: dir.appendingPathComponent(name))
        }
        let policies = ["new.yml", "old.yaml", "sub", "table.json"]
        let everything = ["actions.jsonl", "new.yml", "notes.txt", "old.yaml", "sub", "table.json"]
        func offers(_ line: String) throws -> [String] { try Self.bashOffers(line, in: dir) }
        #expect(try offers("hitl-policy diff ") == policies)
        #expect(try offers("hitl-policy diff old.yaml ") == policies)
        #expect(try offers("hitl-policy diff old.yaml n") == ["new.yml"])
        #expect(try offers("hitl-policy eval --policy old.yaml ") == everything)
        #expect(try offers("hitl-policy eval --policy old.yaml a") == ["actions.jsonl"])
        #expect(try offers("hitl-policy test ") == ["new.yml", "old.yaml", "sub"])
        #expect(try offers("hitl-policy test --generate ") == policies)
        #expect(try offers("hitl-policy diff old.yaml new.yml --traffic ") == everything)
        #expect(try offers("hitl-policy compile old.yaml -o ") == everything)
        #expect(try offers("hitl-policy test --generate old.yaml --output ") == everything)
        #expect(try offers("hitl-policy diff old.yaml new.yml --fail-on ") == ["any", "loosened"])
        #expect(try offers("hitl-policy diff old.yaml new.yml --fail-on l") == ["loosened"])
        // What was already there still works: formats and subcommands.
        #expect(try offers("hitl-policy lint --format s") == ["sarif"])
        #expect(try offers("hitl-policy ev") == ["eval"])
    }

    /// zsh and fish are not installed on the CI machine, so their scripts are checked as
    /// text: the same file completions and `--fail-on` values as bash, in each shell's form.
    @Test(arguments: ["zsh", "fish"])
    func zshAndFishOfferFilesAndValues(shell: String) throws {
        let s = try Self.script(shell)
        let policies = shell == "zsh" ? "_files -g '\\''*.yaml *.yml *.json'\\''"
            : "set -l exts \\'yaml\\' \\'yml\\' \\'json\\'"
        let wanted: [(what: String, line: String, completes: String)] = shell == "zsh" ? [
            ("diff OLD", "':old:", policies), ("diff NEW", "':new:", policies),
            ("eval's actions file", "':actions:", "_files'"),
            ("test paths", "'*:path:_files -g '\\''*.yaml *.yml'\\'''", "_files"),
            ("diff --traffic", "'--traffic[", ":log:_files'"),
            ("compile -o", "{--output,-o}'[Write to this file", ":file:_files'"),
            ("test -o", "{--output,-o}'[With --generate", ":file:_files'"),
            ("test --generate", "'--generate[", policies),
            ("diff --fail-on", "local -ar ___fail_on=", "('loosened' 'any')"),
        ] : [
            ("diff OLD", "\"hitl-policy diff\" -eq 1'", policies), ("diff NEW", "\"hitl-policy diff\" -eq 2'", policies),
            ("eval's actions file", "\"hitl-policy eval\" -eq 1'", " -F"),
            ("test paths", "\"hitl-policy test\" -ge 1'", "set -l exts \\'yaml\\' \\'yml\\';"),
            ("diff --traffic", "-l 'traffic'", " -rF"),
            ("compile -o", "\"hitl-policy compile\" o output'", " -rF"),
            ("test -o", "\"hitl-policy test\" o output'", " -rF"),
            ("test --generate", "-l 'generate'", policies),
            ("diff --fail-on", "-l 'fail-on'", "-rfka 'loosened any'"),
        ]
        let lines = s.split(separator: "\n")
        for w in wanted {
            let line = lines.first { $0.contains(w.line) }
            #expect(line?.contains(w.completes) == true, "\(shell): \(w.what) not completed with \(w.completes): \(line ?? "no line")")
        }
    }

    /// The revision completion lists the repository's branches and tags, filtered by what
    /// was typed; outside a repository it lists nothing (and prints no error).
    @Test func gitRevisionCompletion() throws {
        try Prerequisite.git.require()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = try CLI.run(["---completion", "diff", "--", "--git", "3", "0", "hitl-policy", "diff", "--git", ""], directory: dir)
        #expect(outside.status == 0)
        #expect(outside.stdout.isEmpty)
        #expect(outside.stderr.isEmpty)
        func git(_ args: String...) throws { try CLI.git(args, in: dir) }
        try git("init", "-q", "-b", "main")
        try git("commit", "-q", "--allow-empty", "-m", "first")
        try git("branch", "release-1")
        try git("tag", "v1.0")
        let all = try CLI.run(["---completion", "diff", "--", "--git", "3", "0", "hitl-policy", "diff", "--git", ""], directory: dir)
        #expect(all.stdout.split(separator: "\n") == ["HEAD", "main", "release-1", "v1.0"])
        let typed = try CLI.run(["---completion", "diff", "--", "--git", "3", "2", "hitl-policy", "diff", "--git", "re"], directory: dir)
        #expect(typed.stdout.split(separator: "\n") == ["release-1"])
    }
}
