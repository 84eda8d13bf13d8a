/// How the MCP gateway decides and records (`hitl-policy mcp`, SPEC §11).
package struct GatewayOptions: Sendable {
    /// What an approval becomes when the client can be asked.
    package enum Approval: String, Sendable, CaseIterable {
        /// Ask the person through `elicitation/create` (when the client declared elicitation).
        case elicit
        /// Refuse with the reasons (unattended runs: nobody can be asked).
        case deny
    }

    /// Prepended to `params.name` to make the tool name the policy sees (`mcp__stripe__`).
    package var prefix = ""
    /// The decision log, when there is one.
    package var log: String?
    /// What a record keeps of the arguments.
    package var logArguments: DecisionRecord.Arguments = .all
    /// What an approval becomes.
    package var approval: Approval = .elicit
    /// Drop from `tools/list` results the tools the policy disables for every call.
    package var hideDisabled = false
    /// Decide and log, but forward every call.
    package var monitor = false
    /// The longest wait for an answer to an elicitation, in seconds (the tier's SLA when
    /// that is shorter).
    package var approvalTimeout = 3600

    package init() {}
}
