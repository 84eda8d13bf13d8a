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
        version: ToolInfo.version,
        subcommands: [LintCommand.self, CompileCommand.self, EvalCommand.self, DiffCommand.self]
    )

    /// Runs the command line, mapping ArgumentParser's usage status (64) to the SPEC's 2.
    static func main() {
        Terminal.ignoreBrokenPipe()
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
}
