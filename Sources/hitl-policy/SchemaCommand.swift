import ArgumentParser
import HITLPolicy

/// `hitl-policy schema`: prints the JSON Schema of the policy file (or, with `--test-file`,
/// of the test file) for editors (hidden: the committed files under schema/ are what users
/// point their editor at; this regenerates them, and a test checks the committed copies are
/// current).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of the policy file or the test file.",
        discussion: """
            Regenerate the committed copies with: hitl-policy schema > schema/hitl-policy.schema.json
            and hitl-policy schema --test-file > schema/hitl-policy-test.schema.json
            """,
        shouldDisplay: false
    )

    @Flag(help: "The schema of test files (*.test.yaml) instead of policies.")
    var testFile = false

    func run() throws {
        Terminal.write(PolicyTools.schema(testFile: testFile), exitOnFailure: 2)
    }
}
