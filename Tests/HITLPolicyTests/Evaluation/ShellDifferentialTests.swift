import Testing
@testable import HITLPolicy

/// `{shell: [...]}` conditions: the compiled table against the reference interpreter, which
/// splits each command with `ShellCommandLine` and checks every rule directly. Commands are
/// drawn from the splitter's corpus and from the policies' own prefixes (quoted, cut short,
/// extended, nested in `$( )`, after wrappers, joined by every list operator); some values
/// are listed literals, other strings, numbers, or missing.
@Suite("Shell conditions: table against reference")
struct ShellDifferentialTests {
    static let head = """
        version: 1
        name: shells
        capabilities:
          Bash: autonomous
          deploy: approval
        tiers:
          - name: team
            approvers: [leads]
            sla: 1h
          - name: lead
            approvers: [heads]
            sla: 1h
        specialists:
          security:
            approvers: [sec]
            sla: 1h
        compliance:

        """

    static let policies: [(String, String)] = [
        ("nested prefixes", """
          - id: pushes
            when: {capability: Bash, attributes: {command: {shell: ["git push"]}}}
            stage: approval
          - id: force
            when: {attributes: {command: {shell: ["git push --force", "git push -f", "sudo git push"]}}}
            stage: disabled
          - id: removals
            when: {attributes: {command: {shell: [rm, "rm -rf", "/bin/rm"]}}}
            tier: lead
            stage: approval
        """),
        ("shells and values on one path", """
          - id: deploy-script
            when: {attributes: {command: ["./deploy.sh prod", "git push", "rm -rf /", true, 3]}}
            specialists: [security]
          - id: pushes
            when: {attributes: {command: {shell: ["git push", "./deploy.sh"]}}}
            tier: team
            stage: approval
          - id: curl
            when: {tags: {any: [net]}, attributes: {command: {shell: [curl, wget]}}}
            review: true
        """),
        ("two paths and other conditions", """
          - id: both
            when: {attributes: {command: {shell: [git, "git push"]}, script: {shell: ["rm -rf", "dd"]}}}
            stage: disabled
          - id: script-only
            when: {reversible: false, attributes: {script: {shell: [curl, "echo"]}, env: [prod]}}
            tier: lead
            stage: approval
          - id: env
            when: {attributes: {env: prod, command: {shell: ["kubectl apply", "kubectl delete"]}}}
            specialists: [security]
        """),
    ]

    @Test(arguments: policies.map(\.0))
    func tableAgreesWithReference(_ name: String) throws {
        let body = try #require(Self.policies.first { $0.0 == name }).1
        let yaml = Self.head + body + "\n"
        #expect(lintText(yaml).filter { $0.severity == .error }.isEmpty, "\(lintText(yaml).map(\.message))")
        try DifferentialTests.compare(Array(yaml.utf8), file: "shells.yaml", actions: 3_000, seed: 0x5e11 ^ UInt64(name.utf8.count))
    }
}
