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
            return action.withUnsafeBufferPointer { mapped in
                guard !errors.isEmpty else { return evaluate(line: mapped, number: number, into: &out) }
                // The mapping's own errors make the action invalid whatever else it carries: the
                // mapped line's fields are read for the decision's id and capability, and its
                // errors join the mapping's.
                line = mapped
                if parse() == nil { validate() }
                renderInvalid(errors + fields.errors, number: number, withFields: true, into: &out)
                clearAction()
                return .invalid
            }
        }
    }
}
