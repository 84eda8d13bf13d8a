/// Reviewed actions by the confidence they carried, for calibration (SPEC §9): per distinct
/// confidence value, how many actions and how many of them were correct (approved
/// unchanged). Confidences are kept in billionths, cut (not rounded) past nine decimals:
/// exact for every value written with at most nine decimals, and bin edges (tenths) are
/// never crossed by the cut. Memory: one entry per distinct value (at most one per action).
package struct ConfidenceTally: Sendable, Equatable {
    /// One billion: confidence 1.0.
    package static let one: Int64 = 1_000_000_000

    /// Per value in billionths: (actions, correct).
    package private(set) var counts: [Int64: (n: Int, correct: Int)] = [:]
    /// Actions counted.
    package private(set) var n = 0

    package init() {}

    /// Counts one action with confidence `billionths` (0...one).
    package mutating func add(billionths c: Int64, correct: Bool) {
        let v = min(max(c, 0), Self.one)
        var entry = counts[v] ?? (0, 0)
        entry.n += 1
        if correct { entry.correct += 1 }
        counts[v] = entry
        n += 1
    }

    /// The values in increasing order with their counts.
    package var sorted: [(value: Int64, n: Int, correct: Int)] {
        counts.keys.sorted().map { ($0, counts[$0]!.n, counts[$0]!.correct) }
    }

    package static func == (a: ConfidenceTally, b: ConfidenceTally) -> Bool {
        a.n == b.n && a.counts.count == b.counts.count
            && a.counts.allSatisfy { k, v in b.counts[k].map { $0.n == v.n && $0.correct == v.correct } ?? false }
    }

    /// A confidence's text (`0.85`, `1`) from billionths.
    package static func text(_ v: Int64) -> String {
        let whole = v / one, frac = v % one
        guard frac != 0 else { return String(whole) }
        var digits = String(frac)
        while digits.count < 9 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
