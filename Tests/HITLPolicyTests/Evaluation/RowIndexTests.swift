import Testing
@testable import HITLPolicy

/// The row index behind eval's template cache and the typed API's rows
/// (Evaluation/RowIndex.swift): a row is found by its key and its full rule list, and a
/// full index starts over.
@Suite("Row index")
struct RowIndexTests {
    static func key(_ a: Int32, rules: [Int32]) -> RowIndex.Key {
        var h: UInt64 = 7
        for r in rules { h = h &* 31 &+ UInt64(UInt32(bitPattern: r)) }
        return RowIndex.Key(a: a, b: 0, assumed: 0, reversible: false, rules: h, ruleCount: Int32(rules.count))
    }

    @Test func findsWhatWasInsertedByKeyAndRules() {
        var index = RowIndex(limit: 10_000)
        var numbers: [Int] = []
        for a in 0..<3000 {
            let rules: [Int32] = [Int32(a % 7), Int32(a % 11)]
            let inserted = rules.withUnsafeBufferPointer { index.insert(Self.key(Int32(a), rules: rules), rules: $0) }
            #expect(!inserted.restarted)
            numbers.append(inserted.number)
        }
        #expect(numbers == Array(0..<3000))   // numbered in order, through several table growths
        for a in 0..<3000 {
            let rules: [Int32] = [Int32(a % 7), Int32(a % 11)]
            #expect(rules.withUnsafeBufferPointer { index.find(Self.key(Int32(a), rules: rules), rules: $0) } == a)
        }
        #expect(index.count == 3000)
    }

    /// Same key (hash and count of the rules) but other rules: a different row.
    @Test func sameKeyOtherRulesIsAnotherRow() {
        var index = RowIndex(limit: 100)
        let key = Self.key(1, rules: [1, 2])
        _ = [Int32(1), 2].withUnsafeBufferPointer { index.insert(key, rules: $0) }
        #expect([Int32(1), 2].withUnsafeBufferPointer { index.find(key, rules: $0) } == 0)
        #expect([Int32(2), 1].withUnsafeBufferPointer { index.find(key, rules: $0) } == nil)
        #expect([Int32(1), 3].withUnsafeBufferPointer { index.find(key, rules: $0) } == nil)
    }

    @Test func fullIndexStartsOver() {
        var index = RowIndex(limit: 4)
        for a in 0..<4 { _ = [Int32]().withUnsafeBufferPointer { index.insert(Self.key(Int32(a), rules: []), rules: $0) } }
        let fifth = [Int32]().withUnsafeBufferPointer { index.insert(Self.key(4, rules: []), rules: $0) }
        #expect(fifth.restarted && fifth.number == 0 && index.count == 1)
        #expect([Int32]().withUnsafeBufferPointer { index.find(Self.key(0, rules: []), rules: $0) } == nil)
        #expect([Int32]().withUnsafeBufferPointer { index.find(Self.key(4, rules: []), rules: $0) } == 0)
    }
}
