extension PolicyTools {
    /// `hitl-policy suggest`: reads the review logs (descriptors with their names), decides every
    /// reviewed action with the policy (`policySource`, read from `label`, compiled to
    /// `table`) and with its proposals, and judges promotions, demotions, calibration and
    /// reviewer findings (SPEC §9). Nothing is printed: each unusable line goes to
    /// `problem`; the report is rendered by `SuggestionTextReporter`, `SuggestionJSONReporter`
    /// or `SuggestionMarkdownReporter`.
    package static func suggest(policySource: [UInt8], label: String, table: DecisionTable, logs: [(fd: Int32, name: String)],
                                options: SuggestionOptions,
                                problem: @escaping (String) -> Void = { _ in }) -> Result<SuggestionReport, Suggester.Failure> {
        guard let model = PolicyLoader.load(policySource, file: label).policy else {
            return .failure(Suggester.Failure(message: "\(label): invalid policy"))
        }
        return Suggester.run(policy: model, table: table, logs: logs, options: options, problem: problem)
    }
}
