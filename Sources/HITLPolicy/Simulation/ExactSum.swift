/// An exact sum of non-negative action numbers without an allocation per addend: the
/// significands of each power of ten are added in 128 bits (a billion billion addends before
/// a carry could be lost, far beyond any log), anything else as an `ExactDecimal`. The total
/// is the same exact value as adding every number as an `ExactDecimal`.
struct ExactSum {
    /// Powers of ten summed in place: `exponentRange`.
    static let exponentRange = -24...24
    /// Per power of ten (from the range's start): the sum's high and low 64 bits.
    private var high: [UInt64] = []
    private var low: [UInt64] = []
    /// Numbers outside the fast form.
    private var rest = ExactDecimal.zero

    /// Adds `x` (not negative).
    mutating func add(_ x: ActionNumber) {
        guard x.big == nil, Self.exponentRange.contains(x.exponent) else {
            rest = rest + x.exact
            return
        }
        if low.isEmpty {
            low = Array(repeating: 0, count: Self.exponentRange.count)
            high = low
        }
        let k = x.exponent - Self.exponentRange.lowerBound
        let (sum, carry) = low[k].addingReportingOverflow(x.significand)
        low[k] = sum
        if carry { high[k] &+= 1 }
    }

    /// Adds another sum.
    mutating func add(_ other: ExactSum) {
        rest = rest + other.rest
        guard !other.low.isEmpty else { return }
        if low.isEmpty {
            low = other.low
            high = other.high
            return
        }
        for k in low.indices {
            let (sum, carry) = low[k].addingReportingOverflow(other.low[k])
            low[k] = sum
            high[k] &+= other.high[k] &+ (carry ? 1 : 0)
        }
    }

    /// The exact total.
    var total: ExactDecimal {
        var t = rest
        for k in low.indices where low[k] != 0 || high[k] != 0 {
            // The 128-bit value's decimal digits, by repeated division by ten.
            var (h, l) = (high[k], low[k])
            var digits: [UInt8] = []
            while h != 0 || l != 0 {
                let (qh, rh) = h.quotientAndRemainder(dividingBy: 10)
                let (ql, r) = UInt64(10).dividingFullWidth((rh, l))
                digits.append(UInt8(r))
                (h, l) = (qh, ql)
            }
            t = t + ExactDecimal(isNegative: false, digits: digits.reversed(), exponent: k + Self.exponentRange.lowerBound)
        }
        return t
    }
}
