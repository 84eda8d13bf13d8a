/// The `defaults` section.
package struct Defaults: Hashable, Sendable {
    /// Stage for capabilities no entry matches (default `disabled`).
    package var stage: Stage = .disabled
    /// Approval tier when a rule names none.
    package var tier: String?
    /// SLA for tiers and specialists that set none.
    package var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid).
    package var slaWritten = false
    /// Timeout handling for tiers that set none.
    package var onTimeout: TimeoutAction?
    /// Where `stage` was written.
    package var stageLocation: SourceLocation?
    /// Where `tier` was written.
    package var tierLocation: SourceLocation?
}

/// One `exchange_rates` entry: units of the policy currency per unit of `currency`.
package struct ExchangeRate: Hashable, Sendable {
    /// The foreign currency.
    package var currency: String
    /// The rate.
    package var rate: ExactDecimal
    /// Where the currency key is.
    package var location: SourceLocation
}

/// A decoded policy: the whole SPEC §3 language, with source locations.
package struct Policy: Hashable, Sendable {
    /// The file it came from, as given.
    package var file: String
    /// Language version (1).
    package var version: Int
    /// Policy name.
    package var name: String
    /// Free text.
    package var description: String?
    /// ISO 4217 code of amounts.
    package var currency: String?
    /// Where `currency` was written (also when its value was invalid and `currency` is nil).
    package var currencyLocation: SourceLocation?
    /// Foreign currencies, sorted by code.
    package var exchangeRates: [ExchangeRate]
    /// `defaults`.
    package var defaults: Defaults
    /// The approver ladder, lowest authority first.
    package var tiers: [Tier]
    /// Expert panels, in file order.
    package var specialists: [Specialist]
    /// Capability entries, in file order.
    package var capabilities: [CapabilityEntry]
    /// Compliance rules, in file order.
    package var compliance: [ComplianceRule]
    /// `tools`: how tool calls become actions (SPEC §11).
    package var tools = ToolMappings.none
    /// `tiers` was written but (some of) it could not be read, as reported there: checks
    /// that need the whole ladder (no tiers, undefined tier, top tier) report nothing more.
    package var tiersUnreadable = false
    /// `specialists` was written but could not be read, as reported there: references to
    /// panels are not checked.
    package var specialistsUnreadable = false

    /// The ladder position of a tier, by name.
    package func tierIndex(_ name: String) -> Int? { tiers.firstIndex { $0.name.sameBytes(as: name) } }

    /// The tier `stage: approval` asks for when a rule names none.
    package var defaultTierIndex: Int? {
        if let t = defaults.tier { return tierIndex(t) }
        return tiers.isEmpty ? nil : 0
    }

    /// The entry that governs a capability name: an exact name beats every pattern; among
    /// patterns the longest literal prefix wins; nil means `defaults.stage`.
    package func entry(for name: String) -> CapabilityEntry? {
        CapabilityPattern.bestMatch(for: name, in: capabilities) { $0.pattern }
    }
}
