/// `suggest --chart FILE.svg` (SPEC §9): one reliability diagram per capability whose
/// reviewed actions carried a confidence — bars for the ten equal-width bins (the share
/// approved unchanged, with the bin's count above), points for the equal-mass bins (mean
/// confidence against accuracy), the diagonal of perfect calibration, the suggested
/// threshold as a vertical line, and both ECEs in the caption. Self-contained (no script,
/// no external font or image); every number it shows is in the JSON output (`calibration`).
package enum CalibrationChart {
    static let width = 960.0
    static let panelWidth = 480.0, panelHeight = 440.0
    static let plot = 300.0, left = 70.0, top = 70.0

    /// The SVG text; nil when no capability has actions with a confidence.
    package static func render(_ report: SuggestionReport) -> String? {
        let drawn = report.calibration.filter { $0.calibration.n > 0 }
        guard !drawn.isEmpty else { return nil }
        let rows = (drawn.count + 1) / 2
        let height = 90 + Double(rows) * panelHeight
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        s += SimulationChart.textElement(24, 28, SimulationChart.fitted("hitl-policy suggest: calibration of \(report.policy) on \(SimulationChart.fileName(report.log))"), size: 16, weight: "bold")
        s += SimulationChart.textElement(24, 48, "share approved unchanged against the agent's confidence; the diagonal is perfect calibration", size: 12, fill: "#444444")
        s += SimulationChart.textElement(24, 66, "target error rate \(SuggestionNumbers.percent(report.options.target)) at \(SuggestionNumbers.percent(report.options.confidence)) one-sided confidence, at least \(report.options.minReviews) reviews", size: 12, fill: "#444444")
        for (k, c) in drawn.enumerated() {
            s += panel(c, report: report, x0: Double(k % 2) * panelWidth, y0: 80 + Double(k / 2) * panelHeight)
        }
        s += "</svg>\n"
        return s
    }

    private static func panel(_ c: SuggestionReport.CapabilityCalibration, report: SuggestionReport, x0: Double, y0: Double) -> String {
        let k = c.calibration
        let px = x0 + left, py = y0 + top
        func x(_ v: Double) -> Double { px + plot * v }
        func y(_ v: Double) -> Double { py + plot * (1 - v) }
        var s = "<g>\n"
        s += SimulationChart.textElement(x0 + 24, y0 + 22, c.capability, size: 14, weight: "bold")
        let ece = "ECE \(k.eceWidth.map { SimulationNumbers.fixed($0, 4) } ?? "—") (equal width), \(k.eceMass.map { SimulationNumbers.fixed($0, 4) } ?? "—") (equal mass)"
        s += SimulationChart.textElement(x0 + 24, y0 + 40, "n = \(k.n); \(ece)", size: 11, fill: "#444444")
        let th = k.threshold.map { "threshold \(ConfidenceTally.text($0.value)): \($0.n) actions, \($0.errors) errors, upper bound \(SuggestionNumbers.rateText($0.bound.high))" }
            ?? "no threshold meets the \(SuggestionNumbers.percent(report.options.target)) target"
        s += SimulationChart.textElement(x0 + 24, y0 + 56, th, size: 11, fill: "#444444")
        // Frame, grid and axes.
        s += "<rect x=\"\(n(px))\" y=\"\(n(py))\" width=\"\(n(plot))\" height=\"\(n(plot))\" fill=\"#fbfbfb\" stroke=\"#999999\"/>\n"
        for t in 1..<10 {
            let v = Double(t) / 10
            s += "<line x1=\"\(n(x(v)))\" y1=\"\(n(py))\" x2=\"\(n(x(v)))\" y2=\"\(n(py + plot))\" stroke=\"#eeeeee\"/>\n"
            s += "<line x1=\"\(n(px))\" y1=\"\(n(y(v)))\" x2=\"\(n(px + plot))\" y2=\"\(n(y(v)))\" stroke=\"#eeeeee\"/>\n"
        }
        for t in stride(from: 0, through: 10, by: 2) {
            let v = Double(t) / 10, label = t == 10 ? "1" : "0.\(t)"
            s += SimulationChart.textElement(x(v), py + plot + 16, t == 0 ? "0" : label, size: 10, anchor: "middle", fill: "#666666")
            s += SimulationChart.textElement(px - 6, y(v) + 4, t == 0 ? "0" : label, size: 10, anchor: "end", fill: "#666666")
        }
        s += SimulationChart.textElement(px + plot / 2, py + plot + 34, "confidence", size: 11, anchor: "middle", fill: "#444444")
        s += "<text x=\"\(n(px - 40))\" y=\"\(n(py + plot / 2))\" font-size=\"11\" fill=\"#444444\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(px - 40)) \(n(py + plot / 2)))\">approved unchanged</text>\n"
        // Equal-width bins: bars to the accuracy, with the count above.
        for b in k.widthBins where b.n > 0 {
            let lo = Double(b.lower) / Double(ConfidenceTally.one), hi = Double(b.upper) / Double(ConfidenceTally.one)
            let acc = b.accuracy ?? 0
            s += "<rect x=\"\(n(x(lo) + 2))\" y=\"\(n(y(acc)))\" width=\"\(n(x(hi) - x(lo) - 4))\" height=\"\(n(plot * acc))\" fill=\"#5dade2\" fill-opacity=\"0.75\"/>\n"
        }
        // The diagonal.
        s += "<line x1=\"\(n(x(0)))\" y1=\"\(n(y(0)))\" x2=\"\(n(x(1)))\" y2=\"\(n(y(1)))\" stroke=\"#555555\" stroke-width=\"1.2\" stroke-dasharray=\"6,4\"/>\n"
        // Equal-mass bins: points at (mean confidence, accuracy).
        var path = ""
        for b in k.massBins {
            guard let m = b.meanConfidence, let a = b.accuracy else { continue }
            path += (path.isEmpty ? "M" : " L") + "\(n(x(m))),\(n(y(a)))"
        }
        if !path.isEmpty { s += "<path d=\"\(path)\" fill=\"none\" stroke=\"#d35400\" stroke-width=\"1.4\"/>\n" }
        for b in k.massBins {
            guard let m = b.meanConfidence, let a = b.accuracy else { continue }
            s += "<circle cx=\"\(n(x(m)))\" cy=\"\(n(y(a)))\" r=\"3.5\" fill=\"#d35400\"/>\n"
        }
        // The threshold.
        if let t = k.threshold {
            let v = Double(t.value) / Double(ConfidenceTally.one)
            s += "<line x1=\"\(n(x(v)))\" y1=\"\(n(py))\" x2=\"\(n(x(v)))\" y2=\"\(n(py + plot))\" stroke=\"#1e8449\" stroke-width=\"1.6\"/>\n"
        }
        // Each bar's count at its foot (above the axis when the bar is too short), over the lines.
        for b in k.widthBins where b.n > 0 {
            let lo = Double(b.lower) / Double(ConfidenceTally.one), hi = Double(b.upper) / Double(ConfidenceTally.one)
            let acc = b.accuracy ?? 0
            s += SimulationChart.textElement((x(lo) + x(hi)) / 2, acc >= 0.08 ? y(0) - 5 : y(acc) - 4, "\(b.n)", size: 9, anchor: "middle", fill: "#1b2631")
        }
        // Legend.
        let ly = py + plot + 56
        s += "<rect x=\"\(n(px))\" y=\"\(n(ly - 9))\" width=\"10\" height=\"10\" fill=\"#5dade2\"/>" + SimulationChart.textElement(px + 14, ly, "equal-width bins (count at the foot)", size: 10)
        s += "<circle cx=\"\(n(px + 205))\" cy=\"\(n(ly - 4))\" r=\"3.5\" fill=\"#d35400\"/>" + SimulationChart.textElement(px + 212, ly, "equal-mass bins", size: 10)
        s += "<line x1=\"\(n(px + 300))\" y1=\"\(n(ly - 9))\" x2=\"\(n(px + 300))\" y2=\"\(n(ly + 1))\" stroke=\"#1e8449\" stroke-width=\"1.6\"/>" + SimulationChart.textElement(px + 306, ly, "threshold", size: 10)
        s += "</g>\n"
        return s
    }

    private static func n(_ x: Double) -> String { SimulationChart.n(x) }
}
