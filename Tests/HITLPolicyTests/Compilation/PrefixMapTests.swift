import Testing
@testable import HITLPolicy

/// The one longest-prefix lookup (`PrefixMap`, under the evaluator's `ClassIndex`, the rule
/// index and diff's placement) against the obvious reference: every stored prefix the name
/// starts with (by UTF-8 bytes), the longest.
@Suite("the longest-prefix lookup")
struct PrefixMapTests {
    /// Prefixes and names from a small alphabet with multi-byte characters, so that many
    /// names share prefixes and some lengths cut a character in two.
    static let alphabet: [String] = ["a", "b", ".", "é", "😀", "e\u{301}"]

    static func words(_ rng: inout SplitMix, count: Int, maxLength: Int) -> [String] {
        var out: [String] = []
        for _ in 0..<count {
            var word = ""
            let length = Int(rng.next() % UInt64(maxLength + 1))
            for _ in 0..<length { word += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            out.append(word)
        }
        return out
    }

    static func reference(_ prefixes: [String], _ name: String) -> String? {
        prefixes.filter { Array(name.utf8).starts(with: Array($0.utf8)) }.max { $0.utf8.count < $1.utf8.count }
    }

    @Test("agrees with the reference on random prefixes and names, by bytes and by string")
    func agreesWithReference() {
        var rng = SplitMix(state: 23)
        for _ in 0..<300 {
            let prefixes = Array(Set(Self.words(&rng, count: Int(rng.next() % 8), maxLength: 4)))
            var stored: [ByteName: String] = [:]
            for p in prefixes { stored[ByteName(p)] = p }
            let map = PrefixMap(stored)
            for name in Self.words(&rng, count: 20, maxLength: 6) {
                let want = Self.reference(prefixes, name)
                #expect(map.longest(in: name) == want, "\(prefixes) \(name)")
                #expect(name.withBytes { map.longest(in: $0) } == want, "\(prefixes) \(name)")
                let bytes = Array(name.utf8)
                let starting: [String] = prefixes.filter { bytes.starts(with: Array($0.utf8)) }
                let longestFirst = starting.sorted { $0.utf8.count > $1.utf8.count }
                #expect(map.all(in: name) == longestFirst)
            }
        }
    }

    @Test("names differing only in normalisation are different names")
    func bytesNotCharacters() {
        let map = PrefixMap<Int>([ByteName("caf\u{E9}."): 1])
        #expect(map.longest(in: "caf\u{E9}.x") == 1)
        #expect(map.longest(in: "cafe\u{301}.x") == nil)
        #expect(map["caf\u{E9}."] == 1 && map["cafe\u{301}."] == nil)
    }

    @Test("the class index: exact names, then the longest prefix class, then other")
    func classIndex() {
        let classes = [
            CapabilityClass(kind: .prefix, name: "github.", entryRule: 0, reversible: false, root: 0, testedFields: 0),
            CapabilityClass(kind: .exact, name: "github.merge", entryRule: 0, reversible: false, root: 0, testedFields: 0),
            CapabilityClass(kind: .prefix, name: "github.pr.", entryRule: 0, reversible: false, root: 0, testedFields: 0),
            CapabilityClass(kind: .other, name: "", entryRule: 0, reversible: false, root: 0, testedFields: 0),
        ]
        let index = ClassIndex(classes)
        #expect(index.lookup("github.merge") == 1)
        #expect(index.lookup("github.pr.open") == 2)
        #expect(index.lookup("github.pr") == 0)
        #expect(index.lookup("github.mergex") == 0)
        #expect(index.lookup("gitlab.merge") == 3)
        #expect(index.lookup("") == 3)
    }
}
