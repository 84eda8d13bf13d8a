/// `tools`: how a tool call (a name and JSON arguments) becomes an action (SPEC §11).
extension PolicyDecoder {
    mutating func tools(_ node: YAMLNode) -> ToolMappings {
        guard let pairs = mapping(node, "'tools'") else { return .none }
        var out: [ToolEntry] = []
        for p in pairs {
            guard let pattern = capabilityPattern(p.key, at: p.keyLocation) else { continue }
            if let entry = tool(pattern, p) { out.append(entry) }
        }
        return ToolMappings(entries: out)
    }

    private mutating func tool(_ pattern: CapabilityPattern, _ p: YAMLPair) -> ToolEntry? {
        let what = "tool '\(p.key)'"
        guard let fields = mapping(p.value, what) else { return nil }
        checkFields(fields, known: PolicyFields.tool.names, in: what)
        var entry = ToolEntry(pattern: pattern, source: p.keyLocation.description)
        entry.capabilityLocation = p.keyLocation
        if let c = field(fields, "capability"), let name = string(c.value, "the capability of \(what)") {
            if name.isEmpty {
                sink.emit(.invalidValue, "the capability of \(what) is empty", at: c.value.location, hint: "name the capability its calls are decided as")
            } else {
                entry.capability = name
                entry.capabilityLocation = c.value.location
            }
        }
        if let a = field(fields, "amount") { entry.amount = toolAmount(a.value, of: what) }
        if let c = field(fields, "confidence") { entry.confidence = argumentPath(c.value, "'confidence' of \(what)") }
        if let b = field(fields, "blast_radius") {
            if let counted = b.value.pairs {
                checkFields(counted, known: PolicyFields.toolCount.names, in: "'blast_radius' of \(what)")
                if let c = field(counted, "count") {
                    entry.blastRadius = argumentPath(c.value, "'blast_radius.count' of \(what)").map(ToolCount.count)
                } else {
                    sink.emit(.missingField, "'blast_radius' of \(what) has no 'count'", at: b.value.location,
                              hint: "write a path to a number, or {count: PATH} to count an array's elements")
                }
            } else {
                entry.blastRadius = argumentPath(b.value, "'blast_radius' of \(what)").map(ToolCount.value)
            }
        }
        if let r = field(fields, "reversible") {
            if let s = r.value.scalar, case .bool(let b) = s.value {
                entry.reversible = .constant(b)
            } else {
                entry.reversible = argumentPath(r.value, "'reversible' of \(what)", constant: "true or false").map(ToolFlag.path)
            }
        }
        if let t = field(fields, "tags") { entry.tags = argumentPath(t.value, "'tags' of \(what)") }
        if let a = field(fields, "attributes"), let attrs = mapping(a.value, "'attributes' of \(what)") {
            for attr in attrs {
                guard ArgumentPath(attr.key) != nil else {
                    sink.emit(.invalidValue, "attribute name '\(attr.key)' of \(what) is not a dotted name", at: attr.keyLocation,
                              hint: "write the attribute as conditions name it, e.g. 'customer' or 'request.region'")
                    continue
                }
                if let clash = entry.attributes.first(where: { Self.nests($0.name, attr.key) || Self.nests(attr.key, $0.name) }) {
                    sink.emit(.invalidValue, "attribute '\(attr.key)' of \(what) overlaps attribute '\(clash.name)' (one would hold the other)",
                              at: attr.keyLocation, hint: "map each attribute path once, none inside another")
                    continue
                }
                if let path = argumentPath(attr.value, "attribute '\(attr.key)' of \(what)") {
                    entry.attributes.append(ToolAttribute(name: attr.key, path: path))
                }
            }
        }
        return entry
    }

    /// True when `inner` is `outer` or lies under it (`a` holds `a.b`).
    private static func nests(_ outer: String, _ inner: String) -> Bool {
        inner.sameBytes(as: outer) || inner.utf8.starts(with: Array((outer + ".").utf8))
    }

    private mutating func toolAmount(_ node: YAMLNode, of what: String) -> ToolAmount? {
        guard let fields = node.pairs else {
            return argumentPath(node, "'amount' of \(what)", constant: "{value: PATH, currency: PATH}").map {
                ToolAmount(value: $0, currency: nil, minorUnits: false)
            }
        }
        let label = "'amount' of \(what)"
        checkFields(fields, known: PolicyFields.toolAmount.names, in: label)
        guard let v = field(fields, "value") else {
            sink.emit(.missingField, "\(label) has no 'value'", at: node.location,
                      hint: "write the path of the number: {value: amount, currency: currency}")
            return nil
        }
        guard let value = argumentPath(v.value, "'amount.value' of \(what)") else { return nil }
        var amount = ToolAmount(value: value, currency: nil, minorUnits: false)
        if let c = field(fields, "currency") {
            guard let path = argumentPath(c.value, "'amount.currency' of \(what)") else { return nil }
            amount.currency = path
        }
        if let m = field(fields, "minor_units"), let b = bool(m.value, "'amount.minor_units' of \(what)") { amount.minorUnits = b }
        return amount
    }

    /// A dotted path into the arguments (`customer.id`).
    private mutating func argumentPath(_ node: YAMLNode, _ label: String, constant: String? = nil) -> ArgumentPath? {
        guard let s = node.scalar, case .string(let text) = s.value else {
            sink.emit(.wrongType, "\(label) must be a path into the tool's arguments, not \(node.kindDescription)", at: node.location,
                      hint: constant.map { "write a dotted path such as 'customer.id', or \($0)" } ?? "write a dotted path such as 'customer.id'")
            return nil
        }
        guard let path = ArgumentPath(text) else {
            sink.emit(.invalidValue, "\(label) '\(text)' is not a dotted path", at: node.location,
                      hint: "write argument names joined by '.', with no empty part: 'customer.id'")
            return nil
        }
        return path
    }
}
