#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import HITLPolicy

/// `hitl-policy compile POLICY`
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a policy to its decision table.",
        discussion: """
            json is the artifact `eval --policy` reads: deterministic bytes (sorted keys), the policy digest, \
            source locations, no timestamps or absolute paths. table, markdown and csv list every row. \
            POLICY is YAML source (- reads standard input); a compiled table is refused: compile the policy it came from.
            Exit status: 0 compiled, 1 invalid policy, 2 usage or I/O error (including output that could not be written).
            """ + HelpExamples.section(HelpExamples.compile)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table, markdown, csv
    }

    @Argument(help: "The policy (YAML); - reads standard input.", completion: Completions.policyFiles)
    var policy: String

    @Option(help: "Output format: json (the artifact), table (aligned text), markdown or csv.")
    var format: Format = .json

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file())
    var output: String?

    func run() throws {
        let table = PolicyInput.table(PolicyTools.compile(path: policy), label: PolicyFiles.label(policy), invalidStatus: 1)
        var fd: Int32 = STDOUT_FILENO
        if let output {
            fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 { Terminal.fail("\(output): \(String(cString: strerror(errno)))") }
        }
        // Nothing written must never look like success: exit 2, and a partly written file
        // is removed so that it cannot be taken for the whole table.
        let failed: (Int32) -> Never = { error in
            if let output {
                var info = stat()
                if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { _ = unlink(output) }
            }
            Terminal.outputFailed(label: output ?? "standard output", status: 2, error: error)
        }
        let emit: (String) -> Void = { text in if !Terminal.writeAll(fd, text) { failed(errno) } }
        switch format {
        case .json:
            let ok = PolicyTools.artifact(of: table).withUnsafeBufferPointer { Terminal.writeAll(fd, bytes: $0) }
            if !ok { failed(errno) }
        case .table: TableReporter(table).render(.table, emit: emit)
        case .markdown: TableReporter(table).render(.markdown, emit: emit)
        case .csv: TableReporter(table).render(.csv, emit: emit)
        }
        if output != nil, close(fd) != 0 { failed(errno) }
        // The process ends here: freeing a large table first (after its last use, where ARC
        // would) only costs time.
        withExtendedLifetime(table) { Terminal.exit(0) }
    }
}
