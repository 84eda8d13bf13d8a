extension PolicyTools {
    /// What one hook run answers: the text for standard output (empty: no answer), or why it
    /// failed (the caller exits 2 — both runtimes treat that as *block* — unless `monitor`).
    package struct HookResult: Sendable {
        /// The answer, one JSON line, or "".
        package var output: String
        /// One line for standard error when the hook failed.
        package var failure: String?
    }

    /// `hitl-policy hook RUNTIME --policy P`: decides the tool call of the hook event in
    /// `input` as `eval` decides its tool-call line, appends the decision record to
    /// `options.log` (a record that cannot be written is a failure), and answers allow / ask /
    /// deny (SPEC §11). Never throws: every problem is a `failure`.
    package static func hook(runtime: HookRuntime, policy path: String, input: [UInt8], options: HookOptions) -> HookResult {
        func failed(_ message: String) -> HookResult {
            // Monitoring never blocks: the problem is shown, the runtime's own rules apply.
            if options.monitor {
                var out: [UInt8] = Array("{\"systemMessage\":".utf8)
                out.appendJSONString("hitl-policy hook (monitor): " + message)
                out.append(contentsOf: "}\n".utf8)
                return HookResult(output: String(decoding: out, as: UTF8.self), failure: message)
            }
            return HookResult(output: "", failure: message)
        }
        let table: DecisionTable
        switch loadTable(path: path, allowTable: true) {
        case .loaded(let t): table = t
        case .unusable(let message): return failed(message)
        case .invalid(let errors, _, let failure):
            let first = errors.first { $0.severity == .error }.map { " (first: \($0.location): \($0.message))" } ?? ""
            return failed("\(PolicyFiles.label(path)): invalid policy\(failure.map { ": \($0)" } ?? first); run hitl-policy lint on it")
        }
        let policy: CompiledPolicy
        do throws(CompiledPolicy.Undecidable) { policy = try CompiledPolicy(table: table) } catch { return failed(error.message) }
        let event: HookEvent
        do throws(HookEvent.Failure) { event = try HookEvent.read(input) } catch { return failed(error.message) }
        let decision = policy.decide(Action(json: event.call))
        if let log = options.log {
            let action = event.call.withUnsafeBufferPointer { DecisionRecord.action(of: $0, tools: table.tools, currency: table.currency) }
            let record = DecisionRecord.text(source: runtime.source, session: event.session, action: action,
                                             decision: Array(decision.json.utf8), arguments: options.logArguments)
            do throws(DecisionLog.Failure) { try DecisionLog(path: log).append(record) } catch {
                return failed("the decision could not be logged: \(error.message)")
            }
        }
        return HookResult(output: HookAnswer.json(decision, options: options), failure: nil)
    }

    /// `hook claude-code --install`: `settings` (the file's bytes, empty when there is none)
    /// with the hook merged in, and what changed.
    package static func installHook(settings: [UInt8], command: String) -> Result<(text: String, change: HookSettings.Change), HookSettings.Failure> {
        do throws(HookSettings.Failure) { return .success(try HookSettings.merge(settings, command: command)) } catch { return .failure(error) }
    }
}
