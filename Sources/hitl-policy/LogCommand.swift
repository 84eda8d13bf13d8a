import ArgumentParser
import HITLPolicy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hitl-policy log`: the decision log's tools.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Work with a decision log (hash-chained JSON Lines of decisions and reviews).",
        subcommands: [LogVerifyCommand.self]
    )
}

/// `hitl-policy log verify FILE`: checks the `prev` chain and every record's shape.
struct LogVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a decision log's hash chain and records; name the first line where it breaks.",
        discussion: """
            Each record carries `prev`, the SHA-256 of the line before it (the first record: of the \
            empty string), so a record that was edited, removed or moved breaks the chain at the \
            line after it. A record must also be one JSON object with an RFC 3339 `time`, an \
            `action` object and either a `decision` object and a `source` (a decision record) or \
            `review`, `outcome`, `requested` and `decided` (a review record).

            The last record is protected only by the digest printed after "last record": keep it \
            somewhere else and compare it the next time, or append a record after it.

            Exit status: 0 intact, 1 broken (the first bad line is named), 2 usage or I/O error.

            EXAMPLES:
              hitl-policy log verify decisions.log
              ssh host cat /var/log/agent/decisions.log | hitl-policy log verify -
            """
    )

    @Argument(help: ArgumentHelp("The log file, or - for standard input.", valueName: "file"),
              completion: .file())
    var file: String

    func run() throws {
        var fd: Int32 = STDIN_FILENO
        let label = file == "-" ? "standard input" : file
        if file != "-" {
            fd = open(file, O_RDONLY | O_CLOEXEC)
            if fd < 0 { Terminal.fail("\(file): \(String(cString: strerror(errno)))") }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { Terminal.fail("\(file): is a folder, not a decision log") }
        }
        switch PolicyTools.verifyLog(fd: fd) {
        case .failure(let error):
            Terminal.fail("\(label): \(error.message)")
        case .success(let report):
            let counts = "\(report.records) record\(report.records == 1 ? "" : "s") (\(report.decisions) decision\(report.decisions == 1 ? "" : "s"), \(report.reviews) review\(report.reviews == 1 ? "" : "s"))"
            if let broken = report.broken {
                let before = report.records == 0 ? "" : "\(label): the first \(counts) chain intact; nothing from line \(broken.line) on can be trusted\n"
                Terminal.write("\(label):\(broken.line): broken: \(broken.reason)\n" + before, exitOnFailure: 2)
                Terminal.exit(1)
            }
            // The chain protects each record by the one after it: the last is protected by
            // keeping this digest elsewhere (a CI log, a ticket) and checking it next time.
            Terminal.write("\(label): \(counts), chain intact; last record \(report.head)\n", exitOnFailure: 2)
        }
    }
}
