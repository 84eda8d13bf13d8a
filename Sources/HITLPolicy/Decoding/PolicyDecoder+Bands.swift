/// Band lists (`spend`, `confidence`, `blast_radius`: one per `NumericField`).
extension PolicyDecoder {
    static func thresholdKinds(_ d: NumericField) -> [Threshold.Kind] {
        d.spec.increasing ? [.over, .atLeast] : [.below, .atMost]
    }

    static let bandEffects = ["tier", "stage", "review"]
    /// The threshold keys of every band list, and the range-condition words (`under`,
    /// `above`) an author may write in a band by mistake: each is reported once, as a
    /// threshold of the wrong kind, not as an unknown field and a band without threshold.
    static let thresholdWords: [String] = {
        var words = Threshold.Kind.allCases.map(\.rawValue)
        for f in NumericField.allCases {
            let s = f.spec
            for w in [s.lowerWords.exclusive, s.lowerWords.inclusive, s.upperWords.exclusive, s.upperWords.inclusive]
            where !words.contains(w) { words.append(w) }
        }
        return words
    }()
    /// Every key a band may hold, with the condition words reported as misplaced thresholds.
    static let bandKeyWords = PolicyFields.bandKeys + thresholdWords.filter { !PolicyFields.bandKeys.contains($0) }
    /// Words that bound a value from below (a band of an increasing list uses these).
    static let lowerWords: Set<String> = Set(NumericField.allCases.flatMap { [$0.spec.lowerWords.exclusive, $0.spec.lowerWords.inclusive] })

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
            checkFields(pairs, known: Self.bandKeyWords, in: bandName(), entity: true)
            lintDirective(pairs, span: Self.span(from: item.location, to: item))
            let thresholdPairs = pairs.filter { Self.thresholdWords.containsBytes($0.key) }
            let effectPairs = pairs.filter { Self.bandEffects.containsBytes($0.key) }
            var ok = true
            for t in thresholdPairs where !kindNames.containsBytes(t.key) {
                sink.emit(.invalidBand, "'\(t.key)' does not apply to \(dimension.spec.bandList) bands", at: t.keyLocation,
                          hint: Self.misplacedThresholdHint(t.key, dimension))
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
            if let prev = previous, prev.threshold == band.threshold {
                sink.emit(.bandsOutOfOrder, "\(bandName()) repeats the threshold '\(band.threshold)' of the band before it (duplicate threshold)",
                          at: tp.value.location,
                          hint: "give each threshold one band: remove one of the two, or change its threshold",
                          notes: [DiagnosticNote("the band before it", at: prev.thresholdLocation)])
            } else if let prev = previous, !Self.inOrder(prev.threshold, band.threshold, increasing: dimension.spec.increasing) {
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

    /// What to write instead of a threshold word `word` that `dimension`'s bands do not take:
    /// the band word of the same sense (`above` in spend is `over`), or, for a bound on the
    /// other side (`under` in spend), the compliance condition that expresses it.
    static func misplacedThresholdHint(_ word: String, _ dimension: NumericField) -> String {
        let spec = dimension.spec
        let kinds = thresholdKinds(dimension).map(\.rawValue)
        let base = "\(spec.bandList) bands use '\(kinds[0])' or '\(kinds[1])' (thresholds \(spec.increasing ? "increase" : "decrease"))"
        let inclusive = word == "at_least" || word == "at_most"
        if lowerWords.contains(word) == spec.increasing { return "did you mean '\(inclusive ? kinds[1] : kinds[0])'? " + base }
        let bound = spec.increasing ? (inclusive ? spec.upperWords.inclusive : spec.upperWords.exclusive)
            : (inclusive ? spec.lowerWords.inclusive : spec.lowerWords.exclusive)
        return base + ": a band applies \(spec.increasing ? "above" : "below") its threshold; for \(spec.label) values "
            + "\(bound.replacing("_", with: " ")) a limit, write a compliance rule with 'when: {\(spec.name): {\(bound): N}}'"
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
