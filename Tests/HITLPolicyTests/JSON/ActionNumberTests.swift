import Testing
@testable import HITLPolicy

/// Action numbers (Action/ActionNumber.swift, ActionNumber+Text.swift): exact values of
/// JSON number literals in a fast form (≤ 19 digits) or as `ExactDecimal`, their order,
/// products with exchange rates, comparison with the compiled table's cuts, and the text a
/// decision shows.
@Suite("Action numbers")
struct ActionNumberTests {
    static func n(_ literal: String) -> ActionNumber? {
        Array(literal.utf8).withUnsafeBufferPointer { ActionNumber(literal: $0) }
    }

    static func d(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

    /// Policy number limits (docs/language.md): below 10^24, ≤ 34 significant digits,
    /// ≤ 64 digits after the point. Actions have no such limit; these values sit on them.
    static let limitValues = [
        "999999999999999999999999",                                                  // 10^24 - 1
        "999999999999999999999999.9999999999",                                       // 34 significant digits
        "1234567890.123456789012345678901234",                                       // 34 significant digits
        "0.0000000000000000000000000000000000000000000000000000000000000001",       // 10^-64
        "0.1234567890123456789012345678901234",
        "0.00000000000000000000000000000000001",                                     // 10^-35
    ]

    // MARK: literals

    @Test("literals keep their exact value", arguments: [
        ("0", "0", false, true), ("-0", "0", false, true), ("0.000", "0", false, true), ("-0.0e5", "0", false, true),
        ("0e-7", "0", false, true), ("5e3", "5000", false, false), ("5E+3", "5000", false, false),
        ("1.25e1", "12.5", false, false), ("12.50", "12.5", false, false), ("100", "100", false, false),
        ("0.001", "0.001", false, false), ("1.5e-3", "0.0015", false, false), ("-12.5", "-12.5", true, false),
        ("1234567890123456789", "1234567890123456789", false, false),                  // 19 digits: fast
        ("12345678901234567890", "12345678901234567890", false, false),                // 20, trailing zero
        ("12345678901234567891", "12345678901234567891", false, false),                // 20: exact form
        ("-98765432109876543210.5", "-98765432109876543210.5", true, false),
        ("0.1234567890123456789012345", "0.1234567890123456789012345", false, false),
        ("1000000000000000000000000", "1000000000000000000000000", false, false),     // 10^24
        ("0.00000000000000000000000000000000000000000000000000000000000000001",
         "0.00000000000000000000000000000000000000000000000000000000000000001", false, false), // 10^-65
        ("12345678901234567890123456789012345", "12345678901234567890123456789012345", false, false), // 35 digits
    ] as [(String, String, Bool, Bool)])
    func literal(text: String, value: String, negative: Bool, zero: Bool) throws {
        let x = try #require(Self.n(text))
        #expect(x.description == value)
        #expect(x.isNegative == negative)
        #expect(x.isZero == zero)
        #expect(x.hasMinusSign == text.hasPrefix("-"))
        #expect(x.exact == Self.d(text))
        #expect(x.isWholeNumber == Self.d(text).isWholeNumber)
    }

    @Test("malformed literals are nil", arguments: [
        "", "-", "+1", "00", "01", "-01", "1.", ".5", "1e", "1e+", "1E-", "--1", "1.5.2", "1e5.5", " 1", "1 ",
        "0x1", "1_000", "١", "1e100001", "1e-100001", "NaN", "∞",
    ])
    func malformed(text: String) {
        #expect(Self.n(text) == nil)
    }

    @Test("the exponent bound is ±100,000, inclusive", arguments: ["1e100000", "1e-100000", "-9.99E+99999", "123e-100000"])
    func exponentBound(text: String) throws {
        let x = try #require(Self.n(text))
        #expect(x.exact == Self.d(text))
    }

    // MARK: order

    @Test("comparison is exact", arguments: [
        ("5000", "5000.00", 0), ("5000.0000001", "5000", 1), ("0.85", "0.849999999999999999999", 1),
        ("-0", "0", 0), ("-0.0", "-0", 0), ("-1", "0", -1), ("-2", "-1", -1), ("-1e-30", "0", -1),
        ("1e20", "99999999999999999999.5", 1), ("9999999999999999999", "1e19", -1),
        ("1e19", "10000000000000000000", 0), ("0.1", "0.10000000000000000000000001", -1),
        ("1e-100000", "0", 1), ("1e100000", "1e99999", 1), ("123", "1.23e2", 0), ("18446744073709551615", "1.8446744073709551616e19", -1),
        ("1", "0.99999999999999999999999999999999999", 1), ("10", "9.9999999999999999999", 1),
        ("0.5", "5e-1", 0), ("1e18", "999999999999999999", 1),
    ] as [(String, String, Int)])
    func compare(a: String, b: String, expected: Int) throws {
        let x = try #require(Self.n(a)), y = try #require(Self.n(b))
        #expect(x.compare(y) == expected)
        #expect(y.compare(x) == -expected)
        #expect(x.compare(x) == 0)
    }

    /// Random literals in every form (fast and exact, signs, exponents, trailing zeros): the
    /// order of action numbers is the order of their exact values.
    @Test func orderAgreesWithExactDecimals() throws {
        var rng = SplitMix(state: 0xac7_1011)
        var literals = Self.limitValues + ["0", "-0", "1", "5000", "5000.00", "1e19", "18446744073709551615"]
        for _ in 0..<400 { literals.append(Self.randomLiteral(&rng)) }
        for a in literals {
            let x = try #require(Self.n(a), "\(a)")
            for _ in 0..<30 {
                let b = literals[rng.below(literals.count)]
                let y = try #require(Self.n(b), "\(b)")
                let want = x.exact == y.exact ? 0 : (x.exact < y.exact ? -1 : 1)
                #expect(x.compare(y) == want, "\(a) vs \(b)")
            }
        }
    }

    static func randomLiteral(_ rng: inout SplitMix, exponent: Bool = true) -> String {
        let digits = "0123456789"
        var s = rng.below(4) == 0 ? "-" : ""
        let whole = rng.below(25)
        if whole == 0 { s += "0" } else {
            s += String(digits.dropFirst().randomElement(using: &rng)!)
            for _ in 1..<whole { s += String(digits.randomElement(using: &rng)!) }
        }
        if rng.below(2) == 0 {
            s += "."
            for _ in 0..<(1 + rng.below(30)) { s += String(digits.randomElement(using: &rng)!) }
        }
        if exponent, rng.below(4) == 0 { s += "e\(["", "+", "-"][rng.below(3)])\(rng.below(40))" }
        return s
    }

    // MARK: exchange-rate products

    @Test("products are exact", arguments: [
        ("6200.00", "1.08", "6696"), ("0.1", "0.2", "0.02"), ("-3", "0.5", "-1.5"), ("0", "7", "0"), ("-0", "7", "0"),
        ("9999999999", "9999999999", "99999999980000000001"),
        ("123.45", "1.0812345678901234567", "133.478407406035740729615"),
        ("4624.3", "0.006712345678", "31.0399001187754"),
        ("1e-40", "1e-40", "0." + String(repeating: "0", count: 79) + "1"),
        ("99999999999999999999", "1.27", "126999999999999999998.73"),
    ])
    func product(amount: String, rate: String, expected: String) throws {
        let x = try #require(Self.n(amount)), r = try #require(Self.n(rate))
        let p = x.multiplied(by: r)
        #expect(p.description == expected)
        #expect(p.exact == Self.d(amount) * Self.d(rate))
    }

    @Test func productsAgreeWithExactDecimals() throws {
        var rng = SplitMix(state: 0x7a7e)
        let rates = ["1.08", "1.27", "0.0067", "1.0812345678901234567", "3.25671", "0.006712345678", "1.25", "1e-20"]
        for _ in 0..<2000 {
            let a = Self.randomLiteral(&rng).replacingOccurrences(of: "-", with: "")
            let rate = rates[rng.below(rates.count)]
            let x = try #require(Self.n(a), "\(a)"), r = try #require(Self.n(rate))
            #expect(x.multiplied(by: r).exact == Self.d(a) * Self.d(rate), "\(a) × \(rate)")
        }
    }

    // MARK: cuts

    @Test("numbers against cuts", arguments: [
        ("5000", true, "5000", true), ("5000", false, "5000", false),                 // at_least / over
        ("5000", true, "4999.99", false), ("5000", false, "5000.0000001", true),
        ("5000", false, "5000.00000000000000000000000000001", true),                   // exact form
        ("5000", true, "4999.99999999999999999999999999999", false),
        ("0", true, "-0", true), ("0", false, "-0", false), ("0", true, "-1e-30", false), ("0", false, "1e-30", true),
        ("0.85", true, "0.85", true), ("0.85", true, "0.8499999999999999999999", false),
        ("0.1234567890123456789012345678901234", true, "0.1234567890123456789012345678901234", true),
        ("0.1234567890123456789012345678901234", false, "0.1234567890123456789012345678901234", false),
        ("0.1234567890123456789012345678901234", false, "0.12345678901234567890123456789012341", true),
        ("999999999999999999999999", false, "1e24", true), ("999999999999999999999999", true, "999999999999999999999998.9", false),
        ("1000000000000000000000000", true, "1e24", true),
        ("0.0000000000000000000000000000000000000000000000000000000000000001", true, "1e-64", true),
        ("0.0000000000000000000000000000000000000000000000000000000000000001", false, "1e-64", false),
        ("0.0000000000000000000000000000000000000000000000000000000000000001", false, "1.0000000000000000000000001e-64", true),
        ("0.0000000000000000000000000000000000000000000000000000000000000001", true, "9.99999999e-65", false),
        ("100", false, "1e100000", true), ("100", true, "1e-100000", false), ("25000.005", true, "25000.00500", true),
    ] as [(String, Bool, String, Bool)])
    func cut(value: String, upward: Bool, x: String, above: Bool) throws {
        let number = try #require(Self.n(x))
        let cut = Cut(value: Self.d(value), upward: upward)
        #expect(cut.isBelow(number.exact) == above)
        #expect(Self.fastIsBelow(cut, number) == above)
        #expect(Self.walkIsBelow(cut, number) == above)
    }

    /// Every pairing of cuts on the policy-number limits (and around them) with action
    /// numbers one step either side: the fast forms and the exact comparison agree.
    @Test func cutsAgreeWithExactComparison() throws {
        var cuts: [String] = Self.limitValues + ["0", "1", "100", "5000", "0.85", "25000.005", "1e19", "18446744073709551615"]
        var xs: [String] = cuts + ["-0", "-1"]
        for c in cuts {
            for step in ["1e-70", "1e-30", "1e-10", "1", "1e20"] {
                xs.append((Self.d(c) + Self.d(step)).description)
                if Self.d(step) < Self.d(c) { xs.append(Self.sub(Self.d(c), Self.d(step)).description) }
            }
        }
        var rng = SplitMix(state: 0xc07)
        for _ in 0..<200 { xs.append(Self.randomLiteral(&rng)) }
        cuts += (0..<40).map { _ in Self.randomLiteral(&rng).replacingOccurrences(of: "-", with: "") }
        for c in cuts {
            for upward in [false, true] {
                let cut = Cut(value: Self.d(c), upward: upward)
                for x in xs {
                    let number = try #require(Self.n(x), "\(x)")
                    let want = cut.isBelow(number.exact)
                    #expect(Self.fastIsBelow(cut, number) == want, "\(x) vs \(upward ? "at_least" : "over") \(c)")
                    #expect(Self.walkIsBelow(cut, number) == want, "walk: \(x) vs \(upward ? "at_least" : "over") \(c)")
                }
            }
        }
    }

    /// `a - b` for `b < a`, through addition of the negation.
    static func sub(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal {
        a + ExactDecimal(isNegative: true, digits: b.digits, exponent: b.exponent)
    }

    /// The evaluator's comparison of a parsed number with a prepared cut.
    static func fastIsBelow(_ cut: Cut, _ x: ActionNumber) -> Bool {
        let fast = FastCut(cut, exact: 0)
        return [cut.value].withUnsafeBufferPointer { fast.isBelow(x, $0) }
    }

    /// The diagram walk's comparison: the fast form when both fit, else the exact one.
    static func walkIsBelow(_ cut: Cut, _ x: ActionNumber) -> Bool {
        let fast = FastCut(cut, exact: 0)
        let w = WalkNumber(x)
        if w.state == 1, fast.fits { return fast.isBelow(fast: w) }
        return [cut.value].withUnsafeBufferPointer { fast.isBelow(x, $0) }
    }

    // MARK: shown text

    @Test("the text a decision shows", arguments: [
        ("6696", "6696"), ("0.85", "0.85"), ("-12.50", "-12.5"), ("0", "0"), ("-0", "0"), ("5e3", "5000"),
        ("1e63", "1" + String(repeating: "0", count: 63)),                        // 64 characters: plain
        ("1e64", "1e+64"),
        ("1.08e99999", "1.08e+99999"), ("-1e99999", "-1e+99999"), ("6.7e-100000", "6.7e-100000"),
        ("1e-62", "0." + String(repeating: "0", count: 61) + "1"),                 // 64 characters
        ("1e-63", "1e-63"),
        ("1" + String(repeating: "2", count: 64) + "e10", "1." + String(repeating: "2", count: 63) + "…e+74"),
        ("0.1234567890123456789012345", "0.1234567890123456789012345"),
        ("-98765432109876543210.5", "-98765432109876543210.5"),
        ("12345678901234567890e80", "1.234567890123456789e+99"),
    ])
    func shown(literal: String, text: String) throws {
        let x = try #require(Self.n(literal))
        #expect(x.shown == text)
    }

    @Test func shownTextIsBounded() throws {
        var rng = SplitMix(state: 0x5407)
        for _ in 0..<500 {
            let literal = Self.randomLiteral(&rng, exponent: false) + "e\(rng.below(2) == 0 ? "-" : "")\(rng.below(100_000))"
            guard let x = Self.n(literal) else { continue }
            // sign + 64 digits + point + "…" + "e+100000"-ish
            #expect(x.shown.count <= 1 + ActionNumber.maxShownLength + 1 + 1 + 9, "\(literal)")
            #expect(x.shown.hasSuffix("…") == false)
        }
    }
}
