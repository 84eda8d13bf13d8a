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
        for harness in ["actions", "stream", "yaml", "table", "testfile"] { #expect(Self.corpus(harness).count >= 10, "\(harness)") }
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
        let summary = ActionStream(evaluator: e, input: i, output: o).run()
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
