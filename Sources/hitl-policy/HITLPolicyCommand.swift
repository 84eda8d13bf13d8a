import ArgumentParser
import HITLPolicy

/// `hitl-policy`: policy compiler and evaluator for human-in-the-loop control of AI agents.
@main
struct HITLPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hitl-policy",
        abstract: "Decide, provably, which agent actions run unattended, which wait for a human, and which never run.",
        discussion: """
            Exit statuses: 0 success, 1 findings or an invalid policy, 2 usage or I/O error.
            Documentation: docs/language.md, docs/commands.md, docs/diagnostics.md.
            """,
        version: versionText,
        subcommands: [LintCommand.self, CompileCommand.self, EvalCommand.self, DiffCommand.self, TestCommand.self, SchemaCommand.self]
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
        guard let command = EvalCommand.direct(Array(CommandLine.arguments.dropFirst())) else { return }
        do {
            try command.run()
            Terminal.exit(0)
        } catch {
            EvalCommand.exit(withError: error)
        }
    }
}
