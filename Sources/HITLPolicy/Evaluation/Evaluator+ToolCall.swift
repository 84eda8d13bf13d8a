/// Tool-call lines (SPEC §11): a line with `tool` and no `capability` is decided as the action
/// the table's `tools` mapping makes of it. Only lines without a capability come here, so
/// actions pay nothing for it.
extension Evaluator {
    /// The decision of the line in `action.line` read as a tool call; nil when it is not one.
    func evaluateToolCall(number: Int, into out: inout [UInt8]) -> Verdict? {
        switch ToolCall.read(action.line, tools: table.tools, currency: table.currency) {
        case .notToolCall:
            return nil
        case .invalid(let errors):
            renderInvalid(errors, number: number, withFields: true, into: &out)
            return .invalid
        case .mapped(let made, let errors):
            clearAction()
            let original = action.line
            action.mappedFromToolCall = true
            defer {
                action.line = original
                action.mappedFromToolCall = false
            }
            return made.withUnsafeBufferPointer { mapped in
                guard !errors.isEmpty else { return evaluate(line: mapped, number: number, into: &out) }
                // The mapping's own errors make the action invalid whatever else it carries: the
                // mapped line's fields are read for the decision's id and capability, and its
                // errors join the mapping's.
                action.line = mapped
                if parse() == nil { validate() }
                renderInvalid(errors + action.fields.errors, number: number, withFields: true, into: &out)
                clearAction()
                return .invalid
            }
        }
    }
}
