#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Machine-readable lint results: one JSON object, sorted keys, stable field set
/// (documented in docs/commands.md).
package enum JSONLintReporter {
    struct Output: Encodable {
        var format = "hitl-policy-lint"
        var version = 1
        var files: [String]
        var diagnostics: [Entry]
        var summary: Summary
    }

    struct Entry: Encodable {
        var code: String
        var name: String
        var severity: String
        var message: String
        var file: String
        var line: Int
        var column: Int
        var hint: String?
        var notes: [Note]
        /// Present (true) only for a finding an `x-lint` key silenced.
        var suppressed: Bool?
    }

    struct Note: Encodable {
        var message: String
        var file: String
        var line: Int
        var column: Int
    }

    struct Summary: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
        var notes: Int
        /// Present only when an `x-lint` key silenced something; not counted above.
        var suppressed: Int?
    }

    /// Renders the report as pretty-printed JSON with sorted keys.
    package static func render(_ report: LintReport) -> String {
        let output = Output(
            files: report.checkedFiles.map(\.path),
            diagnostics: report.diagnostics.map { d in
                Entry(code: d.code.id, name: d.code.name, severity: d.severity.rawValue, message: d.message,
                      file: d.location.file, line: d.location.line, column: d.location.column, hint: d.hint,
                      notes: d.notes.map { Note(message: $0.message, file: $0.location.file, line: $0.location.line, column: $0.location.column) },
                      suppressed: d.isSuppressed ? true : nil)
            },
            summary: Summary(files: report.checkedFiles.count, errors: report.count(.error),
                             warnings: report.count(.warning), notes: report.count(.note),
                             suppressed: report.suppressedCount == 0 ? nil : report.suppressedCount))
        return JSONOutput.encode(output)
    }
}

/// Deterministic JSON encoding shared by every JSON-producing reporter.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
