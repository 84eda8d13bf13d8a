/// A failure of the tool itself (not a finding about a policy): exit status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path.
    public var description: String
    /// Creates an input error.
    public init(_ description: String) { self.description = description }
}

/// A file `lint` found in a folder but did not read, and why.
public struct SkippedFile: Error, Sendable, Hashable {
    /// The path, under the folder as the user named it.
    public var path: String
    /// Why it was skipped ("a FIFO, not a regular file", "a symlink loop", ...).
    public var reason: String
}
