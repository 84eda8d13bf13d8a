#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import HITLPolicy

/// `hitl-policy eval --policy P [FILE|-]`, decisions as JSON lines or (`--format text`) for people
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Decide JSON actions (one object, or JSON Lines) against a policy.",
        discussion: """
            Writes one decision line per non-blank input line, in order (--format text: one block per action, for people). A line that is not JSON or not a \
            valid action gets an `invalid` decision and evaluation goes on.
            Exit status: 0 every line was evaluated and its decision written (whatever the decisions), \
            1 invalid policy, 2 usage or I/O error (standard output closed or full too). With --exit-code \
            the status reports the decision instead: 0 autonomous, 3 approval, 4 disabled, 5 invalid (the \
            most restrictive when there are several actions; when output fails, among those decided, an \
            action read but not decided counting as invalid).
            """ + HelpExamples.section(HelpExamples.eval)
    )

    @Option(name: .long, help: "The policy: YAML source or a table from `hitl-policy compile --format json` (- reads standard input when the actions come from a file).", completion: Completions.policyFiles)
    var policy: String

    @Argument(help: ArgumentHelp("Actions file (JSON Lines); - or nothing reads standard input.", valueName: "actions"), completion: .file())
    var input: String = "-"

    /// `json` (the decision lines, for programs) or `text` (for a person at a terminal).
    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

    @Option(help: "Output format: json (one decision line per action, the default) or text (a block per action for a person: decision, who approves, why).")
    var format: Format = .json

    @Flag(help: "Add the matched table row and every rule consulted (with why it did or did not match).")
    var explain = false

    @Flag(help: "Exit with the decision: 0 autonomous, 3 approval, 4 disabled, 5 invalid.")
    var exitCode = false

    @Option(name: .long, help: ArgumentHelp("Threads deciding a large actions file, or a pipe while it delivers actions in bulk (default: the processors online, at most 8).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Append a decision record per action to this log (hash-chained JSON Lines; see `hitl-policy log verify`). A record that cannot be written stops eval, and --exit-code never exits 0.", valueName: "file"),
            completion: .file())
    var log: String?

    @Option(name: .customLong("log-args"), help: "What the log keeps of each action's args: all, or none (arguments may hold secrets).")
    var logArgs: DecisionRecord.Arguments = .all

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be between 1 and 64") }
        if policy == "-", input == "-" { throw ValidationError("--policy - reads standard input: give the actions as a file") }
        if format == .text, explain { throw ValidationError("--explain is for --format json (text already says why)") }
        if format == .text, log != nil { throw ValidationError("--log is for --format json") }
    }

    func run() throws {
        try EvalRun(policy: policy, input: input, format: format, explain: explain, exitCode: exitCode, jobs: jobs,
                    log: log, logArgs: logArgs).run()
    }

    /// The --exit-code status when the decisions could not all be written (output closed or
    /// full): the most restrictive verdict's status, but never 0 — a decision that could not be
    /// recorded is no go-ahead, so all-autonomous reports 2.
    static func unwrittenStatus(_ worst: Verdict?) -> Int32 {
        let s = status(worst)
        return s == 0 ? 2 : s
    }

    /// The --exit-code status for the most restrictive verdict (5 when nothing was decided).
    static func status(_ worst: Verdict?) -> Int32 {
        switch worst {
        case .autonomous?: 0
        case .approval?: 3
        case .disabled?: 4
        case .invalid?, nil: 5
        }
    }
}

extension EvalCommand {
    /// The command for `eval` arguments in their plain forms — `--policy P` (or `=P`),
    /// `--format json|text`, `--explain`, `--exit-code`, `--jobs N` (1-64), at most one input — each at most
    /// once; nil for anything else (help, other spellings, mistakes), which ArgumentParser
    /// then parses and reports. Tests check both paths decide alike.
    static func direct(_ arguments: [String]) -> EvalRun? {
        guard arguments.first == "eval" else { return nil }
        var policy: String?, input: String?, jobs: Int?, format: Format?
        var explain = false, exitCode = false
        var rest = arguments.dropFirst()[...]
        func value(_ name: String, _ argument: String) -> String?? {
            if argument == name {
                guard let v = rest.popFirst(), !v.hasPrefix("-") else { return .some(nil) }
                return v
            }
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            return nil
        }
        while let argument = rest.popFirst() {
            if let v = value("--policy", argument) {
                guard policy == nil, let v, !v.isEmpty else { return nil }
                policy = v
            } else if let v = value("--jobs", argument) {
                guard jobs == nil, let v, let n = Int(v), (1...64).contains(n) else { return nil }
                jobs = n
            } else if let v = value("--format", argument) {
                guard format == nil, let v, let f = Format(rawValue: v) else { return nil }
                format = f
            } else if argument == "--explain" {
                guard !explain else { return nil }
                explain = true
            } else if argument == "--exit-code" {
                guard !exitCode else { return nil }
                exitCode = true
            } else if argument == "-" || !argument.hasPrefix("-") {
                guard input == nil else { return nil }
                input = argument
            } else {
                return nil
            }
        }
        guard let policy, !(policy == "-" && (input ?? "-") == "-"), !(format == .text && explain) else { return nil }
        return EvalRun(policy: policy, input: input ?? "-", format: format ?? .json, explain: explain, exitCode: exitCode, jobs: jobs)
    }
}

