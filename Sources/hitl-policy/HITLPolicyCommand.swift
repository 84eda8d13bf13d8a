import ArgumentParser
import HITLPolicy

/// `hitl-policy`: policy compiler and evaluator for human-in-the-loop control of AI agents.
@main
struct HITLPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hitl-policy",
        abstract: "Decide, provably, which agent actions run unattended, which wait for a human, and which never run.",
        discussion: """
            Exit status: 0 success; 1 findings that fail (lint), an invalid policy (compile, eval, test), \
            a failing case (test) or --fail-on met (diff); 2 usage or I/O error, and for diff an invalid policy; \
            eval --exit-code reports the decision instead: 0 autonomous, 3 approval, 4 disabled, 5 invalid. \
            Each command's --help says more.
            Documentation: `man hitl-policy` covers every command, option and exit status, with examples; the policy \
            language and every diagnostic code are described in the documentation installed with it, in \
            share/doc/hitl-policy (/usr/share/doc/hitl-policy from the Debian package). A build from source \
            installs neither: read them in the repository, docs/language.md and docs/diagnostics.md (every \
            document is in docs/), and the page with `man docs/man/hitl-policy.1`.
            """ + HelpExamples.section(HelpExamples.root),
        version: versionText,
        subcommands: [LintCommand.self, CompileCommand.self, EvalCommand.self, DiffCommand.self, TestCommand.self, SimulateCommand.self, SuggestCommand.self, HookCommand.self, MCPCommand.self, LogCommand.self, SchemaCommand.self]
    )

    /// Runs the command line, mapping ArgumentParser's usage status (64) to the SPEC's 2.
    static func main() {
        Terminal.ignoreBrokenPipe()
        runEvalDirectly()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // A mistyped command or option gets "did you mean" (ArgumentParser would name a
            // missing --policy instead, or suggest an unrelated option).
            if code == .validationFailure, let message = UsageSuggestion.message(for: Array(CommandLine.arguments.dropFirst())) {
                Terminal.writeError(message + "\n")
                Terminal.exit(2)
            }
            if code == .validationFailure {
                Terminal.writeError(fullMessage(for: error) + "\n")
                Terminal.exit(2)
            }
            exit(withError: error)
        }
    }

    /// `eval` is what agent runtimes start once per action, so its start-up time is the
    /// product's latency, and ArgumentParser's reflection over the command costs about a
    /// millisecond of it. The common spellings of `eval` are read directly (see
    /// `EvalCommand.direct`); anything else goes through the full command tree, so
    /// help, errors and usage text are the same either way.
    private static func runEvalDirectly() {
        // A hook, too, starts once per tool call.
        if let hook = HookCommand.direct(Array(CommandLine.arguments.dropFirst())) { hook.run() }
        guard let command = EvalCommand.direct(Array(CommandLine.arguments.dropFirst())) else { return }
        do {
            try command.run()
            Terminal.exit(0)
        } catch {
            EvalCommand.exit(withError: error)
        }
    }
}
