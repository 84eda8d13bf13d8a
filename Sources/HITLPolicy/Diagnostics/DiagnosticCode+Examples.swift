/// A triggering and a non-triggering policy for a diagnostic code (SwiftLint's habit): the
/// test suite runs every pair, and `docs/diagnostics.md` is generated from them.
package struct DiagnosticExample: Sendable {
    /// A policy that produces the code.
    package var triggering: String
    /// The same policy corrected: it does not produce the code.
    package var passing: String
}

extension DiagnosticCode {
    private static let head = "version: 1\nname: demo\n"
    private static let ladder = "tiers:\n  - name: team\n    approvers: [leads]\n    sla: 1h\n"

    /// Examples for every code that a short policy can show; the size and depth limits are
    /// described in prose instead (their tests generate the large inputs).
    package var example: DiagnosticExample? {
        let h = Self.head, t = Self.ladder
        func ex(_ a: String, _ b: String) -> DiagnosticExample { DiagnosticExample(triggering: a, passing: b) }
        switch name {
        case "yaml-syntax": return ex(h + "capabilities:\n  read: [autonomous\n", h + "capabilities:\n  read: autonomous\n")
        case "duplicate-key": return ex(h + "capabilities:\n  read: autonomous\n  read: disabled\n", h + "capabilities:\n  read: autonomous\n")
        case "multiple-documents": return ex(h + "---\n" + h, h)
        case "unsupported-tag": return ex(h + "capabilities:\n  read: !stage autonomous\n", h + "capabilities:\n  read: autonomous\n")
        case "empty-document": return ex("# nothing yet\n", h)
        case "non-scalar-key": return ex(h + "capabilities:\n  ? [read, list]\n  : autonomous\n", h + "capabilities:\n  read: autonomous\n  list: autonomous\n")
        case "unknown-field": return ex(h + t + "capabilities:\n  refund:\n    stage: approval\n    tierr: team\n", h + t + "capabilities:\n  refund:\n    stage: approval\n    tier: team\n")
        case "wrong-type": return ex(h + t + "capabilities:\n  refund:\n    stage: autonomous\n    review: yes\n", h + t + "capabilities:\n  refund:\n    stage: autonomous\n    review: true\n")
        case "missing-field": return ex("version: 1\ncapabilities: {}\n", h + "capabilities: {}\n")
        case "unknown-version": return ex("version: 2\nname: demo\n", h)
        case "invalid-name": return ex("version: 1\nname: my policy\n", "version: 1\nname: my-policy\n")
        case "invalid-value": return ex(h + "capabilities:\n  read_file: no\n", h + "capabilities:\n  read_file: disabled\n")
        case "invalid-duration": return ex(h + "defaults:\n  sla: 30\n" + t, h + "defaults:\n  sla: 30m\n" + t)
        case "invalid-number": return ex(h + t + "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 0x10\n        tier: team\n",
                                         h + t + "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 16\n        tier: team\n")
        case "invalid-currency": return ex(h + "currency: usd\n", h + "currency: USD\n")
        case "empty-list": return ex(h + "tiers:\n  - name: team\n    approvers: []\n    sla: 1h\n", h + t)
        case "invalid-pattern": return ex(h + "capabilities:\n  \"*.delete\": disabled\n", h + "capabilities:\n  delete.*: disabled\n")
        case "duplicate-name": return ex(h + t + "specialists:\n  team:\n    approvers: [dpo]\n    sla: 1h\n", h + t + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 1h\n")
        case "duplicate-rule-id":
            let r = "  - id: a\n    when: {tags: [x]}\n    stage: disabled\n"
            return ex(h + "compliance:\n" + r + r, h + "compliance:\n" + r + r.replacing("id: a", with: "id: b"))
        case "invalid-quorum": return ex(h + "tiers:\n  - name: exec\n    approvers: [cfo, cto]\n    quorum: 3\n    sla: 1h\n",
                                         h + "tiers:\n  - name: exec\n    approvers: [cfo, cto]\n    quorum: all\n    sla: 1h\n")
        case "invalid-group": return ex(h + "tiers:\n  - name: finance\n    approvers: \"@finance managers\"\n    quorum: 2\n    sla: 1h\n",
                                        h + "tiers:\n  - name: finance\n    approvers: \"@finance-managers\"\n    quorum: 2\n    sla: 1h\n")
        case "invalid-capacity": return ex(h + "tiers:\n  - name: team\n    approvers: [leads]\n    sla: 1h\n    capacity: 0/day\n",
                                           h + "tiers:\n  - name: team\n    approvers: [leads]\n    sla: 1h\n    capacity: 120/day\n")
        case "undefined-tier": return ex(h + t + "capabilities:\n  refund:\n    stage: approval\n    tier: lead\n", h + t + "capabilities:\n  refund:\n    stage: approval\n    tier: team\n")
        case "undefined-specialist": return ex(h + "compliance:\n  - id: pii\n    when: {tags: [pii]}\n    specialists: [privacy]\n",
                                               h + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 8h\ncompliance:\n  - id: pii\n    when: {tags: [pii]}\n    specialists: [privacy]\n")
        case "no-tiers": return ex(h + "capabilities:\n  refund: approval\n", h + t + "capabilities:\n  refund: approval\n")
        case "missing-currency":
            let c = "capabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 100\n        tier: team\n"
            return ex(h + t + c, h + t + "currency: USD\n" + c)
        case "tier-without-approval": return ex(h + t + "capabilities:\n  refund:\n    stage: autonomous\n    tier: team\n", h + t + "capabilities:\n  refund:\n    stage: approval\n    tier: team\n")
        case "escalating-top-tier": return ex(h + t + "    on_timeout: escalate\n", h + t + "    on_timeout: reject\n")
        case "invalid-band":
            let c = "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - %@: 100\n        tier: team\n"
            return ex(h + t + c.replacing("%@", with: "below"), h + t + c.replacing("%@", with: "over"))
        case "bands-out-of-order":
            let c = "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: A\n        tier: team\n      - over: B\n        stage: disabled\n"
            return ex(h + t + c.replacing("over: A", with: "over: 5000").replacing("over: B", with: "over: 100"), h + t + c.replacing("over: A", with: "over: 100").replacing("over: B", with: "over: 5000"))
        case "threshold-out-of-range":
            let c = "capabilities:\n  refund:\n    stage: autonomous\n    confidence:\n      - below: V\n        tier: team\n"
            return ex(h + t + c.replacing("below: V", with: "below: 85"), h + t + c.replacing("below: V", with: "below: 0.85"))
        case "rule-without-effect": return ex(h + t + "compliance:\n  - id: r\n    when: {tags: [x]}\n", h + t + "compliance:\n  - id: r\n    when: {tags: [x]}\n    tier: team\n")
        case "empty-when": return ex(h + t + "compliance:\n  - id: r\n    when: {}\n    tier: team\n", h + t + "compliance:\n  - id: r\n    when: {capability: \"*\"}\n    tier: team\n")
        case "unknown-condition": return ex(h + t + "compliance:\n  - id: r\n    when: {capabilty: deploy}\n    tier: team\n", h + t + "compliance:\n  - id: r\n    when: {capability: deploy}\n    tier: team\n")
        case "invalid-bounds": return ex(h + t + "currency: USD\ncompliance:\n  - id: r\n    when: {amount: {over: 1, at_least: 2}}\n    tier: team\n",
                                         h + t + "currency: USD\ncompliance:\n  - id: r\n    when: {amount: {over: 1, at_most: 2}}\n    tier: team\n")
        case "ineffective-band":
            let c = "currency: USD\ncapabilities:\n  refund:\n    stage: autonomous\n    spend:\n      - over: 100\n        tier: team\n      - over: 500\n        EFFECT\n"
            return ex(h + t + c.replacing("EFFECT", with: "tier: team"), h + t + c.replacing("EFFECT", with: "stage: disabled"))
        case "ineffective-rule": return ex(h + t + "capabilities:\n  wipe: disabled\ncompliance:\n  - id: r\n    when: {capability: wipe}\n    tier: team\n",
                                           h + t + "capabilities:\n  wipe: approval\ncompliance:\n  - id: r\n    when: {capability: wipe, tags: [prod]}\n    stage: disabled\n")
        case "contradictory-bounds": return ex(h + t + "currency: USD\ncompliance:\n  - id: r\n    when: {amount: {over: 500, under: 100}}\n    tier: team\n",
                                               h + t + "currency: USD\ncompliance:\n  - id: r\n    when: {amount: {over: 100, under: 500}}\n    tier: team\n")
        case "unused-tier": return ex(h + t + "capabilities:\n  read: autonomous\n", h + t + "capabilities:\n  refund: approval\n")
        case "unused-specialist": return ex(h + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 8h\n",
                                            h + "specialists:\n  privacy:\n    approvers: [dpo]\n    sla: 8h\ncompliance:\n  - id: pii\n    when: {tags: [pii]}\n    specialists: [privacy]\n")
        case "autonomous-default": return ex(h + "defaults:\n  stage: autonomous\n", h + "defaults:\n  stage: disabled\n")
        case "missing-sla": return ex(h + "tiers:\n  - name: team\n    approvers: [leads]\ncapabilities:\n  refund: approval\n",
                                      h + "tiers:\n  - name: team\n    approvers: [leads]\n    sla: 4h\ncapabilities:\n  refund: approval\n")
        case "ineffective-setting": return ex(h + t + "capabilities:\n  deploy:\n    stage: approval\n    review: true\n", h + t + "capabilities:\n  deploy:\n    stage: approval\n")
        case "fires-on-missing-data":
            return ex(h + t + "capabilities:\n  deploy:\n    stage: autonomous\n    blast_radius:\n      - over: 100\n        tier: team\n",
                      h + t + "capabilities:\n  deploy:\n    stage: autonomous\ncompliance:\n  - id: big\n    when: {tags: [bulk]}\n    tier: team\n")
        case "autonomy-needs-data":
            let c = "currency: USD\ncapabilities:\n  deploy: autonomous\n  transfer: autonomous\ncompliance:\n  - id: large-transfers\n    when: {SCOPEamount: {over: 10000}}\n    tier: team\n"
            return ex(h + t + c.replacing("SCOPE", with: ""), h + t + c.replacing("SCOPE", with: "capability: transfer, "))
        case "unlisted-tool-capability":
            let tools = "tools:\n  mcp__stripe__create_refund:\n    capability: refunds\n    amount: amount\n"
            return ex(h + "capabilities:\n  refund: approval\n" + t + tools,
                      h + "capabilities:\n  refund: approval\n" + t + tools.replacing("refunds", with: "refund"))
        case "unmapped-shell-attribute":
            let c = "capabilities:\n  Bash: autonomous\ncompliance:\n  - id: no-force-push\n    when:\n      capability: Bash\n      attributes: {command: {shell: [\"git push --force\"]}}\n    stage: disabled\n"
            return ex(h + c + "tools:\n  Bash:\n    attributes: {cmd: command}\n", h + c + "tools:\n  Bash:\n    attributes: {command: command}\n")
        case "invalid-suppression": return ex(h + "x-lint: {disable: [autonomous-defualt]}\ndefaults:\n  stage: autonomous\n",
                                              h + "x-lint: {disable: [autonomous-default]}\ndefaults:\n  stage: autonomous\n")
        case "unused-suppression": return ex(h + "x-lint: {disable: [autonomous-default]}\ndefaults:\n  stage: disabled\n", h + "defaults:\n  stage: disabled\n")
        default: return nil
        }
    }

    /// For codes without an example: what input produces them.
    package var trigger: String? {
        switch name {
        case "invalid-encoding": "a file that is not UTF-8 text (binary data, Latin-1, control characters)"
        case "alias-budget": "aliases that together expand to more than \(SyntaxLimits.maxAliasExpansion) nodes (a \"billion laughs\" alias bomb)"
        case "nesting-too-deep": "mappings or lists nested more than \(SyntaxLimits.maxDepth) levels deep"
        case "table-too-large": "compliance rules whose effects differ and whose conditions are independent, so that every combination of them is a different decision: for example 22 rules `when: {tags: [tK]}`, each adding its own specialist panel, make 2^22 decisions, more than the \(TableCompiler.maxDecisions) distinct decisions (and \(TableCompiler.maxNodes) nodes) a table holds (`lint` compiles the policy to find out)"
        case "file-too-large": "a file larger than \(SyntaxLimits.maxFileBytes) bytes"
        case "scalar-too-long": "a single key or value longer than \(SyntaxLimits.maxScalarBytes) bytes"
        case "skipped-file": "a `*.yaml` or `*.yml` entry in a folder given to `lint` that is not a regular file (a FIFO, socket or device), a symlink that leads nowhere, into a loop or outside the folder given (not followed); name such a file on the command line to read it anyway. It is a warning instead (so `--strict` fails) when the entry may hold something to check and could not be read: a name that is not UTF-8, a folder more than \(PolicyFiles.maxWalkDepth) levels down, a folder that cannot be read, an entry that cannot be examined"
        case "test-policy-missing": "a test file whose `policy:` names a file that does not exist or cannot be read (the path is relative to the test file), or that it may not read: an absolute path, a path outside the folder being tested (by its spelling, or through a symlink), something other than a regular file (a FIFO, a device, a folder), or a file that is not a policy (neither a YAML mapping with `version` nor a compiled table; nothing of it is shown)"
        case "unknown-fixture": "a case whose `use:` names no entry of the file's `fixtures:` (with a \"did you mean\" when one is close)"
        case "impossible-expectation": "an `expect` the policy can never produce: an unknown `decision`, a `tier`, `specialists` or `approvals` name the policy does not define, a `reasons` rule path it does not have, `errors` on a decision other than `invalid`"
        case "invalid-test-action": "an action value with no exact JSON form: a YAML number written as hex, octal, `.inf` or `.nan`, or a non-string key; quote it, or write a decimal"
        case "too-many-cases": "a `matrix` whose combinations exceed \(TestFileFields.maxMatrixCases), or a file whose cases exceed \(TestFileFields.maxCases) after expansion"
        default: nil
        }
    }
}
