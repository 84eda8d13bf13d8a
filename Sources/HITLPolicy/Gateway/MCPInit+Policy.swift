extension MCPInit {
    /// The starting policy's YAML for `tools` of the server `argv`, tool names prefixed with
    /// `prefix` in `tools:` (as the gateway will name them).
    static func policy(_ tools: [Tool], server argv: [String], prefix: String) -> String {
        var seen = Set<String>()
        let unique = tools.filter { seen.insert($0.name).inserted }
        func q(_ s: String) -> String {
            var out: [UInt8] = []
            out.appendJSONString(s)
            return String(decoding: out, as: UTF8.self)
        }
        let command = argv.joined(separator: " ").filter { $0 != "\n" && $0 != "\r" }
        var y = """
            # A starting policy for the MCP server `\(command)`,
            # written by `hitl-policy mcp init` from its tools/list. Each stage comes from the tool's
            # annotations, which are hints the server gives about itself, not guarantees: a tool that
            # declares readOnlyHint: true starts autonomous; every other tool waits for approval (never
            # less). Review each line, run the gateway with --monitor and a --log, then enforce.
            version: 1
            name: \(q(policyName(argv)))
            defaults:
              stage: approval            # a tool the server adds later waits for a person
              tier: operator
            tiers:
              - name: operator           # who approves: replace with your approvers
                approvers: [operators]
                sla: 1h
                on_timeout: reject

            """
        if unique.isEmpty {
            y += "capabilities: {}          # the server listed no tools\n"
            return y
        }
        y += "capabilities:\n"
        for t in unique {
            let why = t.readOnly ? "readOnlyHint: true"
                : t.destructive == false ? "destructiveHint: false, but not read-only" : t.destructive == true ? "destructiveHint: true" : "no readOnlyHint"
            y += "  \(q(t.name)): \(t.readOnly ? "autonomous" : "approval")    # \(why)\n"
        }
        y += "tools:                       # the gateway names a tool --prefix + its name\n"
        for t in unique { y += "  \(q(prefix + t.name)): {capability: \(q(t.name))}\n" }
        return y
    }

    /// `mcp-` and the server script's name (`mcp-tiny-server`).
    static func policyName(_ argv: [String]) -> String {
        let word = argv.last { !$0.hasPrefix("-") } ?? "server"
        var base = String(word.split(separator: "/").last ?? "server")
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        let name = base.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" }
        return "mcp-" + String(name).split(separator: "-").joined(separator: "-")
    }
}
