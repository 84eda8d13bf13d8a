/// One rule of a decision table: a capability entry, one of its bands, `defaults.stage`,
/// or a compliance rule, with what it contributes and when.
///
/// Rules are numbered in policy order (by source position), so a sorted list of rule
/// numbers is also the order reasons are reported in.
package struct TableRule: Hashable, Sendable {
    /// What kind of rule this is.
    package enum Kind: String, Hashable, Sendable {
        case entry, band, defaultStage = "default_stage", compliance
    }

    /// The kind.
    package var kind: Kind
    /// The rule path reported in decisions, e.g. `capabilities.refund.spend[1]`.
    package var path: String
    /// The effect in words, e.g. `tier lead` or `stage disabled`.
    package var effect: String
    /// The requirement it contributes when it matches.
    package var contribution: Requirement
    /// For compliance rules: the capability condition (nil: every capability).
    package var capabilities: [CapabilityPattern]?
    /// The other conditions, all of which must hold (missing data counts as met).
    package var conditions: [TableCondition]
    /// `reference` of a compliance rule.
    package var reference: String?
    /// `reason` of a compliance rule.
    package var reason: String?
    /// `file:line:column` of the rule.
    package var source: String
}

extension Policy {
    /// Every rule of the policy as table rules, in policy order.
    package func tableRules() -> [TableRule] { orderedTableRules().rules }

    /// `tableRules()` with where each rule is written.
    func locatedTableRules() -> [(location: SourceLocation, rule: TableRule)] {
        let ordered = orderedTableRules()
        return zip(ordered.locations, ordered.rules).map { (location: $0, rule: $1) }
    }

    /// The rules in policy order and, index for index, where each is written.
    func orderedTableRules() -> (locations: [SourceLocation], rules: [TableRule]) {
        var locations: [SourceLocation] = []
        var rules: [TableRule] = []
        let bandCount = capabilities.reduce(0) { $0 + $1.bandLists.reduce(0) { $0 + $1.count } }
        locations.reserveCapacity(1 + capabilities.count + bandCount + compliance.count)
        rules.reserveCapacity(1 + capabilities.count + bandCount + compliance.count)
        let stageWhere = defaults.stageLocation ?? SourceLocation(file: file, line: 1, column: 1)
        locations.append(stageWhere)
        rules.append(TableRule(
            kind: .defaultStage, path: "defaults.stage", effect: "stage \(defaults.stage)",
            contribution: defaults.stage == .approval
                ? Requirement(stage: .approval, tier: defaultTierIndex) : Requirement(stage: defaults.stage),
            capabilities: nil, conditions: [], reference: nil, reason: nil, source: stageWhere.description))
        // Per stage, the effect words of an entry without a tier of its own (most entries).
        let defaultTier = defaults.tier ?? tiers.first?.name
        var plainEffects: [Stage: String] = [:]
        for entry in capabilities {
            let name = entry.pattern.description
            var effect: String
            if entry.tier == nil, !entry.review, let known = plainEffects[entry.stage] {
                effect = known
            } else {
                effect = "stage \(entry.stage)"
                if entry.stage == .approval, let t = entry.tier ?? defaultTier { effect += ", tier \(t)" }
                if entry.stage == .autonomous && entry.review { effect += ", review" }
                if entry.tier == nil, !entry.review { plainEffects[entry.stage] = effect }
            }
            locations.append(entry.location)
            rules.append(TableRule(
                kind: .entry, path: "capabilities.\(name)", effect: effect, contribution: baseRequirement(of: entry),
                capabilities: nil, conditions: [], reference: nil, reason: nil, source: entry.location.description))
            for list in entry.bandLists {
                for band in list {
                    locations.append(band.location)
                    rules.append(TableRule(
                        kind: .band, path: "capabilities.\(name).\(band.field.spec.bandList)[\(band.index)]",
                        effect: band.effect.summary, contribution: contribution(of: band.effect, ownTier: entry.tier),
                        capabilities: nil, conditions: [.range(band.range)], reference: nil, reason: nil,
                        source: band.location.description))
                }
            }
        }
        for rule in compliance {
            locations.append(rule.location)
            rules.append(TableRule(
                kind: .compliance, path: "compliance.\(rule.id)", effect: rule.effect.summary,
                contribution: contribution(of: rule.effect), capabilities: rule.when.capability?.map(\.pattern),
                conditions: rule.when.tableConditions, reference: rule.reference, reason: rule.reason,
                source: rule.location.description))
        }
        // Sorts positions, not the rules themselves (moving them costs more than comparing);
        // locations in the policy's own file compare by line and column alone. Rules are
        // nearly always written in this order already, and then nothing moves.
        let key = locations.map { (line: $0.line, column: $0.column, own: $0.file == file) }
        let precedes = { (a: Int, b: Int) -> Bool in
            if key[a].own && key[b].own { return (key[a].line, key[a].column, a) < (key[b].line, key[b].column, b) }
            return (locations[a], a) < (locations[b], b)
        }
        if rules.indices.dropFirst().allSatisfy({ precedes($0 - 1, $0) }) { return (locations, rules) }
        let order = rules.indices.sorted(by: precedes)
        return (order.map { locations[$0] }, order.map { rules[$0] })
    }
}

extension Band {
    /// The band's threshold as a range on its field.
    var range: NumericRange {
        let v = threshold.value
        return switch threshold.kind {
        case .over: NumericRange(field: field, lower: Cut(value: v, upward: false), upper: nil)
        case .atLeast: NumericRange(field: field, lower: Cut(value: v, upward: true), upper: nil)
        case .below: NumericRange(field: field, lower: nil, upper: Cut(value: v, upward: true))
        case .atMost: NumericRange(field: field, lower: nil, upper: Cut(value: v, upward: false))
        }
    }
}

extension Conditions {
    /// The conditions other than `capability`, as table conditions.
    var tableConditions: [TableCondition] {
        var out: [TableCondition] = []
        func range(_ field: NumericField, _ r: RangeCondition?) {
            guard let r else { return }
            out.append(.range(NumericRange(
                field: field,
                lower: r.lower.map { Cut(value: $0.value, upward: $0.inclusive) },
                upper: r.upper.map { Cut(value: $0.value, upward: !$0.inclusive) })))
        }
        for f in NumericField.allCases { range(f, self.range(f)) }
        if let reversible { out.append(.reversible(reversible)) }
        if let tags { out.append(.tags(any: tags.any, all: tags.all, none: tags.none)) }
        for a in attributes {
            if let shell = a.shell { out.append(.shell(path: a.path, prefixes: shell.map(\.words))) }
            else { out.append(.attribute(path: a.path, values: a.values)) }
        }
        return out
    }
}
