/// One entry of `capabilities`, in short form (`name: stage`) or long form.
public struct CapabilityEntry: Sendable, Hashable {
    /// The key as a pattern.
    public var pattern: CapabilityPattern
    /// The base stage.
    public var stage: Stage
    /// The tier for `stage: approval` (else the default tier).
    public var tier: String?
    /// Post-action review for autonomous actions.
    public var review: Bool
    /// Default reversibility for actions that do not say.
    public var reversible: Bool?
    /// Spend bands, increasing.
    public var spend: [Band]
    /// Confidence bands, decreasing.
    public var confidence: [Band]
    /// Blast-radius bands, increasing.
    public var blastRadius: [Band]
    /// Free text.
    public var description: String?
    /// Where the key is.
    public var location: SourceLocation
    /// Where the stage value is.
    public var stageLocation: SourceLocation
    /// Where `tier` was written.
    public var tierLocation: SourceLocation?
    /// Where `review` was written.
    public var reviewLocation: SourceLocation?

    /// All bands, in the order spend, confidence, blast radius.
    public var bands: [Band] { spend + confidence + blastRadius }

    /// The bands of one dimension.
    public func bands(_ dimension: BandDimension) -> [Band] {
        switch dimension {
        case .spend: spend
        case .confidence: confidence
        case .blastRadius: blastRadius
        }
    }
}
