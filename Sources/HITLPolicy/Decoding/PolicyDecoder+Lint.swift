/// `x-lint: {disable: [HP608, unused-tier]}`: silencing warnings and notes where they occur.
/// The key is an `x-` key, so it never changes what the policy means; lint reads it.
extension PolicyDecoder {
    /// The keys an `x-lint` mapping takes.
    static let lintFields = PolicyFields.lintDirective.names

    /// Reads the `x-lint` key of an entity's mapping, if any. `span` is the part of the file
    /// the entity covers (nil: the whole file). Problems are `invalid-suppression` warnings,
    /// not errors: the key does not change the policy's meaning, so it never makes the
    /// policy unusable. `span` is worked out only when there is a directive (it walks the
    /// entity's subtree, and most entities have none).
    mutating func lintDirective(_ pairs: [YAMLPair], span: @autoclosure () -> ClosedRange<SourceLocation>?) {
        guard let directive = field(pairs, "x-lint") else { return }
        guard let fields = directive.value.pairs else {
            sink.emit(.invalidSuppression, "'x-lint' must be a mapping, not \(directive.value.kindDescription)",
                      at: directive.value.location, hint: "write 'x-lint: {disable: [HP608]}'")
            return
        }
        for p in fields where !Self.lintFields.containsBytes(p.key) && !p.key.utf8.starts(with: "x-".utf8) {
            sink.emit(.invalidSuppression, "unknown field '\(p.key)' in 'x-lint'", at: p.keyLocation,
                      hint: Suggestion.hint(for: p.key, in: Self.lintFields))
        }
        guard let disable = field(fields, "disable") else { return }
        let nodes = disable.value.items ?? [disable.value]
        if nodes.isEmpty {
            sink.emit(.invalidSuppression, "'x-lint' disables nothing: 'disable' is an empty list", at: disable.value.location,
                      hint: "name the codes to silence, such as [HP608], or remove 'x-lint'")
        }
        var codes: [(code: DiagnosticCode, location: SourceLocation)] = []
        for node in nodes {
            guard let s = node.scalar, case .string(let name) = s.value else {
                sink.emit(.invalidSuppression, "'x-lint' disables codes by id or name, not \(node.kindDescription)",
                          at: node.location, hint: "write a code such as HP608 or its name, fires-on-missing-data")
                continue
            }
            guard let code = DiagnosticCode.named(name) else {
                sink.emit(.invalidSuppression, "'x-lint' disables '\(name)', which is not a diagnostic code", at: node.location,
                          hint: Suggestion.closest(to: name, in: Self.codeNames).map { "did you mean '\($0)'?" }
                            ?? "codes are listed in docs/diagnostics.md; only warnings and notes can be silenced")
                continue
            }
            guard code.severity != .error else {
                sink.emit(.invalidSuppression, "'x-lint' cannot disable \(code.id) (\(code.name)): errors cannot be silenced",
                          at: node.location, hint: "fix what the error reports; 'x-lint' silences warnings and notes only")
                continue
            }
            guard !LintSuppressions.unsilenceable.contains(code) else {
                sink.emit(.invalidSuppression, "'x-lint' cannot disable \(code.id) (\(code.name)): findings about 'x-lint' itself cannot be silenced",
                          at: node.location, hint: "remove '\(name)' from 'disable' and fix the 'x-lint' entry that \(code.id) reports")
                continue
            }
            codes.append((code, node.location))
        }
        if !codes.isEmpty { suppressions.append(LintSuppression(codes: codes, span: span())) }
    }

    /// Every code's id and name (for "did you mean").
    static let codeNames = DiagnosticCode.all.flatMap { [$0.id, $0.name] }

    /// The span of an entity that starts at `start` and whose content is `node`.
    static func span(from start: SourceLocation, to node: YAMLNode) -> ClosedRange<SourceLocation> {
        let end = node.lastLocation
        return start <= end ? start...end : start...start
    }
}
