import Foundation
import Testing
@testable import HITLPolicy

/// `compile --format markdown`: one table per capability that fits a pull-request comment,
/// its merged rows exact.
@Suite("Decision table as Markdown")
struct TableMarkdownTests {
    static let policies = ["policies/payments.yaml", "policies/platform.yaml", "policies/healthcare.yaml", "policies/support.yaml"]

    static func markdown(_ table: DecisionTable, limit: Int = TableMarkdownReporter.limit) -> String {
        var s = ""
        TableMarkdownReporter(table: table, limit: limit).render { s += $0 }
        return s
    }

    /// Every shipped policy fits a comment (GitHub allows 65,536 characters).
    @Test(arguments: policies)
    func fitsAComment(_ path: String) throws {
        var md = ""
        TableReporter(try TableGoldenTests.table(path)).render(.markdown) { md += $0 }
        #expect(md.utf8.count <= 60_000, "\(path): \(md.utf8.count) bytes")
        #expect(!md.contains("not shown here"), "\(path) is cut")
    }

    /// Past the limit: the classes that fit, then a count and the command that prints all.
    @Test func cutWithACount() throws {
        let md = Self.markdown(try TableGoldenTests.table(), limit: 5_000)
        #expect(md.utf8.count <= 5_000)
        #expect(md.contains("not shown here; `hitl-policy compile policies/payments.yaml --format table` prints them all._"), "\(md)")
    }

    /// Merged rows never mix decisions: every row of the diagram view meets only merged
    /// rows with its own decision, and at least one.
    @Test(arguments: policies)
    func mergingIsExact(_ path: String) throws {
        let table = try TableGoldenTests.table(path)
        var view = ReviewTable(table)
        var before = 0, after = 0
        for cls in table.classes {
            let rows = view.rows(of: cls)
            let merged = TableMarkdownReporter.merged(rows, table: table)
            before += rows.count
            after += merged.count
            for r in rows {
                let met = merged.filter { r.region.intersected(with: $0.region) != nil }
                #expect(!met.isEmpty && met.allSatisfy { $0.requirement == r.requirement }, "\(path) \(cls.label): \(r.region)")
            }
        }
        #expect(after <= before)
        if path == "policies/payments.yaml" { #expect(after * 2 < before, "\(before) rows → \(after)") }
    }

    /// The header names the currency, the legend and each approver group with its quorum.
    @Test func header() throws {
        let md = Self.markdown(try TableGoldenTests.table())
        #expect(md.contains("amounts in USD (1 EUR = 1.08 USD"))
        #expect(md.contains("`!pii` absent"))
        #expect(md.contains("| executive | tier 3 | cfo, cto | 2 of 2 |"), "\(md.prefix(2_000))")
        #expect(md.contains("| amount (USD) |"))
    }
}

extension TableRegion {
    /// The intersection, or nil when it is empty.
    func intersected(with o: TableRegion) -> TableRegion? {
        var r = self
        for (f, s) in o.numeric {
            guard let mine = r.numeric[f] else { r.numeric[f] = s; continue }
            switch (mine, s) {
            case (.missing, .missing): continue
            case (.missing, .interval), (.interval, .missing): return nil
            case (.interval(let l1, let u1), .interval(let l2, let u2)):
                let l = [l1, l2].compactMap { $0 }.max()
                let u = [u1, u2].compactMap { $0 }.min()
                if let l, let u, !(l < u) { return nil }
                r.numeric[f] = .interval(lower: l, upper: u)
            }
        }
        if let b = o.reversible {
            if let a = r.reversible, a != b { return nil }
            r.reversible = b
        }
        for (t, v) in o.tags {
            if let a = r.tags[t], a != v { return nil }
            r.tags[t] = v
        }
        for (k, v) in o.attributes {
            if let a = r.attributes[k], a != v { return nil }
            r.attributes[k] = v
        }
        return r
    }
}
