#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import HITLPolicy

/// `hitl-policy test [PATH...]`
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test files (*.test.yaml): actions with expected decisions, table-row coverage, generated cases.",
        discussion: """
            Folders are searched recursively for *.test.yaml and *.test.yml files (default: the current folder).
            --generate POLICY writes a test file with one case per decision-table row instead of running tests.
            Exit status: 0 every case passed (and coverage met --min-coverage), 1 a case failed, coverage is short \
            or a policy is invalid, 2 usage, I/O error or an invalid test file.
            """ + HelpExamples.section(HelpExamples.test)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, tap
    }

    @Argument(help: ArgumentHelp("Test files or folders (default: .); - reads one test file from standard input.", valueName: "path"),
              completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String] = []

    @Option(help: "Output format: text, json, junit (JUnit XML) or tap (TAP version 14).")
    var format: Format = .text

    @Option(name: .customLong("run"), help: ArgumentHelp("Run only the cases whose name matches this regular expression (a linear-time subset: no back-references or look-around).", valueName: "regex"))
    var pattern: String?

    @Flag(help: "Measure and print table-row coverage, with a ready-to-paste case for every row no case reaches.")
    var coverage = false

    @Option(help: ArgumentHelp("Fail (exit 1) when a policy's row coverage is below this percentage (implies --coverage).", valueName: "percent"))
    var minCoverage: Double?

    @Option(help: ArgumentHelp("Write a test file for this policy (one case per table row) instead of running tests.", valueName: "policy"),
            completion: Completions.policyFiles)
    var generate: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("With --generate: write to this file instead of standard output.", valueName: "file"),
            completion: .file())
    var output: String?

    func validate() throws {
        if let p = minCoverage, !(p >= 0 && p <= 100) { throw ValidationError("--min-coverage must be a percentage from 0 to 100") }
        if let pattern {
            do { _ = try LinearRegex(pattern) } catch {
                throw ValidationError("--run '\(pattern.escapingControlCharacters)': \(error.description); --run takes the linear-time subset listed in testing.md (share/doc/hitl-policy)")
            }
        }
        if generate != nil, !paths.isEmpty || pattern != nil || coverage || minCoverage != nil {
            throw ValidationError("--generate takes only a policy (and -o FILE)")
        }
        if output != nil, generate == nil { throw ValidationError("-o/--output is only for --generate") }
        if let output, let problem = TestGenerator.outputProblem(output) { throw ValidationError(problem) }
        // A generated file names its policy by path, so the policy must be a file.
        if generate == "-" { throw ValidationError("--generate needs a policy file, not standard input: the test file it writes names its policy by path") }
    }

    func run() throws {
        if let generate { generateFile(generate) }
        // Matched in time linear in each name (validate() has parsed the pattern already).
        let regex = pattern.flatMap { try? LinearRegex($0) }
        let select: (String) -> Bool = { name in regex?.matches(in: name) ?? true }
        let result: TestRun
        do {
            result = try PolicyTools.test(paths: paths.isEmpty ? ["."] : paths, select: select, coverage: coverage || minCoverage != nil)
        } catch {
            Terminal.fail(error.description)
        }
        let status = result.exitStatus(minCoverage: minCoverage)
        let text = switch format {
        case .text: TestTextReporter(color: Terminal.stdoutWantsColor).render(result, minCoverage: minCoverage)
        case .json: TestJSONReporter.render(result, minCoverage: minCoverage)
        case .junit: TestJUnitReporter.render(result, minCoverage: minCoverage)
        case .tap: TestTAPReporter.render(result, minCoverage: minCoverage)
        }
        Terminal.write(text, exitOnFailure: status == 0 ? 2 : status)
        Terminal.exit(status)
    }

    private func generateFile(_ policy: String) -> Never {
        let text: String
        switch PolicyTools.generateTests(policy: policy, output: output) {
        case .text(let generated):
            text = generated
        case .invalid(let errors, let source, let failure, let status):
            if !errors.isEmpty {
                Terminal.writeError(TextReporter(color: false).render(LintReport(files: [FileReport(path: policy, diagnostics: errors, source: source)])))
            }
            if let failure { Terminal.writeError("hitl-policy: error: \(failure)\n") }
            Terminal.exit(status)
        case .refused(let message):
            Terminal.fail(message)
        }
        guard let output else {
            Terminal.write(text, exitOnFailure: 2)
            Terminal.exit(0)
        }
        let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { Terminal.fail("\(output): \(String(cString: strerror(errno)))") }
        if !Terminal.writeAll(fd, text) || close(fd) != 0 { Terminal.outputFailed(label: output, status: 2) }
        Terminal.exit(0)
    }
}
