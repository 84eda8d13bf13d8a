/// A stable diagnostic code: `id` (`HP200`) never changes meaning once released; `name`
/// (`unknown-field`) is the readable form used in SARIF and docs.
public struct DiagnosticCode: Hashable, Sendable {
    /// Stable identifier, `HP` and three digits.
    public let id: String
    /// Kebab-case name.
    public let name: String
    /// Default severity.
    public let severity: Severity
    /// One-line description (SARIF `shortDescription`, docs heading).
    public let summary: String

    init(_ id: String, _ name: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.name = name
        self.severity = severity
        self.summary = summary
    }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

extension DiagnosticCode {
    // Syntax (HP1xx): the file is not a well-formed, bounded YAML document.
    static let yamlSyntax = DiagnosticCode("HP100", "yaml-syntax", .error, "The file is not valid YAML")
    static let invalidEncoding = DiagnosticCode("HP101", "invalid-encoding", .error, "The file is not UTF-8 text")
    static let duplicateKey = DiagnosticCode("HP102", "duplicate-key", .error, "A mapping has the same key twice")
    static let multipleDocuments = DiagnosticCode("HP103", "multiple-documents", .error, "A policy file holds more than one YAML document")
    static let aliasBudget = DiagnosticCode("HP104", "alias-budget", .error, "Alias expansion exceeds the node budget")
    static let nestingTooDeep = DiagnosticCode("HP105", "nesting-too-deep", .error, "Mappings and lists nest too deeply")
    static let fileTooLarge = DiagnosticCode("HP106", "file-too-large", .error, "The file exceeds the size limit")
    static let scalarTooLong = DiagnosticCode("HP107", "scalar-too-long", .error, "A single value exceeds the length limit")
    static let unsupportedTag = DiagnosticCode("HP108", "unsupported-tag", .error, "A YAML tag other than the core schema's")
    static let emptyDocument = DiagnosticCode("HP109", "empty-document", .error, "The file holds no policy")
    static let nonScalarKey = DiagnosticCode("HP110", "non-scalar-key", .error, "A mapping key is a list or mapping")
    static let skippedFile = DiagnosticCode("HP111", "skipped-file", .note, "A file in a linted folder that was not read")

    // Structure (HP2xx): fields, types and values.
    static let unknownField = DiagnosticCode("HP200", "unknown-field", .error, "A field the language does not define")
    static let wrongType = DiagnosticCode("HP201", "wrong-type", .error, "A value of the wrong type")
    static let missingField = DiagnosticCode("HP202", "missing-field", .error, "A required field is missing")
    static let unknownVersion = DiagnosticCode("HP203", "unknown-version", .error, "A language version this tool does not know")
    static let invalidName = DiagnosticCode("HP204", "invalid-name", .error, "A policy name outside [A-Za-z0-9._-]")
    static let invalidValue = DiagnosticCode("HP205", "invalid-value", .error, "A value outside the field's allowed set")
    static let invalidDuration = DiagnosticCode("HP206", "invalid-duration", .error, "A malformed SLA duration")
    static let invalidNumber = DiagnosticCode("HP207", "invalid-number", .error, "A number that is not a plain decimal in range")
    static let invalidCurrency = DiagnosticCode("HP208", "invalid-currency", .error, "Not an ISO 4217 currency code")
    static let emptyList = DiagnosticCode("HP209", "empty-list", .error, "A list that must have entries is empty")
    static let invalidPattern = DiagnosticCode("HP210", "invalid-pattern", .error, "A capability pattern with `*` not at the end")
    static let duplicateName = DiagnosticCode("HP211", "duplicate-name", .error, "Two tiers or specialists share a name")
    static let duplicateRuleID = DiagnosticCode("HP212", "duplicate-rule-id", .error, "Two compliance rules share an id")
    static let invalidQuorum = DiagnosticCode("HP213", "invalid-quorum", .error, "A quorum of zero, above the number of approvers listed, or `all` with a group")
    static let invalidCapacity = DiagnosticCode("HP214", "invalid-capacity", .error, "A reviewer capacity that is not a positive count per period")
    static let invalidGroup = DiagnosticCode("HP215", "invalid-group", .error, "An approver starting with '@' that is not a group name")

    // References (HP3xx): names and the ladder.
    static let undefinedTier = DiagnosticCode("HP300", "undefined-tier", .error, "A rule names a tier the ladder does not have")
    static let undefinedSpecialist = DiagnosticCode("HP301", "undefined-specialist", .error, "A rule names an undefined specialist panel")
    static let noTiers = DiagnosticCode("HP302", "no-tiers", .error, "Something can require approval but no tier exists")
    static let missingCurrency = DiagnosticCode("HP303", "missing-currency", .error, "Amount rules without a policy currency")
    static let tierWithoutApproval = DiagnosticCode("HP304", "tier-without-approval", .error, "A tier on a stage other than approval")
    static let escalatingTopTier = DiagnosticCode("HP305", "escalating-top-tier", .error, "The top tier escalates to nothing")

