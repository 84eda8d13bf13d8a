#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MCP gateway's state between the client and the server (SPEC §11), free of I/O: each
/// line in gives the lines to send on. The client's `tools/call` requests are decided here;
/// every other message passes unchanged. Safe to call from the client's and the server's
/// threads at once (one lock around the state).
package final class GatewaySession: @unchecked Sendable {
    /// What to send after a line was read.
    package struct Output {
        /// Lines for the server (each with its newline).
        package var toServer: [[UInt8]] = []
        /// Lines for the client (each with its newline).
        package var toClient: [[UInt8]] = []
        /// Problems to report on standard error (a log record that could not be written in
        /// `--monitor`).
        package var warnings: [String] = []
    }

    /// An approval the gateway asked the client for and waits on.
    struct Pending {
        var callID: [UInt8]
        var call: [UInt8]
        var action: [UInt8]
        var reason: String
        var requested: Timestamp
        var deadline: Timestamp
    }

    /// Most approvals waiting at once; one more is refused (memory stays bounded).
    static let maxPending = 16
    /// Most `tools/list` requests remembered for `--hide-disabled`.
    static let maxListRequests = 256

    let table: DecisionTable
    let policy: CompiledPolicy
    let options: GatewayOptions
    /// The session named in log records.
    package let session: String
    /// Elicitation ids are `hitl-policy-NONCE-N`: the nonce is random, so a server cannot
    /// send the client a request with an id the gateway will take as a person's answer.
    let nonce: String
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var clientElicits = false
    private var counter = 0
    private var pending: [[UInt8]: Pending] = [:]
    private var listRequests: Set<[UInt8]> = []
    var hidden: [String: Bool] = [:]

    /// A session deciding by `table`.
    package init(table: DecisionTable, policy: CompiledPolicy, options: GatewayOptions, session: String, nonce: String) {
        self.table = table
        self.policy = policy
        self.options = options
        self.session = session
        self.nonce = nonce
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }

    /// Handles one line from the client (without its newline).
    package func fromClient(_ line: [UInt8], now: Timestamp) -> Output {
        locked { line.withUnsafeBufferPointer { clientLine($0, bytes: line, now: now) } }
    }

    /// The line to send the client for one line from the server: `line` itself (nil), or a
    /// `tools/list` result with the disabled tools removed.
    package func fromServer(_ line: [UInt8]) -> [UInt8]? {
        locked {
            guard options.hideDisabled, !listRequests.isEmpty else { return nil }
            return line.withUnsafeBufferPointer { b -> [UInt8]? in
                guard let m = try? MCPMessage.read(b), case .response(let id) = m.kind, listRequests.remove(id) != nil else { return nil }
                return filteredToolList(m)
            }
        }
    }

    /// Whether the server's lines need reading (else they are copied without a look).
    package var readsServerLines: Bool { locked { options.hideDisabled && !listRequests.isEmpty } }

    /// The approvals whose time has passed: refused, recorded `expired`.
    package func expire(now: Timestamp) -> Output {
        locked {
            var out = Output()
            for (id, p) in pending where p.deadline <= now {
                pending[id] = nil
                resolve(p, outcome: .expired, answer: "no answer within \(p.deadline.seconds - p.requested.seconds) seconds", now: now, into: &out)
            }
            return out
        }
    }

    /// When the next approval expires, if one is waiting.
    package var nextDeadline: Timestamp? { locked { pending.values.map(\.deadline).min() } }

    // MARK: - Client lines

    private func clientLine(_ b: UnsafeBufferPointer<UInt8>, bytes: [UInt8], now: Timestamp) -> Output {
        var out = Output()
        let m: MCPMessage
        do throws(MCPMessage.Refusal) { m = try MCPMessage.read(b) } catch {
            out.toClient.append(MCPReplies.rpcError(id: error.id, code: error.code, message: "hitl-policy: " + error.message))
            return out
        }
        switch m.kind {
        case .response(let id):
            if let p = pending.removeValue(forKey: id) {
                answer(p, m, now: now, into: &out)
                return out
            }
            // A late answer to an elicitation that already expired is the gateway's, not the
            // server's: dropped.
            if id.starts(with: Array("\"hitl-policy-\(nonce)-".utf8)) { return out }
        case .request(let id, "tools/call"):
            call(m, id: id, line: bytes, now: now, into: &out)
            return out
        case .request(let id, "tools/list"):
            if options.hideDisabled, listRequests.count < Self.maxListRequests { listRequests.insert(id) }
        case .request(_, "initialize"):
            clientElicits = m.member(path: "params.capabilities.elicitation") != nil
        default: break
        }
        out.toServer.append(bytes + [0x0A])
        return out
    }

    /// Decides a `tools/call` request.
    private func call(_ m: MCPMessage, id: [UInt8], line: [UInt8], now: Timestamp, into out: inout Output) {
        guard let name = m.string(path: "params.name"), !name.isEmpty else {
            out.toClient.append(MCPReplies.rpcError(id: id, code: -32602, message: "hitl-policy: Invalid params: a tools/call needs params.name, a non-empty string"))
            return
        }
        var args: [UInt8] = Array("{}".utf8)
        if let a = m.member(path: "params.arguments") {
            switch a {
            case .object: args = m.text(a)
            case .scalar(0x6E, _, _): break
            default:
                out.toClient.append(MCPReplies.rpcError(id: id, code: -32602, message: "hitl-policy: Invalid params: params.arguments must be an object"))
                return
            }
        }
        var toolCall: [UInt8] = Array("{\"id\":".utf8) + id + Array(",\"tool\":".utf8)
        toolCall.appendJSONString(options.prefix + name)
        toolCall.append(contentsOf: ",\"args\":".utf8)
        toolCall.append(contentsOf: args)
        toolCall.append(0x7D)
        let decision = policy.decide(Action(json: toolCall))
        let action = toolCall.withUnsafeBufferPointer { DecisionRecord.action(of: $0, tools: table.tools, currency: table.currency) }
        let forward = line + [0x0A]
        if let failure = log(DecisionRecord.text(source: "mcp", session: session, action: action,
                                                   decision: Array(decision.json.utf8), arguments: options.logArguments)) {
            if options.monitor {
                out.warnings.append(failure)
                out.toServer.append(forward)
            } else {
                out.toClient.append(MCPReplies.toolError(id: id, text: "hitl-policy: refused: " + failure))
            }
            return
        }
        if options.monitor || decision.outcome == .autonomous {
            out.toServer.append(forward)
            return
        }
        guard decision.outcome == .approval, options.approval == .elicit, clientElicits, pending.count < Self.maxPending else {
            out.toClient.append(MCPReplies.toolError(id: id, text: HookAnswer.reason(decision, permission: "deny")))
            return
        }
        counter += 1
        let eid = "hitl-policy-\(nonce)-\(counter)"
        var eidJSON: [UInt8] = []
        eidJSON.appendJSONString(eid)
        let wait = min(options.approvalTimeout, decision.approvals.compactMap(\.slaSeconds).min() ?? options.approvalTimeout)
        let reason = HookAnswer.reason(decision, permission: "ask")
        pending[eidJSON] = Pending(callID: id, call: forward, action: action, reason: reason, requested: now,
                                   deadline: Timestamp(seconds: now.seconds + Int64(max(wait, 1)), nanoseconds: now.nanoseconds))
        out.toClient.append(MCPReplies.elicitation(id: eid, message: Self.prompt(tool: options.prefix + name, args: args, reason: reason)))
    }

    /// What the person is asked: the call, its arguments, who must approve and why.
    static func prompt(tool: String, args: [UInt8], reason: String) -> String {
        var shown = String(decoding: args.prefix(600), as: UTF8.self)
        if args.count > 600 { shown += "…" }
        let why = reason.hasPrefix("hitl-policy: ") ? String(reason.dropFirst(13)) : reason
        return "hitl-policy: approve this call? \(tool) \(shown) — \(why). Approve only if you are one of the approvers named."
    }

    /// The client's answer to an elicitation.
    private func answer(_ p: Pending, _ m: MCPMessage, now: Timestamp, into out: inout Output) {
        if m.member("error") != nil {
            resolve(p, outcome: .expired, answer: "the client could not ask (an error answered the elicitation)", now: now, into: &out)
            return
        }
        let action = m.string(path: "result.action") ?? ""
        var approved = false
        if action == "accept", case .scalar(0x74, _, _)? = m.member(path: "result.content.approve") { approved = true }
        let said = action == "accept" ? "approve was not true" : action.isEmpty ? "no answer" : "the request was \(action == "cancel" ? "cancelled" : "declined")"
        resolve(p, outcome: approved ? .approved : .rejected, answer: said, now: now, into: &out)
    }

    /// Records the review, then forwards an approved call or refuses it.
    private func resolve(_ p: Pending, outcome: DecisionRecord.ReviewOutcome, answer: String, now: Timestamp, into out: inout Output) {
        let record = DecisionRecord.review(source: "mcp", session: session, outcome: outcome, action: p.action,
                                           requested: p.requested, decided: max(now, p.requested), arguments: options.logArguments)
        if let failure = log(record) {
            out.toClient.append(MCPReplies.toolError(id: p.callID, text: "hitl-policy: refused: " + failure))
            return
        }
        if outcome == .approved {
            out.toServer.append(p.call)
        } else {
            let why = p.reason.hasPrefix("hitl-policy: ") ? String(p.reason.dropFirst(13)) : p.reason
            out.toClient.append(MCPReplies.toolError(id: p.callID, text: "hitl-policy: not approved (\(answer)): \(why)"))
        }
    }

    /// Appends a record; why it failed, or nil.
    private func log(_ record: String) -> String? {
        guard let path = options.log else { return nil }
        do throws(DecisionLog.Failure) { try DecisionLog(path: path).append(record) } catch {
            return "the decision could not be logged: \(error.message)"
        }
        return nil
    }
}
