/// Band lists (`spend`, `confidence`, `blast_radius`: one per `NumericField`).
extension PolicyDecoder {
    static func thresholdKinds(_ d: NumericField) -> [Threshold.Kind] {
        d.spec.increasing ? [.over, .atLeast] : [.below, .atMost]
    }

    static let bandEffects = ["tier", "stage", "review"]
    static let allThresholdKinds = Threshold.Kind.allCases.map(\.rawValue)

    mutating func bands(_ node: YAMLNode, _ dimension: NumericField, of label: @autoclosure () -> String) -> [Band] {
        guard let items = sequence(node, "the \(dimension.spec.bandList) bands of \(label())") else { return [] }
        let kinds = Self.thresholdKinds(dimension)
        let kindNames = kinds.map(\.rawValue)
        var out: [Band] = []
        var previous: Band?
        for (i, item) in items.enumerated() {
            // Named only in findings: built when one is reported.
            func bandName() -> String { "\(dimension.spec.bandList)[\(i)] of \(label())" }
            guard let pairs = mapping(item, bandName()) else { previous = nil; continue }
            checkFields(pairs, known: PolicyFields.bandKeys, in: bandName(), entity: true)
            lintDirective(pairs, span: Self.span(from: item.location, to: item))
            let thresholdPairs = pairs.filter { Self.allThresholdKinds.containsBytes($0.key) }
            let effectPairs = pairs.filter { Self.bandEffects.containsBytes($0.key) }
            var ok = true
            for t in thresholdPairs where !kindNames.containsBytes(t.key) {
                sink.emit(.invalidBand, "'\(t.key)' does not apply to \(dimension.spec.bandList) bands", at: t.keyLocation,
                          hint: "\(dimension.spec.bandList) bands use '\(kinds[0].rawValue)' or '\(kinds[1].rawValue)'"
                            + (dimension.spec.increasing ? " (thresholds increase)" : " (thresholds decrease)"))
                ok = false
            }
            if thresholdPairs.count != 1 {
                sink.emit(.invalidBand, "\(bandName()) has \(thresholdPairs.count) thresholds; a band has exactly one",
                          at: thresholdPairs.dropFirst().first?.keyLocation ?? item.location,
                          hint: "write one of '\(kinds[0].rawValue): N' or '\(kinds[1].rawValue): N'; split ranges into two bands")
                ok = false
            }
            if effectPairs.count != 1 {
                sink.emit(.invalidBand, "\(bandName()) has \(effectPairs.count) effects; a band has exactly one",
                          at: effectPairs.dropFirst().first?.keyLocation ?? item.location,
                          hint: "write one of 'tier: NAME', 'stage: approval|disabled' or 'review: true'")
                ok = false
            }
            guard ok, let tp = thresholdPairs.first, let ep = effectPairs.first,
                  let kind = Threshold.Kind(rawValue: tp.key),
                  let value = decimal(tp.value, "the threshold of \(bandName())"),
                  checkRange(value, dimension, at: tp.value.location),
                  let effect = bandEffect(ep, bandName())
            else { previous = nil; continue }
            let band = Band(field: dimension, index: i, threshold: Threshold(kind: kind, value: value),
                            effect: effect, location: item.location, thresholdLocation: tp.value.location)
            if let prev = previous, !Self.inOrder(prev.threshold, band.threshold, increasing: dimension.spec.increasing) {
                sink.emit(.bandsOutOfOrder,
                          "\(bandName()) ('\(band.threshold)') must come \(dimension.spec.increasing ? "after" : "before") '\(prev.threshold)'",
                          at: tp.value.location,
                          hint: dimension.spec.increasing
                            ? "list spend and blast-radius bands from the lowest threshold to the highest"
                            : "list confidence bands from the highest threshold to the lowest",
                          notes: [DiagnosticNote("the band before it", at: prev.thresholdLocation)])
            }
            previous = band
            out.append(band)
        }
        return out
    }

    /// Strict order of the sets the thresholds select: each later band's set lies inside the
    /// earlier one's (`at_least 100` comes before `over 100`; equal thresholds are an error).
    static func inOrder(_ a: Threshold, _ b: Threshold, increasing: Bool) -> Bool {
        if a.value != b.value { return increasing ? a.value < b.value : a.value > b.value }
        return a.kind.inclusive && !b.kind.inclusive
    }

    /// Range of thresholds: the values the field admits (`NumericField.Spec`).
    mutating func checkRange(_ value: ExactDecimal, _ field: NumericField, at location: SourceLocation) -> Bool {
        if field.admits(value, threshold: true) { return true }
        sink.emit(.thresholdOutOfRange, "\(field.spec.label) thresholds \(field.spec.thresholdsRule), not \(value)", at: location,
                  hint: field.spec.thresholdHint)
        return false
    }

    mutating func bandEffect(_ p: YAMLPair, _ bandName: @autoclosure () -> String) -> Effect? {
        var effect = Effect.none
        switch p.key {
        case "tier":
            guard let t = text(p.value, "the tier of \(bandName())") else { return nil }
            effect.tier = t
            effect.tierLocation = p.value.location
        case "stage":
            guard let s = stage(p.value, "the stage of \(bandName())", allowed: [.approval, .disabled]) else { return nil }
            effect.stage = s
            effect.stageLocation = p.value.location
        default:
            guard let b = bool(p.value, "'review' of \(bandName())") else { return nil }
            if !b {
                sink.emit(.invalidValue, "'review: false' in \(bandName()) contributes nothing", at: p.value.location,
                          hint: "a band can only add requirements: write 'review: true' or remove the band")
                return nil
            }
            effect.review = true
        }
        return effect
    }
}
