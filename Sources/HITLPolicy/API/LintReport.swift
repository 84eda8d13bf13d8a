/// The findings for one file, with its text for rendering source lines.
public struct FileReport: Sendable {
    /// Creates a report for one file.
    public init(path: String, diagnostics: [Diagnostic], source: [UInt8]) {
        self.path = path
        self.diagnostics = diagnostics
        self.source = source
    }

    /// The path as given (or as found under a given folder).
    public var path: String
    /// Findings, sorted by location.
    public var diagnostics: [Diagnostic]
    /// The file's bytes (shared, not copied), used to show the offending line.
    public var source: [UInt8]
    /// Found in a folder and not read (its one diagnostic, a note, says why); not counted
    /// among the files checked.
    public var skipped = false
    /// Named but not checked: missing, unreadable, or a compiled table (its one diagnostic,
    /// an error, says why; also `skipped`). `lint` exits 2 when a path failed.
    public var failed = false
}

/// Which findings make `lint` fail.
public struct LintOptions: Sendable {
    /// Warnings fail too.
    public var strict = false
    /// Creates options.
    public init(strict: Bool = false) { self.strict = strict }
}

/// The result of linting a set of files.
public struct LintReport: Sendable {
    /// Creates a report.
    public init(files: [FileReport]) { self.files = files }

    /// One entry per file, in the order linted.
    public var files: [FileReport]

    /// The files read and checked (not those a folder walk skipped).
    public var checkedFiles: [FileReport] { files.filter { !$0.skipped } }

    /// Every finding of every file, in order (suppressed ones included, marked as such).
    public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

    /// Count of findings with a severity, not counting suppressed ones.
    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity && !$0.isSuppressed }.count }

    /// Count of findings an `x-lint` key silenced.
    public var suppressedCount: Int { diagnostics.filter(\.isSuppressed).count }

    /// Whether the findings fail the lint under `options` (suppressed findings never do).
    public func fails(_ options: LintOptions) -> Bool {
        diagnostics.contains { !$0.isSuppressed && ($0.severity == .error || (options.strict && $0.severity == .warning)) }
    }

    /// The paths that could not be checked (missing, unreadable, a compiled table), with why.
    public var failures: [String] { files.filter(\.failed).map { "\($0.path): " + ($0.diagnostics.first?.message ?? "not checked") } }

    /// The exit status `lint` uses: 0 clean, 1 findings that fail, 2 a path that could not
    /// be checked (the others are checked and reported all the same).
    public func exitStatus(_ options: LintOptions) -> Int32 {
        if files.contains(where: \.failed) { return 2 }
        return fails(options) ? 1 : 0
    }
}
