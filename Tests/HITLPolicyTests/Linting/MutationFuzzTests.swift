import Testing
@testable import HITLPolicy

/// Deterministic mutation fuzzing: thousands of corrupted variants of the example policies
/// must each lint to diagnostics without trapping (a trap would crash the test process).
@Suite("Mutated example policies")
struct MutationFuzzTests {
    typealias Rng = SplitMix

    static let alphabet = Array(":-[]{}&*!|>'\"#,?\t\n 0.9e-x*".utf8) + [0xC3, 0xFF, 0x00]

    @Test(arguments: FixtureTests.examples)
    func mutationsNeverTrap(path: String) throws {
        let original = try Repo.bytes(path)
        var rng = Rng(state: 42 &+ UInt64(path.utf8.count))
        for _ in 0..<1_500 {
            var bytes = original
            for _ in 0..<(1 + rng.below(4)) {
                let i = rng.below(bytes.count)
                switch rng.below(4) {
                case 0: bytes[i] = Self.alphabet[rng.below(Self.alphabet.count)]
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(Self.alphabet[rng.below(Self.alphabet.count)], at: i)
                default: bytes = Array(bytes.prefix(i))
                }
                if bytes.isEmpty { break }
            }
            _ = PolicyLoader.load(bytes, file: path)
        }
    }
}
