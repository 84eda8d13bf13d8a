/// The Wilson score interval of a binomial rate, one-sided bounds (SPEC §9): with `errors`
/// out of `n` and `z` = Φ⁻¹(confidence), the upper bound is the largest rate the data do
/// not reject at that confidence, the lower bound the smallest. Closed form:
///
///     (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),  p̂ = errors / n.
///
/// Each bound alone holds with the confidence given, so `[low, high]` together is a
/// two-sided interval at 2·confidence − 1 (90% for 95%).
package struct WilsonBound: Sendable, Hashable {
    /// The lower and upper bounds (0 and 1 without data).
    package var low: Double
    package var high: Double

    /// The bounds for `errors` of `n` at `z` (z > 0).
    package init(errors: Int, n: Int, z: Double) {
        guard n > 0 else {
            low = 0
            high = 1
            return
        }
        let nn = Double(n), p = Double(errors) / nn, z2 = z * z
        let center = p + z2 / (2 * nn)
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        let denominator = 1 + z2 / nn
        low = errors == 0 ? 0 : max(0, (center - half) / denominator)
        high = errors == n ? 1 : min(1, (center + half) / denominator)
    }

    /// The fewest further clean reviews (no errors) after which `errors` of `n + k` has
    /// `n + k ≥ minimum` and an upper bound at most `target`; nil when more than
    /// `limit` would be needed. The upper bound falls as clean reviews are added (for a fixed
    /// rate p the score statistic (np − x)/√(np(1−p)) grows with n), so the search can bisect.
    package static func cleanReviewsNeeded(errors: Int, n: Int, z: Double, target: Double, minimum: Int,
                                           limit: Int = 1_000_000_000_000) -> Int? {
        func enough(_ k: Int) -> Bool {
            n + k >= minimum && WilsonBound(errors: errors, n: n + k, z: z).high <= target
        }
        guard target > 0 else { return nil }
        var lowK = max(0, minimum - n)
        if enough(lowK) { return lowK }
        var highK = max(1, lowK)
        while !enough(highK) {
            lowK = highK
            if highK > limit / 2 { return nil }
            highK *= 2
        }
        // enough(highK), not enough(lowK): bisect to the first k that is enough.
        while highK - lowK > 1 {
            let mid = lowK + (highK - lowK) / 2
            if enough(mid) { highK = mid } else { lowK = mid }
        }
        return highK
    }
}
