import Foundation
import Testing
@testable import HITLPolicy

/// What a decision echoes of its action: ids as written, escaped amount strings decoded,
/// null fields named in `assumed`, and numbers of any size shown in bounded text.
@Suite("Evaluator echoes")
struct EvaluatorEchoTests {
    static func decide(_ line: String, policy: String = "policies/payments.yaml", explain: Bool = false) throws -> String {
        try TableGoldenTests.eval(try TableGoldenTests.table(policy), line, explain: explain)
    }

    static func object(_ decision: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(decision.utf8)) as? [String: Any])
    }

    /// Issue 14.11: the id is echoed as its JSON text, so two different ids never share an
    /// echo (both lone surrogates used to become U+FFFD).
    @Test func idIsEchoedAsWritten() throws {
        let ids = [#""\ud800""#, #""\udc00""#, #""a\u0041""#, #""\/x""#, #""é""#, "17", "1.50", "-0"]
        for id in ids {
            let valid = try Self.decide("{\"id\":\(id),\"capability\":\"refund\",\"amount\":1}")
            #expect(valid.hasPrefix("{\"id\":\(id),\"capability\""), "\(valid)")
            let invalid = try Self.decide("{\"id\":\(id),\"capability\":\"refund\",\"amount\":-1}")
            #expect(invalid.hasPrefix("{\"id\":\(id),\"line\":1,"), "\(invalid)")
        }
    }

    /// Issue 14.10: a JSON string's value is its unescaped text, so `"\u0035"` is 5.
    @Test func escapedAmountStringIsItsText() throws {
        let five = try Self.object(Self.decide(#"{"capability":"refund","amount":{"value":"\u0035","currency":"USD"},"confidence":0.99,"reversible":true,"blast_radius":1}"#))
        #expect(five["decision"] as? String == "autonomous")
        let over = try Self.decide(#"{"capability":"refund","amount":{"value":"\u0035000.5","currency":"USD"}}"#)
        #expect(over.contains(#""detail":"amount 5000.5 USD over 5000""#), "\(over)")
        let euros = try Self.decide(#"{"capability":"refund","amount":{"value":"1\u0030","currency":"EUR"}}"#)
        #expect(euros.contains(#""detail":"amount 10.8 USD over"#) || !euros.contains("invalid"), "\(euros)")
        let bad = try Self.object(Self.decide(#"{"capability":"refund","amount":{"value":"\u0035x","currency":"USD"}}"#))
        #expect(bad["decision"] as? String == "invalid")
        let negative = try Self.decide(#"{"capability":"refund","amount":{"value":"\u002d5","currency":"USD"}}"#)
        #expect(negative.contains("must not be negative (-5)"), "\(negative)")
    }

    /// Issue 14.12: `null` for an optional field is absent, fails closed, and `assumed`
    /// names the field.
    @Test func nullFieldsAreAssumed() throws {
        let d = try Self.object(Self.decide(#"{"capability":"refund","amount":null,"confidence":null,"blast_radius":null,"reversible":null,"tags":null,"attributes":null}"#))
        #expect(d["decision"] as? String == "disabled")
        let assumed = (d["assumed"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
        #expect(assumed == ["amount", "confidence", "blast_radius", "reversible", "tags"])
        for attributes in ["null", #"{"drug":null}"#, #"{"drug":{"class":null}}"#] {
            let h = try Self.object(Self.decide("{\"capability\":\"order.medication\",\"attributes\":\(attributes)}", policy: "policies/healthcare.yaml"))
            let fields = (h["assumed"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(fields.contains("attributes.drug.class"), "\(attributes): \(h)")
        }
    }

    /// Issue 14.6: an amount of any size is decided exactly but shown in bounded text, in
    /// band details and in `--explain`, in the policy currency and converted.
    @Test(arguments: [
        #"{"capability":"refund","amount":1e99999}"#,
        #"{"capability":"refund","amount":{"value":1e99999,"currency":"EUR"}}"#,
        #"{"capability":"refund","amount":{"value":"1e99999","currency":"GBP"}}"#,
        #"{"capability":"refund","amount":{"value":1e-99999,"currency":"JPY"}}"#,
        #"{"capability":"refund","confidence":1e-99999,"blast_radius":1e99999}"#,
        #"{"capability":"refund","confidence":1e99999}"#,
        #"{"capability":"refund","blast_radius":1e-99999}"#,
    ])
    func hugeNumbersHaveBoundedText(_ line: String) throws {
        for explain in [false, true] {
            let d = try Self.decide(line, explain: explain)
            #expect(d.utf8.count < 20_000, "\(d.utf8.count) bytes")
            #expect(try Self.object(d)["decision"] != nil)
        }
    }

    @Test func boundedTextIsExactOrSaysItIsCut() throws {
        let eur = try Self.decide(#"{"capability":"refund","amount":{"value":1e99999,"currency":"EUR"}}"#)
        #expect(eur.contains(#""detail":"amount 1.08e+99999 USD over 100000""#), "\(eur)")
        #expect(eur.contains(#""decision":"disabled""#))
        let tiny = try Self.decide(#"{"capability":"refund","amount":{"value":1e-99999,"currency":"JPY"}}"#, explain: true)
        #expect(tiny.contains("amount 6.7e-100002 USD"), "\(tiny)")
        let long = String(repeating: "7", count: 100)
        let cut = try Self.decide("{\"capability\":\"refund\",\"amount\":{\"value\":\(long),\"currency\":\"EUR\"}}")
        // 100 sevens × 1.08: more than 64 significant digits; the first 64 shown, then an ellipsis.
        let exact = try #require(ExactDecimal(utf8: ArraySlice(long.utf8))) * (try #require(ExactDecimal(utf8: ArraySlice("1.08".utf8))))
        #expect(exact.digits.count > 64)
        let shown = String(exact.digits.prefix(64).map { Character(Unicode.Scalar($0 + 0x30)) })
        let expected = "amount \(shown.prefix(1)).\(shown.dropFirst())…e+\(exact.digits.count - 1 + exact.exponent) USD over 100000"
        #expect(cut.contains(expected), "\(cut)")
        // Ordinary values keep their usual text.
        let plain = try Self.decide(#"{"capability":"refund","amount":{"value":"6200.00","currency":"EUR"}}"#)
        #expect(plain.contains("amount 6696 USD over 5000"))
    }
}
