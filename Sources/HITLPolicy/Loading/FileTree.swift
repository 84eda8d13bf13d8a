#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a command reads inside: a folder walk never leaves the folder it was given,
/// and a test file's `policy:` must name a file inside the folder being tested. A path is
/// checked twice: by its spelling (`..` steps taken lexically, so nothing outside is even
/// looked at) and by where it leads once every symlink is resolved.
package struct FileTree: Sendable, Hashable {
    /// How messages name it: the folder as given, or "the current folder".
    package let name: String
    /// Absolute, without `.` and `..` steps, symlinks kept: for checks on a path's spelling.
    let spelled: String
    /// Absolute, every symlink resolved.
    let real: String
    /// The folder's absolute path, every symlink resolved.
    package var resolved: String { real }
    /// The current folder, symlinks resolved (the base of relative paths).
    let base: String

    /// The folder `path`, as given on the command line (it may be a symlink: a folder named
    /// by the user is theirs to choose).
    package init(folder path: String, name: String? = nil) throws(InputFailure) {
        guard let base = Self.realPath("."), let real = Self.realPath(path) else {
            throw InputFailure("\(path): \(String(cString: strerror(errno)))")
        }
        self.base = base
        self.real = real
        self.spelled = Self.absolute(path, base: base)
        self.name = name ?? (spelled == base ? "the current folder (\(base))" : path)
    }

    /// The current folder: where a test file named on the command line, or read from
    /// standard input, is tested.
    package static func current() throws(InputFailure) -> FileTree {
        try FileTree(folder: ".")
    }

    /// Where a test file named on the command line (or `-`, standard input) is tested: the
    /// current folder when the file lies inside it (the project you run in, so that
    /// `tests/payments.test.yaml` may name `../payments.yaml`), else the test file's own
    /// folder (nothing above it). Nil when neither can be resolved.
    package static func named(file path: String) -> FileTree? {
        guard let current = try? current() else { return nil }
        if path == "-" || current.spells(path) { return current }
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        return try? FileTree(folder: folder, name: "the test file's folder (\(folder))")
    }

    /// Whether `path` (relative to the current folder, or absolute) is spelled inside the tree.
    package func spells(_ path: String) -> Bool {
        Self.inside(Self.absolute(path, base: base), spelled)
    }

    /// Whether a resolved path (from `realPath`) lies inside the tree.
    func holds(real path: String) -> Bool { Self.inside(path, real) }

    /// Where `path` (relative to the current folder, or absolute) leads: its real path when
    /// that lies inside the tree, or why not. Symlinks are resolved one step at a time (as the
    /// kernel does), so a path that does not exist is `.missing` only when the part of it
    /// that does exist lies inside the tree: the answer says nothing about what exists outside.
    func locate(_ path: String) -> Located {
        var pending = Array(((path.hasPrefix("/") ? "" : base + "/") + path).split(separator: "/").reversed())
        var resolved: [Substring] = []
        var links = 0
        while let part = pending.popLast() {
            if part == "." { continue }
            if part == ".." { _ = resolved.popLast(); continue }
            let candidate = "/" + (resolved + [part]).joined(separator: "/")
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                let error = errno
                guard holds(real: "/" + resolved.joined(separator: "/")) else { return .outside }
                return error == ENOENT || error == ENOTDIR ? .missing : .unreachable(String(cString: strerror(error)))
            }
            guard (info.st_mode & S_IFMT) == S_IFLNK else {
                resolved.append(part)
                continue
            }
            links += 1
            guard links <= 40, let target = Self.linkTarget(candidate) else {
                return links > 40 ? .loop : .unreachable("a symlink that cannot be read")
            }
            if target.hasPrefix("/") { resolved = [] }
            pending += target.split(separator: "/").reversed()
        }
        let real = "/" + resolved.joined(separator: "/")
        return holds(real: real) ? .inside(real) : .outside
    }

    /// The text of the symlink at `path` when it is UTF-8.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(path, $0, b.count - 1) }
        }
        guard n > 0 else { return nil }
        return String(validating: buffer.prefix(n), as: UTF8.self)
    }

    /// Where a path leads (see `locate`).
    enum Located: Equatable {
        case inside(String), outside, missing, loop, unreachable(String)
    }

    /// `path` made absolute against `base`, without `.` and `..` steps.
    static func absolute(_ path: String, base: String) -> String {
        normalized(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// `path` without `.` segments and with each `name/..` pair removed.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// `path` is `root` or below it (both absolute and normalized).
    static func inside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// `realpath(3)`: absolute, every symlink resolved; nil (errno set) when it fails.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
