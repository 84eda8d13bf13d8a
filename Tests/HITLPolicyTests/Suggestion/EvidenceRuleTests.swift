#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HITLPolicy

/// Which reviews are evidence for a whole-capability change: only those of actions the
/// change, applied to the policy and compiled, would decide differently.
@Suite("suggest: the evidence rule")
struct EvidenceRuleTests {
    static let policy = """
        version: 1
        name: ev
        currency: USD
        defaults: {stage: disabled, tier: team}
        tiers:
          - {name: team, approvers: [a], sla: 1h, on_timeout: escalate}
          - {name: lead, approvers: [b], sla: 1h, on_timeout: reject}
        capabilities:
          refund:
            stage: approval
            spend: [{over: 1000, tier: lead}]
          credit:
            stage: autonomous
            review: true
          lookup: autonomous
        compliance:
          - {id: kyc, when: {capability: refund, tags: [new_customer]}, stage: approval}
        """

    /// Suggestions for review records (each `(action JSON, outcome)`), read from a file.
    static func suggest(_ records: [(String, String)], options: SuggestionOptions = SuggestionOptions()) throws -> SuggestionReport {
        let bytes = Array(policy.utf8)
        guard case .loaded(let table) = PolicyTools.loadTable(bytes: bytes, label: "ev.yaml", allowTable: false) else {
            throw CancellationError()
        }
        var text = ""
        for (k, (action, outcome)) in records.enumerated() {
            let t = 1_800_000_000 + k * 60
            text += #"{"action":\#(action),"review":"pre","outcome":"\#(outcome)","requested":"\#(stamp(t))","decided":"\#(stamp(t + 30))"}"# + "\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ev-\(UUID().uuidString).jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return try PolicyTools.suggest(policySource: bytes, label: "ev.yaml", table: table, logs: [(fd, "test")], options: options).get()
    }

    static func stamp(_ t: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    static func many(_ n: Int, _ action: String, _ outcome: String = "approved") -> [(String, String)] {
        Array(repeating: (action, outcome), count: n)
    }

    static func whole(_ r: SuggestionReport, _ capability: String) throws -> SuggestionReport.Suggestion {
        try #require(r.suggestions.first { $0.capability == capability && $0.isCapabilityWide })
    }

    @Test func reviewsWhereTheBaseStageIsBindingPromote() throws {
        let r = try Self.suggest(Self.many(150, #"{"capability":"refund","amount":50}"#))
        let s = try Self.whole(r, "refund")
        #expect(s.change == .promote && s.from == .approval && s.to == .review && s.tally.n == 150)
        #expect(r.proposal.map(\.capability) == ["refund"])
    }

    @Test func reviewsInABandRegionAreNoEvidenceForTheBaseStage() throws {
        // Big refunds need lead through the spend band: promoting the base does not loosen them.
        let r = try Self.suggest(Self.many(300, #"{"capability":"refund","amount":5000}"#))
        let s = try Self.whole(r, "refund")
        #expect(s.change == .undecided && s.tally.n == 0 && s.reviews == 300 && s.moreNeeded == 133)
        #expect(r.proposal.isEmpty)
        // The row itself may move (a narrower edit, not written).
        let row = try #require(r.suggestions.first { $0.capability == "refund" && !$0.isCapabilityWide })
        #expect(row.change == .promote && row.scope.contains { $0.field == "amount" && $0.words == "over 1000" })
    }

    @Test func errorsWhereTheChangeDoesNotApplyDoNotBlockIt() throws {
        let r = try Self.suggest(Self.many(150, #"{"capability":"refund","amount":50}"#)
                                 + Self.many(25, #"{"capability":"refund","amount":5000}"#, "rejected")
                                 + Self.many(25, #"{"capability":"refund","amount":5000}"#))
        let s = try Self.whole(r, "refund")
        #expect(s.change == .promote && s.tally.n == 150 && s.tally.errors == 0 && s.reviews == 200)
        let band = try #require(r.suggestions.first { !$0.isCapabilityWide && $0.scope.contains { $0.words == "over 1000" } })
        #expect(band.change == .keep && band.tally.errors == 25)
    }

    @Test func aComplianceRuleHoldsItsRegion() throws {
        let r = try Self.suggest(Self.many(200, #"{"capability":"refund","amount":50,"tags":["new_customer"]}"#))
        let s = try Self.whole(r, "refund")
        #expect(s.change == .undecided && s.tally.n == 0)
        let row = try #require(r.suggestions.first { $0.capability == "refund" && !$0.isCapabilityWide })
        #expect(row.change == .keep && row.heldBy == ["compliance.kyc"])
    }

    @Test func errorsDemoteWithoutAMinimum() throws {
        let r = try Self.suggest(Self.many(7, #"{"capability":"credit"}"#) + Self.many(3, #"{"capability":"credit"}"#, "modified"))
        let s = try Self.whole(r, "credit")
        #expect(s.change == .demote && s.from == .review && s.to == .approval && s.tally.errors == 3 && s.bound.low > 0.02)
        #expect(r.proposal.map { "\($0.capability) \($0.from) \($0.to)" } == ["credit review approval"])
    }

    @Test func expiredCountsTowardNeitherRate() throws {
        let r = try Self.suggest(Self.many(150, #"{"capability":"refund","amount":50}"#) + Self.many(40, #"{"capability":"refund","amount":50}"#, "expired"))
        let s = try Self.whole(r, "refund")
        #expect(s.change == .promote && s.tally.n == 150 && s.tally.expired == 40)
        let team = try #require(r.reviewers.first { $0.name == "team" })
        #expect(team.tally.expired == 40 && team.timed == 150)
        #expect(r.findings.map(\.kind).contains("sla"))
    }

    @Test func theTopOfTheLadderKeeps() throws {
        // An autonomous capability reviewed after the fact, clean: nothing looser exists.
        let r = try Self.suggest(Self.many(200, #"{"capability":"lookup"}"#))
        let s = try Self.whole(r, "lookup")
        #expect(s.change == .keep && s.from == .autonomous && s.to == .autonomous && s.tally.n == 200)
    }

    @Test func disabledAndInvalidActionsAreCountedNotUsed() throws {
        let r = try Self.suggest([(#"{"capability":"wire"}"#, "approved"), (#"{"capability":"refund","amount":-5}"#, "approved")])
        #expect(r.disabled == 1 && r.invalid == 1 && r.reviews == 0 && r.suggestions.isEmpty)
        #expect(r.notes.count == 1 && r.notes[0].hasPrefix("test:2: the reviewed action is invalid"))
    }

    @Test func rubberStampNeedsTheMinimumAndNinetyPercent() throws {
        let clean = try Self.suggest(Self.many(27, #"{"capability":"refund","amount":50}"#) + Self.many(3, #"{"capability":"refund","amount":50}"#, "modified"))
        #expect(clean.findings.map(\.kind) == ["rubber-stamp"])   // 27 of 30: exactly 90%
        let fewer = try Self.suggest(Self.many(26, #"{"capability":"refund","amount":50}"#) + Self.many(4, #"{"capability":"refund","amount":50}"#, "modified"))
        #expect(fewer.findings.isEmpty)
        let small = try Self.suggest(Self.many(29, #"{"capability":"refund","amount":50}"#))
        #expect(small.findings.isEmpty)
    }
}
