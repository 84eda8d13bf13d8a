import HITLPolicy

/// Loads `--policy` / `POLICY` for compile and eval: YAML is linted and compiled (errors
/// go to standard error in lint's text form, exit 1); a compiled JSON table is checked.
enum PolicyInput {
    /// Compiled tables may be larger than policy source.
    static let maxTableBytes = 512 << 20

    static func load(_ path: String, allowTable: Bool) -> DecisionTable {
        let bytes: [UInt8]
        do {
            bytes = try PolicyFiles.read(path, limit: allowTable ? maxTableBytes : SyntaxLimits.maxFileBytes)
        } catch {
            Terminal.fail(error.description)
        }
        if !allowTable || !PolicyCompilation.looksLikeTable(bytes), bytes.count > SyntaxLimits.maxFileBytes {
            _ = try? PolicyFiles.read(path)   // same message as lint
            Terminal.fail("\(path): larger than \(SyntaxLimits.maxFileBytes) bytes")
        }
        let result = allowTable ? PolicyCompilation.load(bytes, file: path) : PolicyCompilation.compile(bytes, file: path)
        guard let table = result.table else {
            let errors = result.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                let report = LintReport(files: [FileReport(path: path, diagnostics: errors, source: bytes)])
                Terminal.writeError(TextReporter(color: false).render(report))
            }
            if let failure = result.failure { Terminal.writeError("hitl-policy: error: \(failure)\n") }
            if errors.isEmpty && result.failure == nil { Terminal.writeError("hitl-policy: error: \(path): invalid policy\n") }
            Terminal.exit(1)
        }
        return table
    }
}
