import HITLPolicy

/// Loads `--policy` / `POLICY` for compile, eval and diff (`-` is standard input): YAML is
/// linted and compiled (errors go to standard error in lint's text form, then exit
/// `invalidStatus`); a compiled JSON table is checked, and refused where source is wanted.
enum PolicyInput {
    /// Compiled tables may be larger than policy source.
    static let maxTableBytes = 512 << 20

    static func load(_ path: String, allowTable: Bool, invalidStatus: Int32 = 1, diagrams: Bool = true) -> DecisionTable {
        let bytes: [UInt8]
        do {
            // Only what may be a table gets the table bound: `--policy /dev/zero` stops at YAML's.
            bytes = try PolicyFiles.read(path, limit: allowTable ? maxTableBytes : SyntaxLimits.maxFileBytes) { prefix in
                PolicyCompilation.mayBeTable(prefix: prefix) ? maxTableBytes : SyntaxLimits.maxFileBytes
            }
        } catch {
            Terminal.fail(error.description)
        }
        return load(bytes: bytes, label: PolicyFiles.label(path), allowTable: allowTable, invalidStatus: invalidStatus, diagrams: diagrams)
    }

    /// Loads policy bytes read elsewhere (e.g. from git); `label` names them in messages and
    /// rule sources.
    static func load(bytes: [UInt8], label: String, allowTable: Bool, invalidStatus: Int32 = 1, diagrams: Bool = true) -> DecisionTable {
        if let table = PolicyLoader.compiledTableMessage(bytes, file: label) {
            // compile wants source; a table cut before its format marker is no YAML either.
            if !allowTable { Terminal.fail(table) }
            if !PolicyCompilation.looksLikeTable(bytes) {
                Terminal.writeError("hitl-policy: error: \(label): not a valid compiled table (it ends early: the file was cut short)\n")
                Terminal.exit(invalidStatus)
            }
        }
        if !allowTable || !PolicyCompilation.looksLikeTable(bytes), bytes.count > SyntaxLimits.maxFileBytes {
            Terminal.fail("\(label): larger than \(SyntaxLimits.maxFileBytes) bytes")
        }
        let result = allowTable ? PolicyCompilation.load(bytes, file: label, diagrams: diagrams)
            : PolicyCompilation.compile(bytes, file: label, diagrams: diagrams)
        guard let table = result.table else {
            let errors = result.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                let report = LintReport(files: [FileReport(path: label, diagnostics: errors, source: bytes)])
                Terminal.writeError(TextReporter(color: false).render(report))
            }
            if let failure = result.failure { Terminal.writeError("hitl-policy: error: \(failure)\n") }
            if errors.isEmpty && result.failure == nil { Terminal.writeError("hitl-policy: error: \(label): invalid policy\n") }
            Terminal.exit(invalidStatus)
        }
        return table
    }
}
