/// An exact decimal number parsed from its literal text: never binary floating point.
///
/// The value is `(negative ? -1 : 1) × digits × 10^exponent`, with `digits` free of leading
/// and trailing zeros (zero has no digits). `5000.00`, `5e3` and `5000` are equal;
/// `5000.0000001` is greater.
public struct ExactDecimal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// True for values below zero (zero itself is never negative).
    public private(set) var isNegative: Bool
    /// Decimal digits, most significant first, each 0...9.
    public private(set) var digits: [UInt8]
    /// Power of ten of the last digit.
    public private(set) var exponent: Int

    /// Largest exponent magnitude accepted while parsing (keeps arithmetic finite).
    public static let maxExponentMagnitude = 100_000

    /// Zero.
    public static let zero = ExactDecimal(isNegative: false, digits: [], exponent: 0)

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        var d = digits[...]
        while let first = d.first, first == 0 { d = d.dropFirst() }
        var e = exponent
        while let last = d.last, last == 0 { d = d.dropLast(); e += 1 }
        self.digits = Array(d)
        self.exponent = self.digits.isEmpty ? 0 : e
        self.isNegative = self.digits.isEmpty ? false : isNegative
    }

    /// Creates the decimal for a whole number.
    public init(_ value: Int) {
        let magnitude = value.magnitude
        self.init(isNegative: value < 0, digits: String(magnitude).utf8.map { $0 - 0x30 }, exponent: 0)
    }

    /// Parses `[-+]?digits[.digits]?([eE][-+]?digits)?` (also `.5`); nil on anything else or
    /// when the exponent is beyond `maxExponentMagnitude`. A `-0` parses as zero.
    public init?<S: StringProtocol>(parsing text: S) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// Parses a number from UTF-8 bytes (see `init(parsing:)`).
    public init?(utf8 u: ArraySlice<UInt8>) {
        var i = u.startIndex
        var negative = false
        if i < u.endIndex, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") {
            negative = u[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(u.count)
        var fraction = 0
        var sawDigit = false
        while i < u.endIndex, u[i] >= 0x30, u[i] <= 0x39 {
            digits.append(u[i] - 0x30); i += 1; sawDigit = true
        }
        if i < u.endIndex, u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.endIndex, u[i] >= 0x30, u[i] <= 0x39 {
                digits.append(u[i] - 0x30); i += 1; fraction += 1; sawDigit = true
            }
        }
        guard sawDigit else { return nil }
        var exp = 0
        if i < u.endIndex, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < u.endIndex, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") {
                expNegative = u[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExp = false
            while i < u.endIndex, u[i] >= 0x30, u[i] <= 0x39 {
                exp = exp * 10 + Int(u[i] - 0x30)
                if exp > Self.maxExponentMagnitude { return nil }
                i += 1; sawExp = true
            }
            guard sawExp else { return nil }
            if expNegative { exp = -exp }
        }
        guard i == u.endIndex else { return nil }
        self.init(isNegative: negative, digits: digits, exponent: exp - fraction)
    }

    /// True when the value is zero.
    public var isZero: Bool { digits.isEmpty }

    /// True when the value has no fractional part.
    public var isWholeNumber: Bool { exponent >= 0 }

    /// Position of the most significant digit (`digits.count + exponent`); 0 for zero.
    var magnitudeOrder: Int { digits.isEmpty ? Int.min : digits.count + exponent }

    /// Significant digits.
    public var significantDigits: Int { digits.count }

    /// The value as an Int when it is a whole number that fits.
    public var intValue: Int? {
        guard exponent >= 0, digits.count + exponent <= 18 else { return nil }
        var v = 0
        for d in digits { v = v * 10 + Int(d) }
        for _ in 0..<exponent { v *= 10 }
        return isNegative ? -v : v
    }

    /// Plain decimal notation, no exponent: `5000`, `0.85`, `-12.5`.
    public var description: String {
        if digits.isEmpty { return "0" }
        var s = isNegative ? "-" : ""
        let ds = digits.map { Character(Unicode.Scalar($0 + 0x30)) }
        if exponent >= 0 {
            s += String(ds) + String(repeating: "0", count: exponent)
        } else if -exponent >= ds.count {
            s += "0." + String(repeating: "0", count: -exponent - ds.count) + String(ds)
        } else {
            let cut = ds.count + exponent
            s += String(ds[..<cut]) + "." + String(ds[cut...])
        }
        return s
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let order = compareMagnitude(a, b)
        return a.isNegative ? order > 0 : order < 0
    }

    /// -1, 0 or 1 comparing absolute values.
    static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.digits.isEmpty || b.digits.isEmpty {
            return a.digits.isEmpty ? (b.digits.isEmpty ? 0 : -1) : 1
        }
        if a.magnitudeOrder != b.magnitudeOrder { return a.magnitudeOrder < b.magnitudeOrder ? -1 : 1 }
        let n = max(a.digits.count, b.digits.count)
        for k in 0..<n {
            let x = k < a.digits.count ? a.digits[k] : 0
            let y = k < b.digits.count ? b.digits[k] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// The exact product (used to convert foreign amounts with an exchange rate).
    public static func * (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        if a.isZero || b.isZero { return .zero }
        var result = [Int](repeating: 0, count: a.digits.count + b.digits.count)
        for (i, x) in a.digits.enumerated().reversed() {
            var carry = 0
            for (j, y) in b.digits.enumerated().reversed() {
                let t = result[i + j + 1] + Int(x) * Int(y) + carry
                result[i + j + 1] = t % 10
                carry = t / 10
            }
            result[i] += carry
        }
        return ExactDecimal(
            isNegative: a.isNegative != b.isNegative, digits: result.map { UInt8($0) },
            exponent: a.exponent + b.exponent)
    }
}

extension ExactDecimal {
    /// The exact sum.
    public static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        if a.isZero { return b }
        if b.isZero { return a }
        let e = min(a.exponent, b.exponent)
        func aligned(_ x: ExactDecimal) -> [Int] { x.digits.map(Int.init) + Array(repeating: 0, count: x.exponent - e) }
        var x = aligned(a), y = aligned(b)
        let n = max(x.count, y.count)
        x = Array(repeating: 0, count: n - x.count) + x
        y = Array(repeating: 0, count: n - y.count) + y
        if a.isNegative == b.isNegative {
            var out = [Int](repeating: 0, count: n + 1)
            var carry = 0
            for k in stride(from: n - 1, through: 0, by: -1) {
                let t = x[k] + y[k] + carry
                out[k + 1] = t % 10
                carry = t / 10
            }
            out[0] = carry
            return ExactDecimal(isNegative: a.isNegative, digits: out.map { UInt8($0) }, exponent: e)
        }
        // Opposite signs: subtract the smaller magnitude from the larger.
        let aBigger = compareMagnitude(a, b) >= 0
        let (big, small) = aBigger ? (x, y) : (y, x)
        var out = [Int](repeating: 0, count: n)
        var borrow = 0
        for k in stride(from: n - 1, through: 0, by: -1) {
            var t = big[k] - small[k] - borrow
            borrow = t < 0 ? 1 : 0
            if t < 0 { t += 10 }
            out[k] = t
        }
        return ExactDecimal(isNegative: aBigger ? a.isNegative : b.isNegative, digits: out.map { UInt8($0) }, exponent: e)
    }

    /// The exact difference.
    public static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        a + ExactDecimal(isNegative: !b.isNegative, digits: b.digits, exponent: b.exponent)
    }
}
