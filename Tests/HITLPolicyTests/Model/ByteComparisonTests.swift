import Testing
@testable import HITLPolicy

/// `sameBytes` and `bytesPrecede` compare UTF-8 bytes (through the contiguous bytes when a
/// string has them), never canonical equivalence.
@Suite("Byte comparison of names")
struct ByteComparisonTests {
    static let nfc = "caf\u{E9}"
    static let nfd = "cafe\u{301}"
    static let long = String(repeating: "capability.", count: 4)   // not a small string

    @Test("equal bytes are equal; equivalent spellings and prefixes are not")
    func same() {
        #expect("refund".sameBytes(as: "refund"))
        #expect("".sameBytes(as: ""))
        #expect(Self.long.sameBytes(as: String(repeating: "capability.", count: 4)))
        #expect(!Self.nfc.sameBytes(as: Self.nfd))
        #expect(Self.nfc == Self.nfd)   // what Swift's == says
        #expect(!"refund".sameBytes(as: "refunD"))
        #expect(!"refund".sameBytes(as: "refunds"))
        #expect(!(Self.long + "a").sameBytes(as: Self.long + "b"))
    }

    @Test("byte order is UTF-8 order, shorter first on a common prefix")
    func order() {
        #expect("a".bytesPrecede("b"))
        #expect(!"b".bytesPrecede("a"))
        #expect("ab".bytesPrecede("abc"))
        #expect(!"abc".bytesPrecede("ab"))
        #expect(!"a".bytesPrecede("a"))
        #expect("".bytesPrecede("a"))
        #expect("Z".bytesPrecede("a"))                  // 0x5A < 0x61
        #expect(Self.nfd.bytesPrecede(Self.nfc))        // "e" (0x65) < 0xC3
        #expect((Self.long + "a").bytesPrecede(Self.long + "b"))
        let names = ["b", Self.nfc, "a", Self.nfd, "", "ab"]
        #expect(names.sortedByBytes().map { Array($0.utf8) } == names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
