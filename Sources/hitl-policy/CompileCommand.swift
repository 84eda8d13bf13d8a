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
            source locations, no timestamps or absolute paths. table, markdown and csv list every row.
            Exit status: 0 compiled, 1 invalid policy, 2 usage or I/O error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table, markdown, csv
    }

    @Argument(help: "The policy (YAML).")
    var policy: String

    @Option(help: "Output format: json (the artifact), table (aligned text), markdown or csv.")
    var format: Format = .json

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let table = PolicyInput.load(policy, allowTable: false)
        var fd: Int32 = STDOUT_FILENO
        if let output {
            fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 { Terminal.fail("\(output): \(String(cString: strerror(errno)))") }
        }
        let written: (Bool) -> Void = { ok in
            if !ok {
                if output == nil { Terminal.exit(0) }
                Terminal.fail("\(output!): write failed: \(String(cString: strerror(errno)))")
            }
        }
        let emit: (String) -> Void = { text in written(Terminal.writeAll(fd, text)) }
        switch format {
        case .json: written(PolicyCompilation.artifactBytes(table).withUnsafeBufferPointer { Terminal.writeAll(fd, bytes: $0) })
        case .table: TableReporter(table).render(.table, emit: emit)
        case .markdown: TableReporter(table).render(.markdown, emit: emit)
        case .csv: TableReporter(table).render(.csv, emit: emit)
        }
        if output != nil, close(fd) != 0 { Terminal.fail("\(output!): \(String(cString: strerror(errno)))") }
        Terminal.exit(0)
    }
}
