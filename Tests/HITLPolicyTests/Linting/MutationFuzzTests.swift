import Testing
@testable import HITLPolicy

/// Deterministic mutation fuzzing: thousands of corrupted variants of the example policies
/// must each lint to diagnostics without trapping (a trap would crash the test process).
@Suite("Mutated example policies")
struct MutationFuzzTests {
    /// SplitMix64: small, seeded, reproducible.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

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
