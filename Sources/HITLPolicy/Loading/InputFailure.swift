/// A failure of the tool itself (not a finding about a policy): a path that cannot be read
/// or walked, standard input named twice. Exit status 2. `PolicyTools` reports it to
/// library users as the public `InputError`.
package struct InputFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path.
    package var description: String
    /// Creates an input failure.
    package init(_ description: String) { self.description = description }
}
