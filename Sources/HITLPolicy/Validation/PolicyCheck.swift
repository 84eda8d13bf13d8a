/// One semantic check over a decoded policy. Checks are independent and each emits its own
/// diagnostics; `Validator` runs them all.
protocol PolicyCheck: Sendable {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink)
}

/// Runs every semantic check in a fixed order.
enum Validator {
    static let checks: [any PolicyCheck.Type] = [
        NameCollisionCheck.self, ReferenceCheck.self, NoTiersCheck.self, CurrencyCheck.self,
        EscalationCheck.self, SLACheck.self, DefaultsCheck.self, ReviewSettingCheck.self,
        UnusedApproversCheck.self, BandEffectivenessCheck.self, RuleEffectivenessCheck.self,
        MissingDataCheck.self, ToolMappingCheck.self, ShellMappingCheck.self,
    ]

    /// Codes whose findings depend on the whole policy being well formed; they are dropped
    /// when a file has errors, so a broken rule does not cause a misleading warning.
    static let wholePolicyCodes: Set<DiagnosticCode> = [
        .ineffectiveBand, .ineffectiveRule, .unusedTier, .unusedSpecialist, .firesOnMissingData, .autonomyNeedsData,
    ]

    static func validate(_ policy: Policy) -> [Diagnostic] {
        var sink = DiagnosticSink()
        for check in checks { check.run(policy, into: &sink) }
        return sink.diagnostics
    }
}
