import Foundation
import Testing
@testable import HITLPolicy

/// One policy shape per case (fixtures/rewrite/NN-name/): `before.yaml`, the changes asked
/// (`changes.txt`: `FROM TO NAME` per line, NAME as a JSON string when quoted), the policy
/// written (`after.yaml`) and what was applied, skipped and edited (`report.txt`).
@Suite("Policy rewrite (golden files)")
struct PolicyRewriterGoldenTests {
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url("fixtures/rewrite").path).sorted()) ?? []

    static func changes(_ name: String) throws -> [StageChange] {
        let text = try String(contentsOf: Repo.url("fixtures/rewrite/\(name)/changes.txt"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            var capability = words[2]
            if capability.hasPrefix("\"") {
                capability = try JSONDecoder().decode(String.self, from: Data(capability.utf8))
            }
            return StageChange(capability: capability, from: try #require(AutonomyStep(rawValue: words[0])),
                               to: try #require(AutonomyStep(rawValue: words[1])))
        }
    }

    static func before(_ name: String) throws -> String {
        try String(contentsOf: Repo.url("fixtures/rewrite/\(name)/before.yaml"), encoding: .utf8)
    }

    /// What was applied, skipped and edited, and the warnings the new text has that the
    /// old one had not (only those a stage step brings: see `RewriteCheck`).
    static func report(_ r: PolicyRewrite, original: String) -> String {
        var lines: [String] = []
        for c in r.applied { lines.append("applied  \(c.summary)") }
        for s in r.skipped { lines.append("skipped  \(s.change.summary)\n         \(s.reason)") }
        for e in r.edits { lines.append("edit     \(e.range.lowerBound)..<\(e.range.upperBound) \(String(reflecting: e.replacement))") }
        var before = lintText(original, table: true).filter { $0.severity == .warning && !$0.isSuppressed }.map { "\($0.code.id) \($0.message)" }
        for d in lintText(r.text, table: true) where d.severity == .warning && !d.isSuppressed {
            let w = "\(d.code.id) \(d.message)"
            if let i = before.firstIndex(of: w) { before.remove(at: i) } else { lines.append("warning  \(w)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func thereAreCasesForEveryShape() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let before = try Self.before(name)
        let changes = try Self.changes(name)
        let r = PolicyRewriter.apply(changes, toPolicyText: before, path: "before.yaml")
        Golden.check(r.text, against: "fixtures/rewrite/\(name)/after.yaml")
        Golden.check(Self.report(r, original: before), against: "fixtures/rewrite/\(name)/report.txt")
        RewriteInvariants.check(r, original: before, changes: changes)
    }

    /// Every case gives the same result with CRLF or CR line ends (the new lines use them
    /// too) and with a byte order mark (kept, and not counted as indentation).
    @Test(arguments: cases)
    func crlfAndByteOrderMark(_ name: String) throws {
        let before = try Self.before(name)
        let changes = try Self.changes(name)
        let plain = PolicyRewriter.apply(changes, toPolicyText: before, path: "before.yaml")
        let crlf = PolicyRewriter.apply(changes, toPolicyText: before.replacingOccurrences(of: "\n", with: "\r\n"), path: "before.yaml")
        #expect(crlf.text == plain.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf.applied == plain.applied)
        #expect(crlf.skipped.map(\.change) == plain.skipped.map(\.change))
        RewriteInvariants.check(crlf, original: before.replacingOccurrences(of: "\n", with: "\r\n"), changes: changes)
        let cr = PolicyRewriter.apply(changes, toPolicyText: before.replacingOccurrences(of: "\n", with: "\r"), path: "before.yaml")
        #expect(cr.text == plain.text.replacingOccurrences(of: "\n", with: "\r"))
        #expect(cr.applied == plain.applied)
        let bom = PolicyRewriter.apply(changes, toPolicyText: "\u{FEFF}" + before, path: "before.yaml")
        #expect(bom.text == "\u{FEFF}" + plain.text)
        #expect(bom.applied == plain.applied)
        #expect(bom.edits.map { ($0.range.lowerBound - 3)..<($0.range.upperBound - 3) } == plain.edits.map(\.range))
    }
}

/// What holds for every rewrite, whatever the input.
enum RewriteInvariants {
    static func check(_ r: PolicyRewrite, original: String, changes: [StageChange], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let bytes = Array(original.utf8)
        // The edits are sorted, disjoint, inside the original, and make exactly the text.
        var at = 0
        for e in r.edits {
            #expect(e.range.lowerBound >= at && e.range.upperBound <= bytes.count, "edits out of order: \(r.edits)", sourceLocation: sourceLocation)
            at = e.range.upperBound
        }
        if at <= bytes.count {
            #expect(String(decoding: TextEdit.apply(r.edits, to: bytes), as: UTF8.self) == r.text, sourceLocation: sourceLocation)
        }
        // Every change is either applied or skipped, in the order asked.
        #expect(r.applied.count + r.skipped.count == changes.count, sourceLocation: sourceLocation)
        #expect(r.applied.allSatisfy(changes.contains), sourceLocation: sourceLocation)
        #expect(r.skipped.allSatisfy { changes.contains($0.change) && !$0.reason.isEmpty && !$0.reason.contains("\n") }, sourceLocation: sourceLocation)
        if r.applied.isEmpty {
            #expect(r.text == original && r.edits.isEmpty, sourceLocation: sourceLocation)
            return
        }
        // The written policy lints without errors.
        let errors = lintText(r.text, file: "after.yaml", table: true).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))", sourceLocation: sourceLocation)
    }
}
