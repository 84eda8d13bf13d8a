#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import HITLPolicy

/// `hitl-policy diff OLD NEW` and `hitl-policy diff --git REV POLICY`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a policy by meaning: every region of actions decided differently.",
        usage: """
            hitl-policy diff OLD NEW [options]
            hitl-policy diff --git REV POLICY [options]
            """,
        discussion: """
            OLD and NEW are YAML policies or compiled tables (one of them may be -, standard input). `REV:PATH` (when no such file exists) reads \
            PATH as it is at git revision REV; `--git REV POLICY` compares POLICY with its version at REV. \
            A path absent at REV is an empty policy (every capability disabled), so a new file reads as "new policy: enables CAPABILITY", one group per capability.
            Exit status: 0 compared (and --fail-on not met), 1 --fail-on met, 2 usage, I/O error or an \
            invalid policy.
            """ + HelpExamples.section(HelpExamples.diff)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case loosened, any }

    @Argument(help: ArgumentHelp("The old policy (or, with --git, the one POLICY); - reads standard input.", valueName: "old"),
              completion: Completions.policyFiles)
    var old: String

    @Argument(help: ArgumentHelp("The new policy (not with --git).", valueName: "new"), completion: Completions.policyFiles)
    var new: String?

    /// OLD NEW, or the one POLICY of `--git`.
    var policies: [String] { [old] + (new.map { [$0] } ?? []) }

    @Option(help: ArgumentHelp("Compare POLICY with its version at this git revision (e.g. origin/main).", valueName: "rev"),
            completion: Completions.gitRevisions)
    var git: String?

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "Exit 1 when oversight is weakened: a loosened or changed region, or a loosened approver change (loosened); or when anything changed (any). A comma-separated list, or repeated: met when any is.",
        valueName: "loosened|any[,...]"), completion: .list(FailOnList.allValueStrings))
    var failOn: [FailOnList] = []

    @Flag(help: "List every changed region with its conditions, rules and witness (text and markdown); by default each group shows one entry per capability.")
    var regions = false

    @Option(help: "Colour text output: auto (a terminal without NO_COLOR), always or never.")
    var color: LintCommand.ColorMode = .auto

    @Option(help: ArgumentHelp("A JSON Lines log of actions (as eval reads; - for standard input): each group and region shows how many fall in it and their share of the log.", valueName: "log"), completion: .file())
    var traffic: String?

    /// One `--fail-on` value: `loosened`, `any`, or a comma-separated list of them.
    struct FailOnList: ExpressibleByArgument {
        var items: [FailOn]

        init?(argument: String) {
            var items: [FailOn] = []
            for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
                guard let f = FailOn(rawValue: String(part)) else { return nil }
                items.append(f)
            }
            self.items = items
        }

        static var allValueStrings: [String] { FailOn.allCases.map(\.rawValue) }
    }

    func validate() throws {
        if git != nil, policies.count != 1 { throw ValidationError("with --git, give exactly one policy") }
        if git == nil, policies.count != 2 { throw ValidationError("give two policies: OLD NEW (or --git REV POLICY)") }
        if git != nil, policies.first == "-" { throw ValidationError("with --git, POLICY is a file in the repository, not -") }
        if (policies + [traffic ?? ""]).count(where: { $0 == "-" }) > 1 {
            throw ValidationError("standard input (-) can be read only once: give the other policy or --traffic log as a file")
        }
    }

    func run() throws {
        // Only --traffic decides actions, which needs each table's decision diagrams.
        let decides = traffic != nil
        let sides: [Side]
        if let git {
            sides = [Self.loadGit(revision: git, path: policies[0], diagrams: decides),
                     .table(PolicyInput.load(policies[0], allowTable: true, invalidStatus: 2, diagrams: decides))]
        } else {
            sides = [Self.load(policies[0], diagrams: decides), Self.load(policies[1], diagrams: decides)]
        }
        let tables = sides.map { Self.table($0, otherSides: sides, diagrams: decides) }
        let (old, new) = (tables[0], tables[1])
        let report: DiffReport
        do throws(TableTooLarge) {
            let absent: DiffAbsentSide? = if case .absent = sides[0] { .old } else if case .absent = sides[1] { .new } else { nil }
            // The header names the files given, not the path stored inside a compiled table.
            let given = git.map { ["\($0):\(policies[0])", policies[0]] } ?? policies.map(PolicyFiles.label)
            report = try PolicyTools.diff(old: old, new: new, absent: absent, sources: (given[0], given[1]))
        } catch {
            Terminal.fail("the two policies combine into more than \(TableCompiler.maxNodes) diagram nodes")
        }
        var counts: DiffTraffic?
        if let traffic {
            var fd: Int32 = 0
            if traffic != "-" {
                fd = open(traffic, O_RDONLY)
                if fd < 0 { Terminal.fail("\(traffic): \(String(cString: strerror(errno)))") }
                var st = stat()
                if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { Terminal.fail("\(traffic): is a folder, not an actions file") }
            }
            counts = DiffTraffic.count(fd: fd, log: traffic == "-" ? "standard input" : traffic, report: report, old: old, new: new)
            if fd != 0 { close(fd) }
        }
        let met = failOn.flatMap(\.items).contains { f in
            switch f {
            case .loosened: report.weakened
            case .any: !report.isEmpty
            }
        }
        // A verdict that is met stands (1) even when the report cannot be written; any other
        // status would claim a report nobody received, so it becomes 2.
        let unwritten: Int32 = met ? 1 : 2
        switch format {
        case .text:
            let colored = color == .always || (color == .auto && Terminal.stdoutWantsColor)
            Terminal.write(DiffTextReporter(color: colored, regions: regions).render(report, traffic: counts), exitOnFailure: unwritten)
        case .json: Terminal.write(DiffJSONReporter.render(report, traffic: counts), exitOnFailure: unwritten)
        case .markdown: Terminal.write(DiffMarkdownReporter.render(report, traffic: counts, regions: regions), exitOnFailure: unwritten)
        }
        Terminal.exit(met ? 1 : 0)
    }

    /// A policy read, or the label of a path absent at a git revision.
    enum Side {
        case table(DecisionTable)
        case absent(String)
    }

    /// A file, or `REV:PATH` from git when no file has that name (`:PATH`, with no
    /// revision, is refused: it would read the git index).
    static func load(_ argument: String, diagrams: Bool) -> Side {
        if !PolicyFiles.exists(argument), let colon = argument.firstIndex(of: ":") {
            return loadGit(revision: String(argument[..<colon]), path: String(argument[argument.index(after: colon)...]), diagrams: diagrams)
        }
        return .table(PolicyInput.load(argument, allowTable: true, invalidStatus: 2, diagrams: diagrams))
    }

    static func loadGit(revision: String, path: String, diagrams: Bool) -> Side {
        let label = "\(revision):\(path)"
        guard let bytes = GitSource.read(revision: revision, path: path) else { return .absent(label) }
        return .table(PolicyInput.load(bytes: bytes, label: label, allowTable: true, invalidStatus: 2, diagrams: diagrams))
    }

    /// The side's table; an absent path is the empty policy (SPEC §5): no tiers, panels,
    /// capabilities or rules, so every action is disabled. It takes the other side's name.
    static func table(_ side: Side, otherSides: [Side], diagrams: Bool) -> DecisionTable {
        switch side {
        case .table(let t): return t
        case .absent(let label):
            let others = otherSides.compactMap { if case .table(let t) = $0 { t } else { nil } }
            return PolicyInput.load(bytes: PolicyTools.emptyPolicySource(namedAfter: others), label: label, allowTable: false,
                                    invalidStatus: 2, diagrams: diagrams)
        }
    }
}
