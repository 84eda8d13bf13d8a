extension PolicyTools {
    /// `hitl-policy simulate`: reads the action or decision log on `fd` (`log` names it),
    /// decides every action with `table`, and replays the approval queues (SPEC §8). Nothing
    /// is printed; the report is rendered by `SimulationTextReporter`,
    /// `SimulationJSONReporter` or `SimulationMarkdownReporter`.
    package static func simulate(table: DecisionTable, fd: Int32, log: String,
                                 options: SimulationOptions) -> Result<SimulationReport, Simulation.Failure> {
        Simulation.run(table: table, fd: fd, log: log, options: options)
    }
}
