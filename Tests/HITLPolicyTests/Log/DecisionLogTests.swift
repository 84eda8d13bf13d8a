import Crypto
import Foundation
import Testing
@testable import HITLPolicy

/// The decision log (Log/DecisionLog.swift, Log/DecisionLogVerifier.swift): whole records
/// under concurrent writers, the `prev` chain, and `verify` naming the first broken line for
/// every kind of tampering.
@Suite("Decision log")
struct DecisionLogTests {
    static func tempLog() throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("decisions.log"))
    }

    static func decision(_ n: Int) -> String {
        #"{"time":"2026-11-20T14:03:0\#(n % 10).412Z","source":"eval","action":{"capability":"refund","n":\#(n)},"decision":{"decision":"approval"}}"#
    }

    static func verify(_ url: URL) throws -> DecisionLogVerifier.Report {
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        return try DecisionLogVerifier.verify(fd: fd).get()
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Test func chainsEachRecordToTheLineBefore() throws {
        let (dir, url) = try Self.tempLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = DecisionLog(path: url.path)
        for n in 0..<5 { try log.append(Self.decision(n)) }
        let lines = try Self.lines(url)
        #expect(lines.count == 5)
        // Computed here independently of the writer: SHA-256 of the previous line's bytes.
        var expected = "sha256:" + SHA256.hash(data: Data()).map { String(format: "%02x", $0) }.joined()
        for line in lines {
            #expect(line.hasSuffix(#","prev":"\#(expected)"}"#), "\(line)")
            expected = "sha256:" + SHA256.hash(data: Data(line.utf8)).map { String(format: "%02x", $0) }.joined()
        }
        let report = try Self.verify(url)
        #expect(report.broken == nil)
        #expect(report.records == 5 && report.decisions == 5 && report.reviews == 0)
        #expect(report.head == expected)
    }

    @Test func namesTheFirstBrokenLine() throws {
        let (dir, url) = try Self.tempLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = DecisionLog(path: url.path)
        for n in 0..<6 { try log.append(Self.decision(n)) }
        try log.append(#"{"time":"2026-11-20T15:00:00Z","review":"pre","outcome":"approved","action":{"capability":"refund"},"requested":"2026-11-20T14:03:07Z","decided":"2026-11-20T14:09:41Z"}"#)
        let good = try Self.lines(url)
        #expect(try Self.verify(url) == DecisionLogVerifier.Report(records: 7, decisions: 6, reviews: 1, broken: nil, head: Digest.of(Array(good[6].utf8))))

        var edited = good
        edited[2] = edited[2].replacingOccurrences(of: "approval", with: "autonomous")
        try Self.write(edited, to: url)
        #expect(try Self.verify(url).broken?.line == 4, "an edited record breaks the chain at the next line")

        var removed = good
        removed.remove(at: 3)
        try Self.write(removed, to: url)
        #expect(try Self.verify(url).broken?.line == 4)

        var swapped = good
        swapped.swapAt(1, 2)
        try Self.write(swapped, to: url)
        #expect(try Self.verify(url).broken?.line == 2)

        try Self.write(Array(good.dropFirst()), to: url)
        #expect(try Self.verify(url).broken?.reason.contains("does not start here") == true)

        try Data((good.joined(separator: "\n")).utf8).write(to: url)  // the last newline lost
        #expect(try Self.verify(url).broken?.line == 7)

        var reviewed = good
        reviewed[6] = reviewed[6].replacingOccurrences(of: "\"decided\":\"2026-11-20T14:09:41Z\"", with: "\"decided\":\"2026-11-20T13:00:00Z\"")
        try Self.write(reviewed, to: url)
        #expect(try Self.verify(url).broken?.reason == "'decided' is before 'requested'")

        for bad in ["", "not json", #"{"a":1,"a":2}"#, "[1]"] {
            try Self.write([good[0], bad] + good.dropFirst(), to: url)
            #expect(try Self.verify(url).broken?.line == 2, "\(bad.debugDescription)")
        }
    }

    /// 64 writers, each with its own open file (as separate hook processes have), append at
    /// once: every line is whole and the chain is intact.
    @Test func concurrentWritersNeverTearOrForkTheChain() throws {
        let (dir, url) = try Self.tempLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = url.path
        let padding = String(repeating: "x", count: 20_000)   // larger than a pipe's atomic write
        DispatchQueue.concurrentPerform(iterations: 64) { w in
            for n in 0..<10 {
                let record = #"{"time":"2026-11-20T14:03:07Z","source":"hook","action":{"w":\#(w),"n":\#(n),"pad":"\#(padding)"},"decision":{}}"#
                do { try DecisionLog(path: path).append(record) } catch { Issue.record("\(error)") }
            }
        }
        let report = try Self.verify(url)
        #expect(report.broken == nil, "\(String(describing: report.broken))")
        #expect(report.records == 640)
    }

    @Test func refusesWhatIsNotARecordOrALogFile() throws {
        let (dir, url) = try Self.tempLog()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = DecisionLog(path: url.path)
        #expect(throws: DecisionLog.Failure.self) { try log.append("{\"a\":1}\n{\"b\":2}") }
        #expect(throws: DecisionLog.Failure.self) { try log.append("[]") }
        #expect(throws: DecisionLog.Failure.self) { try DecisionLog(path: dir.path).append("{}") }
        #expect(throws: DecisionLog.Failure.self) { try DecisionLog(path: dir.path + "/missing/x.log").append("{}") }
        #expect(throws: DecisionLog.Failure.self) { try DecisionLog(path: "/dev/null").append("{}") }
    }

    @Test func timestamps() {
        func t(_ s: String) -> Timestamp? { Timestamp(Array(s.utf8)) }
        #expect(t("1970-01-01T00:00:00Z") == Timestamp(seconds: 0))
        #expect(t("2026-11-20T14:03:07Z")?.seconds == 1_795_183_387)
        #expect(t("2026-11-20T15:03:07+01:00")?.seconds == 1_795_183_387)
        #expect(t("2026-11-20t14:03:07.5z") == Timestamp(seconds: 1_795_183_387, nanoseconds: 500_000_000))
        #expect(t("2024-02-29T00:00:00Z") != nil)
        #expect(t("1969-12-31T23:59:59.999Z") == Timestamp(seconds: -1, nanoseconds: 999_000_000))
        for bad in ["2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20 14:03:07Z",
                    "2026-11-20T14:03:07", "2026-11-20T14:03:07.Z", "2026-11-20T14:03:07+0100", "2026-11-20T14:03:07Z ",
                    "", "20261120T140307Z", "2026-11-20T14:03:07+24:00"] {
            #expect(t(bad) == nil, "\(bad)")
        }
        var rng = SplitMix(state: 7)
        for _ in 0..<2000 {
            let s = Int64(rng.below(8_000_000_000)) - 2_000_000_000
            let ts = Timestamp(seconds: s, nanoseconds: Int32(rng.below(1000)) * 1_000_000)
            #expect(t(ts.utcText) == ts, "\(ts.utcText)")
        }
    }
}
