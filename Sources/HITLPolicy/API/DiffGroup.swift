/// A group of changed regions attributed to one edit (SPEC §6).
public struct DiffGroup: Hashable, Sendable {
    /// `rule` (one rule added, removed or changed: the rules listed share one path),
    /// `rules` (several edits that only together change the regions), `exchange_rate`,
    /// `reversible_default` or `approvers` (no rule differs: the tier ladder or panels did);
    /// `new_policy` or `deleted_policy` (one group per capability) when a side is no file.
    public var kind: String
    /// Paths of the rules edited.
    public var rules: [String]
    /// The edit in words, e.g. `removing compliance.kyc (specialists aml)`.
    public var edit: String
    /// One line: the edit, and what it does to how many regions.
    public var summary: String
    /// The group's regions: indices into `DiffReport.regions`, in that order.
    public var regions: [Int]
    /// The most severe classification among its regions.
    public var classification: DiffClassification
}
