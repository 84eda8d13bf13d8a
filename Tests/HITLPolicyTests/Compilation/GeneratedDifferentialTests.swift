import Foundation
import Testing
@testable import HITLPolicy

/// The diagram built from many independent rules still agrees with the reference
/// interpreter, reasons included.
@Suite struct GeneratedDifferentialTests {
    @Test(arguments: ["tags", "attributes", "panels"])
    func agreesWithReference(_ kind: String) throws {
        let text = switch kind {
        case "tags": try GeneratedPolicies.tagRules(30)
        case "attributes": try GeneratedPolicies.attributeRules(60, values: 10)
        default: try GeneratedPolicies.panelRules(6)
        }
        let policy = try GeneratedPolicies.policy(text)
        let table = try TableCompiler.compile(policy, digest: "")
        let evaluator = Evaluator(table: table)
        var gen = ActionGenerator(policy: policy, seed: 0xd1a9 ^ UInt64(kind.utf8.count))
        var failures = 0
        var out: [UInt8] = []
        for n in 1...5_000 {
            let (line, action) = gen.next()
            out.removeAll(keepingCapacity: true)
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { _ = evaluator.evaluate(line: $0, number: n, into: &out) }
            let got = try DifferentialTests.decode(out)
            let want = ReferenceInterpreter.decide(policy, action)
            if got != want {
                failures += 1
                if failures <= 3 { Issue.record("\(kind) line \(n): \(line)\n  table:     \(got)\n  reference: \(want)") }
            }
        }
        #expect(failures == 0)
    }
}
