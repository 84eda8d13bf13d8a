/// A JSON number kept exactly as its literal: a significand of up to 19 digits and a power
/// of ten without allocation, with `ExactDecimal` for anything longer.
package struct ActionNumber: Sendable, Hashable, CustomStringConvertible {
    /// Whether the literal had a minus sign (also for `-0`).
    package var hasMinusSign: Bool
    var significand: UInt64      // trailing zeros removed; 0 for zero
    var exponent: Int
    var big: ExactDecimal?       // set when the significand does not fit

    /// 10 to the power `p` (0 ≤ p ≤ 19), computed rather than looked up: a static table
    /// costs a lazy-initialisation check on every use in the hot path.
    @inline(__always) static func pow10(_ p: Int) -> UInt64 {
        var r: UInt64 = 1
        for _ in 0..<p { r &*= 10 }
        return r
    }

    /// Parses a JSON number literal (RFC 8259 grammar); nil when malformed or its exponent
    /// is beyond ±100,000.
    package init?(literal u: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = u.count
        hasMinusSign = false
        if i < n, u[i] == UInt8(ascii: "-") { hasMinusSign = true; i += 1 }
        guard i < n, u[i] >= 0x30, u[i] <= 0x39 else { return nil }
        if u[i] == 0x30, i + 1 < n, u[i + 1] >= 0x30, u[i + 1] <= 0x39 { return nil }   // leading zero
        var sig: UInt64 = 0
        var digits = 0          // significant digits kept in sig
        var dropped = false     // more significant digits than fit
        var exp = 0
        while i < n, u[i] >= 0x30, u[i] <= 0x39 {
            let d = UInt64(u[i] - 0x30)
            if digits < 19 {
                if sig != 0 || d != 0 { sig = sig * 10 + d; digits += sig == 0 ? 0 : 1 }
            } else { exp += 1; dropped = dropped || d != 0 }
            i += 1
        }
        if i < n, u[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, u[i] >= 0x30, u[i] <= 0x39 else { return nil }
            while i < n, u[i] >= 0x30, u[i] <= 0x39 {
                let d = UInt64(u[i] - 0x30)
                if digits < 19 {
                    if sig != 0 || d != 0 { sig = sig * 10 + d; digits += 1 }
                    exp -= 1
                } else { dropped = dropped || d != 0 }
                i += 1
            }
        }
        if i < n, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            var negative = false
            if i < n, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { negative = u[i] == UInt8(ascii: "-"); i += 1 }
            guard i < n, u[i] >= 0x30, u[i] <= 0x39 else { return nil }
            var e = 0
            while i < n, u[i] >= 0x30, u[i] <= 0x39 {
                e = e * 10 + Int(u[i] - 0x30)
                if e > ExactDecimal.maxExponentMagnitude { return nil }
                i += 1
            }
            exp += negative ? -e : e
        }
        guard i == n else { return nil }
        big = nil
        if dropped {
            guard let exact = ExactDecimal(utf8: ArraySlice(u)) else { return nil }
            significand = 0
            exponent = 0
            big = exact
            return
        }
        while sig != 0, sig % 10 == 0 { sig /= 10; exp += 1 }
        significand = sig
        exponent = sig == 0 ? 0 : exp
    }

    init(exact: ExactDecimal) {
        hasMinusSign = exact.isNegative
        significand = 0
        exponent = 0
        big = exact
        if exact.digits.count <= 19 {
            var s: UInt64 = 0
            for d in exact.digits { s = s * 10 + UInt64(d) }
            significand = s
            exponent = exact.exponent
            big = nil
        }
    }

    /// Whether the value is below zero (`-0` is not).
    package var isNegative: Bool { hasMinusSign && !isZero }
    /// Whether the value is zero.
    package var isZero: Bool { big?.isZero ?? (significand == 0) }

    /// The exact value.
    package var exact: ExactDecimal {
        if let big { return big }
        var digits: [UInt8] = []
        var s = significand
        while s > 0 { digits.append(UInt8(s % 10)); s /= 10 }
        return ExactDecimal(isNegative: isNegative, digits: digits.reversed(), exponent: exponent)
    }

    /// Whether the value is a whole number.
    package var isWholeNumber: Bool { big?.isWholeNumber ?? (exponent >= 0) }

    /// Canonical decimal text (no exponent, no trailing zeros).
    package var description: String { exact.description }

    static func digitCount(_ s: UInt64) -> Int {
        var d = 1
        var p: UInt64 = 10
        while d < 20, s >= p {
            d += 1
            p = p &* 10   // wraps only after d reaches 20, when the loop ends
        }
        return d
    }

    /// Compares two non-negative fast-form values: -1, 0 or 1.
    @inline(__always) static func compareFast(_ sa: UInt64, _ ea: Int, _ sb: UInt64, _ eb: Int) -> Int {
        if sa == 0 || sb == 0 { return sa == sb ? 0 : (sa == 0 ? -1 : 1) }
        let oa = digitCount(sa) + ea, ob = digitCount(sb) + eb
        if oa != ob { return oa < ob ? -1 : 1 }
        // Same order of magnitude: scale the shorter significand up to the longer one.
        var a = sa, b = sb
        if ea > eb { a *= pow10(ea - eb) } else if eb > ea { b *= pow10(eb - ea) }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// Compares exactly: -1, 0 or 1.
    func compare(_ other: ActionNumber) -> Int {
        if big == nil, other.big == nil, !hasMinusSign || isZero, !other.hasMinusSign || other.isZero {
            return Self.compareFast(significand, exponent, other.significand, other.exponent)
        }
        let x = exact, y = other.exact
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// The exact product (exchange-rate conversion).
    func multiplied(by rate: ActionNumber) -> ActionNumber {
        if big == nil, rate.big == nil {
            let (high, low) = significand.multipliedFullWidth(by: rate.significand)
            if high == 0, low < Self.pow10(19) {
                var r = self
                r.significand = low
                r.exponent = exponent + rate.exponent
                r.hasMinusSign = hasMinusSign != rate.hasMinusSign
                while r.significand != 0, r.significand % 10 == 0 { r.significand /= 10; r.exponent += 1 }
                if r.significand == 0 { r.exponent = 0 }
                return r
            }
        }
        return ActionNumber(exact: exact * rate.exact)
    }
}
