/// What `hitl-policy test` found: per file, its diagnostics or its case results.
package struct TestRun: Sendable {
    /// One test file's outcome.
    package struct FileResult: Sendable {
        /// The test file.
        package var path: String
        /// The policy path as resolved (relative to the working folder).
        package var policyPath: String?
        /// Why the test file could not be read (exit 2).
        package var failure: String?
        /// The test file's own problems (an invalid test file runs no case).
        package var diagnostics: [Diagnostic] = []
        /// The test file's bytes (to show source lines).
        package var source: [UInt8] = []
        /// The policy's lint errors, when it is invalid (no case runs), or why it failed to load.
        package var policyDiagnostics: [Diagnostic] = []
        /// The policy's source, for showing its diagnostics.
        package var policySource: [UInt8] = []
        /// Why the policy did not load, when that is no diagnostic.
        package var policyFailure: String?
        /// The results, in file order (only cases `--run` selected).
        package var cases: [CaseResult] = []
        /// The policy, when it loaded.
        package var policy: CompiledPolicy?
        /// Whether the test file itself is invalid (exit 2).
        package var invalidTestFile: Bool { failure != nil || diagnostics.contains { $0.severity == .error } }
        /// Whether the policy is invalid or unloadable (exit 1).
        package var invalidPolicy: Bool { !invalidTestFile && policy == nil }
    }

    /// One case's outcome.
    package struct CaseResult: Sendable {
        /// The case.
        package var testCase: TestCase
        /// The decision.
        package var decision: Decision
        /// The keys that differ: key, expected, actual (empty: the case passed).
        package var mismatches: [Mismatch]
        /// The table row the action fell in (measured only for coverage).
        package var probe: PolicyRows.Probe?
        /// Whether the case passed.
        package var passed: Bool { mismatches.isEmpty }
    }

    /// One `expect` key whose actual value differs.
    package struct Mismatch: Sendable, Equatable {
        /// The key, e.g. `tier`.
        package var key: String
        /// What was expected, as text.
        package var expected: String
        /// What the decision shows, as text.
        package var actual: String
    }

    /// Every file, in discovery order.
    package var files: [FileResult] = []
    /// Coverage per policy (when measured), in the order policies were first tested.
    package var coverage: [TestCoverage] = []

    /// Cases run.
    package var caseCount: Int { files.reduce(0) { $0 + $1.cases.count } }
    /// Cases failed.
    package var failedCount: Int { files.reduce(0) { $0 + $1.cases.filter { !$0.passed }.count } }

    /// The policies whose row coverage is below `minCoverage` percent.
    package func coverageShort(_ minCoverage: Double?) -> [TestCoverage] {
        guard let p = minCoverage else { return [] }
        return coverage.filter { $0.percent < p }
    }

    /// The exit status with `--min-coverage`: a shortfall is 1 (unless something is worse).
    package func exitStatus(minCoverage: Double?) -> Int32 {
        let s = exitStatus
        return s == 0 && !coverageShort(minCoverage).isEmpty ? 1 : s
    }

    /// The exit status SPEC §5 gives `test` (coverage aside): 2 an invalid test file, 1 a
    /// failing case or an invalid policy, else 0.
    package var exitStatus: Int32 {
        if files.contains(where: \.invalidTestFile) { return 2 }
        if files.contains(where: \.invalidPolicy) || failedCount > 0 { return 1 }
        return 0
    }
}
