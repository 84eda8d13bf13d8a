/// What a band or compliance rule contributes when it matches (SPEC §2 "contributions").
package struct Effect: Hashable, Sendable {
    /// `stage:` — `approval` contributes the default tier, `disabled` the top.
    package var stage: Stage?
    /// `tier:` — a ladder tier by name.
    package var tier: String?
    /// `specialists:` — panels by name.
    package var specialists: [String]
    /// `review: true`.
    package var review: Bool

    /// Where each named tier/specialist was written (for reference diagnostics).
    package var tierLocation: SourceLocation?
    /// Locations of the specialist names, parallel to `specialists`.
    package var specialistLocations: [SourceLocation]
    /// Where `stage` was written.
    package var stageLocation: SourceLocation?

    /// An effect that contributes nothing.
    package static let none = Effect(
        stage: nil, tier: nil, specialists: [], review: false,
        tierLocation: nil, specialistLocations: [], stageLocation: nil)

    /// True when the effect contributes nothing above the bottom of the lattice.
    package var isBottom: Bool {
        (stage == nil || stage == .autonomous) && tier == nil && specialists.isEmpty && !review
    }

    /// Human form used in decisions and diagnostics: `tier lead`, `stage disabled`, …
    package var summary: String {
        var parts: [String] = []
        if let stage { parts.append("stage \(stage)") }
        if let tier { parts.append("tier \(tier)") }
        if !specialists.isEmpty { parts.append("specialists \(specialists.joined(separator: ", "))") }
        if review { parts.append("review") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}
