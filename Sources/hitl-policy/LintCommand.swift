import ArgumentParser
import HITLPolicy

/// `hitl-policy lint PATH...`
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Parse and validate policy files and folders.",
        discussion: """
            Folders are searched recursively for *.yaml and *.yml files (hidden folders are skipped); - reads standard input. \
            A path that is missing, unreadable or a compiled table is reported and the others are checked all the same.
            Exit status: 0 clean, 1 an error (or, with --strict, a warning), 2 usage or I/O error, including a path that could \
            not be checked (or a clean report that could not be written).
            Results go to standard output; only failures of the tool itself go to standard error.
            """ + HelpExamples.section(HelpExamples.lint)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: ArgumentHelp("Policy files or folders; - reads standard input.", valueName: "path"), completion: Completions.policyFiles)
    var paths: [String]

    @Option(help: "Output format: text, json, sarif (SARIF 2.1.0) or github (Actions annotations).")
    var format: Format = .text

    @Flag(help: "Fail (exit 1) on warnings as well as errors.")
    var strict = false

    @Option(help: "Colour text output: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorMode = .auto

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one policy file or folder") }
    }

    func run() throws {
        let report: LintReport
        do {
            report = try PolicyTools.lint(paths: paths)
        } catch {
            Terminal.fail(error.description)
        }
        let options = LintOptions(strict: strict)
        let status = report.exitStatus(options)
        let output = switch format {
        case .text: TextReporter(color: color == .always || (color == .auto && Terminal.stdoutWantsColor)).render(report)
        case .json: JSONLintReporter.render(report)
        case .sarif: SARIFReporter.render(report)
        case .github: GitHubReporter.render(report)
        }
        // Paths that could not be checked are in the report (every format) and, being
        // failures of the run, on standard error too.
        for failure in report.failures { Terminal.writeError("hitl-policy: error: \(failure)\n") }
        // A report that could not be written never passes: findings that fail keep their 1,
        // a clean result becomes 2 (nobody saw it).
        Terminal.write(output, exitOnFailure: status == 0 ? 2 : status)
        Terminal.exit(status)
    }
}
