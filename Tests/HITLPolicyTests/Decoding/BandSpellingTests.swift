import Testing
@testable import HITLPolicy

/// One finding per band mistake, saying what to write: a repeated threshold, a condition
/// word in a band, a number written with a currency or thousands separators, and a typo of
/// a required key reported before the key it leaves missing.
@Suite("Band spellings")
struct BandSpellingTests {
    static func spend(_ band: String) -> String {
        "version: 1\nname: n\ncurrency: USD\ntiers:\n  - name: t\n    approvers: [a]\n    sla: 1h\n"
            + "capabilities:\n  refund:\n    stage: autonomous\n    spend:\n" + band
    }

    @Test func twoEqualThresholdsAreADuplicate() {
        let found = lintText(Self.spend("      - over: 100\n        tier: t\n      - over: 100\n        stage: disabled\n"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("duplicate threshold") == true, "\(found.map(\.message))")
        #expect(found.first?.message.contains("must come after") == false)
    }

    @Test("a bound word in a spend band is one finding with the right suggestion", arguments: [
        ("under", "amount: {under: N}"), ("below", "amount: {under: N}"), ("at_most", "amount: {at_most: N}"), ("above", "did you mean 'over'?"),
    ])
    func boundWordInSpend(_ word: String, _ suggestion: String) {
        let found = lintText(Self.spend("      - \(word): 100\n        tier: t\n"))
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.code == .invalidBand)
        #expect(found.first?.hint?.contains(suggestion) == true, "\(found.map { $0.hint ?? "" })")
        #expect(found.first?.hint?.contains("'below' or 'at_most'") == false)
    }

    @Test("a number written with a currency or separators gets the plain number", arguments: [
        ("$100", "100"), ("100 USD", "100"), ("EUR 7.5", "7.5"), ("1,000", "1000"), ("1_000_000", "1000000"), ("€1,250.75", "1250.75"),
    ])
    func plainNumber(_ written: String, _ plain: String) {
        let found = lintText(Self.spend("      - over: \(written)\n        tier: t\n"))
        #expect(found.count == 1)
        #expect(found.first?.hint?.contains("write the plain number: \(plain) ") == true, "\(found.map { $0.hint ?? "" })")
    }

    @Test("no guess for what is not grouped by thousands", arguments: ["1,5", "12,34,567", "$", "USD"])
    func noGuess(_ written: String) {
        #expect(PolicyDecoder.plainNumberHint(written) == nil)
    }

    @Test func aCommaInAFlowMappingIsNamed() {
        let found = lintText(Self.spend("      - {over: 1,000, tier: t}\n"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("YAML read '1,000'") == true, "\(found.map(\.message))")
        #expect(found.first?.hint?.hasSuffix(": 1000") == true)
    }

    @Test func aTypoComesBeforeTheMissingKey() {
        let found = lintText(Self.spend("      - over: 100\n        tier: t\n") + "  payout:\n    stgae: approval\n")
        #expect(found.map(\.code) == [.unknownField, .missingField], "\(found.map(\.message))")
    }
}
