import Foundation
import Testing
@testable import HITLPolicy

/// README's "Embedding" example is this target's `EmbeddingExample.swift`, compiled and run.
@Suite("README embedding example")
struct EmbeddingExampleTests {
    @Test func readmeShowsTheCompiledExample() throws {
        let readme = String(decoding: try Repo.bytes("README.md"), as: UTF8.self)
        let example = String(decoding: try Repo.bytes("Tests/HITLPolicyTests/API/EmbeddingExample.swift"), as: UTF8.self)
        let section = try #require(readme.range(of: "## Embedding"), "README has no Embedding section")
        #expect(readme[section.upperBound...].contains("```swift\n" + example + "```"), "README's example differs from EmbeddingExample.swift")
    }

    @Test func exampleDecidesAsEval() throws {
        let path = Repo.url("policies/payments.yaml").path
        let line = decideRefund(policyPath: path)
        let table = try #require(PolicyCompilation.compile(try Repo.bytes("policies/payments.yaml"), file: path).table)
        let want = try TableGoldenTests.eval(table, #"{"id":"a-17","capability":"refund","amount":{"value":"6200","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}"#)
        #expect(line + "\n" == want)
        #expect(line.contains(#""decision":"approval""#))
    }
}
