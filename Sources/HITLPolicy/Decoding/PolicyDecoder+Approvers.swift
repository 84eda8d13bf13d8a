/// `tiers` (the ladder) and `specialists` (the panels).
extension PolicyDecoder {
    static let tierFields = PolicyFields.tier.names
    static let specialistFields = PolicyFields.specialist.names

    mutating func tiers(_ node: YAMLNode) -> [Tier] {
        guard let items = sequence(node, "'tiers'") else { return [] }
        var tiers: [Tier] = []
        for (i, item) in items.enumerated() {
            guard let pairs = mapping(item, "tier \(i + 1)") else { continue }
            checkFields(pairs, known: Self.tierFields, in: "tier \(i + 1)", entity: true)
            lintDirective(pairs, span: Self.span(from: item.location, to: item))
            guard let n = field(pairs, "name") else {
                sink.emit(.missingField, "tier \(i + 1) has no 'name'", at: misspelled("name", in: pairs, known: Self.tierFields)?.keyLocation ?? item.location, hint: "add 'name: team' (any name)")
                continue
            }
            guard let name = text(n.value, "a tier's 'name'") else { continue }
            let what = "tier '\(name)'"
            let (approvers, quorum) = approversAndQuorum(pairs, what: what, at: item.location)
            var tier = Tier(name: name, approvers: approvers, quorum: quorum, sla: nil, onTimeout: nil,
                            description: nil, location: n.value.location, onTimeoutLocation: nil)
            if let s = field(pairs, "sla") {
                tier.sla = duration(s.value, "the SLA of \(what)")
                tier.slaWritten = true
            }
            if let c = field(pairs, "capacity") { tier.capacity = capacity(c.value, "the capacity of \(what)") }
            if let o = field(pairs, "on_timeout") {
                tier.onTimeout = timeoutAction(o.value, "'on_timeout' of \(what)")
                tier.onTimeoutLocation = o.value.location
            }
            if let d = field(pairs, "description") { tier.description = text(d.value, "the description of \(what)") }
            tiers.append(tier)
        }
        return tiers
    }

    mutating func specialists(_ node: YAMLNode) -> [Specialist] {
        guard let pairs = mapping(node, "'specialists'") else { return [] }
        var out: [Specialist] = []
        for p in pairs {
            let what = "specialist '\(p.key)'"
            guard let fields = mapping(p.value, what) else {
                // Kept by name so that rules naming it are not reported too; its SLA is not
                // reported missing either (the mapping that would hold it is the error).
                var placeholder = Specialist(name: p.key, approvers: [], quorum: .count(1), sla: nil, description: nil, location: p.keyLocation)
                placeholder.slaWritten = true
                out.append(placeholder)
                continue
            }
            checkFields(fields, known: Self.specialistFields, in: what, entity: true)
            lintDirective(fields, span: Self.span(from: p.keyLocation, to: p.value))
            let (approvers, quorum) = approversAndQuorum(fields, what: what, at: p.keyLocation)
            var s = Specialist(name: p.key, approvers: approvers, quorum: quorum, sla: nil, description: nil, location: p.keyLocation)
            if let v = field(fields, "sla") {
                s.sla = duration(v.value, "the SLA of \(what)")
                s.slaWritten = true
            }
            if let c = field(fields, "capacity") { s.capacity = capacity(c.value, "the capacity of \(what)") }
            if let o = field(fields, "on_timeout"), let action = timeoutAction(o.value, "'on_timeout' of \(what)"),
               action == .escalate {
                sink.emit(.invalidValue, "\(what) cannot escalate: panels are unranked, so there is no next tier",
                          at: o.value.location, hint: "write 'on_timeout: reject' or remove the field")
            }
            if let d = field(fields, "description") { s.description = text(d.value, "the description of \(what)") }
            out.append(s)
        }
        return out
    }

