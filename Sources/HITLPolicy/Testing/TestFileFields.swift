/// The keys a test file (`*.test.yaml`, SPEC §7) may use, in one place: the decoder checks
/// them, and a JSON Schema for editors can be generated from them.
package enum TestFileFields {
    /// Top-level keys.
    package static let topLevel = ["policy", "fixtures", "cases"]
    /// Keys of one case.
    package static let testCase = ["name", "use", "action", "matrix", "expect"]
    /// Keys of `expect`.
    package static let expect = ["decision", "review", "tier", "specialists", "approvals", "reasons", "assumed", "errors"]
    /// Values of `expect.decision`.
    package static let decisions = ["autonomous", "approval", "disabled", "invalid"]
    /// Top-level action fields the evaluator reads (other fields are allowed and ignored).
    package static let actionFields = ActionField.all.map(\.description) + ["time"]
    /// Fields `expect.assumed` may name (besides `attributes.PATH`).
    package static let assumedFields = ActionField.decided.filter { $0 != .capability && $0 != .attributes }.map(\.description)

    /// Most cases one test file may hold, after matrices are expanded.
    package static let maxCases = 200_000
    /// Most cases one `matrix` may expand to.
    package static let maxMatrixCases = 10_000
}
