/// A file `lint` found in a folder but did not read, and why.
package struct SkippedFile: Error, Sendable, Hashable {
    /// The path, under the folder as the user named it.
    package var path: String
    /// Why it was skipped ("a FIFO, not a regular file", "a symlink loop", ...).
    package var reason: String
    /// It may hold what should have been checked and could not be (a name that is not UTF-8,
    /// a folder too deep or unreadable): a warning, so `lint --strict` fails; otherwise it was
    /// skipped by design (a FIFO, a broken link, a link outside the folder) and is a note.
    package var couldNotCheck = false
    /// It is a folder (or a symlink to one), so it may hold test files: `test` fails on it.
    package var isFolder = false
}
