import Foundation
import Testing

/// `simulate --chart FILE.svg`: a self-contained SVG that parses as XML, renders (rsvg-convert),
/// and shows only numbers the JSON output carries.
@Suite("simulate --chart")
struct SimulateChartCLITests {
    static let args = ["simulate", "--policy", "policies/payments.yaml", "--capacity", "team=60/day", "--capacity", "lead=20/day",
                       "--hours", "08-18", "fixtures/simulate/payments-week.jsonl"]

    @Test func chartIsSelfContainedRendersAndAgreesWithJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("week.svg")
        let r = try CLI.run(Self.args + ["--chart", svg.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        // Well-formed XML (Python's parser), with an svg root; nothing fetched or run.
        let xml = try CLI.run(["-c", "import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)", svg.path],
                              executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(xml.status == 0 && xml.stdout == "svg\n", "\(xml.stderr)")
        for banned in ["<script", "href=", "<image", "@import", "url("] { #expect(!text.contains(banned), "\(banned)") }
        // The numbers in each panel's title are the JSON's.
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        for q in json["queues"] as? [[String: Any]] ?? [] {
            guard let name = q["name"] as? String, let status = q["status"] as? String, (q["reviews"] as? Int ?? 0) > 0 else { continue }
            let kind = q["kind"] as? String == "tier" ? "tier" : "panel"
            #expect(text.contains(">\(kind) \(name): \(status)"), "\(name)")
            if let breaches = q["sla_breaches"] as? Int { #expect(text.contains("\(breaches) SLA breach"), "\(name)") }
            if let series = q["reviews_by_hour"] as? [Int], let top = series.max(), name == "team" {
                #expect(text.contains(">\(top)</text>"), "the team axis shows its busiest hour, \(top)")
            }
        }
        // It renders.
        try CLI.expectRenders(svg)
    }

    @Test func aLogWithoutTimesHasNoChart() throws {
        let r = try CLI.run(["simulate", "--policy", "policies/payments.yaml", "--chart", "/tmp/never.svg", "-"],
                            stdin: "{\"capability\":\"refund\",\"amount\":6000}\n")
        #expect(r.status == 2 && r.stderr.contains("no times"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.svg"))
    }
}
