import Testing
@testable import HITLPolicy

/// The field names of an action line (Action/ActionFields.swift): whole-word matches only,
/// and a reset that forgets every field of the previous line.
@Suite("Action fields")
struct ActionFieldsTests {
    @Test("field names", arguments: [
        ("id", ActionField.id), ("capability", .capability), ("amount", .number(.amount)), ("confidence", .number(.confidence)),
        ("reversible", .reversible), ("blast_radius", .number(.blastRadius)), ("tags", .tags), ("attributes", .attributes),
    ])
    func known(name: String, key: ActionField) {
        #expect(ActionKeys.shared.field(bytes: Array(name.utf8)) == key)
    }

    /// Every field of the registry is recognised by its name, and names of any length work.
    @Test func everyRegisteredName() {
        for f in ActionField.all { #expect(ActionKeys.shared.field(bytes: Array(f.description.utf8)) == f) }
        let long = ActionKeys([.capability, .number(.amount)])
        #expect(long.field(bytes: Array("capability".utf8)) == .capability)
        #expect(long.field(bytes: Array("amount".utf8)) == .number(.amount))
        #expect(long.field(bytes: Array("tags".utf8)) == nil)
    }

    @Test("near misses are other fields", arguments: [
        "", "i", "Id", "ID", "ids", "tag", "Tags", "tagz", "amounts", "amoun", "amounT", "capabilitY", "capabilities",
        "caXability", "conFidence", "confidencE", "reversiblE", "attributez", "atXributes", "blast-radius",
        "blast_radiuS", "Blast_radius", "blast_radius_", "reversible_", "xxpability", "xxnfidence", "xxversible",
        "xxtributes", "capability\u{0}", "amount\u{0}", "id\u{0}", "bla", "currency", "value",
    ])
    func other(name: String) {
        #expect(ActionKeys.shared.field(bytes: Array(name.utf8)) == nil)
    }

    /// The same bytes inside a longer buffer: the key is read from its range only.
    @Test func keyInsideALine() {
        let line = Array(#"{"capabilityX":1,"tags":[]}"#.utf8)
        line.withUnsafeBufferPointer { b in
            #expect(ActionKeys.shared.field(b, 2..<12) == .capability)
            #expect(ActionKeys.shared.field(b, 2..<13) == nil)
            #expect(ActionKeys.shared.field(b, 18..<22) == .tags)
            #expect(ActionKeys.shared.field(b, 19..<23) == nil)
        }
    }

    @Test func resetForgetsEveryField() throws {
        var f = ActionFields()
        f.id = 0..<3; f.capabilityToken = 3..<9; f.capability = 4..<8; f.capabilityBytes = [1]
        f.amount = Array("1".utf8).withUnsafeBufferPointer { ActionNumber(literal: $0) }
        f.amountText = 1..<2; f.currency = 2..<5; f.currencyBytes = [2]
        for k in f.numbers.indices { f.numbers[k] = f.amount; f.numberTexts[k] = 1..<2 }
        f.reversible = true; f.hasTags = true; f.attributes = 5..<9
        f.errors = [FieldError(field: "amount", message: "bad")]
        f.reset()
        #expect(f.id == nil && f.capabilityToken == nil && f.capability == nil && f.capabilityBytes == nil)
        #expect(f.amount == nil && f.amountText == nil && f.currency == nil && f.currencyBytes == nil)
        #expect(f.numbers.allSatisfy { $0 == nil } && f.numberTexts.allSatisfy { $0 == nil })
        #expect(f.reversible == nil && !f.hasTags && f.attributes == nil && f.errors.isEmpty)
    }
}
