#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MCP server the gateway starts: its process id and the two pipe ends the gateway keeps
/// (its standard input to write, its standard output to read); its standard error is the
/// gateway's.
struct ServerProcess {
    let pid: pid_t
    var input: Int32
    let output: Int32

    /// Starts `argv` (searched in `PATH`); why it could not, as a message.
    static func start(_ argv: [String]) -> Result<ServerProcess, GatewayFailure> {
        guard let program = argv.first, !program.isEmpty else { return .failure(GatewayFailure(message: "no server command after --")) }
        var toServer: [Int32] = [0, 0], fromServer: [Int32] = [0, 0]
        guard pipe(&toServer) == 0 else { return .failure(.system("cannot make a pipe")) }
        guard pipe(&fromServer) == 0 else {
            close(toServer[0]); close(toServer[1])
            return .failure(.system("cannot make a pipe"))
        }
        // The gateway's own ends must not leak into the server.
        for fd in [toServer[1], fromServer[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toServer[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromServer[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, toServer[0])
        posix_spawn_file_actions_addclose(&actions, fromServer[1])
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, &cargs, gatewayEnvironment)
        close(toServer[0])
        close(fromServer[1])
        guard spawned == 0 else {
            close(toServer[1]); close(fromServer[0])
            return .failure(GatewayFailure(message: "cannot start \(program): \(String(cString: strerror(spawned)))"))
        }
        return .success(ServerProcess(pid: pid, input: toServer[1], output: fromServer[0]))
    }

    /// Closes the server's standard input (it then ends, as MCP's stdio transport says).
    mutating func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Waits for the server to end; the exit status the gateway takes from it (a signal n
    /// gives 128 + n, as shells report it).
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 2 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

/// Why the gateway could not run (it then exits 2 with this message).
package struct GatewayFailure: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    static func system(_ what: String) -> GatewayFailure {
        GatewayFailure(message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Writes all of `bytes` to `fd`; false when it cannot (the reader went away).
func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { b -> Int in
            guard let base = b.baseAddress else { return 0 }
            return write(fd, base + done, b.count - done)
        }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
    }
    return true
}

#if canImport(Glibc)
private var gatewayEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
#elseif canImport(Darwin)
@_silgen_name("_NSGetEnviron")
private func _NSGetEnviron() -> UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
private var gatewayEnvironment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { _NSGetEnviron()?.pointee }
#endif
