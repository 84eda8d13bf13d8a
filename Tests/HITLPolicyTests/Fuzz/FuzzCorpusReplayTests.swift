#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import HITLPolicy

/// Every input under `fuzz/corpus/` — the seeds and every input that ever crashed or hung a
/// libFuzzer harness (`scripts/fuzz.sh`) — replayed in-process through the same entry points
/// and checked for the same invariants as the harness in `fuzz/Sources/`.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    /// Every file under `fuzz/corpus/<harness>/`, recursively, sorted.
    static func corpus(_ harness: String) -> [String] {
        let base = Repo.url("fuzz/corpus/\(harness)").path
        let found = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return found.filter { !isFolder(base + "/" + $0) }.sorted().map { "fuzz/corpus/\(harness)/\($0)" }
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    static func evaluator(_ path: String, explain: Bool = false) throws -> Evaluator {
        let e = Evaluator(table: try #require(PolicyCompilation.compile(try Repo.bytes(path), file: path).table))
        e.explain = explain
        return e
    }

    @Test func everyHarnessHasSeeds() {
        for harness in ["actions", "stream", "yaml", "table", "testfile", "reviews", "hook", "rewrite"] { #expect(Self.corpus(harness).count >= 10, "\(harness)") }
    }

    // The action and stream harnesses: one line (payments plain and explained, platform), then
    // the stream. From a pipe: one decision line per non-blank line. From a regular file: the
    // same bytes, or one decision for a single object spread over several lines (the line
    // evaluator's for the document from its first non-blank line).
    @Test func actions() throws {
        let payments = try Self.evaluator("policies/payments.yaml")
        let explained = try Self.evaluator("policies/payments.yaml", explain: true)
        let platform = try Self.evaluator("policies/platform.yaml")
        for path in Self.corpus("actions") + Self.corpus("stream") {
            let bytes = try Repo.bytes(path)
            let plain = try Self.decide(bytes, payments, path)
            #expect(try Self.decide(bytes, explained, path).verdict == plain.verdict, "\(path)")
            _ = try Self.decide(bytes, platform, path)
            let split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let lines = split.filter { !ChunkReader.isBlank($0) }.count
            let fromFile = try Self.stream(bytes, payments, viaPipe: false)
            let fromPipe = try Self.stream(bytes, payments, viaPipe: true)
            let decisions = fromFile.split(separator: 0x0A)
            #expect(decisions.count == lines || (lines > 1 && decisions.count == 1), "\(path): \(decisions.count) decisions for \(lines) lines")
            #expect(fromPipe.split(separator: 0x0A).count == lines, "\(path): a pipe decides line by line")
            for d in decisions + fromPipe.split(separator: 0x0A) { #expect(Self.isObject(Array(d)), "\(path)") }
            if lines > 1, decisions.count == 1 {
                let first = try #require(split.firstIndex { !ChunkReader.isBlank($0) })
                var whole: [UInt8] = []
                _ = bytes[split[first].startIndex...].withUnsafeBufferPointer { payments.evaluate(line: $0, number: first + 1, into: &whole) }
                #expect(fromFile == whole, "\(path): one object read whole is decided as the line evaluator decides it")
            } else {
                #expect(fromPipe == fromFile, "\(path): a pipe and a file decide differently")
            }
            if lines == 1, !bytes.contains(0x0A) { #expect(fromFile == plain.output, "\(path)") }
        }
    }

    // The stream harness's own seed: a pretty-printed object after blank lines is one
    // decision from a file (line 3, where it starts) and one per line from a pipe.
    @Test func prettyObjectFromAFileAndFromAPipe() throws {
        let bytes = try Repo.bytes("fuzz/corpus/stream/pretty-after-blanks.json")
        let payments = try Self.evaluator("policies/payments.yaml")
        let fromFile = try Self.stream(bytes, payments, viaPipe: false)
        #expect(fromFile.split(separator: 0x0A).count == 1)
        #expect(String(decoding: fromFile, as: UTF8.self).contains(#""decision":"disabled""#))
        #expect(try Self.stream(bytes, payments, viaPipe: true).split(separator: 0x0A).count == 5)
    }

    // The YAML harness: compile with validation; a table exists exactly when there is no error,
    // and it round-trips and decides.
    @Test func yaml() throws {
        for path in Self.corpus("yaml") {
            let bytes = try Repo.bytes(path)
            let compiled = PolicyCompilation.compile(bytes, file: "fuzz.yaml")
            let report = LintReport(files: [FileReport(path: "fuzz.yaml", diagnostics: compiled.diagnostics, source: bytes)])
            #expect(!TextReporter(color: true).render(report).isEmpty, "\(path)")
            #expect(Self.isObject(Array(JSONLintReporter.render(report).utf8)), "\(path)")
            let errors = compiled.diagnostics.contains { $0.severity == .error }
            if let table = compiled.table {
                #expect(!errors && table.validate() == nil, "\(path)")
                try Self.checkTable(table, path)
            } else {
                #expect(errors || compiled.failure != nil, "\(path)")
            }
        }
    }

    // The table harness: a table the reader accepts round-trips and decides; one it refuses
    // says why. The seeds include the artifacts of every example policy.
    @Test func tables() throws {
        for path in Self.corpus("table") {
            let bytes = try Repo.bytes(path)
            guard PolicyCompilation.looksLikeTable(bytes) else { continue }
            let loaded = PolicyCompilation.loadTable(bytes, file: "fuzz.json", checkingDigest: false)
            if let table = loaded.table { try Self.checkTable(table, path) }
            else { #expect(loaded.failure != nil, "\(path)") }
        }
    }

    // The test-file harness: a file or errors, each diagnostic in the file; every case's
    // action (of a file without errors) is a JSON object; each case decided through the typed
    // API is eval's line for its action. Against payments, as the harness runs them.
    @Test func testFiles() throws {
        let policy = try #require(CompiledPolicy.compile(yaml: try Repo.bytes("policies/payments.yaml"), file: "payments.yaml").policy)
        let evaluator = Evaluator(table: policy.table)
        let known = ExpectationCheck.Known(policy.table)
        for path in Self.corpus("testfile") {
            let bytes = try Repo.bytes(path)
            let (decoded, diagnostics) = TestFileDecoder.decode(bytes, file: "fuzz.test.yaml")
            for d in diagnostics { #expect(d.location.file == "fuzz.test.yaml" && d.location.line >= 1 && d.location.column >= 1, "\(path)") }
            let errors = diagnostics.contains { $0.severity == .error }
            let report = LintReport(files: [FileReport(path: "fuzz.test.yaml", diagnostics: diagnostics, source: bytes)])
            #expect(!TextReporter(color: true).render(report).isEmpty || diagnostics.isEmpty, "\(path)")
            guard let file = decoded else { #expect(errors, "\(path)"); continue }
            #expect(file.cases.count <= TestFileFields.maxCases, "\(path)")
            var sink = DiagnosticSink()
            for (k, c) in file.cases.prefix(1_000).enumerated() {
                if !errors { #expect(Self.isObject(c.action), "\(path): \(c.name)") }
                ExpectationCheck.impossible(c.expect, known: known, into: &sink)
                let decision = policy.decide(Action(json: c.action, line: k + 1))
                var typed: [UInt8] = [], line: [UInt8] = []
                decision.appendJSONLine(to: &typed)
                let verdict = c.action.withUnsafeBufferPointer { evaluator.evaluate(line: $0, number: k + 1, into: &line) }
                #expect(typed == line, "\(path): \(c.name)")
                #expect(verdict.description == decision.outcome.rawValue, "\(path): \(c.name)")
            }
        }
    }

    // The reviews harness: suggest reads the log from a regular file against payments; every
    // non-blank line is used, a decision record or bad, and the counts add up; each line not
    // used is one problem; the JSON report is one object.
    @Test func reviewLogs() throws {
        let source = try Repo.bytes("policies/payments.yaml")
        let model = try #require(PolicyLoader.load(source, file: "payments.yaml").policy)
        let table = try #require(PolicyCompilation.compile(source, file: "payments.yaml").table)
        for path in Self.corpus("reviews") {
            let bytes = try Repo.bytes(path)
            let fd = open(Repo.url(path).path, O_RDONLY)
            try #require(fd >= 0)
            defer { close(fd) }
            var problems = 0
            guard case .success(let r) = Suggester.run(policy: model, table: table, logs: [(fd, "fuzz.jsonl")], options: SuggestionOptions(),
                                                       problem: { _ in problems += 1 }) else {
                Issue.record("\(path): suggest failed")
                continue
            }
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).filter { !ChunkReader.isBlank($0) }.count
            #expect(r.lines == lines, "\(path)")
            #expect(r.reviews + r.disabled + r.invalid + r.duplicates + r.decisionRecords + r.badLines == r.lines, "\(path)")
            #expect(problems == r.badLines + r.invalid + r.duplicates, "\(path)")
            #expect(r.notes.count == min(problems, ReviewEvidence.maxNotes), "\(path)")
            #expect(Self.isObject(Array(SuggestionJSONReporter.render(r).utf8)), "\(path)")
            #expect(!SuggestionTextReporter.render(r).isEmpty && !SuggestionMarkdownReporter.render(r).isEmpty, "\(path)")
        }
    }

    // The hook harness: an event the hook reads is a JSON object with a tool name and input;
    // one it refuses says why; a tool_input that is no object is denied; the answers are the
    // runtime's shape, allow only for an autonomous decision, deny for disabled and invalid.
    @Test func hookEvents() throws {
        let policy = try #require(CompiledPolicy.compile(yaml: try Repo.bytes("policies/coding-agent.yaml"), file: "coding-agent.yaml").policy)
        var strict = HookOptions()
        strict.approval = .deny
        strict.autonomous = .defer
        var monitor = HookOptions()
        monitor.monitor = true
        for path in Self.corpus("hook") {
            let bytes = try Repo.bytes(path)
            let event: HookEvent
            do throws(HookEvent.Failure) { event = try HookEvent.read(bytes) } catch {
                #expect(!error.message.isEmpty, "\(path)")
                continue
            }
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            let top = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], "\(path)")
            #expect(top["tool_name"] is String && top["tool_input"] != nil, "\(path)")
            #expect(Self.isObject(event.call), "\(path)")
            let decision = policy.decide(Action(json: event.call))
            if !(top["tool_input"] is [String: Any]) { #expect(decision.outcome == .invalid, "\(path)") }
            for options in [HookOptions(), strict, monitor] {
                let answer = HookAnswer.json(decision, options: options)
                guard let permission = HookAnswer.permission(decision, options: options) else {
                    #expect(answer.isEmpty, "\(path)")
                    continue
                }
                let parsed = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
                let inner = try #require(parsed?["hookSpecificOutput"] as? [String: Any], "\(path)")
                #expect(inner["hookEventName"] as? String == "PreToolUse" && inner["permissionDecision"] as? String == permission, "\(path)")
                if permission == "allow" { #expect(decision.outcome == .autonomous, "\(path)") }
                if decision.outcome == .disabled || decision.outcome == .invalid { #expect(permission == "deny", "\(path)") }
            }
        }
    }

    // The rewrite harness: the changes named after the text's first entries; applied +
    // skipped = the changes; the edits make the text; an applied change lints clean and puts
    // its name on its `to` rung.
    @Test func rewrites() throws {
        for path in Self.corpus("rewrite") {
            let bytes = try Repo.bytes(path)
            let changes = Self.rewriteChanges(bytes)
            let rewrite = PolicyRewriter.apply(changes, toPolicyBytes: bytes, path: "fuzz.yaml")
            #expect(rewrite.applied.count + rewrite.skipped.count == changes.count, "\(path)")
            guard String(validating: bytes, as: UTF8.self) != nil else { #expect(rewrite.applied.isEmpty, "\(path)"); continue }
            let text = Array(rewrite.text.utf8)
            #expect(TextEdit.apply(rewrite.edits, to: bytes) == text, "\(path)")
            if rewrite.applied.isEmpty { #expect(text == bytes && rewrite.edits.isEmpty, "\(path)"); continue }
            #expect(!Linter.lint(text, file: "fuzz.yaml").diagnostics.contains { $0.severity == .error }, "\(path)")
            let policy = try #require(PolicyLoader.load(text, file: "fuzz.yaml").policy, "\(path)")
            for c in rewrite.applied {
                let rung = policy.entry(for: c.capability).flatMap { AutonomyStep($0) } ?? AutonomyStep(stage: policy.defaults.stage, review: false)
                #expect(rung == c.to, "\(path): \(c.summary)")
            }
        }
    }

    /// The rewrite harness's changes (fuzz/Sources/FuzzRewrite/FuzzRewrite.swift).
    static func rewriteChanges(_ bytes: [UInt8]) -> [StageChange] {
        guard let policy = PolicyLoader.load(bytes, file: "fuzz.yaml").policy, !policy.capabilities.isEmpty else {
            return [StageChange(capability: "refund", from: .approval, to: .review),
                    StageChange(capability: "payout", from: .autonomous, to: .review)]
        }
        func name(_ e: CapabilityEntry) -> String {
            switch e.pattern {
            case .exact(let n): n
            case .prefix(let p): p + "x"
            }
        }
        var changes: [StageChange] = []
        for (k, e) in policy.capabilities.prefix(3).enumerated() {
            let rung = AutonomyStep(e) ?? .approval
            switch k {
            case 0: changes.append(StageChange(capability: name(e), from: rung, to: rung.promoted ?? .review))
            case 1: changes.append(StageChange(capability: name(e), from: rung, to: rung.demoted ?? .review))
            default: changes.append(StageChange(capability: name(e), from: rung == .approval ? .autonomous : .approval, to: .review))
            }
        }
        let defaults = AutonomyStep(stage: policy.defaults.stage, review: false) ?? .approval
        changes.append(StageChange(capability: "fuzz_new_tool", from: defaults, to: defaults.promoted ?? .review))
        changes.append(StageChange(capability: changes[0].capability, from: changes[0].to, to: changes[0].from))
        return changes
    }

    /// One decision line: a JSON object and a newline.
    static func decide(_ bytes: [UInt8], _ e: Evaluator, _ path: String) throws -> (verdict: Verdict, output: [UInt8]) {
        var out: [UInt8] = []
        let verdict = bytes.withUnsafeBufferPointer { e.evaluate(line: $0, number: 1, into: &out) }
        #expect(out.last == 0x0A && out.firstIndex(of: 0x0A) == out.count - 1, "\(path)")
        #expect(isObject(Array(out.dropLast())), "\(path)")
        return (verdict, out)
    }

    /// The stream's output for `bytes` read from a regular file or a pipe (which holds the
    /// whole input: the corpus files are far smaller than a pipe's buffer).
    static func stream(_ bytes: [UInt8], _ e: Evaluator, viaPipe: Bool) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory
        let input = dir.appendingPathComponent("fuzz-replay-\(UUID().uuidString).in")
        let output = dir.appendingPathComponent("fuzz-replay-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        let i: Int32
        if viaPipe {
            try #require(bytes.count <= 60_000)
            var ends: [Int32] = [-1, -1]
            try #require(pipe(&ends) == 0)
            let written = bytes.withUnsafeBufferPointer { write(ends[1], $0.baseAddress, $0.count) }
            close(ends[1])
            #expect(written == bytes.count)
            i = ends[0]
        } else {
            try Data(bytes).write(to: input)
            i = open(input.path, O_RDONLY)
        }
        let o = open(output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(i); close(o) }
        let summary = ActionStream(input: i, output: o).run(e)
        #expect(summary.readError == nil && !summary.outputClosed)
        return [UInt8](try Data(contentsOf: output))
    }

    /// The table's artifact reads back to the same artifact; the reports render; the fixed
    /// actions each get one decision line.
    static func checkTable(_ table: DecisionTable, _ path: String) throws {
        let artifact = PolicyCompilation.artifactBytes(table)
        let reread = try #require(PolicyCompilation.load(artifact, file: "round-trip.json").table, "\(path)")
        #expect(PolicyCompilation.artifactBytes(reread) == artifact, "\(path)")
        for format in TableReporter.Format.allCases { TableReporter(table).render(format) { _ in } }
        let e = Evaluator(table: table)
        for explain in [false, true] {
            e.explain = explain
            for line in try fixedActions() { _ = try decide(line, e, path) }
        }
    }

    /// The fuzz harnesses' fixed actions (fuzz/Sources/FuzzSupport/FuzzFiles.swift).
    static func fixedActions() throws -> [[UInt8]] {
        try Repo.bytes("fixtures/actions/payments.jsonl").split(separator: 0x0A).map(Array.init) + [
            #"{"capability":"deploy","attributes":{"environment":"production","service":{"tier":"critical"}},"blast_radius":600}"#,
            #"{"capability":"k8s.delete","tags":["customer-data","prod"],"reversible":true,"confidence":0.5}"#,
            #"{"id":7,"capability":"refund","amount":{"value":"1e3","currency":"EUR"},"attributes":{"region":"eu"}}"#,
            #"{"capability":"x"}"#,
        ].map { Array($0.utf8) }
    }

    static func isObject(_ json: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(json), options: [.fragmentsAllowed])) is [String: Any]
    }
}
