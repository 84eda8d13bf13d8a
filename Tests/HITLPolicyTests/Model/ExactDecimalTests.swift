import Testing
@testable import HITLPolicy

@Suite("Exact decimals")
struct ExactDecimalTests {
    func d(_ s: String) -> ExactDecimal { ExactDecimal(parsing: s)! }

    @Test("equal values written differently", arguments: [
        ("5000", "5000.00"), ("5e3", "5000"), ("0.5", ".5"), ("-0", "0"), ("1E+2", "100"), ("12.50", "1.25e1"),
    ])
    func equal(a: String, b: String) {
        #expect(d(a) == d(b))
    }

    @Test func orderIsExactAtBoundaries() {
        #expect(d("5000.0000001") > d("5000"))
        #expect(!(d("5000.00") > d("5000")))
        #expect(d("-1") < d("0"))
        #expect(d("-2") < d("-1"))
        #expect(d("99999999999999999999.5") < d("1e20"))
        #expect(d("0.85") > d("0.849999999999999999999"))
    }

    @Test("rejected literals", arguments: ["", "-", ".", "1e", "1e+", "0x10", "1..2", "abc", "1e100001", "--1"])
    func rejected(text: String) {
        #expect(ExactDecimal(parsing: text) == nil)
    }

    @Test func descriptionIsPlainDecimal() {
        #expect(d("5e3").description == "5000")
        #expect(d("0.0067").description == "0.0067")
        #expect(d("-12.50").description == "-12.5")
        #expect(d("0").description == "0")
    }

    @Test func productIsExact() {
        #expect((d("6200.00") * d("1.08")).description == "6696")
        #expect((d("0.1") * d("0.2")).description == "0.02")
        #expect((d("-3") * d("0.5")).description == "-1.5")
        #expect((d("0") * d("7")).isZero)
    }

    @Test func wholeNumbers() {
        #expect(d("7.0").isWholeNumber)
        #expect(!d("5.5").isWholeNumber)
        #expect(d("7.0").intValue == 7)
    }

    @Test func divisionTruncatesAndSaysWhetherExact() throws {
        let third = try #require(d("1").divided(by: d("3"), fractionDigits: 4))
        #expect(third.quotient.description == "0.3333" && !third.exact)
        let rate = try #require(d("5000").divided(by: d("1.25"), fractionDigits: 10))
        #expect(rate.quotient.description == "4000" && rate.exact)
        let tiny = try #require(d("0.0067").divided(by: d("0.0002"), fractionDigits: 0))
        #expect(tiny.quotient.description == "33" && !tiny.exact)
        #expect(d("1").divided(by: d("0"), fractionDigits: 2) == nil)
        #expect(d("-1").divided(by: d("2"), fractionDigits: 2) == nil)
        #expect(d("1e5000").divided(by: d("3"), fractionDigits: 0) == nil)   // too long: refused, not slow
    }

    @Test func floorAndCeiling() {
        #expect(d("7.9").floorOfNonNegative.description == "7")
        #expect(d("7.1").ceilingOfNonNegative.description == "8")
        #expect(d("7").ceilingOfNonNegative.description == "7")
        #expect(d("0.0001").floorOfNonNegative.isZero)
        #expect(d("1e3").floorOfNonNegative.description == "1000")
    }
}
