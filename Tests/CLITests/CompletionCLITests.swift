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
