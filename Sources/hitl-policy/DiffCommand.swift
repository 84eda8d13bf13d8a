import ArgumentParser
import HITLPolicy

/// `hitl-policy diff OLD NEW` and `hitl-policy diff --git REV POLICY`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a policy by meaning: every region of actions decided differently.",
        discussion: """
            OLD and NEW are YAML policies or compiled tables. `REV:PATH` (when no such file exists) reads \
            PATH as it is at git revision REV; `--git REV POLICY` compares POLICY with its version at REV.
            Exit status: 0 compared (and --fail-on not met), 1 --fail-on met, 2 usage, I/O error or an \
            invalid policy.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case loosened, any }

    @Argument(help: "OLD NEW, or one POLICY with --git.")
    var policies: [String]

    @Option(help: "Compare POLICY with its version at this git revision (e.g. origin/main).")
    var git: String?

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: "Exit 1 when oversight is weakened: a loosened or changed region, or a loosened approver change (loosened); or when anything changed (any).")
    var failOn: FailOn?

    @Flag(help: "Colour the text format even when standard output is not a terminal.")
    var color = false

    func validate() throws {
        if git != nil, policies.count != 1 { throw ValidationError("with --git, give exactly one policy") }
        if git == nil, policies.count != 2 { throw ValidationError("give two policies: OLD NEW (or --git REV POLICY)") }
    }

    func run() throws {
        let old: DecisionTable, new: DecisionTable
        if let git {
            old = Self.loadGit(revision: git, path: policies[0])
            new = PolicyInput.load(policies[0], allowTable: true, invalidStatus: 2, diagrams: false)
        } else {
            old = Self.load(policies[0])
            new = Self.load(policies[1])
        }
        let report: DiffReport
        do throws(TableTooLarge) {
            report = try PolicyDiff.diff(old: old, new: new)
        } catch {
            Terminal.fail("the two policies combine into more than \(TableCompiler.maxNodes) diagram nodes")
        }
        switch format {
        case .text: Terminal.write(DiffTextReporter(color: color || Terminal.stdoutWantsColor).render(report))
        case .json: Terminal.write(DiffJSONReporter.render(report))
        case .markdown: Terminal.write(DiffMarkdownReporter.render(report))
        }
        switch failOn {
        case .loosened? where report.weakened: Terminal.exit(1)
        case .any? where !report.isEmpty: Terminal.exit(1)
        default: Terminal.exit(0)
        }
    }

    /// A file, or `REV:PATH` from git when no file has that name.
    static func load(_ argument: String) -> DecisionTable {
        if !PolicyFiles.exists(argument), let colon = argument.firstIndex(of: ":"), colon != argument.startIndex {
            return loadGit(revision: String(argument[..<colon]), path: String(argument[argument.index(after: colon)...]))
        }
        return PolicyInput.load(argument, allowTable: true, invalidStatus: 2, diagrams: false)
    }

    static func loadGit(revision: String, path: String) -> DecisionTable {
        let bytes = GitSource.read(revision: revision, path: path)
        return PolicyInput.load(bytes: bytes, label: "\(revision):\(path)", allowTable: true, invalidStatus: 2, diagrams: false)
    }
}
