import ArgumentParser
import HITLPolicy

/// `hitl-policy mcp --policy P -- SERVER...`: a Model Context Protocol gateway (SPEC §11).
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run an MCP server behind the policy: relay every message, deciding each tools/call first.",
        discussion: """
            Configure the MCP client to start `hitl-policy mcp --policy P -- SERVER ARGS...` in place of the \
            server. The gateway starts SERVER and relays newline-delimited JSON-RPC both ways byte for byte; \
            each tools/call request is decided first, with the tool name --prefix + params.name and the \
            arguments mapped by the policy's tools: section, as eval decides a tool-call line. \
            autonomous → forwarded; disabled or invalid → never forwarded, the client gets a tool result \
            with isError true and the reasons; approval → the person is asked through elicitation/create \
            when the client declared elicitation (forwarded only on accept with approve true; decline, \
            cancel, an error or no answer within the tier's SLA refuse it), otherwise — or with \
            --approval deny — refused with the reasons.

            A client message that is not JSON or not JSON-RPC is answered with a JSON-RPC error and never \
            forwarded. --monitor decides and logs but forwards every call. --log appends a decision record \
            per call and a review record per approval asked (see `hitl-policy log verify`); a record that \
            cannot be written refuses the call.

            `hitl-policy mcp init [--prefix NAME] -- SERVER ARGS...` starts the server, reads every page \
            of its tools/list and prints a starting policy with one capability and one tools: entry per \
            tool, which lints clean: a tool whose annotations say readOnlyHint: true starts autonomous, \
            every other tool at approval (annotations are the server's claims about itself, so nothing \
            is granted more on their word).

            Exit status: the server's (a server killed by signal N: 128 + N); 2 when the gateway cannot \
            start (usage, a policy that does not load, a server that cannot be started). mcp init: 0 \
            printed; 2 when the server cannot be started or does not answer within 30 seconds.
            """ + HelpExamples.section(HelpExamples.mcp + HelpExamples.mcpInit)
    )

    /// The one word that may come before the options.
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case `init`
    }

    @Argument(help: ArgumentHelp("init: print a starting policy for the server instead of running the gateway.", valueName: "init"))
    var mode: Mode?

    @Option(name: .long, help: "The policy: YAML source or a compiled table (required).", completion: Completions.policyFiles)
    var policy: String?

    @Option(help: ArgumentHelp("Prepended to each tool's name before it is decided (e.g. mcp__stripe__, as Claude Code names MCP tools).", valueName: "name"))
    var prefix = ""

    @Option(help: ArgumentHelp("Append a decision record per call, and a review record per approval asked, to this log.", valueName: "file"),
            completion: .file())
    var log: String?

    @Option(name: .customLong("log-args"), help: "What the log keeps of the tool's arguments: all, or none (arguments may hold secrets).")
    var logArgs: DecisionRecord.Arguments = .all

    @Option(help: "What an approval becomes: elicit (ask the person through the client, when it can) or deny (unattended runs).")
    var approval: GatewayOptions.Approval = .elicit

    @Option(name: .customLong("approval-timeout"), help: ArgumentHelp("The longest wait for a person's answer, in seconds (the tier's SLA when shorter).", valueName: "seconds"))
    var approvalTimeout = 3600

    @Flag(name: .customLong("hide-disabled"), help: "Drop from tools/list results the tools the policy disables for every call.")
    var hideDisabled = false

    @Flag(help: "Decide and log, but forward every call (try a policy on real traffic before enforcing it).")
    var monitor = false

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The MCP server's command and arguments, after --.", valueName: "server"))
    var server: [String] = []

    func run() throws {
        if mode == .`init` { runInit() }
        guard let policy else { throw ValidationError("Missing expected argument '--policy <policy>'") }
        if server.isEmpty { throw ValidationError("name the MCP server to run after --: hitl-policy mcp --policy P -- SERVER [ARGS...]") }
        if approvalTimeout < 1 { throw ValidationError("--approval-timeout must be at least 1 second") }
        var o = GatewayOptions()
        o.prefix = prefix
        o.log = log
        o.logArguments = logArgs
        o.approval = approval
        o.approvalTimeout = approvalTimeout
        o.hideDisabled = hideDisabled
        o.monitor = monitor
        let failure = PolicyTools.mcpGateway(policy: policy, server: server, options: o)
        Terminal.writeError("hitl-policy mcp: \(failure.message)\n")
        Terminal.exit(2)
    }
}

extension GatewayOptions.Approval: ExpressibleByArgument {}


extension MCPCommand {
    /// `mcp init -- SERVER...`: prints a starting policy from the server's tools.
    func runInit() -> Never {
        if server.isEmpty { Terminal.fail("name the MCP server to run after --: hitl-policy mcp init -- SERVER [ARGS...]") }
        switch PolicyTools.mcpInit(server: server, prefix: prefix) {
        case .success(let text):
            Terminal.write(text, exitOnFailure: 2)
            Terminal.exit(0)
        case .failure(let f):
            Terminal.writeError("hitl-policy mcp init: \(f.message)\n")
            Terminal.exit(2)
        }
    }
}
