import ArgumentParser
import HITLPolicy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hitl-policy simulate --policy P LOG`: can the reviewers keep up?
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay an action or decision log through a policy: routing, reviewer load against capacity, waits and SLA breaches.",
        usage: "hitl-policy simulate --policy POLICY LOG [options]",
        discussion: """
            LOG is JSON Lines as eval reads it (actions or tool calls, with an optional RFC 3339 `time`) or a decision log \
            (its actions re-decided by POLICY; review records are skipped); - reads standard input. Lines need not be in time \
            order. With times, each tier's and panel's queue is replayed first come first served, its capacity spread evenly \
            over the day (or --hours); without times, the log is taken to span --period. A malformed `time` makes that line \
            invalid here (noted, the run goes on). docs/simulate.md explains the model and its limits.
            Exit status: 0 simulated (and --fail-on not met), 1 --fail-on met or an invalid policy, 2 usage or I/O error.
            """ + HelpExamples.section(HelpExamples.simulate)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case overload }

    @Option(help: ArgumentHelp("The policy (YAML or compiled table; - for standard input).", valueName: "policy"),
            completion: Completions.policyFiles)
    var policy: String

    @Argument(help: ArgumentHelp("The log (- for standard input).", valueName: "log"), completion: .file())
    var log: String

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: ArgumentHelp("A what-if capacity for a tier or panel, replacing the policy's (repeatable).", valueName: "name=N/day"))
    var capacity: [String] = []

    @Option(help: ArgumentHelp("Working hours in UTC, every day (e.g. 09-17): capacity is spread over them only.", valueName: "HH-HH"))
    var hours: String?

    @Option(help: ArgumentHelp("The span of a log without times (default 1d; e.g. 8h, 7d).", valueName: "duration"))
    var period: String?

    @Option(help: ArgumentHelp("The share of actions to decide within the SLA, in percent, that `capacity needed` aims for (default 90).", valueName: "percent"))
    var serviceLevel: String?

    @Option(help: ArgumentHelp("Exit 1 when any tier or panel is overloaded (utilisation at least 100%).", valueName: "overload"))
    var failOn: [FailOn] = []

    @Option(help: ArgumentHelp("Run the same log through a second policy and show both side by side (the log must be a file).", valueName: "new-policy"),
            completion: Completions.policyFiles)
    var compare: String?

    @Option(help: ArgumentHelp("Also write an SVG chart: per tier and panel, reviews arriving per hour against capacity, and actions waiting (needs a log with times).", valueName: "file.svg"),
            completion: .file(extensions: ["svg"]))
    var chart: String?

    func validate() throws {
        if policy == "-", log == "-" { throw ValidationError("standard input (-) can be read only once: give the policy or the log as a file") }
        if compare != nil, log == "-" { throw ValidationError("--compare reads the log twice: give it as a file, not standard input") }
        if compare == "-", policy == "-" { throw ValidationError("standard input (-) can be read only once: give one of the policies as a file") }
        _ = try options(table: nil)
    }

    /// The options, `--capacity` names checked against `table` when given.
    func options(table: DecisionTable?) throws -> SimulationOptions {
        var o = SimulationOptions()
        for item in capacity {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--capacity '\(item)': write NAME=N/day, e.g. --capacity team=120/day")
            }
            let name = String(item[..<eq]), text = String(item[item.index(after: eq)...])
            switch Capacity.parse(text) {
            case .success(let c): o.capacities[name] = c
            case .failure(.zero): throw ValidationError("--capacity \(name)=\(text): a capacity is at least 1 (0 would review nothing)")
            case .failure(.tooLarge): throw ValidationError("--capacity \(name)=\(text): at most \(Capacity.maxCount) per period")
            case .failure: throw ValidationError("--capacity \(name)=\(text): write N/day, N/h or N/week, e.g. 120/day")
            }
            if let table, !table.approvers.contains(where: { $0.name == name }) {
                throw ValidationError("--capacity \(name): no tier or panel of that name; the policy has: "
                                      + table.approvers.map(\.name).joined(separator: ", "))
            }
        }
        if let hours {
            guard let clock = WorkingClock.parse(hours) else { throw ValidationError("--hours '\(hours)': write HH-HH with start before end, e.g. 09-17") }
            o.clock = clock
        }
        if let period {
            guard case .success(let d) = PolicyDuration.parse(period), d.seconds > 0 else {
                throw ValidationError("--period '\(period)': write a duration such as 8h, 1d or 7d")
            }
            o.periodSeconds = d.seconds
        }
        if let serviceLevel {
            let text = serviceLevel.hasSuffix("%") ? String(serviceLevel.dropLast()) : serviceLevel
            guard let v = Double(text), v > 0, v <= 100 else {
                throw ValidationError("--service-level '\(serviceLevel)': a percentage above 0 and at most 100, e.g. 90")
            }
            o.serviceLevel = v / 100
        }
        return o
    }

    func run() throws {
        let table = PolicyInput.load(policy, allowTable: true, invalidStatus: 1)
        let opts: SimulationOptions
        do { opts = try options(table: compare == nil ? table : nil) } catch let e as ValidationError {
            Terminal.writeError("Error: \(e.message)\n")
            Terminal.exit(2)
        }
        var fd: Int32 = STDIN_FILENO
        if log != "-" {
            fd = open(log, O_RDONLY | O_CLOEXEC)
            if fd < 0 { Terminal.fail("\(log): \(String(cString: strerror(errno)))") }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { Terminal.fail("\(log): is a folder, not a log") }
        }
        var report: SimulationReport
        switch PolicyTools.simulate(table: table, fd: fd, log: log == "-" ? "standard input" : log, options: opts) {
        case .failure(let f): Terminal.fail(f.message)
        case .success(let r): report = r
        }
        var comparison: SimulationComparison?
        if let compare {
            // The same log, read again, through the new policy (with the same what-ifs; a
            // --capacity name needs to exist in one of the two).
            let newTable = PolicyInput.load(compare, allowTable: true, invalidStatus: 1)
            for item in capacity {
                let name = String(item.prefix { $0 != "=" })
                if !table.approvers.contains(where: { $0.name == name }) && !newTable.approvers.contains(where: { $0.name == name }) {
                    Terminal.writeError("Error: --capacity \(name): no tier or panel of that name in either policy\n")
                    Terminal.exit(2)
                }
            }
            let again = open(log, O_RDONLY | O_CLOEXEC)
            if again < 0 { Terminal.fail("\(log): \(String(cString: strerror(errno)))") }
            switch PolicyTools.simulate(table: newTable, fd: again, log: log, options: opts) {
            case .failure(let f): Terminal.fail(f.message)
            case .success(let r):
                comparison = SimulationComparison(old: report, new: r)
                report = r   // --chart and --fail-on look at the new policy
            }
        }
        if let chart {
            guard let svg = SimulationChart.render(report) else {
                Terminal.fail("--chart: the log has no times (or no reviews), so there is nothing to draw over time")
            }
            let fd = open(chart, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { Terminal.fail("\(chart): \(String(cString: strerror(errno)))") }
            let written = Terminal.writeAll(fd, svg)
            guard close(fd) == 0, written else {
                unlink(chart)
                Terminal.fail("\(chart): cannot write (\(String(cString: strerror(errno))))")
            }
        }
        let met = failOn.contains(.overload) && report.overloaded
        let unwritten: Int32 = met ? 1 : 2
        if let comparison {
            switch format {
            case .text: Terminal.write(comparison.text(), exitOnFailure: unwritten)
            case .json: Terminal.write(comparison.json(), exitOnFailure: unwritten)
            case .markdown: Terminal.write(comparison.markdown(), exitOnFailure: unwritten)
            }
            Terminal.exit(met ? 1 : 0)
        }
        switch format {
        case .text: Terminal.write(SimulationTextReporter.render(report), exitOnFailure: unwritten)
        case .json: Terminal.write(SimulationJSONReporter.render(report), exitOnFailure: unwritten)
        case .markdown: Terminal.write(SimulationMarkdownReporter.render(report), exitOnFailure: unwritten)
        }
        Terminal.exit(met ? 1 : 0)
    }
}
