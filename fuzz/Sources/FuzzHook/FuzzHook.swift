@testable import FuzzSupport
@testable import HITLPolicy

// libFuzzer harness: the pre-tool-use hook (SPEC §11). Each input is one hook event as
// Claude Code or Codex sends it on standard input. It is read by `HookEvent.read`, its
// tool-call line decided against coding-agent (a policy with a `tools:` section) and
// answered under three option sets (the defaults; `--approval deny --autonomous defer`;
// `--monitor`), as `PolicyTools.hook` does after loading its policy; the decision record
// the hook would log is built too (both `--log-args`). Any trap, sanitizer report or
// broken invariant below is a crash:
//   - fail closed: an event the hook cannot read is refused with a reason (the hook's
//     failure: exit 2, which both runtimes treat as block); whatever is not one UTF-8 JSON
//     object with a non-empty `tool_name` string, a `tool_input` and no `hook_event_name`
//     other than "PreToolUse" is such an event;
//   - a `tool_input` that is not an object is an invalid action: answered deny, never allow;
//   - an answer is "" (no opinion: only with --monitor, or for an autonomous decision
//     without review under --autonomous defer) or one line
//     `{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":…,
//     "permissionDecisionReason":…[,"additionalContext":…]}}`; allow only for an autonomous
//     decision, deny for a disabled or invalid one, ask only under --approval ask;
//   - the tool-call line read from an event, and the decision record, are JSON objects.

/// The policy the hook decides with, compiled once, and the option sets.
enum Policies {
    static let agent = FuzzFiles.compiledPolicy("policies/coding-agent.yaml")
    static let options: [HookOptions] = {
        var strict = HookOptions()
        strict.approval = .deny
        strict.autonomous = .defer
        var monitor = HookOptions()
        monitor.monitor = true
        return [HookOptions(), strict, monitor]
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let shape = EventShape(bytes)
    let event: HookEvent
    do throws(HookEvent.Failure) {
        event = try HookEvent.read(bytes)
    } catch {
        expect(!error.message.isEmpty, "a refused event without a reason")
        return 0
    }
    // Read: so it must have been readable (fail closed).
    expect(shape.readable, "the hook read an event it should refuse: \(shape.why)")
    expect(!event.tool.isEmpty, "an event read with an empty tool name")
    expect(isObject(event.call), "the tool-call line is not one JSON object")
    let decision = Policies.agent.decide(Action(json: event.call))
    if !shape.inputIsObject { expect(decision.outcome == .invalid, "tool_input is no object, yet the call is \(decision.outcome)") }
    for options in Policies.options {
        let answer = HookAnswer.json(decision, options: options)
        let permission = HookAnswer.permission(decision, options: options)
        checkAnswer(answer, permission: permission, decision: decision, options: options)
    }
    let action = event.call.withUnsafeBufferPointer { DecisionRecord.action(of: $0, tools: Policies.agent.table.tools, currency: Policies.agent.table.currency) }
    for arguments in DecisionRecord.Arguments.allCases {
        let record = DecisionRecord.text(source: HookRuntime.claudeCode.source, session: event.session, action: action,
                                         decision: Array(decision.json.utf8), arguments: arguments)
        var line = Array(record.utf8)
        if line.last == 0x0A { line.removeLast() }
        expect(!line.contains(0x0A), "a decision record spans lines")
        expect(isObject(line), "a decision record is not one JSON object")
    }
    return 0
}

/// One of the answers the runtimes read, and no looser than the decision.
func checkAnswer(_ answer: String, permission: String?, decision: Decision, options: HookOptions) {
    guard let permission else {
        expect(answer.isEmpty, "no permission, yet an answer")
        expect(options.monitor || (decision.outcome == .autonomous && !decision.review && options.autonomous == .defer),
               "no answer for a \(decision.outcome) decision")
        return
    }
    expect(!options.monitor, "an answer under --monitor")
    switch permission {
    case "allow": expect(decision.outcome == .autonomous, "allow for a \(decision.outcome) decision")
    case "ask": expect(decision.outcome == .approval && options.approval == .ask, "ask for a \(decision.outcome) decision")
    case "deny": expect(decision.outcome != .autonomous, "deny for an autonomous decision")
    default: expect(false, "permission \(permission)")
    }
    if decision.outcome == .disabled || decision.outcome == .invalid { expect(permission == "deny", "\(permission) for a \(decision.outcome) decision") }
    var line = Array(answer.utf8)
    expect(line.last == 0x0A, "an answer without its newline")
    line.removeLast()
    expect(!line.contains(0x0A), "an answer spans lines")
    line.withUnsafeBufferPointer { b in
        guard let json = try? RawJSON.parse(b), case .object(let top) = json.node, top.count == 1,
              json.text(top[0].key) == "hookSpecificOutput", case .object(let inner) = top[0].value else {
            expect(false, "an answer that is not {\"hookSpecificOutput\": {…}}")
            return
        }
        func string(_ node: RawJSON.Node) -> String? {
            if case .scalar(0x22, _, let c?) = node { return json.string(c) }
            return nil
        }
        let keys = inner.map { json.text($0.key) }
        let context = decision.outcome == .autonomous && decision.review
        expect(keys == ["hookEventName", "permissionDecision", "permissionDecisionReason"] + (context ? ["additionalContext"] : []),
               "answer keys \(keys)")
        expect(string(inner[0].value) == "PreToolUse", "hookEventName")
        expect(string(inner[1].value) == permission, "permissionDecision")
        expect(inner.dropFirst(2).allSatisfy { string($0.value) != nil }, "a reason that is not a string")
    }
}

/// What the hook must find in an event to read it, found independently of `HookEvent`.
struct EventShape {
    var readable = false
    var inputIsObject = false
    var why = ""

    init(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= HookEvent.maxBytes else { why = "empty or too long"; return }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else { why = "not UTF-8"; return }
        let found: (readable: Bool, inputIsObject: Bool, why: String) = Array(body).withUnsafeBufferPointer { b in
            guard let json = try? RawJSON.parse(b), case .object(let members) = json.node else { return (false, false, "not a JSON object") }
            func member(_ name: String) -> RawJSON.Node? { members.first { json.text($0.key) == name }?.value }
            func string(_ name: String) -> String? {
                if case .scalar(0x22, _, let c?)? = member(name) { return json.string(c) }
                return nil
            }
            if member("hook_event_name") != nil, string("hook_event_name") != "PreToolUse" { return (false, false, "hook_event_name") }
            guard let tool = string("tool_name"), !tool.isEmpty else { return (false, false, "tool_name") }
            guard let input = member("tool_input") else { return (false, false, "no tool_input") }
            if case .object = input { return (true, true, "") }
            return (true, false, "")
        }
        (readable, inputIsObject, why) = found
    }
}

func isObject(_ json: [UInt8]) -> Bool {
    json.withUnsafeBufferPointer { b in
        guard let parsed = try? RawJSON.parse(b), case .object = parsed.node else { return false }
        return true
    }
}
