/// A failure of the tool itself (not a finding about a policy), such as standard input
/// named twice: what `hitl-policy` reports with exit status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path.
    public var description: String
    /// Creates an input error.
    public init(_ description: String) { self.description = description }

    /// The public form of a loading failure.
    init(_ failure: InputFailure) { self.description = failure.description }
}
