import Foundation
import Testing

/// Help agrees with behaviour (SPEC §5): the root help's exit statuses, no pointers to
/// repository paths an installed binary's user does not have, "did you mean" for mistyped
/// subcommands and options, and usage lines that read well.
@Suite("help and usage")
struct HelpCLITests {
    @Test func rootHelpStatesEveryExitStatus() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        let help = r.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(help.contains("2 usage or I/O error, and for diff an invalid policy"), "\(r.stdout)")
        #expect(help.contains("eval --exit-code reports the decision instead: 0 autonomous, 3 approval, 4 disabled, 5 invalid"), "\(r.stdout)")
        #expect(help.contains("man hitl-policy"), "\(r.stdout)")
        // The statuses it states are the ones the commands use.
        #expect(try CLI.run(["diff", "policies/payments.yaml", "fixtures/invalid/undefined-tier.yaml"]).status == 2)
        #expect(try CLI.run(["eval", "--exit-code", "--policy", "policies/payments.yaml"], stdin: "{\"capability\":\"refund\",\"amount\":6000}\n").status == 3)
        #expect(try CLI.run(["eval", "--exit-code", "--policy", "policies/payments.yaml"], stdin: "{\"capability\":\"close_account\"}\n").status == 4)
        #expect(try CLI.run(["eval", "--exit-code", "--policy", "policies/payments.yaml"], stdin: "nope\n").status == 5)
    }

    /// The root help says where the documentation is both for an installed binary (the man
    /// page, share/doc/hitl-policy: scripts/package.sh) and for a build from source, which
    /// installs neither (the repository's docs/ and docs/man). No subcommand's help points at
    /// files of the repository.
    @Test func documentationPointers() throws {
        let root = try CLI.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(root.contains("share/doc/hitl-policy"), "\(root)")
        #expect(root.contains("A build from source installs neither: read them in the repository, docs/language.md and docs/diagnostics.md"), "\(root)")
        #expect(root.contains("man docs/man/hitl-policy.1"), "\(root)")
        for name in ["language.md", "diagnostics.md", "man/hitl-policy.1"] {
            #expect(FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent("docs/\(name)").path), "root help names docs/\(name)")
        }
        for command in [["lint"], ["compile"], ["eval"], ["diff"], ["test"]] {
            let r = try CLI.run(command + ["--help"])
            #expect(!r.stdout.contains("docs/"), "\(command): \(r.stdout)")
            #expect(!r.stdout.contains(".md"), "\(command): \(r.stdout)")
        }
    }

    /// Values are named for what they are, not for the property holding them.
    @Test func valueNames() throws {
        let diff = try CLI.run(["diff", "--help"]).stdout
        for name in ["<old>", "<new>", "--git <rev>", "--traffic <log>"] { #expect(diff.contains(name), "diff: \(name)\n\(diff)") }
        let test = try CLI.run(["test", "--help"]).stdout
        for name in ["--generate <policy>", "--run <regex>", "--min-coverage <percent>", "--output <file>", "<path> ..."] {
            #expect(test.contains(name), "test: \(name)\n\(test)")
        }
        #expect(try CLI.run(["compile", "--help"]).stdout.contains("--output <file>"))
        #expect(try CLI.run(["eval", "--help"]).stdout.contains("[<actions>]"))
    }

    @Test func mistypedSubcommand() throws {
        let r = try CLI.run(["evl", "--policy", "policies/payments.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: unknown command 'evl'; did you mean 'eval'?\nUsage: hitl-policy <subcommand>\n"), "\(r.stderr)")
        let far = try CLI.run(["frobnicate"])
        #expect(far.status == 2)
        #expect(far.stderr.hasPrefix("Error: unknown command 'frobnicate'; the commands are: lint, compile, eval, diff, test, simulate, suggest, hook, mcp, log\n"), "\(far.stderr)")
    }

    @Test func mistypedOption() throws {
        let eval = try CLI.run(["eval", "--polcy", "policies/payments.yaml"], stdin: "")
        #expect(eval.status == 2)
        #expect(eval.stderr.hasPrefix("Error: unknown option '--polcy'; did you mean '--policy'?\nUsage: hitl-policy eval --policy"), "\(eval.stderr)")
        let diff = try CLI.run(["diff", "a.yaml", "b.yaml", "--fail-onn=any"])
        #expect(diff.stderr.hasPrefix("Error: unknown option '--fail-onn'; did you mean '--fail-on'?\n"), "\(diff.stderr)")
        // Nothing close: no suggestion of an unrelated option.
        let lint = try CLI.run(["lint", "--polcy", "x.yaml"])
        #expect(lint.status == 2)
        #expect(lint.stderr.hasPrefix("Error: unknown option '--polcy'\nUsage: hitl-policy lint"), "\(lint.stderr)")
        // A known option's own errors are ArgumentParser's, unchanged.
        let value = try CLI.run(["lint", "--format", "xml", "x.yaml"])
        #expect(value.status == 2)
        #expect(value.stderr.contains("'xml'"), "\(value.stderr)")
    }

    @Test func diffUsageShowsBothForms() throws {
        let r = try CLI.run(["diff", "--help"])
        #expect(r.stdout.contains("USAGE: hitl-policy diff OLD NEW [options]\n       hitl-policy diff --git REV POLICY [options]\n"), "\(r.stdout)")
        let usage = try CLI.run(["diff", "one.yaml"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("hitl-policy diff --git REV POLICY"), "\(usage.stderr)")
    }
}
