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
    /// Band lists, by `NumericField.rawValue` (`spend` is the amount's).
    package var bandLists: [[Band]] = Array(repeating: [], count: NumericField.count)
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

    /// All bands, list by list in `NumericField` order.
    package var bands: [Band] { Array(bandLists.joined()) }

    /// The bands on one field.
    package func bands(_ field: NumericField) -> [Band] { bandLists[field.rawValue] }
}
