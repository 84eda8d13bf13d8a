import Testing
@testable import HITLPolicy

/// One rule names the capability standing for a class of names, in diff witnesses and in
/// policy tests' coverage and generated cases: the most natural name no other class claims.
@Suite("Witness names")
struct ExampleNameTests {
    static func name(_ exact: [String], _ prefixes: [String], _ isExact: Bool, _ key: String) -> String {
        let pattern: CapabilityPattern = isExact ? .exact(key) : .prefix(key)
        return pattern.exampleName(exactNames: Set(exact.map(ByteName.init)), prefixes: prefixes)
    }

    @Test(arguments: [
        // (exact names, prefixes, the key: exact?, its name or prefix, the witness name)
        ([String](), ["github."], false, "github.", "github.example"),
        ([], ["github."], false, "", "example"),
        (["refund"], [], true, "refund", "refund"),
        (["github.example"], ["github."], false, "github.", "github.x-example"),
        ([], ["github.", "github.e"], false, "github.", "github.x-example"),
        (["github.x-example"], ["github.", "github.ex"], false, "github.", "github.y-example"),
        (["example"], [], false, "", "x-example"),
        ([], ["github.", "x"], false, "", "example"),
        ([], ["e", "x", "y", "z"], false, "", "a-example"),
    ])
    func names(_ c: ([String], [String], Bool, String, String)) {
        #expect(Self.name(c.0, c.1, c.2, c.3) == c.4)
    }

    /// A name is always found, however many candidates the policy claims.
    @Test func alwaysFound() {
        let letters = "xyzabcdefghijklmnopqrstuvw0123456789".map { String($0) }
        let name = Self.name(letters.map { "p.\($0)-example" } + ["p.example"], ["p."], false, "p.")
        #expect(name == "p.\u{100}-example")
    }

    /// Coverage and generated tests use the rule over the policy's own classes.
    @Test func policyRowsUseIt() throws {
        let yaml = ClassSharingTests.header + """
            capabilities:
              github.*: {stage: approval}
              github.example: {stage: autonomous}

            """
        let loaded = CompiledPolicy.compile(yaml: Array(yaml.utf8), file: "w.yaml")
        let rows = PolicyRows(try #require(loaded.policy, "\(loaded.diagnostics.map(\.message))"))
        let names = rows.classes.map { ($0.label, $0.rows.first?.witness ?? "none") }
        #expect(names.map(\.0) == ["github.example", "github.*", "(any other capability)"])
        #expect(names.map(\.1) == ["{\"capability\":\"github.example\"}", "{\"capability\":\"github.x-example\"}", "{\"capability\":\"example\"}"])
    }
}
