/// `compliance`: rules with `when` conditions and effects.
extension PolicyDecoder {
    static let ruleFields = ["id", "description", "reference", "reason", "when", "stage", "tier", "specialists", "review"]
    /// The keys of a rule's `when` (the range conditions come from `NumericField`).
    static let conditionFields = PolicyFields.conditions.names

    mutating func complianceRules(_ node: YAMLNode) -> [ComplianceRule] {
        guard let items = sequence(node, "'compliance'") else { return [] }
        var out: [ComplianceRule] = []
        var ids: [ByteName: SourceLocation] = [:]
        for (i, item) in items.enumerated() {
            guard let pairs = mapping(item, "compliance rule \(i + 1)") else { continue }
            var what = "compliance rule \(i + 1)"
            checkFields(pairs, known: PolicyFields.rule.names, in: what, entity: true)
            lintDirective(pairs, span: Self.span(from: item.location, to: item))
            var id = ""
            var idLocation = item.location
            if let p = field(pairs, "id"), let t = text(p.value, "the id of \(what)") {
                id = t
                idLocation = p.value.location
                what = "compliance rule '\(t)'"
                if let first = ids[ByteName(t)] {
                    sink.emit(.duplicateRuleID, "compliance rule id '\(t)' is used twice", at: p.value.location,
                              hint: "give every rule its own id: decisions and reports name rules by id",
                              notes: [DiagnosticNote("first used here", at: first)])
                } else {
                    ids[ByteName(t)] = p.value.location
                }
            } else if field(pairs, "id") == nil {
                sink.emit(.missingField, "\(what) has no 'id'", at: misspelled("id", in: pairs, known: PolicyFields.rule.names)?.keyLocation ?? item.location,
                          hint: "add 'id: short-name': decisions and reports name rules by id")
            }
            var rule = ComplianceRule(id: id, description: nil, reference: nil, reason: nil, when: .empty,
                                      effect: .none, location: item.location, idLocation: idLocation)
            if let d = field(pairs, "description") { rule.description = text(d.value, "the description of \(what)") }
            if let r = field(pairs, "reference") { rule.reference = text(r.value, "the reference of \(what)") }
            if let r = field(pairs, "reason") { rule.reason = text(r.value, "the reason of \(what)") }
            var ok = !id.isEmpty
            if let w = field(pairs, "when") {
                if let c = conditions(w, of: what) { rule.when = c } else { ok = false }
            } else {
                sink.emit(.emptyWhen, "\(what) has no 'when'", at: item.location,
                          hint: "say when it applies, e.g. 'when: {capability: deploy}'; to match every action use 'when: {capability: \"*\"}'")
                ok = false
            }
            if let effect = ruleEffect(pairs, what: what, at: item.location) { rule.effect = effect } else { ok = false }
            if ok { out.append(rule) }
        }
        return out
    }

    mutating func ruleEffect(_ pairs: [YAMLPair], what: String, at location: SourceLocation) -> Effect? {
        let present = pairs.filter { ["stage", "tier", "specialists", "review"].containsBytes($0.key) }
        if present.isEmpty {
            sink.emit(.ruleWithoutEffect, "\(what) has no effect", at: location,
                      hint: "add at least one of 'stage', 'tier', 'specialists' or 'review'")
            return nil
        }
        var effect = Effect.none
        var ok = true
        if let s = field(pairs, "stage") {
            if let stage = stage(s.value, "the stage of \(what)") {
                effect.stage = stage
                effect.stageLocation = s.value.location
            } else { ok = false }
        }
        if let t = field(pairs, "tier") {
            if let name = text(t.value, "the tier of \(what)") {
                effect.tier = name
                effect.tierLocation = t.value.location
                ok = requireApprovalStage(effect.stage, "\(what) names tier '\(name)'", field: "tier", at: t.keyLocation) && ok
            } else { ok = false }
        }
        if let s = field(pairs, "specialists") {
            if let list = textList(s.value, "the specialists of \(what)", allowSingle: true) {
                effect.specialists = list.map(\.text)
                effect.specialistLocations = list.map(\.location)
                ok = requireApprovalStage(effect.stage, "\(what) names specialists", field: "specialists", at: s.keyLocation) && ok
            } else { ok = false }
        }
        if let r = field(pairs, "review") {
            if let b = bool(r.value, "'review' of \(what)") { effect.review = b } else { ok = false }
        }
        return ok ? effect : nil
    }

    /// `tier` and `specialists` mean approval: with another explicit stage they are an error.
    mutating func requireApprovalStage(_ stage: Stage?, _ subject: String, field: String, at location: SourceLocation) -> Bool {
        guard let stage, stage != .approval else { return true }
        sink.emit(.tierWithoutApproval, "\(subject) but its stage is \(stage)", at: location,
                  hint: stage == .disabled ? "disabled needs no approver: remove '\(field)'"
                    : "\(field == "tier" ? "a tier means" : "specialists mean") approval: remove 'stage: autonomous'")
        return false
    }

    mutating func conditions(_ pair: YAMLPair, of what: String) -> Conditions? {
        guard let pairs = mapping(pair.value, "the 'when' of \(what)") else { return nil }
        checkFields(pairs, known: PolicyFields.conditions.names, in: "the 'when' of \(what)", code: .unknownCondition)
        if !pairs.contains(where: { Self.conditionFields.containsBytes($0.key) || !$0.key.hasPrefix("x-") }) {
            sink.emit(.emptyWhen, "the 'when' of \(what) has no conditions", at: pair.keyLocation,
                      hint: "add a condition; to match every action write 'capability: \"*\"'")
            return nil
        }
        var c = Conditions.empty
        var ok = pairs.allSatisfy { Self.conditionFields.containsBytes($0.key) || $0.key.hasPrefix("x-") }
        if let p = field(pairs, "capability") {
            if let list = textList(p.value, "the capability condition of \(what)", allowSingle: true) {
                var refs: [PatternReference] = []
                for item in list {
                    if let pattern = capabilityPattern(item.text, at: item.location) {
                        refs.append(PatternReference(pattern: pattern, location: item.location))
                    } else { ok = false }
                }
                c.capability = refs
            } else { ok = false }
        }
        if let p = field(pairs, "tags") {
            if let t = tagCondition(p, of: what) { c.tags = t } else { ok = false }
        }
        for f in NumericField.allCases {
            guard let p = field(pairs, f.spec.name) else { continue }
            if let r = rangeCondition(p, of: what) { c.ranges[f.rawValue] = r } else { ok = false }
        }
        if let p = field(pairs, "reversible") {
            if let b = bool(p.value, "the reversible condition of \(what)") {
                c.reversible = b
                c.reversibleLocation = p.keyLocation
            } else { ok = false }
        }
        if let p = field(pairs, "attributes") {
            if let a = attributeConditions(p, of: what) { c.attributes = a } else { ok = false }
        }
        return ok ? c : nil
    }
}
