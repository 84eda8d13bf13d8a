/// How a change moves oversight, by SPEC §2's order.
public enum DiffClassification: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The new requirement is less strict: actions need less oversight than before.
    case loosened
    /// Neither is at least as strict as the other (e.g. a higher tier, one panel fewer).
    case changed
    /// The new requirement is stricter.
    case tightened

    /// Most severe first: loosened, changed, tightened.
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    var rank: Int { Self.allCases.firstIndex(of: self)! }
}

/// A decision in the diff's own terms: approver tiers and panels by name (renamed tiers
/// and panels under their new names), so the two policies' decisions compare directly.
public struct DiffOutcome: Hashable, Sendable, CustomStringConvertible {
    /// `autonomous`, `approval` or `disabled` (a diff compares rules, so never `invalid`):
    /// the outcome vocabulary of `Decision`.
    public var stage: Decision.Outcome { Decision.Outcome(Verdict(level)) }
    /// The stage in the policy model's strictness order.
    package var level: Stage
    /// Post-action review (autonomous only).
    public var review: Bool
    /// The approving tier.
    public var tier: String?
    /// Specialist panels, sorted.
    public var specialists: [String]

    /// Names compared as bytes: two spellings of a panel are two panels.
    public static func == (a: DiffOutcome, b: DiffOutcome) -> Bool {
        a.level == b.level && a.review == b.review && a.tier.sameBytes(as: b.tier) && a.specialists.sameBytes(as: b.specialists)
    }

    public func hash(into h: inout Hasher) {
        h.combine(level)
        h.combine(review)
        h.combine(tier != nil)
        if let tier { h.combineBytes(of: tier) }
        h.combineBytes(of: specialists)
    }

    /// `approval (tier lead, specialists privacy)`, `autonomous (review)`, `disabled`.
    public var description: String {
        var parts: [String] = []
        if let tier { parts.append("tier \(tier)") }
        if !specialists.isEmpty { parts.append("specialists \(specialists.joined(separator: ", "))") }
        if review { parts.append("review") }
        return parts.isEmpty ? level.description : "\(level) (\(parts.joined(separator: "; ")))"
    }
}

/// A rule named in a diff: where it is and what it does.
public struct DiffRule: Hashable, Sendable {
    /// Rule path, e.g. `capabilities.refund.spend[1]`.
    public var path: String
    /// Effect in words, e.g. `tier lead`.
    public var effect: String
    /// `file:line:column`.
    public var source: String
    /// A compliance rule's `reference`.
    public var reference: String?
}

/// One field's constraint in a changed region, in words and in parts.
public struct DiffCondition: Hashable, Sendable {
    /// `amount`, `confidence`, `blast_radius`, `reversible`, `tags.NAME` or `attributes.PATH`.
    public var field: String
    /// The constraint in words, e.g. `over 5000 and at most 6000 USD`.
    public var text: String
    /// Machine-readable form: bounds, `missing`, a value, presence.
    public var value: DiffConditionValue
}

/// The machine-readable part of a `DiffCondition`.
public enum DiffConditionValue: Hashable, Sendable {
    /// The field is absent.
    case missing
    /// A numeric interval; bounds in the action's own units (see `DiffRegion.currency`),
    /// nil when unbounded. `approximate` when a bound has no exact decimal form (a
    /// threshold divided by exchange rates).
    case interval(lower: String?, lowerInclusive: Bool, upper: String?, upperInclusive: Bool, approximate: Bool)
    /// A boolean field's value.
    case bool(Bool)
    /// A tag is present or absent.
    case present(Bool)
    /// An attribute equals this value.
    case equals(AttributeValue)
    /// An attribute is present but equals none of these.
    case otherThan([AttributeValue])
}

/// A set of capability names a changed region covers.
public struct DiffCapability: Hashable, Sendable {
    /// How the set is defined.
    public enum Kind: String, Hashable, Sendable { case exact, prefix, other }

    /// `exact`, `prefix` (names under the prefix no longer pattern or exact name claims),
    /// or `other` (names neither policy mentions).
    public var kind: Kind
    /// The name or prefix.
    public var name: String

    /// The name compared as bytes.
    public static func == (a: DiffCapability, b: DiffCapability) -> Bool { a.kind == b.kind && a.name.sameBytes(as: b.name) }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combineBytes(of: name)
    }

    /// `refund`, `github.*`, `(any other capability)`.
    public var label: String {
        switch kind {
        case .exact: name
        case .prefix: name + "*"
        case .other: "(any other capability)"
        }
    }
}

