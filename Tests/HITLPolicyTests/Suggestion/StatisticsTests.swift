#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import HITLPolicy

/// The statistics `suggest` rests on, against independent computations and published values.
@Suite("suggest: Wilson bounds and the normal quantile")
struct StatisticsTests {
    @Test("Φ⁻¹ at known quantiles", arguments: [
        (0.95, 1.6448536269514722), (0.99, 2.3263478740408408), (0.975, 1.959963984540054),
        (0.5, 0.0), (0.001, -3.090232306167813), (0.8, 0.8416212335729143), (0.999999, 4.753424308822899),
    ])
    func quantile(p: Double, z: Double) {
        #expect(abs(NormalDistribution.quantile(p) - z) < 1e-11, "\(p)")
    }

    @Test func quantileInvertsTheCDF() {
        for k in 1..<1000 {
            let p = Double(k) / 1000
            #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(p)) - p) < 1e-14, "\(p)")
        }
        #expect(NormalDistribution.quantile(0).isNaN && NormalDistribution.quantile(1).isNaN)
    }

    /// The bounds are the two roots of (n + z²)p² − (2x + z²)p + x²/n = 0: where the score
    /// statistic (x − np)/√(np(1−p)) equals ±z.
    static func roots(_ x: Int, _ n: Int, _ z: Double) -> (Double, Double) {
        let a = Double(n) + z * z, b = -(2 * Double(x) + z * z), c = Double(x * x) / Double(n)
        let d = (b * b - 4 * a * c).squareRoot()
        return ((-b - d) / (2 * a), (-b + d) / (2 * a))
    }

    @Test func boundsAreTheRootsOfTheScoreEquation() {
        let z = NormalDistribution.quantile(0.95)
        for n in [1, 2, 5, 10, 29, 30, 100, 263, 1000, 100_000] {
            for x in Set([0, 1, 2, n / 10, n / 2, n - 1, n]) where x >= 0 && x <= n {
                let b = WilsonBound(errors: x, n: n, z: z), (lo, hi) = Self.roots(x, n, z)
                #expect(abs(b.low - max(0, lo)) < 1e-9 && abs(b.high - min(1, hi)) < 1e-9, "\(x)/\(n)")
                #expect(b.low <= Double(x) / Double(n) && Double(x) / Double(n) <= b.high)
            }
        }
        let none = WilsonBound(errors: 0, n: 0, z: z)
        #expect(none.low == 0 && none.high == 1)
    }

    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
    /// method 3 (Wilson score, no continuity correction), 95%.
    @Test("published Wilson intervals", arguments: [
        (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
    ])
    func newcombe(x: Int, n: Int, low: Double, high: Double) {
        let b = WilsonBound(errors: x, n: n, z: NormalDistribution.quantile(0.975))
        #expect(abs(b.low - low) < 0.00005 && abs(b.high - high) < 0.00005, "\(b)")
    }

    static func promotes(_ x: Int, _ n: Int, z: Double, target: Double = 0.02, minimum: Int = 30) -> Bool {
        n >= minimum && WilsonBound(errors: x, n: n, z: z).high <= target
    }

    @Test func aCleanReviewNeverHurtsAndAnErrorNeverHelps() {
        let z = NormalDistribution.quantile(0.95)
        for n in 0..<600 {
            for x in 0...min(n, 20) {
                if Self.promotes(x, n, z: z) { #expect(Self.promotes(x, n + 1, z: z), "clean after \(x)/\(n)") }
                if !Self.promotes(x, n, z: z) { #expect(!Self.promotes(x + 1, n + 1, z: z), "error after \(x)/\(n)") }
                let b = WilsonBound(errors: x, n: n, z: z), more = WilsonBound(errors: x, n: n + 1, z: z)
                #expect(more.high <= b.high + 1e-15 && more.low <= b.low + 1e-15)
            }
        }
    }

    @Test func moreNeededIsMinimal() throws {
        let z = NormalDistribution.quantile(0.95)
        for (target, minimum) in [(0.02, 30), (0.05, 10), (0.01, 100), (0.2, 1)] {
            for n in stride(from: 0, to: 400, by: 7) {
                for x in 0...min(n, 12) {
                    let k = try #require(WilsonBound.cleanReviewsNeeded(errors: x, n: n, z: z, target: target, minimum: minimum))
                    #expect(Self.promotes(x, n + k, z: z, target: target, minimum: minimum), "\(x)/\(n) + \(k)")
                    if k > 0 { #expect(!Self.promotes(x, n + k - 1, z: z, target: target, minimum: minimum), "\(x)/\(n) + \(k) − 1") }
                }
            }
        }
        // No errors at 2% and 95%: z²(1/0.02 − 1) = 132.6, so 133 clean reviews.
        #expect(WilsonBound.cleanReviewsNeeded(errors: 0, n: 0, z: z, target: 0.02, minimum: 30) == 133)
        #expect(WilsonBound.cleanReviewsNeeded(errors: 0, n: 500, z: z, target: 0.02, minimum: 30) == 0)
        #expect(WilsonBound.cleanReviewsNeeded(errors: 5, n: 10, z: z, target: 0, minimum: 30) == nil)
    }
}
