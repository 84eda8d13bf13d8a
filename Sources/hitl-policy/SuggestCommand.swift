import ArgumentParser
import HITLPolicy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hitl-policy suggest --policy P REVIEWS...`: progressive autonomy from review outcomes.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Turn human review outcomes into proposed policy changes: promotions, demotions, calibration and reviewer findings.",
        usage: "hitl-policy suggest --policy POLICY REVIEWS... [options]",
        discussion: """
            REVIEWS are JSON Lines of review records ({"action": {...}, "review": "pre"|"post", "outcome": \
            "approved"|"modified"|"rejected"|"expired", "reviewer", "requested", "decided"}), as the MCP gateway writes them into \
            its decision log too (decision records there are counted and skipped); - reads standard input. Each reviewed action \
            is decided by POLICY (YAML source). Modified and rejected answers are the agent's errors; expired ones count toward \
            neither rate. A capability moves one rung (approval, then autonomous with review, then autonomous) on the reviews of the \
            actions that move would decide differently: promote when at least --min-reviews answers have a one-sided Wilson \
            upper bound at most --target, demote when the lower bound is above it. A line that cannot be used is named on \
            standard error (file:line) and the run goes on. docs/suggest.md explains the statistics and their limits.
            Exit status: 0 suggestions made, 1 an invalid policy, 2 usage or I/O error.
            """ + HelpExamples.section(HelpExamples.suggest)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(help: ArgumentHelp("The policy (YAML source; - for standard input).", valueName: "policy"),
            completion: Completions.policyFiles)
    var policy: String

    @Argument(help: ArgumentHelp("Review logs (- for standard input).", valueName: "reviews"), completion: .file())
    var reviews: [String]

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Answered reviews a promotion needs at least.", valueName: "n"))
    var minReviews: Int = 30

    @Option(help: ArgumentHelp("Confidence of each one-sided bound, in percent (default 95).", valueName: "percent"))
    var confidence: String?

    @Option(help: ArgumentHelp("The error rate a promotion must stay within, in percent (default 2).", valueName: "percent"))
    var target: String?

    @Option(help: ArgumentHelp("Also write an SVG reliability diagram per capability (needs actions with confidence).", valueName: "file.svg"),
            completion: .file(extensions: ["svg"]))
    var chart: String?

    @Option(help: ArgumentHelp("Write the policy with the whole-capability suggestions applied as minimal text edits to this file (never the policy itself), check that it lints, and show diff's report from the policy to it.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var write: String?

    func validate() throws {
        if write == "-" { throw ValidationError("--write needs a file name (the report goes to standard output)") }
        if reviews.isEmpty { throw ValidationError("give at least one review log (or - for standard input)") }
        if reviews.filter({ $0 == "-" }).count + (policy == "-" ? 1 : 0) > 1 {
            throw ValidationError("standard input (-) can be read only once: give the policy or the logs as files")
        }
        _ = try options()
    }

    func options() throws -> SuggestionOptions {
        var o = SuggestionOptions()
        guard minReviews >= 1 else { throw ValidationError("--min-reviews \(minReviews): at least 1") }
        o.minReviews = minReviews
        func percent(_ text: String, _ name: String, _ range: ClosedRange<Double>, _ hint: String) throws -> Double {
            let t = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let v = Double(t), v.isFinite, range.contains(v), v != range.lowerBound, v != range.upperBound else {
                throw ValidationError("\(name) '\(text)': \(hint)")
            }
            return v / 100
        }
        if let confidence { o.confidence = try percent(confidence, "--confidence", 50...100, "a percentage above 50 and below 100, e.g. 95") }
        if let target { o.target = try percent(target, "--target", 0...100, "a percentage above 0 and below 100, e.g. 2") }
        return o
    }

    func run() throws {
        let opts = try options()
        let source: [UInt8]
        do { source = try PolicyFiles.readPolicy(policy, allowTable: false) } catch { Terminal.fail(error.description) }
        let label = PolicyFiles.label(policy)
        let table = PolicyInput.load(bytes: source, label: label, allowTable: false, invalidStatus: 1)
        if let write, policy != "-", Self.sameFile(write, policy) {
            Terminal.fail("--write \(write): that is the policy itself; suggest never changes the policy (loosening oversight stays a human act): write the proposal to another file")
        }
        var logs: [(fd: Int32, name: String)] = []
        for path in reviews {
            if path == "-" { logs.append((STDIN_FILENO, "standard input")); continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { Terminal.fail("\(path): \(String(cString: strerror(errno)))") }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { Terminal.fail("\(path): is a folder, not a review log") }
            logs.append((fd, path))
        }
        let report: SuggestionReport
        switch PolicyTools.suggest(policySource: source, label: label, table: table, logs: logs, options: opts,
                                   problem: { Terminal.writeError("\($0.escapingControlCharacters)\n") }) {
        case .failure(let f): Terminal.fail(f.message)
        case .success(let r): report = r
        }
        if let chart {
            guard let svg = CalibrationChart.render(report) else {
                Terminal.fail("--chart: no reviewed action carried a confidence, so there is no reliability diagram to draw")
            }
            Terminal.writeFileAtomically(chart, svg)
        }
        var proposal: SuggestionProposal?
        if let write {
            switch PolicyTools.propose(report, policySource: source, label: label, file: write) {
            case .failure(let f): Terminal.fail(f.message)
            case .success(let p): proposal = p
            }
            Terminal.writeFileAtomically(write, proposal!.text)
        }
        switch format {
        case .text: Terminal.write(SuggestionTextReporter.render(report, proposal: proposal), exitOnFailure: 2)
        case .json: Terminal.write(SuggestionJSONReporter.render(report, proposal: proposal), exitOnFailure: 2)
        case .markdown: Terminal.write(SuggestionMarkdownReporter.render(report, proposal: proposal), exitOnFailure: 2)
        }
        Terminal.exit(0)
    }

    /// Whether `a` names the file `b` is (the same device and inode: symbolic and hard links
    /// included); a path that does not exist is no file yet.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }
}
