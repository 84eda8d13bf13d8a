/// A decoded test file (SPEC §7): the policy it tests and its cases, matrices expanded.
package struct TestFile: Sendable {
    /// The test file's path as given or found.
    package var path: String
    /// `policy:` as written, and where.
    package var policy: String?
    /// Where `policy:` is written (the file start when it is missing).
    package var policyLocation: SourceLocation
    /// The cases, in file order (a matrix contributes its combinations in order).
    package var cases: [TestCase] = []
}

/// One case: an action and what its decision must show.
package struct TestCase: Sendable {
    /// The case's name (with the matrix combination appended, when there is one).
    package var name: String
    /// Where the case starts.
    package var location: SourceLocation
    /// The action as one JSON line, exactly as `eval` would read it.
    package var action: [UInt8]
    /// What is expected.
    package var expect: Expectation
}

/// `expect`: a partial match, only the keys given are checked.
package struct Expectation: Sendable {
    /// A name as written, with where.
    package struct Name: Sendable {
        /// The text.
        package var text: String
        /// Where it is written.
        package var location: SourceLocation
    }

    /// `decision` (required).
    package var decision: Decision.Outcome
    /// Where `decision`'s value is.
    package var decisionLocation: SourceLocation
    /// `review`.
    package var review: Bool?
    /// `tier`: a tier name, or `none`.
    package var tier: Name?
    /// `specialists`: the exact set.
    package var specialists: [Name]?
    /// `approvals`: the exact list of names, in order.
    package var approvals: [Name]?
    /// `reasons`: rule paths that must be among the reasons.
    package var reasons: [Name]?
    /// `assumed`: the exact set of assumed fields.
    package var assumed: [Name]?
    /// `errors`: substrings the errors must contain.
    package var errors: [Name]?
}
