#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HITLPolicy

/// Reads a file as it is at a git revision, straight from `git show REV:./PATH` (no
/// temporary file). git's own messages go to standard error.
enum GitSource {
    /// The bytes of `path` (relative to the current folder) at `revision`.
    static func read(revision: String, path: String) -> [UInt8] {
        guard !revision.hasPrefix("-") else { Terminal.fail("\(revision): not a git revision") }
        let spec = "\(revision):\(path.hasPrefix("/") ? path : "./" + path)"
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { Terminal.fail("cannot run git: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = ["git", "show", spec]
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, &cargs, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            Terminal.fail("cannot run git (\(String(cString: strerror(spawned)))); install git or pass both files")
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var tooLarge = false
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if out.count + n > PolicyInput.maxTableBytes { tooLarge = true; break }
            out += chunk[0..<n]
        }
        close(fds[0])
        if tooLarge { kill(pid, SIGTERM) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if tooLarge { Terminal.fail("\(revision):\(path): larger than \(PolicyInput.maxTableBytes) bytes") }
        guard status == 0 else { Terminal.fail("\(revision):\(path): git could not read it (see git's message above)") }
        return out
    }
}
