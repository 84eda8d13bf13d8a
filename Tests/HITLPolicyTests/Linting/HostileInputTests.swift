import Testing
@testable import HITLPolicy

/// Inputs a user might feed by accident or on purpose: each gets a diagnostic, never a crash,
/// hang or unbounded memory.
@Suite("Hostile input")
struct HostileInputTests {
    func lint(_ bytes: [UInt8]) -> [Diagnostic] { PolicyLoader.load(bytes, file: "x.yaml").diagnostics }
    func lint(_ text: String) -> [Diagnostic] { lint(Array(text.utf8)) }

    @Test func emptyFile() { #expect(lint([]).map(\.code) == [.emptyDocument]) }

    @Test func binaryGarbage() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<2_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(!lint(bytes).isEmpty)
        }
    }

    @Test func invalidUTF8() {
        let d = lint(Array("version: 1\nname: \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8))
        #expect(d.map(\.code) == [.invalidEncoding])
        #expect(d.first?.location.line == 2)
    }

    @Test func fiftyMegabyteFile() {
        let bytes = Array("version: 1\nname: big\ndescription: ".utf8) + [UInt8](repeating: 0x78, count: 50 << 20)
        #expect(lint(bytes).map(\.code) == [.fileTooLarge])
    }

    @Test func tenThousandLevelsOfNesting() {
        let deep = "version: 1\nname: d\ncapabilities: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(lint(deep).map(\.code) == [.nestingTooDeep])
        let deepMaps = "version: 1\nname: d\nx: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(lint(deepMaps).map(\.code) == [.nestingTooDeep])
    }

    @Test func aliasBomb() {
        var text = "version: 1\nname: b\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 { text += "x\(i): &x\(i) [" + Array(repeating: "*x\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        #expect(lint(text).map(\.code) == [.aliasBudget])
    }

    @Test func oneMegabyteScalar() {
        let text = "version: 1\nname: s\ndescription: " + String(repeating: "y", count: 1 << 20) + "\n"
        #expect(lint(text).map(\.code) == [.scalarTooLong])
    }

    @Test("numbers outside the policy number syntax", arguments: ["1e999", "0x10", "0o17", ".inf", "-.inf", ".nan", "1e-999", "123456789012345678901234567890"])
    func strangeNumbers(number: String) {
        let text = """
            version: 1
            name: n
            currency: USD
            tiers:
              - name: t
                approvers: [a]
                sla: 1h
            capabilities:
              refund:
                stage: autonomous
                spend:
                  - over: \(number)
                    tier: t

            """
        #expect(lint(text).map(\.code) == [.invalidNumber])
    }

    @Test func hugeQuorumDoesNotOverflow() {
        let text = "version: 1\nname: q\ntiers:\n  - name: t\n    approvers: [a]\n    sla: 1h\n    quorum: 99999999999999999999999\n"
        #expect(lint(text).contains { $0.code == .invalidNumber })
    }

    @Test func controlCharacters() {
        #expect(lint("version: 1\nname: \u{07}bell\n").map(\.code) == [.invalidEncoding])
    }

    @Test func nullByte() {
        #expect(!lint(Array("version: 1\n".utf8) + [0] + Array("name: x\n".utf8)).isEmpty)
    }

    @Test func rootIsNotAMapping() {
        #expect(lint("- a\n- b\n").map(\.code) == [.wrongType])
        #expect(lint("just a string\n").map(\.code) == [.wrongType])
    }
}
