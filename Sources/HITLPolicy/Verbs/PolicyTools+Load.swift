extension PolicyTools {
    /// Loads the policy a command names (`compile POLICY`, `eval --policy`, each side of
    /// `diff`): YAML source, or a compiled table where `allowTable`. Nothing is printed.
    package static func loadTable(path: String, allowTable: Bool, diagrams: Bool = true) -> TableLoad {
        TableLoad.read(path, allowTable: allowTable, diagrams: diagrams)
    }

    /// Loads policy bytes read elsewhere (from git, or made up: `diff`'s empty policy);
    /// `label` names them in messages and rule sources.
    package static func loadTable(bytes: [UInt8], label: String, allowTable: Bool, diagrams: Bool = true) -> TableLoad {
        TableLoad.load(bytes: bytes, label: label, allowTable: allowTable, diagrams: diagrams)
    }
}
