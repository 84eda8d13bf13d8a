#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hitl-policy mcp init -- SERVER...`: a starting policy from the server's tools (SPEC §11).
/// The server is started, initialized and asked for every page of `tools/list`; each tool
/// gets one capability and one `tools:` entry, staged from its annotations as a careful
/// author would — `readOnlyHint: true` → autonomous, anything else → approval — since the
/// annotations are the server's own claims.
enum MCPInit {
    /// A tool as the server lists it.
    struct Tool {
        var name: String
        var readOnly: Bool
        var destructive: Bool?
    }

    /// How long the server has to answer, in all.
    static let timeoutSeconds: Int64 = 30
    /// Most pages and tools read.
    static let maxPages = 100
    static let maxTools = 10_000

    /// The server's tools; why they could not be read.
    static func tools(server argv: [String]) -> Result<[Tool], GatewayFailure> {
        var server: ServerProcess
        switch ServerProcess.start(argv) {
        case .success(let s): server = s
        case .failure(let f): return .failure(f)
        }
        defer {
            server.closeInput()
            close(server.output)
            kill(server.pid, SIGTERM)
            _ = server.wait()
        }
        let deadline = Timestamp.now.seconds + timeoutSeconds
        var lines = LineBuffer(limit: GatewayRelay.maxLine * 4)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        func send(_ text: String) -> Bool { writeFully(server.input, Array((text + "\n").utf8)) }
        /// The response to `id`, skipping everything else the server sends.
        func response(_ id: Int) -> Result<[UInt8], GatewayFailure> {
            while true {
                while let item = lines.next() {
                    guard case .line(let line) = item else { continue }
                    let isIt = line.withUnsafeBufferPointer { b -> Bool in
                        guard let m = try? MCPMessage.read(b), case .response(let rid) = m.kind else { return false }
                        return rid == Array(String(id).utf8)
                    }
                    if isIt { return .success(line) }
                }
                let left = deadline - Timestamp.now.seconds
                guard left > 0 else { return .failure(GatewayFailure(message: "the server did not answer within \(timeoutSeconds) seconds")) }
                var fds = pollfd(fd: server.output, events: Int16(POLLIN), revents: 0)
                let ready = poll(&fds, 1, Int32(left * 1000))
                if ready < 0, errno == EINTR { continue }
                if ready <= 0 { continue }
                let n = chunk.withUnsafeMutableBytes { b -> Int in
                    guard let base = b.baseAddress else { return -1 }
                    return read(server.output, base, b.count)
                }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return .failure(GatewayFailure(message: "the server ended before it answered")) }
                lines.append(chunk[0..<n])
            }
        }
        guard send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"hitl-policy-mcp-init","version":"1"}}}"#) else {
            return .failure(GatewayFailure(message: "the server does not read its input"))
        }
        if case .failure(let f) = response(1) { return .failure(f) }
        _ = send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        var tools: [Tool] = []
        var cursor: String?
        for page in 0..<maxPages {
            var request = #"{"jsonrpc":"2.0","id":\#(page + 2),"method":"tools/list""#
            if let cursor {
                var c: [UInt8] = []
                c.appendJSONString(cursor)
                request += #","params":{"cursor":"# + String(decoding: c, as: UTF8.self) + "}"
            }
            guard send(request + "}") else { return .failure(GatewayFailure(message: "the server stopped reading")) }
            switch response(page + 2) {
            case .failure(let f): return .failure(f)
            case .success(let line):
                switch readPage(line, into: &tools) {
                case .failure(let f): return .failure(f)
                case .success(let next): cursor = next
                }
            }
            if cursor == nil || tools.count >= maxTools { break }
        }
        return .success(tools)
    }

    /// Reads one `tools/list` response; the next cursor.
    private static func readPage(_ line: [UInt8], into tools: inout [Tool]) -> Result<String?, GatewayFailure> {
        line.withUnsafeBufferPointer { b in
            guard let m = try? MCPMessage.read(b) else { return .failure(GatewayFailure(message: "unreadable tools/list response")) }
            if m.member("error") != nil {
                return .failure(GatewayFailure(message: "the server answered tools/list with an error: " + String(decoding: m.text(m.member("error") ?? .array([])), as: UTF8.self)))
            }
            guard case .array(let list)? = m.member(path: "result.tools") else {
                return .failure(GatewayFailure(message: "the server's tools/list result has no tools array"))
            }
            for t in list {
                guard case .scalar(0x22, _, let n?)? = MCPMessage.member("name", of: t, in: m.json) else { continue }
                let annotations = MCPMessage.member("annotations", of: t, in: m.json)
                func flag(_ key: String) -> Bool? {
                    guard let a = annotations, case .scalar(let k, _, _)? = MCPMessage.member(key, of: a, in: m.json) else { return nil }
                    return k == 0x74 ? true : k == 0x66 ? false : nil
                }
                tools.append(Tool(name: m.json.string(n), readOnly: flag("readOnlyHint") == true, destructive: flag("destructiveHint")))
            }
            return .success(m.string(path: "result.nextCursor").flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
