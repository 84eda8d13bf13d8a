/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding,
/// which the runner turns into annotations on the pull request.
package enum GitHubReporter {
    /// Renders the report.
    package static func render(_ report: LintReport) -> String {
        report.diagnostics.filter { !$0.isSuppressed }.map(line).map { $0 + "\n" }.joined()
    }

    static func line(_ d: Diagnostic) -> String {
        let command = switch d.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let l = d.location
        // Names and values quoted from the file are shown with control characters written
        // out (a raw ESC would reach the log); the line breaks added here are escaped by `data`.
        var message = d.message.escapingControlCharacters
        if let hint = d.hint { message += "\nhelp: \(hint.escapingControlCharacters)" }
        for n in d.notes { message += "\nnote: " + "\(n.message) (\(n.location))".escapingControlCharacters }
        return "::\(command) file=\(property(l.file.escapingControlCharacters)),line=\(l.line),col=\(l.column),title=\(property("\(d.code.id) \(d.code.name)"))::\(data(message))"
    }

    /// Escaping for the message part of a workflow command.
    static func data(_ s: String) -> String {
        s.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    /// Escaping for a property value (also `:` and `,`).
    static func property(_ s: String) -> String {
        data(s).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    /// Every occurrence of `target` replaced (FoundationEssentials-free).
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(count)
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