/// A region of the action space where the two policies decide differently.
public struct DiffRegion: Hashable, Sendable {
    /// The capability classes this region applies to (the same change in each).
    public var capabilities: [DiffCapability]
    /// The currency of the amount in this region: nil when amounts are in the policy
    /// currency or in a currency whose rate is the same in both policies (the amount bounds
    /// are then in the policy currency); a code when the region only covers amounts sent in
    /// that currency (its exchange rate differs between the policies).
    public var currency: String?
    /// Constraints, by field; a field not listed takes any value, or none.
    public var conditions: [DiffCondition]
    /// Decision under the old policy.
    public var old: DiffOutcome
    /// Decision under the new policy.
    public var new: DiffOutcome
    /// Tightened, loosened or changed.
    public var classification: DiffClassification
    /// Old-policy rules that match throughout the region and have no identical
    /// counterpart matching in the new policy.
    public var oldRules: [DiffRule]
    /// New-policy rules likewise.
    public var newRules: [DiffRule]
    /// A JSON action in the region (one line); nil only when the region's bounds are too
    /// large to compute one.
    public var witness: String?
}

/// A change to a tier, a specialist panel, the ladder, the currencies or a tool mapping.
public struct ApproverChange: Hashable, Sendable {
    /// `tier`, `specialist`, `currency` or `tool`.
    public var subject: String
    /// The tier, panel or currency code (the new name after a rename).
    public var name: String
    /// `added`, `removed`, `renamed`, `approvers`, `quorum`, `sla`, `on_timeout`,
    /// `escalates_to`, `position`, `rate`, `accepted`, `refused`, `currency`.
    public var change: String
    /// Old value in words.
    public var old: String?
    /// New value in words.
    public var new: String?
    /// Classification.
    public var classification: DiffClassification
    /// The change in one sentence.
    public var text: String
    /// For currency changes: an action in that currency that one policy refuses.
    public var witness: String?
}

/// The result of `PolicyDiff.diff`.
public struct DiffReport: Sendable {
    /// One policy version.
    public struct Side: Sendable {
        /// The policy's `name`.
        public var policy: String
        /// Its digest.
        public var digest: String
        /// The file (or `REV:path`) it was read from.
        public var source: String
    }

    /// The old policy.
    public var old: Side
    /// The new policy.
    public var new: Side
    /// Changed regions, most severe first (the first `PolicyDiff.maxRegions` found).
    public var regions: [DiffRegion]
    /// Changes inside tiers and panels, the ladder and currencies.
    public var approverChanges: [ApproverChange]
    /// The regions grouped by the edit responsible (every listed region in exactly one
    /// group), the group of the most severe region first.
    public var groups: [DiffGroup]
    /// Where each listed region lies, for placing logged actions (`DiffTraffic`).
    package var placement: DiffPlacement?
    /// The side that is no file (a policy added or deleted), if any.
    package var absent: DiffAbsentSide?
    /// True when the region list was cut at `PolicyDiff.maxRegions`.
    public var truncated: Bool
    /// Changed regions by classification over the whole input space, listed or not (past
    /// the cut, a region is counted once per capability class it covers).
    public var regionCounts: [DiffClassification: Int]

    init(old: Side, new: Side, regions: [DiffRegion], approverChanges: [ApproverChange], truncated: Bool,
         regionCounts: [DiffClassification: Int]? = nil, groups: [DiffGroup] = []) {
        self.old = old
        self.groups = groups
        self.new = new
        self.regions = regions
        self.approverChanges = approverChanges
        self.truncated = truncated
        self.regionCounts = regionCounts ?? Dictionary(grouping: regions, by: \.classification).mapValues(\.count)
    }

    /// Counts by classification over regions (all of them, listed or not) and approver changes.
    public func count(_ c: DiffClassification) -> Int {
        regionCounts[c, default: 0] + approverChanges.count { $0.classification == c }
    }

    /// Changed regions over the whole input space, listed or not.
    public var regionTotal: Int { regionCounts.values.reduce(0) { $0.addingSaturating($1) } }

    /// Whether oversight is weakened somewhere (SPEC §6, `--fail-on loosened`): a loosened
    /// region or approver change, or a changed region (incomparable: e.g. a higher tier
    /// but a panel dropped).
    public var weakened: Bool {
        count(.loosened) > 0 || regionCounts[.changed, default: 0] > 0 || approverChanges.contains { $0.subject == "tool" }
    }

    /// Whether anything changed.
    public var isEmpty: Bool { regionTotal == 0 && approverChanges.isEmpty }
}

extension Int {
    /// `self + other`, or `Int.max` past it (region counts can exceed any machine integer).
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

/// The side of a diff that is no file: the policy was added (`old`) or deleted (`new`).
package enum DiffAbsentSide: Sendable {
    case old, new
}
