#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// Checks a decision log (`hitl-policy log verify`): the `prev` chain from the first line to
/// the last, and each record's shape. Reads the log once, in bounded memory.
package enum DecisionLogVerifier {
    /// What the check found.
    package struct Report: Sendable, Equatable {
        /// Records read (up to the first broken one).
        package var records = 0
        /// Decision records and review records among them.
        package var decisions = 0
        package var reviews = 0
        /// The first broken line (1-based) and why; nil when the log is intact.
        package var broken: Broken?
        /// The digest the next record must carry as `prev`.
        package var head = Digest.of([UInt8]())
    }

    /// Where the chain or a record's shape breaks.
    package struct Broken: Sendable, Equatable {
        package var line: Int
        package var reason: String
    }

    /// Verifies the log read from `fd`; nil with the error when it cannot be read.
    package static func verify(fd: Int32) -> Result<Report, DecisionLog.Failure> {
        var reader = ChunkReader(fd: fd)
        var report = Report()
        var line = 0
        while true {
            if let nl = reader.newline() {
                line += 1
                let bytes = Array(reader.buffer[reader.start..<nl])
                reader.start = nl + 1
                if let why = check(bytes, report: &report) {
                    report.broken = Broken(line: line, reason: why)
                    return .success(report)
                }
                continue
            }
            if reader.pending > DecisionLog.maxRecord {
                report.broken = Broken(line: line + 1, reason: "a line longer than \(DecisionLog.maxRecord) bytes")
                return .success(report)
            }
            if reader.eof {
                if let error = reader.error { return .failure(DecisionLog.Failure(message: error)) }
                if reader.pending > 0 {
                    report.broken = Broken(line: line + 1, reason: "the last record has no newline: a write that did not finish")
                }
                return .success(report)
            }
            reader.fill(upTo: DecisionLog.maxRecord + 1)
        }
    }

    /// Checks one line against the chain so far; the reason it is broken, or nil (and the
    /// report advanced).
    static func check(_ bytes: [UInt8], report: inout Report) -> String? {
        let members: [([UInt8], JSONValue)]
        do throws(JSONSyntaxError) {
            members = try bytes.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
                var s = JSONScanner(b)
                let v = try s.value()
                s.skipSpace()
                guard s.i == b.count else { throw s.fail("text after the record") }
                guard case .object(let m) = v else { throw s.fail("not a JSON object", at: 0) }
                return m
            }
        } catch {
            return "not a JSON record: \(error.message)"
        }
        func member(_ name: String) -> JSONValue? {
            members.first { $0.0.elementsEqual(name.utf8) }?.1
        }
        func text(_ name: String) -> String? {
            if case .string(let s)? = member(name) { return String(decoding: s, as: UTF8.self) }
            return nil
        }
        guard let prev = text("prev") else { return "no 'prev' (the SHA-256 of the line before)" }
        guard prev == report.head else {
            return report.records == 0
                ? "'prev' is \(prev), not the digest of the empty string: the log does not start here (lines were removed before it?)"
                : "'prev' is \(prev), not the digest of line \(report.records) (\(report.head)): a record was changed, removed or moved"
        }
        guard let time = text("time"), Timestamp(Array(time.utf8)) != nil else { return "no RFC 3339 'time'" }
        guard case .object? = member("action") else { return "no 'action' object" }
        if let review = text("review") {
            guard review == "pre" || review == "post" else { return "'review' is '\(review)', not pre or post" }
            guard let outcome = text("outcome"), ["approved", "modified", "rejected", "expired"].contains(outcome) else {
                return "a review record's 'outcome' must be approved, modified, rejected or expired"
            }
            guard let requested = text("requested").flatMap({ Timestamp(Array($0.utf8)) }),
                  let decided = text("decided").flatMap({ Timestamp(Array($0.utf8)) }) else {
                return "a review record needs RFC 3339 'requested' and 'decided'"
            }
            guard requested <= decided else { return "'decided' is before 'requested'" }
            report.reviews += 1
        } else {
            guard case .object? = member("decision") else { return "no 'decision' object (nor a 'review')" }
            guard let source = text("source"), !source.isEmpty else { return "no 'source'" }
            report.decisions += 1
        }
        report.records += 1
        report.head = Digest.of(bytes)
        return nil
    }
}
