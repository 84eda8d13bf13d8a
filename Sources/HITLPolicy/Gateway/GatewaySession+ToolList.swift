/// `--hide-disabled`: a `tools/list` result without the tools the policy disables for every
/// possible call (SPEC §11), so the model is not offered them.
extension GatewaySession {
    /// The response with `result.tools` filtered; nil when nothing is dropped (or the
    /// response is not a tool list), so the line passes unchanged.
    func filteredToolList(_ m: MCPMessage) -> [UInt8]? {
        guard case .array(let tools)? = m.member(path: "result.tools") else { return nil }
        let kept = tools.filter { tool in
            guard let c = MCPMessage.member("name", of: tool, in: m.json), case .scalar(0x22, _, let name?) = c else { return true }
            return !alwaysDisabled(options.prefix + m.json.string(name))
        }
        guard kept.count < tools.count else { return nil }
        // The message is rewritten compactly; every member but the dropped tools is kept as
        // written (`nextCursor` included, so pagination goes on).
        var out: [UInt8] = []
        write(m.json.node, in: m.json, depth: 0, kept: kept, into: &out)
        out.append(0x0A)
        return out
    }

    private func write(_ node: RawJSON.Node, in json: RawJSON, depth: Int, kept: [RawJSON.Node], into out: inout [UInt8]) {
        guard case .object(let members) = node, depth < 2 else { json.write(node, into: &out); return }
        out.append(0x7B)
        for (k, member) in members.enumerated() {
            if k > 0 { out.append(0x2C) }
            out.append(contentsOf: json.bytes[(member.key.0.lowerBound - 1)..<(member.key.0.upperBound + 1)])
            out.append(0x3A)
            let name = json.text(member.key)
            if depth == 0, name == "result" {
                write(member.value, in: json, depth: 1, kept: kept, into: &out)
            } else if depth == 1, name == "tools" {
                json.write(.array(kept), into: &out)
            } else {
                json.write(member.value, into: &out)
            }
        }
        out.append(0x7D)
    }

    /// Whether the policy disables every call of `tool`: its capability's class decides
    /// `disabled` in every row of the compiled table.
    func alwaysDisabled(_ tool: String) -> Bool {
        if let known = hidden[tool] { return known }
        let capability = table.tools.entry(for: tool)?.capability ?? tool
        var result = false
        if let c = ClassIndex(table.classes).lookup(capability) {
            var review = ReviewTable(table)
            let rows = review.rows(of: table.classes[c])
            result = !rows.isEmpty && rows.allSatisfy { $0.requirement.stage == .disabled }
        }
        if hidden.count < 4096 { hidden[tool] = result }
        return result
    }
}
