/// A pre-tool-use hook event as Claude Code and Codex send it on standard input: one JSON
/// object with `hook_event_name`, `tool_name`, `tool_input`, `session_id`, `tool_use_id`, `cwd`
/// and more (`transcript_path`, `permission_mode`, `model`, …), which are ignored.
package struct HookEvent {
    /// The tool's name.
    package var tool: String
    /// The tool-call line decided for it: `{"id": TOOL_USE_ID, "tool": NAME, "args": TOOL_INPUT}`.
    package var call: [UInt8]
    /// `session_id`, when it is a string.
    package var session: String?

    /// Largest event read: the longest action line `eval` takes.
    package static let maxBytes = 4 << 20

    /// Why an event cannot be read.
    package struct Failure: Error, Equatable {
        package var message: String
    }

    /// Reads an event.
    package static func read(_ bytes: [UInt8]) throws(Failure) -> HookEvent {
        guard !bytes.isEmpty else { throw Failure(message: "no hook event on standard input (expected one JSON object)") }
        guard bytes.count <= maxBytes else { throw Failure(message: "the hook event is longer than \(maxBytes) bytes") }
        return try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(Failure) -> HookEvent in
            let b = ByteOrderMark.dropping(b)
            guard UTF8Check.isValid(b) else { throw Failure(message: "the hook event is not UTF-8 text") }
            let json: RawJSON
            do throws(JSONSyntaxError) { json = try RawJSON.parse(b) } catch {
                throw Failure(message: "the hook event is not JSON: \(error.message) at byte \(error.offset)")
            }
            guard case .object(let members) = json.node else { throw Failure(message: "the hook event is not a JSON object") }
            func member(_ name: String) -> RawJSON.Node? { members.first { json.text($0.key) == name }?.value }
            func string(_ name: String) -> String? {
                if case .scalar(0x22, _, let c?)? = member(name) { return json.string(c) }
                return nil
            }
            if let event = member("hook_event_name") {
                guard let name = string("hook_event_name"), name == "PreToolUse" else {
                    throw Failure(message: "hook_event_name is \(json.shown(event)), not \"PreToolUse\": install the hook for PreToolUse only")
                }
            }
            guard let tool = string("tool_name"), !tool.isEmpty else {
                throw Failure(message: member("tool_name") == nil ? "the hook event has no tool_name" : "tool_name must be a non-empty string")
            }
            guard let input = member("tool_input") else { throw Failure(message: "the hook event has no tool_input") }
            var call: [UInt8] = [0x7B]
            if case .scalar(0x22, _, _)? = member("tool_use_id"), let id = member("tool_use_id") {
                call.append(contentsOf: "\"id\":".utf8)
                json.write(id, into: &call)
                call.append(0x2C)
            }
            call.append(contentsOf: "\"tool\":".utf8)
            call.appendJSONString(tool)
            call.append(contentsOf: ",\"args\":".utf8)
            json.write(input, into: &call)
            call.append(0x7D)
            return HookEvent(tool: tool, call: call, session: string("session_id"))
        }
    }
}
