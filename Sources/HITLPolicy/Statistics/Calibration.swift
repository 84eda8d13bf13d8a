/// Calibration of an agent's confidence against review outcomes (SPEC §9): the expected
/// calibration error over ten equal-width and ten equal-mass bins, the reliability table,
/// and the lowest confidence threshold above which the error rate meets a target.
///
/// ECE = Σ over bins of (n_b / N) · |accuracy_b − mean confidence_b|, which is
/// Σ |correct_b − Σ confidence_b| / N: computed in integer billionths, exact, with one
/// division at the end.
package struct Calibration: Sendable {
    /// One bin of the reliability table.
    package struct Bin: Sendable, Equatable {
        /// The bin's range: `[lower, upper)` (the last equal-width bin includes 1.0); for
        /// equal-mass bins the least and greatest confidence in it.
        package var lower: Int64
        package var upper: Int64
        /// Actions in the bin, and those approved unchanged.
        package var n: Int
        package var correct: Int
        /// The sum of their confidences, in billionths.
        package var confidenceSum: Int64

        /// Share approved unchanged (nil when empty).
        package var accuracy: Double? { n == 0 ? nil : Double(correct) / Double(n) }
        /// Mean confidence (nil when empty).
        package var meanConfidence: Double? { n == 0 ? nil : Double(confidenceSum) / Double(n) / Double(ConfidenceTally.one) }
    }

    /// The lowest threshold meeting the target, with the evidence at it.
    package struct Threshold: Sendable, Equatable {
        /// The threshold, in billionths.
        package var value: Int64
        /// Actions with confidence at least the threshold, their errors, and the bounds.
        package var n: Int
        package var errors: Int
        package var bound: WilsonBound
    }

    /// Actions with a confidence.
    package var n: Int
    /// ECE over equal-width and over equal-mass bins (nil without actions).
    package var eceWidth: Double?
    package var eceMass: Double?
    /// The ten equal-width bins ([0, 0.1), …, [0.9, 1.0]) and the equal-mass bins (ten, or
    /// fewer where ties keep values together; never an empty one).
    package var widthBins: [Bin]
    package var massBins: [Bin]
    /// The lowest confidence t such that the actions with confidence ≥ t number at least
    /// `minimum` and have an upper error bound at most `target`; nil when none does.
    package var threshold: Threshold?

    /// Computes everything from a tally.
    package init(_ tally: ConfidenceTally, z: Double, target: Double, minimum: Int) {
        let values = tally.sorted
        n = tally.n
        widthBins = (0..<10).map { b in
            Bin(lower: Int64(b) * ConfidenceTally.one / 10, upper: Int64(b + 1) * ConfidenceTally.one / 10, n: 0, correct: 0, confidenceSum: 0)
        }
        for v in values {
            let b = Self.widthBin(v.value)
            widthBins[b].n += v.n
            widthBins[b].correct += v.correct
            widthBins[b].confidenceSum += v.value * Int64(v.n)
        }
        massBins = Self.massBins(values, total: tally.n)
        eceWidth = Self.ece(widthBins, total: n)
        eceMass = Self.ece(massBins, total: n)
        threshold = Self.threshold(values, z: z, target: target, minimum: minimum)
    }

    /// The equal-width bin of a confidence: ⌊10·c⌋, with 1.0 in the last bin.
    package static func widthBin(_ c: Int64) -> Int {
        min(9, Int(c / (ConfidenceTally.one / 10)))
    }

    /// Equal-mass bins: values sorted, ranks 0..<N cut into tenths. Equal values are never
    /// split: all actions with one confidence go to the bin of their mean rank
    /// (⌊10·(s + (m−1)/2) / N⌋ for m actions from rank s), so the bins do not depend on the
    /// order of the log. Without ties this is the plain split at ranks ⌈kN/10⌉.
    static func massBins(_ values: [(value: Int64, n: Int, correct: Int)], total: Int) -> [Bin] {
        guard total > 0 else { return [] }
        var bins: [Int: Bin] = [:]
        var start = 0
        for v in values {
            let b = min(9, 10 * (2 * start + v.n - 1) / (2 * total))
            var bin = bins[b] ?? Bin(lower: v.value, upper: v.value, n: 0, correct: 0, confidenceSum: 0)
            bin.upper = v.value
            bin.n += v.n
            bin.correct += v.correct
            bin.confidenceSum += v.value * Int64(v.n)
            bins[b] = bin
            start += v.n
        }
        return bins.keys.sorted().map { bins[$0]! }
    }

    /// Σ |correct_b − Σ confidence_b| / N (nil when N = 0).
    static func ece(_ bins: [Bin], total: Int) -> Double? {
        guard total > 0 else { return nil }
        var gap: Int64 = 0
        for b in bins {
            let d = Int64(b.correct) * ConfidenceTally.one - b.confidenceSum
            gap += d < 0 ? -d : d
        }
        return Double(gap) / Double(ConfidenceTally.one) / Double(total)
    }

    /// The lowest distinct confidence t whose actions at or above it meet the target.
    static func threshold(_ values: [(value: Int64, n: Int, correct: Int)], z: Double, target: Double, minimum: Int) -> Threshold? {
        var n = values.reduce(0) { $0 + $1.n }
        var errors = values.reduce(0) { $0 + $1.n - $1.correct }
        for v in values {
            let bound = WilsonBound(errors: errors, n: n, z: z)
            if n >= minimum, bound.high <= target { return Threshold(value: v.value, n: n, errors: errors, bound: bound) }
            n -= v.n
            errors -= v.n - v.correct
        }
        return nil
    }
}
