/// How serious a finding is. `error` always fails `lint`; `warning` fails it under `--strict`;
/// `note` is information and never fails.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A secondary location attached to a diagnostic (for example the first of two duplicate keys).
public struct DiagnosticNote: Hashable, Sendable {
    /// What this location is.
    public var message: String
    /// Where it is.
    public var location: SourceLocation

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// One finding about a policy file. Diagnostics are values: the library collects them and
/// the command line chooses how to render them and which exit status they mean.
public struct Diagnostic: Hashable, Sendable {
    /// The stable code (see `docs/diagnostics.md`).
    public var code: DiagnosticCode
    /// Severity; defaults to the code's own.
    public var severity: Severity
    /// What was found, in one sentence.
    public var message: String
    /// The offending key or value.
    public var location: SourceLocation
    /// What to write instead, when there is a clear fix.
    public var hint: String?
    /// Related places.
    public var notes: [DiagnosticNote]
    /// Where the `x-lint: {disable: [...]}` entry that silenced this finding is written
    /// (warnings and notes only; nil when not silenced).
    public var suppressedBy: SourceLocation?

    /// Silenced where it occurs by an `x-lint` key. A suppressed finding stays in the list,
    /// so JSON and SARIF can report it as suppressed; it never fails a lint, is not counted
    /// in a summary, and text and GitHub output leave it out.
    public var isSuppressed: Bool { suppressedBy != nil }

    /// Creates a diagnostic with the code's default severity unless one is given.
    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation,
        hint: String? = nil, notes: [DiagnosticNote] = [], severity: Severity? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.severity
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by place, then code, then message, so output is deterministic.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.code != b.code { return a.code.id < b.code.id }
        return a.message < b.message
    }
}

/// Collects diagnostics while a stage runs.
struct DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func emit(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    mutating func emit(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation,
        hint: String? = nil, notes: [DiagnosticNote] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location, hint: hint, notes: notes))
    }

    mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }
}
