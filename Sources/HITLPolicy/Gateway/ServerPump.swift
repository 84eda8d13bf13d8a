#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server-to-client direction on its own thread: every line passes unchanged (a
/// `tools/list` result is filtered with `--hide-disabled`); when the server's output ends,
/// the gateway exits with the server's status.
final class ServerPump: @unchecked Sendable {
    let server: ServerProcess
    let session: GatewaySession
    let client: ClientOutput

    init(server: ServerProcess, session: GatewaySession, client: ClientOutput) {
        self.server = server
        self.session = session
        self.client = client
    }

    /// Starts the thread; false when it cannot.
    func start() -> Bool {
        PosixThread.start { self.run() } != nil
    }

    private func run() -> Never {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var partial: [UInt8] = []
        var streaming = false   // inside a line longer than the limit, the output lock held
        while true {
            let n = chunk.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return -1 }
                return read(server.output, base, b.count)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            var rest = chunk[0..<n]
            var batch: [UInt8] = []
            while !rest.isEmpty {
                guard let nl = rest.firstIndex(of: 0x0A) else {
                    if streaming {
                        _ = writeFully(STDOUT_FILENO, Array(rest))
                    } else {
                        partial.append(contentsOf: rest)
                        if partial.count > GatewayRelay.maxLine {
                            if !batch.isEmpty { client.send([batch]); batch = [] }
                            client.lock()
                            streaming = true
                            _ = writeFully(STDOUT_FILENO, partial)
                            partial = []
                        }
                    }
                    break
                }
                let piece = rest[rest.startIndex...nl]
                rest = rest[(nl + 1)...]
                if streaming {
                    _ = writeFully(STDOUT_FILENO, Array(piece))
                    client.unlock()
                    streaming = false
                    continue
                }
                partial.append(contentsOf: piece)
                if session.readsServerLines, let replaced = session.fromServer(Array(partial.dropLast())) {
                    batch.append(contentsOf: replaced)
                } else {
                    batch.append(contentsOf: partial)
                }
                partial.removeAll(keepingCapacity: true)
            }
            if !batch.isEmpty { client.send([batch]) }
        }
        if streaming { client.unlock() }
        if !partial.isEmpty { client.send([partial]) }
        close(server.output)
        exit(server.wait())
    }
}
