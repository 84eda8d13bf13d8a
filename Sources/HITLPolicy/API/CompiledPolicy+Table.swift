extension CompiledPolicy {
    /// The typed API over a table the command line loaded itself (`PolicyCompilation.load`
    /// checks a compiled table with `DecisionTable.validate()`; a compiled policy needs none).
    package static func over(_ table: DecisionTable) -> CompiledPolicy { CompiledPolicy(table: table) }
}
