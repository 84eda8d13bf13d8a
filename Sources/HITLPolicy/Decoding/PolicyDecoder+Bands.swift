/// `spend`, `confidence` and `blast_radius` band lists.
extension PolicyDecoder {
    static func thresholdKinds(_ d: BandDimension) -> [Threshold.Kind] {
        d.increasing ? [.over, .atLeast] : [.below, .atMost]
    }

    static let bandEffects = ["tier", "stage", "review"]

    mutating func bands(_ node: YAMLNode, _ dimension: BandDimension, of what: String) -> [Band] {
        let listName = "the \(dimension.rawValue) bands of \(what)"
        guard let items = sequence(node, listName) else { return [] }
        let kinds = Self.thresholdKinds(dimension)
        let allKinds = Threshold.Kind.allCases.map(\.rawValue)
        var out: [Band] = []
        var previous: Band?
        for (i, item) in items.enumerated() {
            let bandName = "\(dimension.rawValue)[\(i)] of \(what)"
            guard let pairs = mapping(item, bandName) else { previous = nil; continue }
            checkFields(pairs, known: PolicyFields.bandKeys, in: bandName)
            let thresholdPairs = pairs.filter { allKinds.containsBytes($0.key) }
            let effectPairs = pairs.filter { Self.bandEffects.containsBytes($0.key) }
            var ok = true
            for t in thresholdPairs where !kinds.map(\.rawValue).containsBytes(t.key) {
                sink.emit(.invalidBand, "'\(t.key)' does not apply to \(dimension.rawValue) bands", at: t.keyLocation,
                          hint: "\(dimension.rawValue) bands use '\(kinds[0].rawValue)' or '\(kinds[1].rawValue)'"
                            + (dimension.increasing ? " (thresholds increase)" : " (thresholds decrease)"))
                ok = false
            }
            if thresholdPairs.count != 1 {
                sink.emit(.invalidBand, "\(bandName) has \(thresholdPairs.count) thresholds; a band has exactly one",
                          at: thresholdPairs.dropFirst().first?.keyLocation ?? item.location,
                          hint: "write one of '\(kinds[0].rawValue): N' or '\(kinds[1].rawValue): N'; split ranges into two bands")
                ok = false
            }
            if effectPairs.count != 1 {
                sink.emit(.invalidBand, "\(bandName) has \(effectPairs.count) effects; a band has exactly one",
                          at: effectPairs.dropFirst().first?.keyLocation ?? item.location,
                          hint: "write one of 'tier: NAME', 'stage: approval|disabled' or 'review: true'")
                ok = false
            }
            guard ok, let tp = thresholdPairs.first, let ep = effectPairs.first,
                  let kind = Threshold.Kind(rawValue: tp.key),
                  let value = decimal(tp.value, "the threshold of \(bandName)"),
                  checkRange(value, dimension.actionField, at: tp.value.location),
                  let effect = bandEffect(ep, bandName)
            else { previous = nil; continue }
            let band = Band(dimension: dimension, index: i, threshold: Threshold(kind: kind, value: value),
                            effect: effect, location: item.location, thresholdLocation: tp.value.location)
            if let prev = previous, !Self.inOrder(prev.threshold, band.threshold, increasing: dimension.increasing) {
                sink.emit(.bandsOutOfOrder,
                          "\(bandName) ('\(band.threshold)') must come \(dimension.increasing ? "after" : "before") '\(prev.threshold)'",
                          at: tp.value.location,
                          hint: dimension.increasing
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

    /// Range of thresholds by the action field they test.
    mutating func checkRange(_ value: ExactDecimal, _ field: String, at location: SourceLocation) -> Bool {
        let problem: String? = switch field {
        case "amount": value.isNegative ? "amount thresholds must be 0 or more" : nil
        case "confidence": value.isNegative || value.isZero || value > ExactDecimal(1) ? "confidence thresholds must be above 0 and at most 1" : nil
        default: value.isNegative || !value.isWholeNumber ? "blast-radius thresholds must be whole numbers, 0 or more" : nil
        }
        guard let problem else { return true }
        sink.emit(.thresholdOutOfRange, "\(problem), not \(value)", at: location,
                  hint: field == "confidence" ? "write a fraction such as 0.8" : nil)
        return false
    }

    mutating func bandEffect(_ p: YAMLPair, _ bandName: String) -> Effect? {
        var effect = Effect.none
        switch p.key {
        case "tier":
            guard let t = text(p.value, "the tier of \(bandName)") else { return nil }
            effect.tier = t
            effect.tierLocation = p.value.location
        case "stage":
            guard let s = stage(p.value, "the stage of \(bandName)", allowed: [.approval, .disabled]) else { return nil }
            effect.stage = s
            effect.stageLocation = p.value.location
        default:
            guard let b = bool(p.value, "'review' of \(bandName)") else { return nil }
            if !b {
                sink.emit(.invalidValue, "'review: false' in \(bandName) contributes nothing", at: p.value.location,
                          hint: "a band can only add requirements: write 'review: true' or remove the band")
                return nil
            }
            effect.review = true
        }
        return effect
    }
}
