extension CompiledPolicy {
    /// The typed API over a table the command line loaded itself (`PolicyCompilation.load`
    /// checks a compiled table with `DecisionTable.validate()`; a compiled policy needs none).
    /// Throws when the table cannot decide actions (it holds no decision diagrams).
    package static func over(_ table: DecisionTable) throws -> CompiledPolicy { try CompiledPolicy(table: table) }
}
