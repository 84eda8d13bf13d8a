import Testing
@testable import HITLPolicy

/// Issue 12 item 12: an action line that begins with a UTF-8 byte order mark is read as if
/// the mark were not there, by `eval`'s evaluator and by the typed `Action(json:)`.
@Suite("Byte order mark on action lines")
struct ByteOrderMarkTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let lines = [
        #"{"id":"b-1","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"tags":["pii"]}"#,
        #"  {"capability":"refund","amount":42}"#,
        #"{"capability":"close_account"}"#,
        #"{"capability":"refund","amount":-5}"#,
        #"{"capability":"refund", oops}"#,
    ]

    @Test func evaluatorSkipsTheMark() throws {
        let policy = try TypedDecisionTests.policy("policies/payments.yaml")
        let evaluator = Evaluator(table: policy.table)
        for (n, line) in Self.lines.enumerated() {
            let plain = TypedDecisionTests.eval(evaluator, Array(line.utf8), number: n + 1)
            let marked = TypedDecisionTests.eval(evaluator, Self.bom + Array(line.utf8), number: n + 1)
            #expect(marked == plain, "\(line)")
            #expect(!String(decoding: marked, as: UTF8.self).contains("not JSON") || line.contains("oops"))
        }
    }

    @Test func typedActionSkipsTheMark() throws {
        let policy = try TypedDecisionTests.policy("policies/payments.yaml")
        for (n, line) in Self.lines.enumerated() {
            let plain = policy.decide(Action(json: Array(line.utf8), line: n + 1))
            let marked = policy.decide(Action(json: Self.bom + Array(line.utf8), line: n + 1))
            #expect(marked == plain, "\(line)")
            #expect(marked.json == plain.json)
        }
    }

    /// Only a whole mark at the very start is skipped: a mark inside the line, a partial one
    /// or two of them still break the JSON.
    @Test func onlyOneLeadingMarkIsSkipped() throws {
        let policy = try TypedDecisionTests.policy("policies/payments.yaml")
        let action = Array(#"{"capability":"refund","amount":42}"#.utf8)
        for bad in [Self.bom + Self.bom + action, [0xEF, 0xBB] + action, Array(" ".utf8) + Self.bom + action] {
            #expect(policy.decide(Action(json: bad)).outcome == .invalid)
        }
        #expect(ChunkReader.isBlank(Self.bom + Array(" \r".utf8)))
        #expect(ChunkReader.isBlank(Self.bom))
        #expect(!ChunkReader.isBlank([0xEF, 0xBB]))
    }
}
