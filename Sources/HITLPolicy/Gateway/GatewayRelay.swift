#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gateway's I/O (SPEC §11): starts the server, then relays lines both ways — the
/// client's through the session on this thread (with `poll`, so approvals expire on time),
/// the server's on a second thread. Writes block, so a side that does not drain its input
/// stops the gateway reading from the other (back-pressure, not buffering); an unfinished
/// line is held only up to the line limit.
enum GatewayRelay {
    /// Longest client line decided (the `eval` line limit); a server line longer than this
    /// is streamed through unread.
    static let maxLine = 4 << 20

    /// Runs until either side ends; never returns: the gateway exits with the server's status.
    static func run(session: GatewaySession, server argv: [String]) -> Result<Never, GatewayFailure> {
        let server: ServerProcess
        switch ServerProcess.start(argv) {
        case .success(let s): server = s
        case .failure(let f): return .failure(f)
        }
        runningServer = server.pid
        for s in [SIGTERM, SIGINT, SIGHUP] { signal(s, endBoth) }
        let client = ClientOutput()
        let pump = ServerPump(server: server, session: session, client: client)
        guard pump.start() else {
            kill(server.pid, SIGTERM)
            return .failure(.system("cannot start a thread"))
        }
        relayClient(server: server, session: session, client: client)
    }

    /// Reads the client until it closes, then closes the server's input and waits (the
    /// server thread exits the process when the server ends).
    private static func relayClient(server: ServerProcess, session: GatewaySession, client: ClientOutput) -> Never {
        var server = server
        var lines = LineBuffer(limit: maxLine)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        func deliver(_ out: GatewaySession.Output) {
            for line in out.toServer { _ = writeFully(server.input, line) }
            if !out.toClient.isEmpty { client.send(out.toClient) }
            for w in out.warnings { _ = writeFully(STDERR_FILENO, Array("hitl-policy mcp: \(w)\n".utf8)) }
        }
        reading: while true {
            var timeout: Int32 = -1
            if let next = session.nextDeadline {
                let now = Timestamp.now
                let ms = (next.seconds - now.seconds) * 1000 + Int64(next.nanoseconds - now.nanoseconds) / 1_000_000
                timeout = Int32(clamping: max(0, ms + 1))
            }
            var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, timeout)
            if ready < 0, errno == EINTR { continue }
            if ready == 0 {
                deliver(session.expire(now: .now))
                continue
            }
            let n = chunk.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return -1 }
                return read(STDIN_FILENO, base, b.count)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break reading }
            lines.append(chunk[0..<n])
            while let item = lines.next() {
                switch item {
                case .line(let line):
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    deliver(session.fromClient(line, now: .now))
                case .tooLong:
                    client.send([MCPReplies.rpcError(id: nil, code: -32600,
                                                     message: "hitl-policy: Invalid Request: a message longer than \(maxLine) bytes (dropped)")])
                }
            }
            deliver(session.expire(now: .now))
        }
        server.closeInput()
        // The server should end now; one that does not is asked to, then made to.
        for (wait, sig) in [(10, SIGTERM), (5, SIGKILL)] {
            for _ in 0..<(wait * 10) { usleep(100_000) }
            kill(server.pid, sig)
        }
        while true { pause() }
    }
}

/// The server process the signal handler ends with the gateway.
nonisolated(unsafe) private var runningServer: pid_t = 0

/// SIGTERM (and SIGINT, SIGHUP) end both: the server is sent SIGTERM, the gateway exits.
private let endBoth: @convention(c) (Int32) -> Void = { sig in
    if runningServer > 0 { kill(runningServer, SIGTERM) }
    _exit(128 + sig)
}

/// The gateway's standard output, shared by both directions: a line is written whole under
/// the lock, so the gateway's own messages never land inside one of the server's.
final class ClientOutput: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Writes `lines` in one go; false when the client is gone.
    @discardableResult
    func send(_ lines: [[UInt8]]) -> Bool {
        lock()
        defer { unlock() }
        return writeFully(STDOUT_FILENO, lines.count == 1 ? lines[0] : Array(lines.joined()))
    }
}
