/// What a band or compliance rule contributes when it matches (SPEC §2 "contributions").
public struct Effect: Hashable, Sendable {
    /// `stage:` — `approval` contributes the default tier, `disabled` the top.
    public var stage: Stage?
    /// `tier:` — a ladder tier by name.
    public var tier: String?
    /// `specialists:` — panels by name.
    public var specialists: [String]
    /// `review: true`.
    public var review: Bool

    /// Where each named tier/specialist was written (for reference diagnostics).
    public var tierLocation: SourceLocation?
    /// Locations of the specialist names, parallel to `specialists`.
    public var specialistLocations: [SourceLocation]
    /// Where `stage` was written.
    public var stageLocation: SourceLocation?

    /// An effect that contributes nothing.
    public static let none = Effect(
        stage: nil, tier: nil, specialists: [], review: false,
        tierLocation: nil, specialistLocations: [], stageLocation: nil)

    /// True when the effect contributes nothing above the bottom of the lattice.
    public var isBottom: Bool {
        (stage == nil || stage == .autonomous) && tier == nil && specialists.isEmpty && !review
    }

    /// Human form used in decisions and diagnostics: `tier lead`, `stage disabled`, …
    public var summary: String {
        var parts: [String] = []
        if let stage { parts.append("stage \(stage)") }
        if let tier { parts.append("tier \(tier)") }
        if !specialists.isEmpty { parts.append("specialists \(specialists.joined(separator: ", "))") }
        if review { parts.append("review") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}
