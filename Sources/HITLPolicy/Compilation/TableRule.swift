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
    package func tableRules() -> [TableRule] { locatedTableRules().map(\.rule) }

    /// `tableRules()` with where each rule is written.
    func locatedTableRules() -> [(location: SourceLocation, rule: TableRule)] {
        var located: [(SourceLocation, TableRule)] = []
        let stageWhere = defaults.stageLocation ?? SourceLocation(file: file, line: 1, column: 1)
        located.append((stageWhere, TableRule(
            kind: .defaultStage, path: "defaults.stage", effect: "stage \(defaults.stage)",
            contribution: defaults.stage == .approval
                ? Requirement(stage: .approval, tier: defaultTierIndex) : Requirement(stage: defaults.stage),
            capabilities: nil, conditions: [], reference: nil, reason: nil, source: stageWhere.description)))
        for entry in capabilities {
            let name = entry.pattern.description
            var effect = "stage \(entry.stage)"
            if entry.stage == .approval, let t = entry.tier ?? defaults.tier ?? tiers.first?.name { effect += ", tier \(t)" }
            if entry.stage == .autonomous && entry.review { effect += ", review" }
            located.append((entry.location, TableRule(
                kind: .entry, path: "capabilities.\(name)", effect: effect, contribution: baseRequirement(of: entry),
                capabilities: nil, conditions: [], reference: nil, reason: nil, source: entry.location.description)))
            for band in entry.bands {
                located.append((band.location, TableRule(
                    kind: .band, path: "capabilities.\(name).\(band.field.spec.bandList)[\(band.index)]",
                    effect: band.effect.summary, contribution: contribution(of: band.effect, ownTier: entry.tier),
                    capabilities: nil, conditions: [.range(band.range)], reference: nil, reason: nil,
                    source: band.location.description)))
            }
        }
        for rule in compliance {
            located.append((rule.location, TableRule(
                kind: .compliance, path: "compliance.\(rule.id)", effect: rule.effect.summary,
                contribution: contribution(of: rule.effect), capabilities: rule.when.capability?.map(\.pattern),
                conditions: rule.when.tableConditions, reference: rule.reference, reason: rule.reason,
                source: rule.location.description)))
        }
        // Sorts positions, not the rules themselves (moving them costs more than comparing);
        // locations in the policy's own file compare by line and column alone.
        let key = located.map { (line: $0.0.line, column: $0.0.column, own: $0.0.file == file) }
        let order = located.indices.sorted { a, b in
            if key[a].own && key[b].own { return (key[a].line, key[a].column, a) < (key[b].line, key[b].column, b) }
            return (located[a].0, a) < (located[b].0, b)
        }
        return order.map { (location: located[$0].0, rule: located[$0].1) }
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
        for a in attributes { out.append(.attribute(path: a.path, values: a.values)) }
        return out
    }
}
