import HITLPolicy

/// Loads `--policy` / `POLICY` for compile, eval and diff (`-` is standard input) through
/// the library's one loader (`PolicyTools.loadTable`), and renders why it failed: a policy's
/// errors go to standard error in lint's text form, then exit `invalidStatus`; a file that
/// cannot be read or taken exits 2.
enum PolicyInput {
    static func load(_ path: String, allowTable: Bool, invalidStatus: Int32 = 1, diagrams: Bool = true) -> DecisionTable {
        table(PolicyTools.loadTable(path: path, allowTable: allowTable, diagrams: diagrams),
              label: PolicyFiles.label(path), invalidStatus: invalidStatus)
    }

    /// Loads policy bytes read elsewhere (e.g. from git); `label` names them in messages and
    /// rule sources.
    static func load(bytes: [UInt8], label: String, allowTable: Bool, invalidStatus: Int32 = 1, diagrams: Bool = true) -> DecisionTable {
        table(PolicyTools.loadTable(bytes: bytes, label: label, allowTable: allowTable, diagrams: diagrams),
              label: label, invalidStatus: invalidStatus)
    }

    /// The table, or the failure written out and the process ended.
    static func table(_ load: TableLoad, label: String, invalidStatus: Int32) -> DecisionTable {
        switch load {
        case .loaded(let table):
            return table
        case .unusable(let message):
            Terminal.fail(message)
        case .invalid(let errors, let source, let failure):
            if !errors.isEmpty {
                let report = LintReport(files: [FileReport(path: label, diagnostics: errors, source: source)])
                Terminal.writeError(TextReporter(color: false).render(report))
            }
            if let failure { Terminal.writeError("hitl-policy: error: \(failure)\n") }
            if errors.isEmpty && failure == nil { Terminal.writeError("hitl-policy: error: \(label): invalid policy\n") }
            Terminal.exit(invalidStatus)
        }
    }
}
