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
    /// It may hold what should have been checked and could not be (a name that is not UTF-8,
    /// a folder too deep or unreadable): a warning, so `lint --strict` fails; otherwise it was
    /// skipped by design (a FIFO, a broken link, a link outside the folder) and is a note.
    public var couldNotCheck = false
    /// It is a folder (or a symlink to one), so it may hold test files: `test` fails on it.
    public var isFolder = false
}
