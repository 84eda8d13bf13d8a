import Foundation
import Testing

/// `suggest --chart FILE.svg`: a self-contained reliability diagram that parses as XML,
/// renders (rsvg-convert), and shows only numbers the JSON output carries.
@Suite("suggest --chart")
struct SuggestChartCLITests {
    @Test func chartIsSelfContainedRendersAndAgreesWithJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-suggest-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("calibration.svg")
        let r = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--format", "json", "--chart", svg.path,
                             "fixtures/reviews/payments-month.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        let xml = try CLI.run(["-c", "import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)", svg.path],
                              executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(xml.status == 0 && xml.stdout == "svg\n", "\(xml.stderr)")
        for banned in ["<script", "href=", "<image", "@import", "url("] { #expect(!text.contains(banned), "\(banned)") }
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["calibration.svg"])
        // Each panel: its capability, n and both ECEs as the JSON has them, and each bin's count.
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let calibration = json["calibration"] as? [[String: Any]] ?? []
        #expect(calibration.count == 2)
        for c in calibration {
            let name = try #require(c["capability"] as? String), n = try #require(c["n"] as? Int)
            let width = try #require(c["ece_width"] as? Double), mass = try #require(c["ece_mass"] as? Double)
            #expect(text.contains(">\(name)</text>"))
            #expect(text.contains("n = \(n); ECE \(String(format: "%.4f", width)) (equal width), \(String(format: "%.4f", mass)) (equal mass)"), "\(name)")
            for b in c["bins"] as? [[String: Any]] ?? [] where (b["n"] as? Int ?? 0) > 0 {
                #expect(text.contains(">\(b["n"] as? Int ?? -1)</text>"), "\(name) bin \(b["lower"] ?? "")")
            }
            if let t = c["threshold"] as? Double { #expect(text.contains("threshold \(t)"), "\(name)") }
        }
        // It renders.
        try CLI.expectRenders(svg)
    }

    @Test func noConfidenceNoChart() throws {
        let r = try CLI.run(["suggest", "--policy", "policies/payments.yaml", "--chart", "/tmp/never-suggest.svg", "-"],
                            stdin: #"{"action":{"capability":"payout","amount":80},"review":"pre","outcome":"approved"}"# + "\n")
        #expect(r.status == 2 && r.stderr.contains("no reviewed action carried a confidence"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-suggest.svg"))
    }
}
