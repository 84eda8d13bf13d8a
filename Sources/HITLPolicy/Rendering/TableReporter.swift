/// Human-readable forms of a decision table: aligned text (one block per capability
/// class), Markdown (`TableMarkdownReporter`: a pull-request comment) and CSV (RFC 4180). Rows are the reviewer's view
/// (`ReviewTable`: regions merged wherever the decision is the same, with the rules that
/// match throughout); they are produced class by class and written through `emit`, so a
/// large table is never held whole.
package struct TableReporter {
    /// Output format.
    package enum Format: String, Sendable, CaseIterable { case table, markdown, csv }

    let table: DecisionTable

    /// Prepares a table for rendering.
    package init(_ table: DecisionTable) {
        self.table = table
    }

    static let columns = ActionField.decided.map(\.description) + ["decision", "approvals", "rules"]

    /// Renders in `format`, passing text to `emit` in pieces.
    package func render(_ format: Format, emit: (String) -> Void) {
        var view = ReviewTable(table)
        switch format {
        case .table:
            var count = 0
            emit("policy \(table.policy) (\(table.source), \(table.policyDigest))\n")
            for cls in table.classes {
                let rows = view.rows(of: cls).map { cells($0, label: cls.label) }
                count += rows.count
                emit("\n" + cls.label + "\n")
                let header = Array(Self.columns.dropFirst())
                var widths = header.map(\.count)
                for r in rows { for (k, c) in r.dropFirst().enumerated() { widths[k] = max(widths[k], c.count) } }
                func line(_ cells: [String]) -> String {
                    var s = " "
                    for (k, c) in cells.enumerated() {
                        s += " " + (k == cells.count - 1 ? c : c.padding(widths[k]))
                    }
                    return s.trimmingTrailingSpaces() + "\n"
                }
                var block = line(header)
                block += line(widths.map { String(repeating: "-", count: $0) })
                for r in rows { block += line(Array(r.dropFirst())) }
                emit(block)
            }
            emit("\n\(count) rows in \(table.classes.count) capability classes\n")
        case .markdown:
            TableMarkdownReporter(table: table).render(emit: emit)
        case .csv:
            emit(Self.columns.joined(separator: ",") + "\r\n")
            for cls in table.classes {
                var block = ""
                for r in view.rows(of: cls).map({ cells($0, label: cls.label) }) {
                    block += r.map(Self.csvField).joined(separator: ",") + "\r\n"
                }
                emit(block)
            }
        }
    }

    /// The cells of a row, in `columns` order.
    func cells(_ row: TableRow, label: String) -> [String] {
        let region = row.region
        func numeric(_ f: NumericField) -> String {
            switch region.numeric[f] {
            case nil: return "any"
            case .missing?: return "missing"
            case .interval(let l, let u)?: return IntervalWords.text(f, l, u)
            }
        }
        let tags = region.tags.sorted { $0.key < $1.key }.map { ($0.value ? "" : "!") + table.tags[$0.key] }
        let attributes = region.attributes.sorted { $0.key < $1.key }.map { a, k -> String in
            let attr = table.attributes[a]
            let v = k < attr.values.count ? attr.values[k].description : (k == attr.values.count ? "(other)" : "(missing)")
            return "\(attr.path)=\(v)"
        } + region.shells.sorted { $0.key < $1.key }.map { s, present in
            // `~` a command begins with the prefix (or the value is missing, no string, or
            // uncertain); `!~` none does.
            "\(table.attributes[table.shells[s].attribute].path)\(present ? "~" : "!~")(\(table.shells[s].prefix))"
        }
        var decision = row.requirement.stage.description
        if row.requirement.review { decision += " + review" }
        return [label] + NumericField.allCases.map(numeric) + [
                region.reversible.map { String($0) } ?? "any",
                tags.isEmpty ? "any" : tags.joined(separator: " "),
                attributes.isEmpty ? "any" : attributes.joined(separator: " "),
                decision, table.approvals(for: row.requirement).map(Self.approval).joined(separator: " + "),
                row.rules.map { table.rules[$0].path }.joined(separator: ", ")]
    }

    /// An approver group by name, with its capacity when the policy sets one: `lead (120/day)`.
    static func approval(_ a: TableApprover) -> String {
        a.capacity.map { "\(a.name) (\($0))" } ?? a.name
    }

    static func markdownCell(_ s: String) -> String {
        s.replacingAll("|", "\\|").replacingAll("\n", " ")
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", "\"\"") + "\""
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
