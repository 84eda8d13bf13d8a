/// One JSON-RPC 2.0 message of the Model Context Protocol, as the gateway reads it (SPEC §11):
/// what kind it is, and the few members a decision needs, read with the strict reader actions
/// are read with (no duplicate keys, bounded depth), so the gateway and the server cannot see
/// two different messages in one line.
struct MCPMessage {
    /// What the line is.
    enum Kind: Equatable {
        /// A request: its id's JSON text and its method.
        case request(id: [UInt8], method: String)
        /// A notification (a method without an id).
        case notification(method: String)
        /// A response (result or error) to the request with this id.
        case response(id: [UInt8])
    }

    /// Why a line is no message: the JSON-RPC error to answer with.
    struct Refusal: Error {
        /// -32700 (not JSON) or -32600 (not a JSON-RPC request).
        var code: Int
        var message: String
        /// The id's JSON text when the line carried a usable one.
        var id: [UInt8]?
    }

    let json: RawJSON
    let kind: Kind

    /// Classifies `line` (one line, without its newline).
    static func read(_ line: UnsafeBufferPointer<UInt8>) throws(Refusal) -> MCPMessage {
        let json: RawJSON
        do throws(JSONSyntaxError) { json = try RawJSON.parse(line) } catch {
            throw Refusal(code: -32700, message: "Parse error: not a JSON value (\(error.message) at byte \(error.offset))")
        }
        guard case .object(let members) = json.node else {
            throw Refusal(code: -32600, message: "Invalid Request: a message is one JSON object (batches are not part of MCP)")
        }
        func member(_ name: String) -> RawJSON.Node? { members.first { json.text($0.key) == name }?.value }
        var id: [UInt8]?
        if let i = member("id") {
            // MCP ids are strings or integers, never null.
            if case .scalar(let k, let r, _) = i, k == 0x22 || k == 0x2D || (0x30...0x39).contains(k) { id = Array(json.bytes[r]) }
        }
        func refuse(_ why: String) -> Refusal { Refusal(code: -32600, message: "Invalid Request: " + why, id: id) }
        guard case .scalar(0x22, _, let v)? = member("jsonrpc"), let v, json.string(v) == "2.0" else {
            throw refuse("\"jsonrpc\" must be \"2.0\"")
        }
        if member("id") != nil, id == nil { throw refuse("\"id\" must be a string or a number") }
        if let m = member("method") {
            guard case .scalar(0x22, _, let c) = m, let c else { throw refuse("\"method\" must be a string") }
            if let p = member("params") {
                guard case .object = p else { throw refuse("\"params\" must be an object") }
            }
            let method = json.string(c)
            return MCPMessage(json: json, kind: id.map { .request(id: $0, method: method) } ?? .notification(method: method))
        }
        guard let id else { throw refuse("neither a request (\"method\") nor a response (\"id\")") }
        guard (member("result") != nil) != (member("error") != nil) else {
            throw refuse("a response carries exactly one of \"result\" and \"error\"")
        }
        return MCPMessage(json: json, kind: .response(id: id))
    }

    /// The top-level member `name`.
    func member(_ name: String) -> RawJSON.Node? { Self.member(name, of: json.node, in: json) }

    /// The member at a dotted path (`params.name`).
    func member(path: String) -> RawJSON.Node? {
        var node: RawJSON.Node? = json.node
        for part in path.split(separator: ".") { node = node.flatMap { Self.member(String(part), of: $0, in: json) } }
        return node
    }

    /// The string at a dotted path; nil when absent or not a string.
    func string(path: String) -> String? {
        guard case .scalar(0x22, _, let c)? = member(path: path), let c else { return nil }
        return json.string(c)
    }

    /// The value's JSON text as written (compact).
    func text(_ node: RawJSON.Node) -> [UInt8] {
        var out: [UInt8] = []
        json.write(node, into: &out)
        return out
    }

    static func member(_ name: String, of node: RawJSON.Node, in json: RawJSON) -> RawJSON.Node? {
        guard case .object(let members) = node else { return nil }
        return members.first { json.text($0.key) == name }?.value
    }
}
