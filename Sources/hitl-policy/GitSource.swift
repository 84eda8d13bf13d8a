#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HITLPolicy

/// Reads a file as it is at a git revision, straight from git (no temporary file): `git
/// ls-tree REV -- PATH` finds it, `git cat-file blob` reads it. git's own messages go to
/// standard error. Neither reads the index (so no fsmonitor hook runs).
enum GitSource {
    /// The bytes of `path` (relative to the current folder, or absolute) at `revision`; nil
    /// when the revision exists and has no file there.
    static func read(revision: String, path: String) -> [UInt8]? {
        let label = "\(revision):\(path)"
        // An empty revision (or `:N`) would name the git index, not a revision.
        guard !revision.isEmpty, !revision.hasPrefix(":") else {
            Terminal.fail("\(label): give a git revision before the colon (e.g. HEAD or origin/main)")
        }
        guard !revision.hasPrefix("-") else { Terminal.fail("\(revision): not a git revision") }
        // An absolute path is read from the repository that holds it, wherever we run.
        let (folder, relative) = path.hasPrefix("/") ? split(absolute: path) : (nil, path)
        let git = ["git"] + (folder.map { ["-C", $0] } ?? [])
        var components: [Substring] = []
        for c in relative.split(separator: "/") where c != "." {
            if c == "..", let last = components.last, last != ".." { components.removeLast() } else { components.append(c) }
        }
        guard let name = components.last, name != ".." else { Terminal.fail("\(label): not a file path") }
        let listing = run(git + ["ls-tree", "-z", revision, "--", relative], label: label)
        guard listing.status == 0 else { Terminal.fail("\(label): git could not read it (see git's message above)") }
        let entries = listing.out.split(separator: 0)
        if entries.isEmpty { return nil }
        // `MODE TYPE OID\tPATH`
        guard entries.count == 1, let tab = entries[0].firstIndex(of: 0x09) else { Terminal.fail("\(label): not a single file at \(revision)") }
        let fields = entries[0][..<tab].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        let listed = entries[0][(tab + 1)...].split(separator: 0x2F).last.map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 3, fields[1] == "blob", fields[0] != "120000", listed == String(name) else {
            Terminal.fail("\(label): not a file at \(revision)")
        }
        let blob = run(git + ["cat-file", "blob", fields[2]], label: label)
        guard blob.status == 0 else { Terminal.fail("\(label): git could not read it (see git's message above)") }
        return blob.out
    }

    /// An absolute path as its deepest existing folder (for `git -C`) and the rest of the
    /// path below it (a file absent from the work tree may still be at the revision).
    static func split(absolute path: String) -> (folder: String, relative: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var rest: [String] = []
        while let last = parts.popLast() {
            rest.insert(last, at: 0)
            let folder = parts.joined(separator: "/")
            guard let r = realpath(folder.isEmpty ? "/" : folder, nil) else { continue }
            defer { free(r) }
            return (String(cString: r), rest.joined(separator: "/"))
        }
        return ("/", path)
    }

    /// Runs git with `args`; its standard output, capped at `PolicyFiles.maxTableBytes`.
    private static func run(_ argv: [String], label: String) -> (status: Int32, out: [UInt8]) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { Terminal.fail("cannot run git: \(String(cString: strerror(errno)))") }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil   // an opaque pointer there, a struct in glibc
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        defer { posix_spawn_file_actions_destroy(&actions) }
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, &cargs, processEnvironment)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            Terminal.fail("cannot run git (\(String(cString: strerror(spawned)))); install git or pass both files")
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var tooLarge = false
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if out.count + n > PolicyFiles.maxTableBytes { tooLarge = true; break }
            out += chunk[0..<n]
        }
        close(fds[0])
        if tooLarge { kill(pid, SIGTERM) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if tooLarge { Terminal.fail("\(label): larger than \(PolicyFiles.maxTableBytes) bytes") }
        return (status, out)
    }
}

// `GitSource.read` hides the C function of the same name.
#if canImport(Glibc)
private let systemRead = Glibc.read
private var processEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
#elseif canImport(Darwin)
private let systemRead = Darwin.read
// Darwin exports no `environ` to programs; `_NSGetEnviron` (crt_externs.h) is the documented
// way to reach it, declared here by its C symbol so the build needs no particular SDK module.
@_silgen_name("_NSGetEnviron")
private func darwinEnviron() -> UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
private var processEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { darwinEnviron().pointee }
#endif
