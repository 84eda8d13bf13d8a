import Testing
@testable import HITLPolicy

/// Every list of action fields outside the registry (`Model/ActionField.swift`) is derived
/// from it: a field added there and missing from one of these fails here.
@Suite struct FieldRegistryListsTests {
    /// `test` coverage names a row's cells by the registry's decided fields, every one.
    @Test func coverageCellsNameEveryDecidedField() {
        for f in ActionField.decided.dropFirst() { #expect(TestCoverage.cellFields.contains(f), "\(f)") }
        for f in NumericField.allCases { #expect(TestCoverage.cellFields.contains(.number(f)), "\(f)") }
        #expect(TestCoverage.cellFields.count == ActionField.decided.count - 1)
    }

    /// A row name mentions every numeric field its region constrains, by the registry's name.
    @Test func rowNameNamesEveryNumericField() {
        let cells = ["refund"] + NumericField.allCases.map { _ in "missing" } + ["any", "any", "any"]
        let row = PolicyRows.Row(cells: cells, region: TableRegion(), requirement: Requirement(stage: .autonomous), witness: nil)
        let name = TestCoverage.rowName(row)
        for f in NumericField.allCases { #expect(name.contains("\(f.spec.name) missing"), "\(name)") }
    }

    /// `diff --traffic` reads every numeric field: a box that wants the field missing does
    /// not hold an action that carries it.
    @Test func trafficPlacementReadsEveryNumericField() throws {
        let yaml = ClassSharingTests.header + "capabilities:\n  y: autonomous\n"
        let table = try #require(PolicyCompilation.compile(Array(yaml.utf8), file: "t.yaml").table)
        for f in NumericField.allCases {
            var region = TableRegion()
            region.numeric[f] = .missing
            var placement = DiffPlacement()
            placement.boxes = [.init(region: region, capabilities: [DiffCapability(kind: .other, name: "")], code: nil, scale: ExactDecimal(1))]
            let placer = try #require(TrafficPlacer(placement, old: table, new: table))
            #expect(placer.place(Array(#"{"capability":"x"}"#.utf8)) == .region(0), "\(f)")
            #expect(placer.place(Array(#"{"capability":"x","\#(f.spec.name)":0}"#.utf8)) == .outside, "\(f)")
        }
    }
}
