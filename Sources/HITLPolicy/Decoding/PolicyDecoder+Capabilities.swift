/// `capabilities`: short form (`name: stage`) and long form, with their bands.
extension PolicyDecoder {
    /// The long form's keys (the band lists come from `NumericField`).
    static let capabilityFields = PolicyFields.capability.names

    mutating func capabilities(_ node: YAMLNode) -> [CapabilityEntry] {
        guard let pairs = mapping(node, "'capabilities'") else { return [] }
        var out: [CapabilityEntry] = []
        out.reserveCapacity(pairs.count)
        for p in pairs {
            guard let pattern = capabilityPattern(p.key, at: p.keyLocation) else { continue }
            if let entry = capability(pattern, p) { out.append(entry) }
        }
        return out
    }

    mutating func capabilityPattern(_ text: String, at location: SourceLocation) -> CapabilityPattern? {
        switch CapabilityPattern.parse(text) {
        case .success(let p): return p
        case .failure(.empty):
            sink.emit(.invalidPattern, "a capability name is empty", at: location, hint: "name the tool or action type")
        case .failure(.starNotAtEnd):
            sink.emit(.invalidPattern, "'\(text)' has a '*' that is not at the end", at: location,
                      hint: "only a trailing '*' makes a pattern (a prefix match); a '*' anywhere else is no wildcard: "
                        + "list the capabilities you mean by their full names")
        }
        return nil
    }

    mutating func capability(_ pattern: CapabilityPattern, _ p: YAMLPair) -> CapabilityEntry? {
        // Named only in findings: built when one is reported (a policy may have 10,000 entries).
        let what = { "capability '\(p.key)'" }
        var entry = CapabilityEntry(
            pattern: pattern, stage: .disabled, tier: nil, review: false, reversible: nil, description: nil, location: p.keyLocation, stageLocation: p.value.location)
        if p.value.scalar != nil {
            guard let s = stage(p.value, "the stage of \(what())") else { return nil }
            entry.stage = s
            return entry
        }
        guard let fields = p.value.pairs else {
            sink.emit(.wrongType, "\(what()) must be a stage or a mapping, not \(p.value.kindDescription)",
                      at: p.value.location, hint: "write '\(p.key): approval' or a mapping with 'stage:'")
            return nil
        }
        checkFields(fields, known: PolicyFields.capability.names, in: what(), entity: true)
        lintDirective(fields, span: Self.span(from: p.keyLocation, to: p.value))
        guard let s = field(fields, "stage") else {
            sink.emit(.missingField, "\(what()) has no 'stage'",
                      at: misspelled("stage", in: fields, known: PolicyFields.capability.names)?.keyLocation ?? p.keyLocation,
                      hint: "the long form needs 'stage: disabled | approval | autonomous'")
            return nil
        }
        guard let stage = stage(s.value, "the stage of \(what())") else { return nil }
        entry.stage = stage
        entry.stageLocation = s.value.location
        if let t = field(fields, "tier"), let name = text(t.value, "the tier of \(what())") {
            if stage == .approval {
                entry.tier = name
                entry.tierLocation = t.value.location
            } else {
                sink.emit(.tierWithoutApproval, "\(what()) names tier '\(name)' but its stage is \(stage)", at: t.keyLocation,
                          hint: stage == .autonomous
                            ? "a tier means approval: write 'stage: approval', or move the tier into a band"
                            : "a disabled capability needs no approver: remove 'tier'")
            }
        }
        if let r = field(fields, "review"), let b = bool(r.value, "'review' of \(what())") {
            entry.review = b
            entry.reviewLocation = r.keyLocation
        }
        if let r = field(fields, "reversible") { entry.reversible = bool(r.value, "'reversible' of \(what())") }
        if let d = field(fields, "description") { entry.description = text(d.value, "the description of \(what())") }
        for f in NumericField.allCases {
            guard let list = field(fields, f.spec.bandList) else { continue }
            entry.bandLists[f.rawValue] = bands(list.value, f, of: what())
        }
        return entry
    }
}
