import Testing
@testable import HITLPolicy

/// ECE, bins and the threshold against a slow, independent reference on generated data.
@Suite("suggest: calibration")
struct CalibrationTests {
    /// A small deterministic generator (xorshift), so the data is the same on every run.
    struct Rng {
        var s: UInt64
        mutating func next() -> UInt64 { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s }
        mutating func unit() -> Double { Double(next() % 1_000_000_007) / 1_000_000_007 }
    }

    /// (confidence as decimal text, correct).
    static func data(seed: UInt64, count: Int, decimals: Int) -> [(String, Bool)] {
        var r = Rng(s: seed)
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        return (0..<count).map { _ in
            let c = Int(r.unit() * Double(scale + 1)) % (scale + 1)
            let conf = Double(c) / Double(scale)
            // Overconfident: right with probability confidence − 0.1.
            let right = r.unit() < conf - 0.1
            var digits = String(c)
            while digits.count <= decimals { digits = "0" + digits }
            let text = decimals == 0 ? digits : String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals))
            return (text, right)
        }
    }

    /// The reference: ECE by the textbook formula, bins from the decimal text.
    static func reference(_ items: [(String, Bool)]) -> (width: Double, mass: Double) {
        let n = Double(items.count)
        func value(_ t: String) -> Double { Double(t)! }
        func ece(_ groups: [[(String, Bool)]]) -> Double {
            groups.filter { !$0.isEmpty }.reduce(0.0) { sum, g in
                let acc = Double(g.filter(\.1).count) / Double(g.count)
                let mean = g.map { value($0.0) }.reduce(0, +) / Double(g.count)
                return sum + Double(g.count) / n * abs(acc - mean)
            }
        }
        // Equal width: the bin is the first decimal digit (1.0 in the last).
        var width = Array(repeating: [(String, Bool)](), count: 10)
        for it in items {
            let v = value(it.0)
            let b = v >= 1 ? 9 : Int(it.0.split(separator: ".").last.map { String($0.prefix(1)) } ?? "0") ?? 0
            width[v >= 1 ? 9 : b].append(it)
        }
        // Equal mass: sort; a run of equal values takes the bin of its mean rank.
        let sorted = items.sorted { value($0.0) < value($1.0) }
        var mass = Array(repeating: [(String, Bool)](), count: 10)
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count, value(sorted[j].0) == value(sorted[i].0) { j += 1 }
            let meanRank = Double(i + j - 1) / 2
            let b = min(9, Int((10 * meanRank / n).rounded(.down)))
            mass[b].append(contentsOf: sorted[i..<j])
            i = j
        }
        return (ece(width), ece(mass))
    }

    static func tally(_ items: [(String, Bool)]) -> ConfidenceTally {
        var t = ConfidenceTally()
        for (c, right) in items { t.add(billionths: ReviewEvidence.billionths(ExactDecimal(parsing: c)!), correct: right) }
        return t
    }

    @Test("ECE matches the reference", arguments: [(1, 2), (2, 9), (3, 1), (4, 3), (5, 0)])
    func ece(seed: UInt64, decimals: Int) throws {
        for count in [1, 7, 10, 11, 99, 1000, 5003] {
            let items = Self.data(seed: seed * 7919 + UInt64(count), count: count, decimals: decimals)
            let c = Calibration(Self.tally(items), z: 1.6449, target: 0.02, minimum: 30)
            let ref = Self.reference(items)
            #expect(abs(try #require(c.eceWidth) - ref.width) < 1e-9, "width, \(count) items, \(decimals) decimals")
            #expect(abs(try #require(c.eceMass) - ref.mass) < 1e-9, "mass, \(count) items, \(decimals) decimals")
            #expect(c.widthBins.count == 10 && c.widthBins.reduce(0) { $0 + $1.n } == count)
            #expect(c.massBins.reduce(0) { $0 + $1.n } == count && c.massBins.count <= 10)
            if decimals == 9, count >= 10 { #expect(c.massBins.count == 10) }
        }
    }

    @Test func binEdgesAreExact() {
        // 0.3 is in [0.3, 0.4), 0.29999999999 in [0.2, 0.3), 1.0 in the last bin, 0 in the first.
        for (text, bin) in [("0.3", 3), ("0.29999999999", 2), ("0.7", 7), ("0.1", 1), ("1.0", 9), ("1", 9), ("0", 0), ("0.999", 9), ("0.6999999999", 6)] {
            #expect(Calibration.widthBin(ReviewEvidence.billionths(ExactDecimal(parsing: text)!)) == bin, "\(text)")
        }
        #expect(ReviewEvidence.billionths(ExactDecimal(parsing: "0.1234567899")!) == 123_456_789)
        #expect(ConfidenceTally.text(850_000_000) == "0.85" && ConfidenceTally.text(1_000_000_000) == "1")
    }

    @Test func perfectCalibrationHasZeroECE() {
        // At 0.8, four of five right; at 0.5, one of two.
        let items = [("0.8", true), ("0.8", true), ("0.8", true), ("0.8", true), ("0.8", false), ("0.5", true), ("0.5", false)]
        let c = Calibration(Self.tally(items), z: 1.6449, target: 0.02, minimum: 1)
        #expect(c.eceWidth == 0 && c.eceMass == 0)
    }

    @Test func thresholdIsTheLowestThatMeetsTheTarget() {
        let z = NormalDistribution.quantile(0.95)
        for seed in 1...6 as ClosedRange<UInt64> {
            var r = Rng(s: seed * 104_729)
            // Right almost always above 0.9, often wrong below.
            let items: [(String, Bool)] = (0..<2000).map { _ in
                let c = Int(r.unit() * 100)
                return ("0.\(c < 10 ? "0" : "")\(c)", r.unit() < (c >= 90 ? 0.999 : Double(c) / 100))
            }
            let c = Calibration(Self.tally(items), z: z, target: 0.02, minimum: 30)
            // Brute force over every distinct value.
            let values = Set(items.map { Double($0.0)! }).sorted()
            let expected = values.first { t in
                let above = items.filter { Double($0.0)! >= t }
                let errors = above.filter { !$0.1 }.count
                return above.count >= 30 && WilsonBound(errors: errors, n: above.count, z: z).high <= 0.02
            }
            #expect(c.threshold.map { Double($0.value) / 1e9 } == expected, "seed \(seed)")
        }
    }
}
