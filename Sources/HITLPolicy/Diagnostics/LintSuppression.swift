/// One `x-lint: {disable: [...]}` key: the codes it silences and the part of the file it
/// covers (an entity: a tier, panel, capability, band or rule; or the whole file).
struct LintSuppression: Sendable {
    /// The codes named, each with where its name is written.
    var codes: [(code: DiagnosticCode, location: SourceLocation)]
    /// From the entity's first key to the last place written in it; nil for the whole file.
    var span: ClosedRange<SourceLocation>?
}

/// Applies a file's `x-lint` keys to its findings.
enum LintSuppressions {
    /// Findings that list the places they are about as notes, one finding per file (HP608):
    /// silenced only where every place they list is silenced.
    static let perNoteCodes: Set<DiagnosticCode> = [.firesOnMissingData]

    /// The findings about `x-lint` keys themselves (HP800, HP801): a key that could silence
    /// them could hide that it is wrong, so naming them is itself an HP800 and they always show.
    static let unsilenceable: Set<DiagnosticCode> = [.invalidSuppression, .unusedSuppression]

    /// Marks each warning and note an `x-lint` key covers as suppressed (errors and
    /// `unsilenceable` findings never are),
    /// and adds an `unused-suppression` note for each code an `x-lint` key names that
    /// silences nothing. That note is held back while the file has errors: the findings a
    /// key is meant for may be among those errors hold back.
    static func apply(_ suppressions: [LintSuppression], to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        let index = SpanIndex(suppressions)
        // A key's code is used once it silences something: every place it is named then is.
        // Tracked per key and code, so that a code named 200,000 times costs no more per
        // finding than a code named once.
        var used = Set<Use>()
        var out = diagnostics
        for i in out.indices where out[i].severity != .error && !unsilenceable.contains(out[i].code) {
            let d = out[i]
            let places = perNoteCodes.contains(d.code) && !d.notes.isEmpty ? d.notes.map(\.location) : [d.location]
            var silencing: [Int] = []
            let silenced = places.allSatisfy { place in
                let by = index.silencers(of: d.code, at: place)
                silencing += by
                return !by.isEmpty
            }
            if silenced, let first = silencing.compactMap({ index.names[$0][d.code]?.first }).min() {
                out[i].suppressedBy = first
                for s in silencing { used.insert(Use(suppression: s, code: d.code)) }
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return out }
        for (k, s) in suppressions.enumerated() {
            for (code, location) in s.codes where !used.contains(Use(suppression: k, code: code)) {
                out.append(Diagnostic(
                    .unusedSuppression, "'x-lint' disables \(code.id) (\(code.name)) \(s.span == nil ? "in this file" : "here"), but nothing here produces it",
                    at: location, hint: "remove '\(code.id)' from 'disable' so that a finding it would hide later is seen"))
            }
        }
        return out
    }

    /// A code of one `x-lint` key (by its index) that silenced something.
    struct Use: Hashable {
        var suppression: Int
        var code: DiagnosticCode
    }

    /// The suppressions by where they apply, so that a file with many `x-lint` keys and many
    /// findings is matched in O(findings × log keys), not their product. Entities' spans come
    /// from a tree, so any two are nested or disjoint: the spans covering a place are the
    /// last one starting at or before it and its enclosing spans.
    struct SpanIndex {
        /// Per suppression: the places each code is named, in file order.
        let names: [[DiagnosticCode: [SourceLocation]]]
        /// Whole-file suppressions.
        let global: [Int]
        /// Entity suppressions sorted by span start, with each one's enclosing suppression.
        let scoped: [(index: Int, span: ClosedRange<SourceLocation>, parent: Int?)]

        init(_ suppressions: [LintSuppression]) {
            // Appended in place: `Dictionary(uniquingKeysWith: +)` would copy a code's list at
            // each repeat, quadratic in how often one code is named.
            names = suppressions.map { s in
                var byCode: [DiagnosticCode: [SourceLocation]] = [:]
                for (code, location) in s.codes { byCode[code, default: []].append(location) }
                return byCode
            }
            global = suppressions.indices.filter { suppressions[$0].span == nil }
            let sorted = suppressions.indices.compactMap { i in suppressions[i].span.map { (i, $0) } }
                .sorted { $0.1.lowerBound < $1.1.lowerBound }
            var scoped: [(index: Int, span: ClosedRange<SourceLocation>, parent: Int?)] = []
            var open: [Int] = []
            for (i, span) in sorted {
                while let top = open.last, !scoped[top].span.contains(span.lowerBound) { open.removeLast() }
                scoped.append((i, span, open.last))
                open.append(scoped.count - 1)
            }
            self.scoped = scoped
        }

        /// The keys (indices) that silence `code` at `place`.
        func silencers(of code: DiagnosticCode, at place: SourceLocation) -> [Int] {
            var out = global.filter { names[$0][code] != nil }
            var low = 0, high = scoped.count
            while low < high {
                let mid = (low + high) / 2
                if scoped[mid].span.lowerBound <= place { low = mid + 1 } else { high = mid }
            }
            var k = low > 0 ? low - 1 : nil
            var steps = 0
            while let at = k, steps < SyntaxLimits.maxDepth {
                if scoped[at].span.contains(place), names[scoped[at].index][code] != nil { out.append(scoped[at].index) }
                k = scoped[at].parent
                steps += 1
            }
            return out
        }
    }
}
