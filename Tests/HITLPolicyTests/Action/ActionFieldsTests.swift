import Testing
@testable import HITLPolicy

/// The field names of an action line (Action/ActionFields.swift): whole-word matches only,
/// and a reset that forgets every field of the previous line.
@Suite("Action fields")
struct ActionFieldsTests {
    @Test("field names", arguments: [
        ("id", ActionKey.id), ("capability", .capability), ("amount", .amount), ("confidence", .confidence),
        ("reversible", .reversible), ("blast_radius", .blastRadius), ("tags", .tags), ("attributes", .attributes),
    ])
    func known(name: String, key: ActionKey) {
        #expect(ActionKey(bytes: Array(name.utf8)) == key)
    }

    @Test("near misses are other fields", arguments: [
        "", "i", "Id", "ID", "ids", "tag", "Tags", "tagz", "amounts", "amoun", "amounT", "capabilitY", "capabilities",
        "caXability", "conFidence", "confidencE", "reversiblE", "attributez", "atXributes", "blast-radius",
        "blast_radiuS", "Blast_radius", "blast_radius_", "reversible_", "xxpability", "xxnfidence", "xxversible",
        "xxtributes", "capability\u{0}", "amount\u{0}", "id\u{0}", "bla", "currency", "value",
    ])
    func other(name: String) {
        #expect(ActionKey(bytes: Array(name.utf8)) == .other)
    }

    /// The same bytes inside a longer buffer: the key is read from its range only.
    @Test func keyInsideALine() {
        let line = Array(#"{"capabilityX":1,"tags":[]}"#.utf8)
        line.withUnsafeBufferPointer { b in
            #expect(ActionKey(b, 2..<12) == .capability)
            #expect(ActionKey(b, 2..<13) == .other)
            #expect(ActionKey(b, 18..<22) == .tags)
            #expect(ActionKey(b, 19..<23) == .other)
        }
    }

    @Test func resetForgetsEveryField() throws {
        var f = ActionFields()
        f.id = 0..<3; f.capabilityToken = 3..<9; f.capability = 4..<8; f.capabilityBytes = [1]
        f.amount = Array("1".utf8).withUnsafeBufferPointer { ActionNumber(literal: $0) }
        f.amountText = 1..<2; f.currency = 2..<5; f.currencyBytes = [2]
        f.confidence = f.amount; f.confidenceText = 1..<2; f.blastRadius = f.amount; f.blastRadiusText = 1..<2
        f.reversible = true; f.hasTags = true; f.attributes = 5..<9
        f.errors = [ActionError(field: "amount", message: "bad")]
        f.reset()
        #expect(f.id == nil && f.capabilityToken == nil && f.capability == nil && f.capabilityBytes == nil)
        #expect(f.amount == nil && f.amountText == nil && f.currency == nil && f.currencyBytes == nil)
        #expect(f.confidence == nil && f.confidenceText == nil && f.blastRadius == nil && f.blastRadiusText == nil)
        #expect(f.reversible == nil && !f.hasTags && f.attributes == nil && f.errors.isEmpty)
    }
}