    /// Reads `capacity: N/day` (also `/h`, `/week`), N a positive whole number.
    mutating func capacity(_ node: YAMLNode, _ what: String) -> Capacity? {
        guard let s = node.scalar else {
            sink.emit(.invalidCapacity, "\(what) must be a count per period such as 120/day, not \(node.kindDescription)",
                      at: node.location, hint: "write 'capacity: 120/day' (also /h or /week)")
            return nil
        }
        switch Capacity.parse(s.text) {
        case .success(let c): return c
        case .failure(.zero):
            sink.emit(.invalidCapacity, "\(what) is \(s.text): a group that can review nothing approves nothing",
                      at: node.location, hint: "to stop these actions, say 'stage: disabled' on the rules that require this group; otherwise give a positive count")
        case .failure(.tooLarge):
            sink.emit(.invalidCapacity, "\(what) is more than \(Capacity.maxCount) reviews per period",
                      at: node.location, hint: "write the number of reviews the group can really complete, for example 120/day")
        case .failure(.malformed):
            let bare = s.text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && !s.text.isEmpty
            sink.emit(.invalidCapacity, "'\(s.text)' is not a capacity", at: node.location,
                      hint: bare ? "add the period: '\(s.text)/day' (or /h, /week)" : "write a whole number of reviews per period: 120/day, 15/h or 500/week")
        }
        return nil
    }

    /// Reads `approvers` (required, non-empty; `@name` is a group) and `quorum` (a count up
    /// to the number of approvers listed, or any count when one of them is a group; or `all`,
    /// which a group refuses: its size is not known; default 1).
    mutating func approversAndQuorum(_ pairs: [YAMLPair], what: String, at location: SourceLocation) -> ([String], Quorum) {
        var approvers: [String] = []
        if let a = field(pairs, "approvers") {
            if let list = textList(a.value, "the approvers of \(what)", allowSingle: true) {
                approvers = list.map(\.text)
                for (text, at) in list where ApproverGroup.isGroup(text) && !ApproverGroup.isWellFormed(text) {
                    sink.emit(.invalidGroup, "'\(text)' in the approvers of \(what) starts with '@' but is not a group name", at: at,
                              hint: "a group is \(ApproverGroup.grammar)")
                }
            }
        } else {
            sink.emit(.missingField, "\(what) has no 'approvers'", at: misspelled("approvers", in: pairs, known: Self.tierFields)?.keyLocation ?? location,
                      hint: "add 'approvers: [group-or-person]': who may approve")
        }
        let group = approvers.first(where: ApproverGroup.isGroup)
        guard let q = field(pairs, "quorum") else { return (approvers, .count(1)) }
        if let s = q.value.scalar, s.value == .string("all") {
            if let group {
                sink.emit(.invalidQuorum, "the quorum of \(what) is 'all' but '\(group)' is a group, whose size the policy does not know",
                          at: q.value.location, hint: "write the number of approvals needed, for example 'quorum: 2'")
                return (approvers, .count(1))
            }
            return (approvers, .all)
        }
        guard let s = q.value.scalar, case .int = s.value else {
            sink.emit(.invalidQuorum, "the quorum of \(what) must be a whole number or 'all', not \(q.value.kindDescription)",
                      at: q.value.location, hint: "write 'quorum: 2' or 'quorum: all'")
            return (approvers, .count(1))
        }
        // `integer` reports hexadecimal, octal and out-of-range integers itself.
        guard let n = integer(q.value, "the quorum of \(what)") else { return (approvers, .count(1)) }
        if n < 1 {
            sink.emit(.invalidQuorum, "the quorum of \(what) is \(n); at least one approval is needed", at: q.value.location,
                      hint: "write 'quorum: 1' or more")
        } else if !approvers.isEmpty && n > approvers.count && group == nil {
            var hint = "lower the quorum to at most \(approvers.count), or list more approvers"
            if approvers.count == 1, ApproverGroup.isWellFormed("@" + approvers[0]) {
                hint += "; if \(approvers[0]) is a group, write it as one: '@\(approvers[0])' (quoted, since YAML does not let '@' start a plain value)"
            } else {
                hint += "; write a group as '@name' (quoted): a quorum may then exceed the number listed"
            }
            sink.emit(.invalidQuorum,
                      "the quorum of \(what) is \(n) but only \(approvers.count) approver\(approvers.count == 1 ? " is" : "s are") listed",
                      at: q.value.location, hint: hint)
        }
        return (approvers, .count(max(n, 1)))
    }
}
