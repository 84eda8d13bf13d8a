#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PolicyTools {
    /// `hitl-policy mcp --policy P -- SERVER...`: loads the policy, starts the server and
    /// relays MCP between it and the client on standard input/output, deciding each
    /// `tools/call` (SPEC §11). Returns only when the gateway cannot run (the caller exits 2);
    /// otherwise the process exits with the server's status when it ends.
    package static func mcpGateway(policy path: String, server: [String], options: GatewayOptions) -> GatewayFailure {
        let table: DecisionTable
        switch loadTable(path: path, allowTable: true) {
        case .loaded(let t): table = t
        case .unusable(let message): return GatewayFailure(message: message)
        case .invalid(let errors, _, let failure):
            let first = errors.first { $0.severity == .error }.map { " (first: \($0.location): \($0.message))" } ?? ""
            return GatewayFailure(message: "\(PolicyFiles.label(path)): invalid policy\(failure.map { ": \($0)" } ?? first); run hitl-policy lint on it")
        }
        let policy: CompiledPolicy
        do throws(CompiledPolicy.Undecidable) { policy = try CompiledPolicy(table: table) } catch {
            return GatewayFailure(message: error.message)
        }
        var random = SystemRandomNumberGenerator()
        let nonce = (0..<2).map { _ in hex(random.next()) }.joined()
        let started = Timestamp.now
        let session = GatewaySession(table: table, policy: policy, options: options,
                                     session: "mcp-\(getpid())-\(started.seconds)", nonce: nonce)
        switch GatewayRelay.run(session: session, server: server) {
        case .failure(let f): return f
        }
    }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

extension PolicyTools {
    /// `hitl-policy mcp init -- SERVER...`: a starting policy (YAML text) from the server's
    /// `tools/list` and tool annotations (SPEC §11).
    package static func mcpInit(server: [String], prefix: String) -> Result<String, GatewayFailure> {
        MCPInit.tools(server: server).map { MCPInit.policy($0, server: server, prefix: prefix) }
    }
}
