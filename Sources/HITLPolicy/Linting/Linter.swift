/// `hitl-policy lint`: parse and validate policy files.
package enum Linter {
    /// Lints one file's bytes: a policy, or a test file (`*.test.yaml`, checked as `test`
    /// checks it before running its cases). A compiled table is not checked (see `failed`).
    /// A test file's `policy:` must lie inside the folder `FileTree.named(file:)` gives.
    package static func lint(_ bytes: [UInt8], file: String) -> FileReport {
        lint(bytes, file: file, tree: FileTree.named(file: file))
    }

    /// Lints one file's bytes; a test file's `policy:` must lie inside `tree` (nil: nothing
    /// is inside, as when the current folder cannot be resolved).
    package static func lint(_ bytes: [UInt8], file: String, tree: FileTree?) -> FileReport {
        if let table = PolicyLoader.compiledTableMessage(bytes, file: file) { return failedReport(path: file, message: table) }
        if TestRunner.isTestFile(file) { return FileReport(path: file, diagnostics: TestRunner.lint(bytes, file: file, tree: tree), source: bytes) }
        return FileReport(path: file, diagnostics: PolicyLoader.load(bytes, file: file, checkTableSize: true).diagnostics, source: bytes)
    }

    /// Lints files and folders (`-` is standard input, named `<stdin>`). A path that does not
    /// exist or cannot be read, or a compiled table, is reported as a `failed` file and the
    /// others are checked all the same; what a folder walk skipped (see
    /// `PolicyFiles.entries`) is a `skipped-file` note on that path, or a warning when it
    /// could not be checked. Throws only when
    /// standard input is named twice.
    package static func lint(paths: [String]) throws(InputFailure) -> LintReport {
        if paths.count(where: { $0 == "-" }) > 1 { throw InputFailure("-: standard input can be read only once") }
        var reports: [FileReport] = []
        for path in paths {
            do throws(InputFailure) {
                for entry in try PolicyFiles.entries([path]) {
                    switch entry {
                    case .given(let file):
                        do throws(InputFailure) {
                            reports.append(lint(try PolicyFiles.read(file), file: PolicyFiles.label(file), tree: FileTree.named(file: file)))
                        } catch {
                            reports.append(failedReport(path: PolicyFiles.label(file), message: error.description))
                        }
                    case .found(let file, let tree):
                        do throws(InputFailure) {
                            switch try PolicyFiles.readFound(file, tree: tree) {
                            case .success(let bytes): reports.append(lint(bytes, file: file, tree: tree))
                            case .failure(let skipped): reports.append(skippedReport(skipped))
                            }
                        } catch {
                            reports.append(failedReport(path: file, message: error.description))
                        }
                    case .skipped(let skipped):
                        reports.append(skippedReport(skipped))
                    }
                }
            } catch {
                reports.append(failedReport(path: path, message: error.description))
            }
        }
        return LintReport(files: reports)
    }

    /// A path that could not be checked: one error (HP111) at its first line, which every
    /// format shows; not counted among the files checked.
    static func failedReport(path: String, message: String) -> FileReport {
        // The location names the path; the message says what is wrong with it.
        let what = message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
        let error = Diagnostic(.skippedFile, what, at: SourceLocation(file: path, line: 1, column: 1),
                               hint: "lint exits 2 when a path cannot be checked; any other paths are checked as usual",
                               severity: .error)
        var report = FileReport(path: path, diagnostics: [error], source: [])
        report.skipped = true
        report.failed = true
        return report
    }

    /// A skipped entry: a note, or a warning (which `--strict` fails on) when it could not be
    /// checked.
    static func skippedReport(_ s: SkippedFile) -> FileReport {
        let hint = s.couldNotCheck ? "what lint could not read was not checked: --strict fails until it can be"
            : "lint reads only regular files in folders, and only inside the folder it was given; name the file itself to read anything else"
        let note = Diagnostic(.skippedFile, "skipped \(s.path): \(s.reason)", at: SourceLocation(file: s.path, line: 1, column: 1),
                              hint: hint, severity: s.couldNotCheck ? .warning : nil)
        var report = FileReport(path: s.path, diagnostics: [note], source: [])
        report.skipped = true
        return report
    }
}
