import Testing
@testable import HITLPolicy

/// The table rows `test` measures coverage on: every row's witness lies in that row, an
/// action finds its row with its numbers in the policy currency, an invalid one none.
@Suite("Policy rows")
struct PolicyRowsTests {
    static func rows(_ name: String) throws -> (PolicyRows, CompiledPolicy) {
        let p = try #require(CompiledPolicy.load(path: Repo.root.appendingPathComponent("policies/\(name).yaml").path).policy)
        return (PolicyRows(p), p)
    }

    @Test("each row's witness is located in that very row, and decided as the row says",
          arguments: ["payments", "healthcare", "platform", "support"])
    func witnessesLocateToTheirRow(policy: String) throws {
        let (rows, compiled) = try Self.rows(policy)
        var witnesses = 0
        for (c, cls) in rows.classes.enumerated() {
            for (r, row) in cls.rows.enumerated() {
                guard let w = row.witness else { continue }
                witnesses += 1
                let probe = rows.locate(json: Array(w.utf8))
                #expect(probe?.classIndex == c && probe?.row == r, "\(cls.label) row \(r): \(w)")
                #expect(compiled.decide(Action(json: w)).outcome.rawValue == row.requirement.stage.description, "\(w)")
            }
        }
        #expect(witnesses > 0)
    }

    @Test("payments has the 304 rows compile --format table lists")
    func count() throws {
        #expect(try Self.rows("payments").0.count == 304)
    }

    @Test("an action's row and numbers: a foreign amount converted exactly, missing fields absent")
    func locate() throws {
        let (rows, _) = try Self.rows("payments")
        let p = try #require(rows.locate(json: Array(#"{"capability":"refund","amount":{"value":"4629.63","currency":"EUR"},"confidence":0.9,"reversible":false,"blast_radius":1}"#.utf8)))
        #expect(rows.classes[p.classIndex].label == "refund")
        #expect(p.numbers[.amount] == ExactDecimal(parsing: "5000.0004"))
        #expect(p.numbers[.confidence] == ExactDecimal(parsing: "0.9"))
        #expect(rows.classes[p.classIndex].rows[p.row].cells[1] == "over 5000 and under 10000")
        let bare = try #require(rows.locate(json: Array(#"{"capability":"refund"}"#.utf8)))
        #expect(bare.numbers.isEmpty)
        #expect(rows.classes[bare.classIndex].rows[bare.row].cells[1] == "missing")
    }

    @Test("an invalid action lies in no row", arguments: [
        #"{"capability":"refund","amount":-1}"#, #"{"amount":5}"#, #"{"capability":"refund","amount":"5000.00"}"#, "not json",
    ])
    func invalid(json: String) throws {
        #expect(try Self.rows("payments").0.locate(json: Array(json.utf8)) == nil)
    }
}
