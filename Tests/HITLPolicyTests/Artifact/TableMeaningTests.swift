import Foundation
import Testing
@testable import HITLPolicy

/// A table read from a file is checked for what the compiler guarantees about meaning, not
/// only for indexes that resolve: an edited table must not weaken oversight in a way no
/// policy can express (found by fuzzing the table reader).
@Suite("Compiled tables keep their meaning")
struct TableMeaningTests {
    static func payments() throws -> DecisionTable { try TableGoldenTests.table("policies/payments.yaml") }

    @Test func compiledExamplesPass() throws {
        for p in ["payments", "platform", "healthcare", "support"] {
            #expect(try TableGoldenTests.table("policies/\(p).yaml").validate() == nil, "\(p)")
        }
    }

    @Test func zeroRateIsRefused() throws {
        var t = try Self.payments()
        t.exchangeRates[0].rate = ExactDecimal(0)
        #expect(t.validate()?.contains("is not positive") == true, "\(t.validate() ?? "accepted")")
    }

    @Test(arguments: [0, -1, 99])
    func quorumOutsideTheApproversIsRefused(_ quorum: Int) throws {
        var t = try Self.payments()
        t.approvers[0].quorum = quorum
        #expect(t.validate()?.contains("has quorum") == true, "\(t.validate() ?? "accepted")")
    }

    @Test func unknownPanelIsRefused() throws {
        var t = try Self.payments()
        let k = try #require(t.approvers.indices.last)
        t.approvers[k].name = "nobody"
        #expect(t.validate()?.contains("names panel") == true, "\(t.validate() ?? "accepted")")
    }

    /// An approver's kind and timeout are read as their types: a word no table uses is
    /// refused by the reader, in the words `validate()` uses for a known word out of place.
    @Test(arguments: [
        ("\"kind\":\"specialist\",\"name\":\"privacy\"", "\"kind\":\"banana\",\"name\":\"privacy\"",
         "t.json: approver privacy has kind banana: tiers come first, then specialists"),
        ("\"name\":\"privacy\",\"on_timeout\":\"reject\"", "\"name\":\"privacy\",\"on_timeout\":\"banana\"",
         "t.json: specialist privacy times out with banana to nobody"),
        ("\"name\":\"team\",\"on_timeout\":\"escalate\"", "\"name\":\"team\",\"on_timeout\":\"banana\"",
         "t.json: tier team times out with banana to lead"),
    ])
    func unknownApproverWordsAreRefused(_ edit: (String, String, String)) throws {
        let text = PolicyCompilation.artifact(try Self.payments())
        #expect(text.contains(edit.0))
        let bytes = Array(text.replacingOccurrences(of: edit.0, with: edit.1).utf8)
        #expect(PolicyCompilation.loadTable(bytes, file: "t.json").failure == edit.2)
    }

    @Test func escalationMustNameTheNextTier() throws {
        var t = try Self.payments()
        let k = try #require(t.approvers.firstIndex { $0.onTimeout == .escalate })
        t.approvers[k].escalatesTo = "elsewhere"
        #expect(t.validate()?.contains("times out with escalate") == true, "\(t.validate() ?? "accepted")")
        t.approvers[k].escalatesTo = nil
        #expect(t.validate() != nil)
    }

    @Test func repeatedApproverIsRefused() throws {
        var t = try Self.payments()
        t.approvers[1].name = t.approvers[0].name
        #expect(t.validate() != nil)
    }

    @Test func thresholdsOutOfRangeAreRefused() throws {
        var t = try Self.payments()
        let k = try #require(t.nodes.firstIndex { if case .numeric = $0.test { !$0.cuts.isEmpty } else { false } })
        t.nodes[k].cuts[0].value = ExactDecimal(-1)
        #expect(t.validate()?.contains("out of range") == true, "\(t.validate() ?? "accepted")")
    }
}
