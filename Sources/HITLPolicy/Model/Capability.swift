/// One entry of `capabilities`, in short form (`name: stage`) or long form.
package struct CapabilityEntry: Sendable, Hashable {
    /// The key as a pattern.
    package var pattern: CapabilityPattern
    /// The base stage.
    package var stage: Stage
    /// The tier for `stage: approval` (else the default tier).
    package var tier: String?
    /// Post-action review for autonomous actions.
    package var review: Bool
    /// Default reversibility for actions that do not say.
    package var reversible: Bool?
    /// Spend bands, increasing.
    package var spend: [Band]
    /// Confidence bands, decreasing.
    package var confidence: [Band]
    /// Blast-radius bands, increasing.
    package var blastRadius: [Band]
    /// Free text.
    package var description: String?
    /// Where the key is.
    package var location: SourceLocation
    /// Where the stage value is.
    package var stageLocation: SourceLocation
    /// Where `tier` was written.
    package var tierLocation: SourceLocation?
    /// Where `review` was written.
    package var reviewLocation: SourceLocation?

    /// All bands, in the order spend, confidence, blast radius.
    package var bands: [Band] { spend + confidence + blastRadius }

    /// The bands of one dimension.
    package func bands(_ dimension: BandDimension) -> [Band] {
        switch dimension {
        case .spend: spend
        case .confidence: confidence
        case .blastRadius: blastRadius
        }
    }
}
