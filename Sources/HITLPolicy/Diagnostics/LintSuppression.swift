/// One `x-lint: {disable: [...]}` key: the codes it silences and the part of the file it
/// covers (an entity: a tier, panel, capability, band or rule; or the whole file).
struct LintSuppression: Sendable {
    /// The codes named, each with where its name is written.
    var codes: [(code: DiagnosticCode, location: SourceLocation)]
    /// From the entity's first key to the last place written in it; nil for the whole file.
    var span: ClosedRange<SourceLocation>?

    /// Whether this key silences `code` at `location`.
    func covers(_ code: DiagnosticCode, at location: SourceLocation) -> Bool {
        guard codes.contains(where: { $0.code == code }) else { return false }
        guard let span else { return true }
        return span.contains(location)
    }
}

/// Applies a file's `x-lint` keys to its findings.
enum LintSuppressions {
    /// Findings that list the places they are about as notes, one finding per file (HP608):
    /// silenced only where every place they list is silenced.
    static let perNoteCodes: Set<DiagnosticCode> = [.firesOnMissingData]

    /// Marks each warning and note an `x-lint` key covers as suppressed (errors never are),
    /// and adds an `unused-suppression` note for each code an `x-lint` key names that
    /// silences nothing. That note is held back while the file has errors: the findings a
    /// key is meant for may be among those errors hold back.
    static func apply(_ suppressions: [LintSuppression], to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        var used = Set<SourceLocation>()
        var out = diagnostics
        for i in out.indices where out[i].severity != .error {
            let d = out[i]
            let places = perNoteCodes.contains(d.code) && !d.notes.isEmpty ? d.notes.map(\.location) : [d.location]
            var silencing: [SourceLocation] = []
            let silenced = places.allSatisfy { place in
                let by = suppressions.filter { $0.covers(d.code, at: place) }
                silencing += by.flatMap { s in s.codes.filter { $0.code == d.code }.map(\.location) }
                return !by.isEmpty
            }
            if silenced, let first = silencing.min() {
                out[i].suppressedBy = first
                used.formUnion(silencing)
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return out }
        for s in suppressions {
            for (code, location) in s.codes where !used.contains(location) {
                out.append(Diagnostic(
                    .unusedSuppression, "'x-lint' disables \(code.id) (\(code.name)) \(s.span == nil ? "in this file" : "here"), but nothing here produces it",
                    at: location, hint: "remove '\(code.id)' from 'disable' so that a finding it would hide later is seen"))
            }
        }
        return out
    }
}
