/// The `defaults` section.
public struct Defaults: Hashable, Sendable {
    /// Stage for capabilities no entry matches (default `disabled`).
    public var stage: Stage = .disabled
    /// Approval tier when a rule names none.
    public var tier: String?
    /// SLA for tiers and specialists that set none.
    public var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid).
    public var slaWritten = false
    /// Timeout handling for tiers that set none.
    public var onTimeout: TimeoutAction?
    /// Where `stage` was written.
    public var stageLocation: SourceLocation?
    /// Where `tier` was written.
    public var tierLocation: SourceLocation?
}

/// One `exchange_rates` entry: units of the policy currency per unit of `currency`.
public struct ExchangeRate: Hashable, Sendable {
    /// The foreign currency.
    public var currency: String
    /// The rate.
    public var rate: ExactDecimal
    /// Where the currency key is.
    public var location: SourceLocation
}

/// A decoded policy: the whole SPEC §3 language, with source locations.
public struct Policy: Hashable, Sendable {
    /// The file it came from, as given.
    public var file: String
    /// Language version (1).
    public var version: Int
    /// Policy name.
    public var name: String
    /// Free text.
    public var description: String?
    /// ISO 4217 code of amounts.
    public var currency: String?
    /// Where `currency` was written.
    public var currencyLocation: SourceLocation?
    /// Foreign currencies, sorted by code.
    public var exchangeRates: [ExchangeRate]
    /// `defaults`.
    public var defaults: Defaults
    /// The approver ladder, lowest authority first.
    public var tiers: [Tier]
    /// Expert panels, in file order.
    public var specialists: [Specialist]
    /// Capability entries, in file order.
    public var capabilities: [CapabilityEntry]
    /// Compliance rules, in file order.
    public var compliance: [ComplianceRule]

    /// The ladder position of a tier, by name.
    public func tierIndex(_ name: String) -> Int? { tiers.firstIndex { $0.name.sameBytes(as: name) } }

    /// The tier `stage: approval` asks for when a rule names none.
    public var defaultTierIndex: Int? {
        if let t = defaults.tier { return tierIndex(t) }
        return tiers.isEmpty ? nil : 0
    }

    /// The entry that governs a capability name: an exact name beats every pattern; among
    /// patterns the longest literal prefix wins; nil means `defaults.stage`.
    public func entry(for name: String) -> CapabilityEntry? {
        var best: CapabilityEntry?
        var bestLength = -1
        for e in capabilities {
            switch e.pattern {
            case .exact(let n) where n.utf8.elementsEqual(name.utf8): return e
            case .prefix(let p) where name.utf8.starts(with: p.utf8) && p.utf8.count > bestLength:
                best = e
                bestLength = p.utf8.count
            default: continue
            }
        }
        return best
    }
}
