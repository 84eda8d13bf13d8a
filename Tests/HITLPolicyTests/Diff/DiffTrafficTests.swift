import Foundation
import Testing
@testable import HITLPolicy

/// `diff --traffic`: an action is placed in a region exactly when the two policies decide it
/// differently, and then in a region whose old and new decisions are the ones it gets.
@Suite("Diff traffic")
struct DiffTrafficTests {
    static let log = (try? Repo.bytes("fixtures/traffic.jsonl")) ?? []
    static var lines: [[UInt8]] { log.split(separator: 0x0A).map(Array.init) }

    @Test(arguments: DiffGoldenTests.listedCases)
    func placedExactlyWhereDecisionsDiffer(_ name: String) throws {
        let (old, new) = try DiffGoldenTests.tables(name)
        let report = try PolicyDiff.diff(old: old, new: new)
        let placer = try #require(TrafficPlacer(report.placement, old: old, new: new))
        var placed = 0
        for line in Self.lines {
            let text = String(decoding: line, as: UTF8.self)
            let a = try DiffGoldenTests.decide(old, text), b = try DiffGoldenTests.decide(new, text)
            if a.stage == "invalid" || b.stage == "invalid" { continue }
            let k = placer.region(of: line)
            // A rename changes approval names, not decisions (12-tier-rename has no region).
            #expect((k != nil) == (a != b && !report.regions.isEmpty), "\(name): \(text) decided \(a) → \(b), placed in \(k.map(String.init) ?? "none")")
            guard let k else { continue }
            placed += 1
            let r = report.regions[k]
            #expect(a.stage == r.old.stage.rawValue && b.stage == r.new.stage.rawValue, "\(name): \(text) in region \(k)")
            if let t = r.new.tier { #expect(b.approvals.contains(t)) }
        }
        if name == "08-remove-compliance-rule" || name == "25-four-edits" { #expect(placed > 0, "\(name): the sample log touches no region") }
        // Each region's witness is placed in that very region (regions of one class are disjoint).
        for (k, r) in report.regions.enumerated() {
            guard let w = r.witness else { continue }
            #expect(placer.region(of: Array(w.utf8)) == k, "\(name): witness \(w) of region \(k)")
        }
    }

    @Test func countsAndShares() throws {
        let (old, new) = try DiffGoldenTests.tables("25-four-edits")
        let report = try PolicyDiff.diff(old: old, new: new)
        let path = Repo.url("fixtures/traffic.jsonl").path
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let t = DiffTraffic.count(fd: fd, log: "traffic.jsonl", report: report, old: old, new: new)
        #expect(t.total == 16)
        #expect(t.invalid == 2)
        #expect(t.regions.reduce(0, +) == t.placed)
        #expect(t.groups.reduce(0, +) == t.placed)
        #expect(t.placed > 0)
        #expect(DiffTraffic.percent(1, 3) == "33.3%")
        #expect(DiffTraffic.percent(0, 0) == "0.0%")
        #expect(t.headline.hasPrefix("traffic traffic.jsonl: \(t.placed) of 16 logged actions"))
    }

    /// A byte order mark at the start of a line is read as `eval` reads it: as if absent (so a
    /// line holding only one is blank, and a marked action is placed like the unmarked one).
    @Test func byteOrderMarksAreIgnored() throws {
        let (old, new) = try DiffGoldenTests.tables("25-four-edits")
        let report = try PolicyDiff.diff(old: old, new: new)
        func count(_ bytes: [UInt8]) throws -> DiffTraffic {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-traffic-\(UUID().uuidString).jsonl")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let fd = open(url.path, O_RDONLY)
            #expect(fd >= 0)
            defer { close(fd) }
            return DiffTraffic.count(fd: fd, log: "log", report: report, old: old, new: new)
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let plain = try count(Self.log)
        var marked: [UInt8] = bom + [0x0A]
        for line in Self.lines { marked += bom + line + [0x0A] }
        let t = try count(marked)
        #expect(t.total == plain.total && t.invalid == plain.invalid && t.placed == plain.placed)
        #expect(t.regions == plain.regions && t.groups == plain.groups)
    }
}
