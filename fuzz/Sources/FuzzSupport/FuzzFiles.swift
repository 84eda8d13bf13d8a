#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import HITLPolicy

/// What the harnesses share: the repository's files, scratch files, fixed actions.
enum FuzzFiles {
    /// The repository root: `HITL_POLICY_ROOT`, else found from this source file
    /// (fuzz/Sources/FuzzSupport/FuzzFiles.swift).
    static let root: String = {
        if let r = getenv("HITL_POLICY_ROOT") { return String(cString: r) }
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    static func bytes(_ relative: String) -> [UInt8] {
        do throws(InputFailure) {
            return try PolicyFiles.read(root + "/" + relative)
        } catch {
            fatalError("fuzz harness setup: \(error)")
        }
    }

    /// An evaluator over an example policy compiled from YAML.
    static func evaluator(_ relative: String, explain: Bool) -> Evaluator {
        guard let table = PolicyCompilation.compile(bytes(relative), file: relative).table else {
            fatalError("fuzz harness setup: \(relative) does not compile")
        }
        let e = Evaluator(table: table)
        e.explain = explain
        return e
    }

    /// An example policy compiled from YAML, ready to decide through the typed API.
    static func compiledPolicy(_ relative: String) -> CompiledPolicy {
        guard let policy = CompiledPolicy.compile(yaml: bytes(relative), file: relative).policy else {
            fatalError("fuzz harness setup: \(relative) does not compile")
        }
        return policy
    }

    /// Fixed actions for the harnesses that make tables: the example actions plus a few
    /// with attributes, foreign amounts and missing fields.
    static let actions: [[UInt8]] = {
        var lines = bytes("fixtures/actions/payments.jsonl").split(separator: 0x0A).map(Array.init)
        lines += [
            #"{"capability":"deploy","attributes":{"environment":"production","service":{"tier":"critical"}},"blast_radius":600}"#,
            #"{"capability":"k8s.delete","tags":["customer-data","prod"],"reversible":true,"confidence":0.5}"#,
            #"{"id":7,"capability":"refund","amount":{"value":"1e3","currency":"EUR"},"attributes":{"region":"eu"}}"#,
            #"{"capability":"x"}"#,
        ].map { Array($0.utf8) }
        return lines
    }()

    /// One decision line: `{…}\n`, valid UTF-8, no other newline.
    static func decideLine(_ bytes: UnsafeBufferPointer<UInt8>, _ evaluator: Evaluator) -> (verdict: Verdict, output: [UInt8]) {
        var out: [UInt8] = []
        let verdict = evaluator.evaluate(line: bytes, number: 1, into: &out)
        expect(out.first == 0x7B && out.last == 0x0A, "a decision is not one {…} line")
        expect(out.firstIndex(of: 0x0A) == out.count - 1, "a decision spans several lines")
        expect(String(validating: out, as: UTF8.self) != nil, "a decision is not UTF-8")
        return (verdict, out)
    }

    /// Decides every fixed action (with and without --explain): one UTF-8 line each.
    static func decideActions(_ table: DecisionTable) {
        let e = Evaluator(table: table)
        for explain in [false, true] {
            e.explain = explain
            for line in actions {
                line.withUnsafeBufferPointer { _ = decideLine($0, e) }
            }
        }
    }

    /// Non-blank lines, as `eval` counts them (`ChunkReader.isBlank`: not only spaces, tabs
    /// and carriage returns after an optional byte order mark).
    static func nonBlankLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).lazy.filter { !ChunkReader.isBlank($0) }.count
    }

    /// Where the first non-blank line starts, and its 1-based number (`bytes.count` and one
    /// past the last line when every line is blank).
    static func firstNonBlankLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, number: Int) {
        var start = 0, number = 1
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if !ChunkReader.isBlank(line) { return (line.startIndex, number) }
            start = line.endIndex + 1
            number += 1
        }
        return (min(start, bytes.count), number)
    }

    /// A scratch file, already unlinked.
    static func temporaryFile() -> Int32 {
        var template = Array("/tmp/hitl-fuzz-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        expect(fd >= 0, "mkstemp")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// Makes `fd` hold exactly `bytes`, positioned at the start.
    static func replace(_ fd: Int32, with bytes: UnsafeBufferPointer<UInt8>) {
        expect(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0, "ftruncate")
        writeAll(fd, bytes)
        expect(lseek(fd, 0, SEEK_SET) == 0, "lseek")
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = write(fd, base + done, bytes.count - done)
            expect(n > 0, "write")
            done += n
        }
    }

    /// Everything in a regular file.
    static func contents(_ fd: Int32) -> [UInt8] {
        let size = Int(lseek(fd, 0, SEEK_END))
        if size <= 0 { return [] }
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBufferPointer { pread(fd, $0.baseAddress!, size, 0) }
        expect(n == size, "pread")
        return out
    }
}

/// A broken invariant: abort so libFuzzer keeps the input.
@inline(__always)
func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant: \(message())") }
}

extension FuzzFiles {
    /// A table's artifact reads back to a table with the same artifact, and every report
    /// format renders it.
    static func checkRoundTrip(_ table: DecisionTable) {
        let artifact = PolicyCompilation.artifactBytes(table)
        let again = PolicyCompilation.load(artifact, file: "round-trip.json")
        guard let reread = again.table else { fatalError("fuzz invariant: a written table does not read back: \(again.failure ?? "")") }
        expect(PolicyCompilation.artifactBytes(reread) == artifact, "a table's artifact changes on a round trip")
        for format in TableReporter.Format.allCases { TableReporter(table).render(format) { _ in } }
    }
}
