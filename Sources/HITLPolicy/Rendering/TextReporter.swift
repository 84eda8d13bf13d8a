/// Human-readable diagnostics: `file:line:col: severity[code]: message`, the source line with
/// a caret, the hint and related notes; a summary line last. Colour only when asked.
package struct TextReporter {
    /// Whether to use ANSI colours (the CLI decides: a terminal and no `NO_COLOR`).
    package var color: Bool

    /// Creates a reporter.
    package init(color: Bool) { self.color = color }

    /// Renders the whole report.
    package func render(_ report: LintReport) -> String {
        var out = ""
        for file in report.files where !file.diagnostics.isEmpty {
            let excerpt = SourceExcerpt(file.source)
            for d in file.diagnostics where !d.isSuppressed { out += render(d, excerpt: excerpt) + "\n" }
        }
        out += summary(report) + "\n"
        return out
    }

    func render(_ d: Diagnostic, excerpt: SourceExcerpt) -> String {
        let l = d.location
        // Messages quote names and values from the file: control characters are written out.
        var s = paint("\(l.description.escapingControlCharacters):", "1") + " " + paint("\(d.severity.rawValue)[\(d.code.id)]", severityColor(d.severity))
            + ": " + paint(d.message.escapingControlCharacters, "1") + " (\(d.code.name))"
        if let (text, prefix) = excerpt.display(line: l.line, column: l.column) {
            let gutter = String(l.line)
            let pad = String(repeating: " ", count: gutter.count)
            s += "\n \(paint(gutter, "34")) | \(text)"
            s += "\n \(pad) | \(prefix)" + paint("^", severityColor(d.severity))
        }
        if let hint = d.hint { s += "\n  " + paint("help:", "36") + " \(hint.escapingControlCharacters)" }
        for n in d.notes { s += "\n  " + paint("note:", "36") + " \("\(n.message) (\(n.location))".escapingControlCharacters)" }
        return s
    }

    func summary(_ report: LintReport) -> String {
        let n = report.checkedFiles.count
        let files = "\(n) file\(n == 1 ? "" : "s")"
        let (e, w, o) = (report.count(.error), report.count(.warning), report.count(.note))
        let s = report.suppressedCount
        let silenced = s == 0 ? "" : " (\(s) suppressed by x-lint)"
        if e + w + o == 0 { return "\(files) checked: no problems\(silenced)" }
        func plural(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        return "\(files) checked: \(plural(e, "error")), \(plural(w, "warning")), \(plural(o, "note"))\(silenced)"
    }

    func severityColor(_ s: Severity) -> String {
        switch s {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
