/// The checks that need the compiled table, run by `lint` once a policy compiles: exact
/// answers about what each rule does to decisions, missing values included.
enum TableChecks {
    static func run(_ policy: Policy, table: DecisionTable) -> [Diagnostic] {
        ExactRuleCheck.run(policy, table: table) + AutonomyCheck.run(policy, table: table)
    }
}