    // Bands and compliance rules (HP4xx, HP5xx).
    static let invalidBand = DiagnosticCode("HP400", "invalid-band", .error, "A band without exactly one threshold and one effect")
    static let bandsOutOfOrder = DiagnosticCode("HP401", "bands-out-of-order", .error, "Band thresholds not in order")
    static let thresholdOutOfRange = DiagnosticCode("HP402", "threshold-out-of-range", .error, "A threshold outside its field's range")
    static let ruleWithoutEffect = DiagnosticCode("HP500", "rule-without-effect", .error, "A compliance rule with no effect")
    static let emptyWhen = DiagnosticCode("HP501", "empty-when", .error, "A compliance rule with no conditions")
    static let unknownCondition = DiagnosticCode("HP502", "unknown-condition", .error, "A condition the language does not define")
    static let invalidBounds = DiagnosticCode("HP503", "invalid-bounds", .error, "A range condition with no bounds or two on one side")
    static let tableTooLarge = DiagnosticCode("HP504", "table-too-large", .error, "Rules whose effects combine into more decisions than a table can hold")

    // Warnings and notes (HP6xx): legal, but probably not what the author meant.
    static let ineffectiveBand = DiagnosticCode("HP600", "ineffective-band", .warning, "A band that can never change a decision")
    static let ineffectiveRule = DiagnosticCode("HP601", "ineffective-rule", .warning, "A compliance rule that can never change a decision")
    static let contradictoryBounds = DiagnosticCode("HP602", "contradictory-bounds", .warning, "A range condition no value satisfies")
    static let unusedTier = DiagnosticCode("HP603", "unused-tier", .warning, "A tier no rule can require")
    static let unusedSpecialist = DiagnosticCode("HP604", "unused-specialist", .warning, "A specialist panel no rule names")
    static let autonomousDefault = DiagnosticCode("HP605", "autonomous-default", .warning, "Unlisted capabilities run unattended")
    static let missingSLA = DiagnosticCode("HP606", "missing-sla", .warning, "An approver group with no SLA")
    static let ineffectiveSetting = DiagnosticCode("HP607", "ineffective-setting", .warning, "A setting that has no effect where it is written")
    static let firesOnMissingData = DiagnosticCode("HP608", "fires-on-missing-data", .note, "A rule that fires when actions omit the data it tests")
    static let autonomyNeedsData = DiagnosticCode("HP609", "autonomy-needs-data", .warning, "A capability declared autonomous needs approval when actions omit a field a broader rule tests")
    static let unmappedToolCapability = DiagnosticCode("HP610", "unlisted-tool-capability", .warning, "A `tools` entry maps calls to a capability no entry or rule names")
    static let unmappedShellAttribute = DiagnosticCode("HP611", "unmapped-shell-attribute", .warning, "A `shell` condition on an attribute no `tools` entry maps")

    // Test files (HP7xx): `*.test.yaml` read by `hitl-policy test`.
    static let testPolicyMissing = DiagnosticCode("HP700", "test-policy-missing", .error, "A test file's policy cannot be read")
    static let unknownFixture = DiagnosticCode("HP701", "unknown-fixture", .error, "A case uses a fixture the file does not define")
    static let impossibleExpectation = DiagnosticCode("HP702", "impossible-expectation", .error, "An expected value the policy can never produce")
    static let invalidTestAction = DiagnosticCode("HP703", "invalid-test-action", .error, "An action value with no exact JSON form")
    static let tooManyCases = DiagnosticCode("HP704", "too-many-cases", .error, "A matrix or file that expands to more cases than the limit")

    // Suppressions (HP8xx): `x-lint` keys that silence warnings and notes where they occur.
    static let invalidSuppression = DiagnosticCode("HP800", "invalid-suppression", .warning, "An `x-lint` key that cannot silence what it names")
    static let unusedSuppression = DiagnosticCode("HP801", "unused-suppression", .note, "An `x-lint` entry that silences nothing")

    /// Every code, in id order.
    public static let all: [DiagnosticCode] = [
        yamlSyntax, invalidEncoding, duplicateKey, multipleDocuments, aliasBudget, nestingTooDeep,
        fileTooLarge, scalarTooLong, unsupportedTag, emptyDocument, nonScalarKey, skippedFile,
        unknownField, wrongType, missingField, unknownVersion, invalidName, invalidValue,
        invalidDuration, invalidNumber, invalidCurrency, emptyList, invalidPattern, duplicateName,
        duplicateRuleID, invalidQuorum, invalidCapacity, invalidGroup,
        undefinedTier, undefinedSpecialist, noTiers, missingCurrency, tierWithoutApproval, escalatingTopTier,
        invalidBand, bandsOutOfOrder, thresholdOutOfRange,
        ruleWithoutEffect, emptyWhen, unknownCondition, invalidBounds, tableTooLarge,
        ineffectiveBand, ineffectiveRule, contradictoryBounds, unusedTier, unusedSpecialist,
        autonomousDefault, missingSLA, ineffectiveSetting, firesOnMissingData, autonomyNeedsData, unmappedToolCapability, unmappedShellAttribute,
        testPolicyMissing, unknownFixture, impossibleExpectation, invalidTestAction, tooManyCases,
        invalidSuppression, unusedSuppression,
    ]

    /// Looks a code up by id (`HP200`) or name (`unknown-field`).
    public static func named(_ key: String) -> DiagnosticCode? {
        byKey[key]
    }

    /// Every code by id and by name: `x-lint` may name 200,000 codes, each looked up once.
    private static let byKey: [String: DiagnosticCode] = {
        var out: [String: DiagnosticCode] = [:]
        for code in all {
            out[code.id] = out[code.id] ?? code
            out[code.name] = out[code.name] ?? code
        }
        return out
    }()
}
