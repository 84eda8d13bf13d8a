/// Tool-call lines (SPEC §11): a line with `tool` and no `capability` is decided as the action
/// the table's `tools` mapping makes of it. Only lines without a capability come here, so
/// actions pay nothing for it.
extension Evaluator {
    /// The decision of the line in `line` read as a tool call; nil when it is not one.
    func evaluateToolCall(number: Int, into out: inout [UInt8]) -> Verdict? {
        switch ToolCall.read(line, tools: table.tools, currency: table.currency) {
        case .notToolCall:
            return nil
        case .invalid(let errors):
            renderInvalid(errors, number: number, withFields: true, into: &out)
            return .invalid
        case .mapped(let action, let errors):
            clearAction()
            let original = line
            mappedFromToolCall = true
            defer {
                line = original
                mappedFromToolCall = false
            }
            return action.withUnsafeBufferPointer { evaluate(line: $0, number: number, into: &out, mappingErrors: errors) }
        }
    }
}
