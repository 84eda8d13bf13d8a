import Testing
@testable import HITLPolicy

/// Numbers that YAML types as numbers but a policy refuses: hexadecimal, octal, infinite
/// and not-a-number, in every case spelling (the decoder folds ASCII case byte by byte).
@Suite("Number spellings a policy refuses")
struct NumberSpellingTests {
    static func findings(_ threshold: String) -> [Diagnostic] {
        lintText(PolicyNumberTests.policy(threshold)).filter { $0.code == .invalidNumber }
    }

    @Test("hexadecimal and octal are named", arguments: [("0x10", "hexadecimal"), ("0xFF", "hexadecimal"), ("0o17", "octal")])
    func radix(_ number: String, _ word: String) {
        let found = Self.findings(number)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("is written in \(word) ('\(number)')") == true, "\(found.map(\.message))")
    }

    @Test("infinities and not-a-number are refused as not finite", arguments: [".inf", ".Inf", ".INF", "+.inf", "-.INF", ".nan", ".NaN", ".NAN"])
    func notFinite(_ number: String) {
        let found = Self.findings(number)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("must be a finite number, not '\(number)'") == true, "\(found.map(\.message))")
    }

    @Test("ordinary numbers pass", arguments: ["0", "10", "0.5", "1e3", "100.25", "0.0067"])
    func ordinary(_ number: String) {
        #expect(Self.findings(number).isEmpty)
    }
}
