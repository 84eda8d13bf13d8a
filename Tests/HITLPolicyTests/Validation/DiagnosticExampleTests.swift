import Testing
@testable import HITLPolicy

@Suite("Every diagnostic code carries working examples")
struct DiagnosticExampleTests {
    static let withExamples = DiagnosticCode.all.filter { $0.example != nil }

    @Test("codes are unique and documented")
    func registry() {
        #expect(Set(DiagnosticCode.all.map(\.id)).count == DiagnosticCode.all.count)
        #expect(Set(DiagnosticCode.all.map(\.name)).count == DiagnosticCode.all.count)
        for code in DiagnosticCode.all {
            #expect(code.example != nil || code.trigger != nil, "\(code.id) has neither an example nor a trigger")
        }
    }

    @Test("the triggering example produces the code", arguments: withExamples)
    func triggering(code: DiagnosticCode) throws {
        let example = try #require(code.example)
        let found = lintText(example.triggering, table: true)
        #expect(found.contains { $0.code == code }, "\(code.id) \(code.name) not produced; got \(found.map { "\($0.code.id): \($0.message)" })")
    }

    @Test("the passing example does not produce it", arguments: withExamples)
    func passing(code: DiagnosticCode) throws {
        let example = try #require(code.example)
        let found = lintText(example.passing, table: true)
        #expect(!found.contains { $0.code == code }, "\(code.id) still produced: \(found.filter { $0.code == code }.map(\.message))")
        #expect(!found.contains { $0.severity == .error }, "passing example of \(code.id) has errors: \(found.map(\.message))")
    }

    @Test("docs/diagnostics.md is generated from the registry")
    func docsAreCurrent() {
        Golden.check(DiagnosticsDoc.render(), against: "docs/diagnostics.md")
    }
}

extension DiagnosticCode: CustomTestStringConvertible {
    public var testDescription: String { "\(id) \(name)" }
}
