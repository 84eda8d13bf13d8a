import Testing
@testable import HITLPolicy

/// The registry of action fields (Model/ActionField.swift): names are unique, the bit
/// layout follows the field order, and each numeric field's value range is what the
/// decoder and the action checks enforce.
@Suite("Action field registry")
struct ActionFieldTests {
    @Test func namesAreUnique() {
        let names = ActionField.all.map(\.description)
        #expect(Set(names).count == names.count)
        let lists = NumericField.allCases.map(\.spec.bandList)
        #expect(Set(lists).count == lists.count)
        for f in NumericField.allCases {
            #expect(NumericField(name: f.description) == f)
            #expect(NumericField(bandList: f.spec.bandList) == f)
        }
        #expect(NumericField(name: "spend") == nil && NumericField(bandList: "amount") == nil)
    }

    @Test func orderAndBits() {
        #expect(ActionField.decided.first == .capability)
        #expect(Array(ActionField.decided.suffix(3)) == [.reversible, .tags, .attributes])
        var seen: UInt64 = 0
        for bit in NumericField.allCases.map(ActionFieldMask.numeric) + [ActionFieldMask.reversible, ActionFieldMask.tags, ActionFieldMask.attribute(0)] {
            #expect(seen & bit == 0)
            seen |= bit
        }
        #expect(ActionFieldMask.numbers == NumericField.allCases.reduce(0) { $0 | ActionFieldMask.numeric($1) })
        #expect(DiagramBuilder.reversibleVar == NumericField.count && DiagramBuilder.firstTagVar == NumericField.count + 1)
    }

    @Test(arguments: [
        (NumericField.amount, "0", true, true), (.amount, "-1", false, false), (.amount, "0.5", true, true),
        (.confidence, "1", true, true), (.confidence, "1.01", false, false), (.confidence, "0", true, false),
        (.blastRadius, "3", true, true), (.blastRadius, "2.5", false, false), (.blastRadius, "-1", false, false),
    ])
    func valueRanges(field: NumericField, text: String, value: Bool, threshold: Bool) throws {
        let x = try #require(ExactDecimal(parsing: text))
        #expect(field.admits(x) == value)
        #expect(field.admits(x, threshold: true) == threshold)
    }

    @Test func sortedDuplicatesAreDropped() {
        var a = [1, 1, 2, 3, 3, 3, 7]
        a.removeDuplicates()
        #expect(a == [1, 2, 3, 7])
        var b: [Int] = []
        b.removeDuplicates()
        #expect(b.isEmpty)
    }
}
