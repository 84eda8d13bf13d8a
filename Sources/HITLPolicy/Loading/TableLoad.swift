/// A policy loaded for a command (`compile`, `eval --policy`, `diff`, each side of it): the
/// one way the command line turns a path or bytes into a `DecisionTable`. YAML is linted and
/// compiled; a compiled JSON table is checked, and refused where source is wanted. Nothing
/// is printed: the command renders what went wrong and picks the exit status.
package enum TableLoad {
    /// The table.
    case loaded(DecisionTable)
    /// The input was not read or not taken (missing, too large, a table where source is
    /// wanted): a failure of the run, with its message.
    case unusable(String)
    /// The policy is invalid: its errors (with its bytes, to show the lines they name), and
    /// why there is no table when that is no finding (a bad compiled table, too large to
    /// compile). Neither: the policy is invalid with nothing more to say.
    case invalid(errors: [Diagnostic], source: [UInt8], failure: String?)

    /// Reads and loads `path` (`-` is standard input). Only what may be a table gets the
    /// table bound (`PolicyFiles.readPolicy`).
    package static func read(_ path: String, allowTable: Bool, diagrams: Bool = true) -> TableLoad {
        let bytes: [UInt8]
        do {
            bytes = try PolicyFiles.readPolicy(path, allowTable: allowTable)
        } catch {
            return .unusable(error.description)
        }
        return load(bytes: bytes, label: PolicyFiles.label(path), allowTable: allowTable, diagrams: diagrams)
    }

    /// Loads policy bytes read elsewhere (e.g. from git); `label` names them in messages and
    /// rule sources. Without `diagrams`, the table can be compared (`diff`) but not decide.
    package static func load(bytes: [UInt8], label: String, allowTable: Bool, diagrams: Bool = true) -> TableLoad {
        if let table = PolicyLoader.compiledTableMessage(bytes, file: label) {
            // compile wants source; a table cut before its format marker is no YAML either.
            if !allowTable { return .unusable(table) }
            if !PolicyCompilation.looksLikeTable(bytes) {
                return .invalid(errors: [], source: bytes, failure: "\(label): not a valid compiled table (it ends early: the file was cut short)")
            }
        }
        if !allowTable || !PolicyCompilation.looksLikeTable(bytes), bytes.count > SyntaxLimits.maxFileBytes {
            return .unusable("\(label): larger than \(SyntaxLimits.maxFileBytes) bytes")
        }
        let result = allowTable ? PolicyCompilation.load(bytes, file: label, diagrams: diagrams)
            : PolicyCompilation.compile(bytes, file: label, diagrams: diagrams)
        guard let table = result.table else {
            return .invalid(errors: result.diagnostics.filter { $0.severity == .error }, source: bytes, failure: result.failure)
        }
        return .loaded(table)
    }
}
