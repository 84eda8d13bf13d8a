extension PolicyTools {
    /// Compiles YAML policy source to its table artifact (`hitl-policy compile`): the
    /// artifact bytes, or the reasons there is none.
    public static func compile(_ bytes: [UInt8], file: String) -> (artifact: [UInt8]?, loaded: LoadedPolicy) {
        let loaded = CompiledPolicy.compile(yaml: bytes, file: file)
        return (loaded.policy?.artifact, loaded)
    }

    /// `hitl-policy compile POLICY`: the policy source at `path` compiled (a compiled table
    /// is refused: compile the policy it came from). Render with `artifact(of:)` or
    /// `TableReporter`.
    package static func compile(path: String) -> TableLoad {
        loadTable(path: path, allowTable: false)
    }

    /// The table artifact `compile` writes: deterministic bytes, with a final newline.
    package static func artifact(of table: DecisionTable) -> [UInt8] {
        PolicyCompilation.artifactBytes(table)
    }
}
