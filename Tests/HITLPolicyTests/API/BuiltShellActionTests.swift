import Testing
@testable import HITLPolicy

/// Actions built in Swift meet `{shell: [...]}` conditions as their JSON lines do: a
/// command is split once, a number or a missing attribute meets every prefix.
@Suite("Built actions and shell conditions")
struct BuiltShellActionTests {
    @Test func builtActionsDecideAsTheirLines() throws {
        let policy = try TypedDecisionTests.policy("fixtures/policies/shell.yaml")
        let cases: [(Action, String)] = [
            (Action(capability: "Bash", attributes: ["command": .string("ls -la")]),
             #"{"capability":"Bash","attributes":{"command":"ls -la"}}"#),
            (Action(capability: "Bash", attributes: ["command": .string("cd x && git push -f")]),
             #"{"capability":"Bash","attributes":{"command":"cd x && git push -f"}}"#),
            (Action(capability: "Bash", attributes: ["command": .string("git push origin")]),
             #"{"capability":"Bash","attributes":{"command":"git push origin"}}"#),
            (Action(capability: "Bash", attributes: ["command": .string("git push")]),
             #"{"capability":"Bash","attributes":{"command":"git push"}}"#),
            (Action(capability: "Bash", attributes: ["command": .number(ExactDecimal(42))]),
             #"{"capability":"Bash","attributes":{"command":42}}"#),
            (Action(capability: "Bash", attributes: ["other": .string("x")]),
             #"{"capability":"Bash","attributes":{"other":"x"}}"#),
            (Action(capability: "Bash"), #"{"capability":"Bash"}"#),
            (Action(capability: "Bash", attributes: ["command": .string("echo 'open")]),
             #"{"capability":"Bash","attributes":{"command":"echo 'open"}}"#),
        ]
        var outcomes: [Decision.Outcome] = []
        for (built, line) in cases {
            let b = policy.decide(built)
            let p = policy.decide(Action(json: line))
            #expect(b.outcome == p.outcome, "\(line)")
            #expect(b.json == p.json, "\(b.json)\n\(p.json)")
            outcomes.append(b.outcome)
        }
        #expect(outcomes == [.autonomous, .disabled, .approval, .approval, .disabled, .disabled, .disabled, .disabled])
    }
}
