import ArgumentParser
import HITLPolicy

/// `hitl-policy schema`: prints the JSON Schema of the policy file for editors (hidden: the
/// committed schema/hitl-policy.schema.json is what users point their editor at; this
/// regenerates it, and a test checks the committed copy is current).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of the policy file.",
        discussion: "Regenerate the committed copy with: hitl-policy schema > schema/hitl-policy.schema.json",
        shouldDisplay: false
    )

    func run() throws {
        Terminal.write(PolicySchema.jsonSchema(), exitOnFailure: 2)
    }
}
