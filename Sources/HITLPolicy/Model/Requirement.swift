/// A point of the outcome lattice (SPEC §2): `(stage, review, tier, specialists)`.
///
/// Every rule contributes a requirement and the decision is their `join`. Values are kept
/// normalised: a disabled requirement carries nothing else, and `review` is only set when
/// the stage is autonomous.
package struct Requirement: Hashable, Sendable {
    /// The stage.
    package private(set) var stage: Stage
    /// Post-action review (autonomous only).
    package private(set) var review: Bool
    /// Ladder position of the approving tier (higher is stricter); nil when none.
    package private(set) var tier: Int?
    /// Specialist panels, sorted by name (UTF-8 byte order; names are bytes).
    package private(set) var specialists: [String]

    /// Creates a normalised requirement.
    package init(stage: Stage, review: Bool = false, tier: Int? = nil, specialists: [String] = []) {
        self.stage = stage
        self.review = review
        self.tier = tier
        self.specialists = specialists.uniqueByBytes().sortedByBytes()
        normalize()
    }

    /// Equal when every field is, specialists compared as bytes.
    package static func == (a: Requirement, b: Requirement) -> Bool {
        a.stage == b.stage && a.review == b.review && a.tier == b.tier && a.specialists.sameBytes(as: b.specialists)
    }

    package func hash(into h: inout Hasher) {
        h.combine(stage)
        h.combine(review)
        h.combine(tier)
        h.combineBytes(of: specialists)
    }

    /// The bottom: autonomous, no review.
    package static let bottom = Requirement(stage: .autonomous)
    /// The top: disabled.
    package static let disabled = Requirement(stage: .disabled)

    private mutating func normalize() {
        if tier != nil || !specialists.isEmpty { stage = max(stage, .approval) }
        if stage == .disabled {
            tier = nil
            specialists = []
        }
        if stage != .autonomous { review = false }
    }

    /// The least requirement at least as strict as both (stricter stage, review if either,
    /// higher tier, union of specialists).
    package func joined(with other: Requirement) -> Requirement {
        if stage == .disabled || other.stage == .disabled { return .disabled }
        let t: Int? = switch (tier, other.tier) {
        case (nil, let b): b
        case (let a, nil): a
        case (let a?, let b?): Swift.max(a, b)
        }
        var s = specialists
        for x in other.specialists where !s.containsBytes(x) { s.append(x) }
        return Requirement(stage: Swift.max(stage, other.stage), review: review || other.review, tier: t, specialists: s)
    }

    /// SPEC §2's order: disabled is the top; approval beats autonomous; between approvals the
    /// tier must be at least as high (no tier is below every tier) and the specialists a
    /// superset; between autonomous ones, review whenever the other reviews.
    package func isAtLeastAsStrict(as other: Requirement) -> Bool {
        Self.isAtLeastAsStrict((stage, review, tier, specialists), as: (other.stage, other.review, other.tier, other.specialists),
                               tierAtLeast: >=)
    }

    /// The parts of an outcome that SPEC §2's order compares; the tier is whatever the
    /// caller ranks (a ladder position here, a tier name across two ladders in `diff`).
    package typealias Parts<Tier> = (stage: Stage, review: Bool, tier: Tier?, specialists: [String])

    /// SPEC §2's order, the one implementation: whether `a` is at least as strict as `b`.
    /// `tierAtLeast(x, y)` says whether tier `x` is at least as high as tier `y` (false when
    /// they cannot be compared).
    package static func isAtLeastAsStrict<Tier>(_ a: Parts<Tier>, as b: Parts<Tier>, tierAtLeast: (Tier, Tier) -> Bool) -> Bool {
        if a.stage == .disabled { return true }
        if b.stage == .disabled { return false }
        if a.stage != b.stage { return a.stage > b.stage }
        if a.stage == .approval {
            let tierOK: Bool = switch (a.tier, b.tier) {
            case (_, nil): true
            case (nil, _?): false
            case (let x?, let y?): tierAtLeast(x, y)
            }
            return tierOK && b.specialists.allSatisfy(a.specialists.containsBytes)
        }
        return a.review || !b.review
    }
}

extension Policy {
    /// The requirement an effect contributes; `ownTier` is the enclosing capability's tier.
    /// Names that do not resolve contribute nothing (validation reports them).
    package func contribution(of effect: Effect, ownTier: String? = nil) -> Requirement {
        var r = Requirement.bottom
        switch effect.stage {
        case .disabled?: return .disabled
        case .approval?:
            let t = ownTier.flatMap(tierIndex) ?? defaultTierIndex
            r = r.joined(with: Requirement(stage: .approval, tier: t))
        default: break
        }
        if let t = effect.tier, let i = tierIndex(t) { r = r.joined(with: Requirement(stage: .approval, tier: i)) }
        if !effect.specialists.isEmpty {
            r = r.joined(with: Requirement(stage: .approval, specialists: effect.specialists))
        }
        if effect.review { r = r.joined(with: Requirement(stage: .autonomous, review: true)) }
        return r
    }

    /// What a capability entry requires before any band or compliance rule.
    package func baseRequirement(of entry: CapabilityEntry) -> Requirement {
        switch entry.stage {
        case .disabled: .disabled
        case .approval: Requirement(stage: .approval, tier: entry.tier.flatMap(tierIndex) ?? defaultTierIndex)
        case .autonomous: Requirement(stage: .autonomous, review: entry.review)
        }
    }
}
