/// The agent runtimes whose pre-tool-use hooks `hitl-policy hook` answers (SPEC §11). Both
/// send the same event shape and read the same answer shape; they differ in where the hook is
/// configured.
package enum HookRuntime: String, Sendable, CaseIterable {
    /// Claude Code (`.claude/settings.json`, `hooks.PreToolUse`).
    case claudeCode = "claude-code"
    /// OpenAI Codex (`.codex/hooks.json`, behind `[features] codex_hooks = true`).
    case codex

    /// The `source` of the decision records it logs.
    package var source: String { rawValue }
}

/// How the hook answers (SPEC §11): what approval and autonomy become, and whether it blocks.
package struct HookOptions: Sendable {
    /// What an `approval` decision becomes.
    package enum Approval: String, Sendable, CaseIterable {
        /// `ask`: the runtime asks the person at the keyboard.
        case ask
        /// `deny`: nobody can be asked (unattended runs).
        case deny
    }

    /// What an `autonomous` decision becomes.
    package enum Autonomous: String, Sendable, CaseIterable {
        /// `allow`: the call runs without the runtime's own prompt.
        case allow
        /// No answer: the runtime's own permission rules decide.
        case `defer`
    }

    package var approval: Approval = .ask
    package var autonomous: Autonomous = .allow
    /// Decide and log, never block: every answer is "no opinion" (the runtime's own rules
    /// apply, as without the hook), and a failure is reported without blocking.
    package var monitor = false
    /// The decision log to append to.
    package var log: String?
    /// What the log keeps of the arguments.
    package var logArguments: DecisionRecord.Arguments = .all

    package init() {}
}
