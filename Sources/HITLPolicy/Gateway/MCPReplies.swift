/// The messages the gateway writes itself (SPEC §11), each one JSON line with its newline.
enum MCPReplies {
    /// A tool result that refuses a call: `isError: true` with the reasons as text, so the
    /// model reads why (a JSON-RPC error would read as a broken server).
    static func toolError(id: [UInt8], text: String) -> [UInt8] {
        var out = Array("{\"jsonrpc\":\"2.0\",\"id\":".utf8)
        out.append(contentsOf: id)
        out.append(contentsOf: ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":".utf8)
        out.appendJSONString(text)
        out.append(contentsOf: "}],\"isError\":true}}\n".utf8)
        return out
    }

    /// A JSON-RPC error for the request with `id` (null when the message had none).
    static func rpcError(id: [UInt8]?, code: Int, message: String) -> [UInt8] {
        var out = Array("{\"jsonrpc\":\"2.0\",\"id\":".utf8)
        out.append(contentsOf: id ?? Array("null".utf8))
        out.append(contentsOf: ",\"error\":{\"code\":\(code),\"message\":".utf8)
        out.appendJSONString(message)
        out.append(contentsOf: "}}\n".utf8)
        return out
    }

    /// `elicitation/create` asking the person to approve a call: `message` says what and why;
    /// the form has one boolean, `approve`.
    static func elicitation(id: String, message: String) -> [UInt8] {
        var out = Array("{\"jsonrpc\":\"2.0\",\"id\":".utf8)
        out.appendJSONString(id)
        out.append(contentsOf: ",\"method\":\"elicitation/create\",\"params\":{\"message\":".utf8)
        out.appendJSONString(message)
        out.append(contentsOf: ",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"approve\":{\"type\":\"boolean\",\"title\":\"Approve this call\",\"description\":\"true runs the call now; anything else refuses it\"}},\"required\":[\"approve\"]}}}\n".utf8)
        return out
    }
}
