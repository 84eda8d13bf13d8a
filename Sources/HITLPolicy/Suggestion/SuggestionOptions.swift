/// How `suggest` judges the evidence (SPEC §9).
package struct SuggestionOptions: Sendable {
    /// `--min-reviews`: answered reviews needed before a promotion (default 30).
    package var minReviews = 30
    /// `--confidence`: the one-sided confidence of each Wilson bound (default 0.95).
    package var confidence = 0.95
    /// `--target`: the error rate a promotion must stay under (default 0.02).
    package var target = 0.02
    /// Share of reviews approved unchanged from which a tier or panel is a rubber-stamp
    /// finding (0.9; compared exactly as approved·10 ≥ 9·n).
    package static let rubberStampShare = 0.9

    package init() {}

    /// z = Φ⁻¹(confidence).
    package var z: Double { NormalDistribution.quantile(confidence) }
}
