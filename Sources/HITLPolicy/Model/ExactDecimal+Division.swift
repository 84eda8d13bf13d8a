extension ExactDecimal {
    /// Largest operand, in digits, that `divided(by:fractionDigits:)` works on.
    static let maxDivisionDigits = 2_000

    /// The largest whole number not above `self` (for non-negative values).
    var floorOfNonNegative: ExactDecimal {
        if exponent >= 0 { return self }
        let keep = digits.count + exponent
        if keep <= 0 { return .zero }
        return ExactDecimal(isNegative: false, digits: Array(digits[..<keep]), exponent: 0)
    }

    /// The smallest whole number not below `self` (for non-negative values).
    var ceilingOfNonNegative: ExactDecimal {
        let f = floorOfNonNegative
        return f == self ? f : f + ExactDecimal(1)
    }

    /// `self / d` truncated to `fractionDigits` decimal places, and whether that is exact;
    /// nil when an operand is negative, the divisor zero, or the numbers too long.
    /// For non-negative operands only.
    func divided(by d: ExactDecimal, fractionDigits k: Int) -> (quotient: ExactDecimal, exact: Bool)? {
        guard !isNegative, !d.isNegative, !d.isZero, k >= 0 else { return nil }
        if isZero { return (.zero, true) }
        let s = exponent - d.exponent + k
        guard abs(s) + digits.count + d.digits.count <= Self.maxDivisionDigits else { return nil }
        let n = digits + Array(repeating: 0, count: max(s, 0))
        let divisor = d.digits + Array(repeating: 0, count: max(-s, 0))
        var remainder: [UInt8] = []
        var quotient: [UInt8] = []
        for digit in n {
            remainder.append(digit)
            Self.stripLeadingZeros(&remainder)
            var q: UInt8 = 0
            while Self.compareDigits(remainder, divisor) >= 0 {
                Self.subtractDigits(&remainder, divisor)
                q += 1
            }
            quotient.append(q)
        }
        return (ExactDecimal(isNegative: false, digits: quotient, exponent: -k), remainder.isEmpty)
    }

    private static func stripLeadingZeros(_ x: inout [UInt8]) {
        if let first = x.firstIndex(where: { $0 != 0 }) { x.removeFirst(first) } else { x.removeAll() }
    }

    /// Compares big-endian digit strings without leading zeros.
    private static func compareDigits(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// `a -= b` for big-endian digit strings with `a >= b`.
    private static func subtractDigits(_ a: inout [UInt8], _ b: [UInt8]) {
        var borrow = 0
        var j = b.count - 1
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var t = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            j -= 1
            borrow = t < 0 ? 1 : 0
            if t < 0 { t += 10 }
            a[i] = UInt8(t)
        }
        stripLeadingZeros(&a)
    }
}
