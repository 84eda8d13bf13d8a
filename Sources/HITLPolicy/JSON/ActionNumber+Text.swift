extension ActionNumber {
    /// Longest number text a decision shows: longer plain text switches to scientific form,
    /// and more significant digits than this are cut (followed by `…`).
    static let maxShownLength = 64

    /// The value as a decision shows it, in bounded text: plain decimal (`6696`, `0.85`)
    /// when that takes at most `maxShownLength` characters; otherwise scientific form with
    /// the exact significant digits (`1.08e+99999`, `6.7e-100002`), of which at most
    /// `maxShownLength` are written, followed by `…` when there are more. The text never
    /// claims a value the number does not have; the decision itself uses the exact value.
    func appendShown(into out: inout [UInt8]) {
        if big == nil {
            if significand == 0 { out.append(0x30); return }
            let count = Self.digitCount(significand)
            if Self.plainLength(digits: count, exponent: exponent) <= Self.maxShownLength {
                out.appendDecimal(significand: significand, exponent: exponent, negative: isNegative)
                return
            }
            var digits: [UInt8] = []
            digits.appendDigits(significand)
            Self.appendScientific(digits.lazy.map { $0 - 0x30 }, count: count, exponent: exponent,
                                  negative: isNegative, into: &out)
            return
        }
        let x = exact
        if x.digits.isEmpty { out.append(0x30); return }
        if Self.plainLength(digits: x.digits.count, exponent: x.exponent) <= Self.maxShownLength {
            out.append(contentsOf: x.description.utf8)
            return
        }
        Self.appendScientific(x.digits, count: x.digits.count, exponent: x.exponent, negative: x.isNegative, into: &out)
    }

    /// `appendShown` as a string (for messages).
    var shown: String {
        var b: [UInt8] = []
        appendShown(into: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// Characters of the plain decimal text of `digits` × 10^`exponent` (sign excluded).
    /// (Exponents stay within a few times ±100,000, so nothing overflows.)
    static func plainLength(digits: Int, exponent: Int) -> Int {
        if exponent >= 0 { return digits + exponent }
        return -exponent >= digits ? -exponent + 2 : digits + 1
    }

    /// `d.ddd…e±N` for digits (most significant first, no trailing zeros) × 10^`exponent`.
    static func appendScientific(_ digits: some Collection<UInt8>, count: Int, exponent: Int, negative: Bool,
                                 into out: inout [UInt8]) {
        if negative { out.append(0x2D) }
        var k = 0
        for d in digits.prefix(maxShownLength) {
            out.append(d + 0x30)
            if k == 0, count > 1 { out.append(0x2E) }
            k += 1
        }
        if count > maxShownLength { out.append(contentsOf: "…".utf8) }
        let power = count - 1 + exponent
        out.append(0x65)
        out.append(power < 0 ? 0x2D : 0x2B)
        out.appendDigits(UInt64(power.magnitude))
    }
}
