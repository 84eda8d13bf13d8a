#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HITLPolicy

/// Review records as `suggest` reads them, including those the gateway writes.
@Suite("suggest: review records")
struct ReviewLineTests {
    @Test func theGatewaysRecordsAreReadAsTheyAre() throws {
        // A decision record and a review record, written by the code the gateway uses, chained.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString).jsonl").path
        defer { unlink(path) }
        let log = DecisionLog(path: path)
        let action = Array(#"{"capability":"payout","amount":800,"tool":"mcp__payments__payout","args":{"to":"x"}}"#.utf8)
        let requested = Timestamp(seconds: 1_795_000_000), decided = Timestamp(seconds: 1_795_000_090, nanoseconds: 412_000_000)
        let decision = try log.append(DecisionRecord.text(source: "mcp", session: "s-1", action: action,
                                                          decision: Array(#"{"decision":"approval"}"#.utf8), arguments: .all, time: requested))
        let review = try log.append(DecisionRecord.review(source: "mcp", session: "s-1", outcome: .rejected, action: action,
                                                          requested: requested, decided: decided, arguments: .none))
        guard case .decisionRecord = ReviewLine.read(Array(decision.utf8)) else { Issue.record("not a decision record: \(decision)"); return }
        guard case .review(let r) = ReviewLine.read(Array(review.utf8)) else { Issue.record("not a review: \(review)"); return }
        #expect(r.kind == .pre && r.outcome == .rejected && r.requested == requested && r.decided == decided && r.reviewer == nil)
        #expect(String(decoding: r.action, as: UTF8.self) == #"{"capability":"payout","amount":800,"tool":"mcp__payments__payout"}"#)
        #expect(r.identity != nil)
    }

    @Test("what is wrong with a line", arguments: [
        (#"{"review":"pre","outcome":"approved"}"#, "`action` is missing"),
        (#"{"action":[1],"review":"pre","outcome":"approved"}"#, "`action` is an array"),
        (#"{"action":{},"review":"pre","outcome":"ok"}"#, "`outcome` is \"ok\""),
        (#"{"action":{},"review":"during","outcome":"approved"}"#, "`review` is \"during\""),
        (#"{"action":{},"review":"pre","outcome":"approved","decided":"2026-11-20T14:00:00+01:00","requested":"2026-11-20T13:30:00Z"}"#,
         "`decided` (2026-11-20T13:00:00.000Z) is before `requested` (2026-11-20T13:30:00.000Z)"),
        (#"{"action":{},"review":"pre","outcome":"approved","requested":"2026-02-30T10:00:00Z"}"#, "not an RFC 3339 timestamp"),
        // Found by the reviews fuzz harness: a wait of 4,713 years overflowed suggest's
        // nanosecond count and trapped; 292 years is the most it can count.
        (#"{"action":{},"review":"pre","outcome":"approved","requested":"2026-11-02T18:51:21Z","decided":"6739-11-02T20:15:11Z"}"#,
         "is more than 292 years after `requested`"),
        (#"{"action":{},"review":"pre","outcome":"approved","reviewer":["a"]}"#, "`reviewer` is [\"a\"]"),
        (#"{"capability":"refund"}"#, "an action, not a review record"),
        (#"{"tool":"Bash","args":{}}"#, "an action, not a review record"),
        (#"{"note":"hello"}"#, "not a review record"),
        (#"{"action":{},"review":"pre","review":"post","outcome":"approved"}"#, "duplicate key"),
        ("[]", "a JSON object, not an array"),
        ("{", "not JSON"),
    ])
    func bad(line: String, message: String) {
        guard case .bad(let why) = ReviewLine.read(Array(line.utf8)) else {
            Issue.record("accepted: \(line)")
            return
        }
        #expect(why.contains(message), "\(why)")
    }

    // The longest wait that still counts: 292 years and a little, to the nanosecond.
    @Test func theLongestWaitIsCountedAndOneSecondMoreIsBad() {
        func line(_ decided: Timestamp) -> [UInt8] {
            Array(#"{"action":{},"review":"pre","outcome":"approved","requested":"1970-01-01T00:00:00Z","decided":"\#(decided.utcText)"}"#.utf8)
        }
        let requested = Timestamp(Array("1970-01-01T00:00:00Z".utf8))!
        let longest = Timestamp(seconds: requested.seconds + ReviewLine.longestWait, nanoseconds: 999_999_999)
        guard case .review(let r) = ReviewLine.read(line(longest)) else { Issue.record("the longest wait is refused"); return }
        let nanoseconds = (r.decided!.seconds - r.requested!.seconds) * 1_000_000_000 + Int64(r.decided!.nanoseconds - r.requested!.nanoseconds)
        #expect(nanoseconds > 9_000_000_000_000_000_000)
        guard case .bad = ReviewLine.read(line(Timestamp(seconds: longest.seconds + 1))) else { Issue.record("a longer wait is read"); return }
    }

    @Test func recordsWithoutTimesHaveNoIdentity() {
        guard case .review(let r) = ReviewLine.read(Array(#"{"action":{"capability":"x"},"review":"post","outcome":"approved","requested":null}"#.utf8)) else {
            Issue.record("not read")
            return
        }
        #expect(r.identity == nil && r.requested == nil)
    }
}