/// What `eval` does once its options are read: a plain value, so that the direct path
/// (`EvalCommand.direct`) never builds the ArgumentParser command (its property wrappers
/// cost a share of every start).
struct EvalRun {
    var policy: String
    var input: String
    var format: EvalCommand.Format
    var explain: Bool
    var exitCode: Bool
    var jobs: Int?
    var log: String? = nil
    var logArgs: DecisionRecord.Arguments = .all

    func run() throws {
        // A closed standard output (`>&-`) was taken by `Terminal.reserveClosedStandardDescriptors`
        // at start-up, so no file opened here lands on descriptor 1.
        let table = PolicyInput.load(policy, allowTable: true)
        var fd: Int32 = STDIN_FILENO
        if input != "-" {
            fd = open(input, O_RDONLY)
            if fd < 0 { Terminal.fail("\(input): \(String(cString: strerror(errno)))") }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { Terminal.fail("\(input): is a folder, not an actions file") }
        }
        // Text is a block per action for a person, decided in order on this thread; JSON lines
        // are decided by `--jobs` threads when the input is large.
        var stream = ActionStream(input: fd, output: STDOUT_FILENO, workers: format == .text ? 1 : jobs ?? ActionStream.availableWorkers)
        // Input that is not JSON Lines: a note on standard error; the decisions are unchanged.
        stream.notice = { Terminal.writeError("hitl-policy: note: \($0)\n") }
        let summary: ActionStream.Summary
        switch format {
        case .json:
            let evaluator = Evaluator(table: table)
            evaluator.explain = explain
            if let log { stream.recorder = Self.recorder(log: log, arguments: logArgs, table: table) }
            summary = stream.run(evaluator)
        case .text:
            let policy: CompiledPolicy
            do { policy = try CompiledPolicy.over(table) } catch {
                Terminal.writeError("hitl-policy: error: the policy: \(error)\n")
                Terminal.exit(1)
            }
            summary = stream.run(DecisionTextSink(policy: policy))
        }
        if let e = summary.recordError {
            // An action whose decision could not be logged was not decided: the run stops
            // there, and the status is no go-ahead.
            Terminal.writeError("hitl-policy: error: a decision could not be logged, so eval stopped: \(e)\n")
            Terminal.exit(exitCode ? EvalCommand.unwrittenStatus(.invalid) : 2)
        }
        if let e = summary.writeError {
            // The status never claims more than was written: without --exit-code, 2 (not every
            // line's decision was written); with it, the most restrictive decision made, an
            // action read but not decided counting as invalid, and never 0. A closed pipe ends
            // quietly.
            Terminal.outputFailed(label: "standard output", status: exitCode ? EvalCommand.unwrittenStatus(summary.undecided ? .invalid : summary.worst) : 2,
                                  error: e)
        }
        if let e = summary.readError { Terminal.fail("\(input == "-" ? "standard input" : input): \(e)") }
        guard exitCode else { Terminal.exit(0) }
        Terminal.exit(EvalCommand.status(summary.worst))
    }

    /// Appends a record per decision to the decision log at `log`: the stream's `recorder`.
    static func recorder(log: String, arguments: DecisionRecord.Arguments,
                         table: DecisionTable) -> (UnsafeBufferPointer<UInt8>, ArraySlice<UInt8>) -> String? {
        let logger = DecisionLog(path: log)
        return { line, decision in
            let action = DecisionRecord.action(of: line, tools: table.tools, currency: table.currency)
            let record = DecisionRecord.text(source: "eval", session: nil, action: action, decision: decision, arguments: arguments)
            do throws(DecisionLog.Failure) {
                try logger.append(record)
                return nil
            } catch {
                return error.message
            }
        }
    }
}
