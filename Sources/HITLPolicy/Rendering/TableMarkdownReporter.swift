/// `compile --format markdown`: the decision table as a pull-request comment. A header
/// with the policy, its currency and rates, a legend and the approvers (who, quorum, SLA,
/// timeout); then one table per capability class, larger ones in a collapsed `<details>`.
/// Rows with the same decision merge wherever their union is one row (a condition that
/// cannot change the decision drops out), and a column that is `any` in every row of a
/// class is left out. The whole stays within `limit` UTF-8 bytes (so within as many
/// characters, under GitHub's 65,536): past that, a count of the rows left out and the
/// command that prints them all.
struct TableMarkdownReporter {
    /// The most a comment may hold, in UTF-8 bytes.
    static let limit = 60_000
    /// Classes with more rows than this are collapsed.
    static let openRows = 8

    let table: DecisionTable
    var limit = Self.limit

    /// Renders, passing text to `emit` in pieces (one class at a time).
    func render(emit: (String) -> Void) {
        var view = ReviewTable(table)
        var written = 0
        func put(_ s: String) {
            written += s.utf8.count
            emit(s)
        }
        put(header())
        // Room kept for the closing note, whatever is cut before it.
        let budget = max(0, limit - 600)
        var rowsLeft = 0, classesLeft = 0
        for cls in table.classes {
            let rows = Self.merged(view.rows(of: cls), table: table)
            if classesLeft == 0 {
                let block = self.block(cls, rows)
                if written + block.utf8.count <= budget {
                    put(block)
                    continue
                }
            }
            rowsLeft += rows.count
            classesLeft += 1
        }
        if classesLeft > 0 {
            put("\n_\(rowsLeft) more row\(rowsLeft == 1 ? "" : "s") in \(classesLeft) capability class\(classesLeft == 1 ? "" : "es") not shown here; "
                + "`hitl-policy compile \(DiffMarkdownReporter.cell(DiffMarkdownReporter.shellWord(table.source))) --format table` prints them all._\n")
        }
    }

    /// Title, currency, legend and approvers.
    func header() -> String {
        let cell = TableReporter.markdownCell
        var out = "### `\(cell(table.policy))` decision table\n\n`\(table.policyDigest)`"
        if let currency = table.currency {
            out += " · amounts in \(currency)"
            if !table.exchangeRates.isEmpty {
                out += " (" + table.exchangeRates.map { "1 \($0.currency) = \($0.rate) \(currency)" }.joined(separator: ", ") + ")"
            }
        }
        out += "\n\nEach row is a set of actions and their decision. `any`: every value, sent or not; `missing`: not sent; "
            + "tags: `pii` present, `!pii` absent; `rules`: the rules that match every action in the row. "
            + "A column that is `any` in every row of a capability is left out.\n"
        if !table.shells.isEmpty {
            out += "Shell prefixes: `command~(git push)` some command begins with the prefix (or the value is missing, not a string, "
                + "or cannot be split with certainty), `command!~(git push)` none does.\n"
        }
        if !table.approvers.isEmpty {
            out += "\n| approvals | kind | approvers | quorum | SLA | on timeout |\n| --- | --- | --- | --- | --- | --- |\n"
            for (k, a) in table.approvers.enumerated() {
                let kind = k < table.tierCount ? "tier \(k + 1)" : "panel"
                let timeout = a.onTimeout.rawValue + (a.escalatesTo.map { " to \($0)" } ?? "")
                out += "| \(cell(TableReporter.approval(a))) | \(kind) | \(cell(a.approvers.joined(separator: ", "))) "
                    + "| \(a.quorum) of \(a.approvers.count) | \(cell(a.sla ?? "none")) | \(cell(timeout)) |\n"
            }
        }
        return out
    }

    /// One class: a heading and its table, collapsed past `openRows` rows.
    func block(_ cls: CapabilityClass, _ rows: [TableRow]) -> String {
        let cells = rows.map { Array(TableReporter(table).cells($0, label: cls.label).dropFirst()) }
        var names = Array(TableReporter.columns.dropFirst())
        if let currency = table.currency, let k = names.firstIndex(of: "amount") { names[k] = "amount (\(currency))" }
        let fields = ActionField.decided.count - 1   // less the capability
        // A field column that is `any` in every row says nothing; decision and rules stay.
        let kept = names.indices.filter { k in
            k >= fields ? (names[k] != "approvals" || cells.contains { !$0[k].isEmpty }) : cells.contains { $0[k] != "any" }
        }
        let label = TableReporter.markdownCell(cls.label)
        var out = ""
        let collapsed = rows.count > Self.openRows
        out += collapsed
            ? "\n<details><summary><b>\(DiffMarkdownReporter.escape(cls.label))</b>: \(rows.count) rows</summary>\n\n"
            : "\n#### \(label)\n\n"
        out += "| " + kept.map { names[$0] }.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: kept.count) + "\n"
        for r in cells {
            out += "| " + kept.map { TableReporter.markdownCell(r[$0]) }.joined(separator: " | ") + " |\n"
        }
        if collapsed { out += "\n</details>\n" }
        return out
    }

    /// Rows with the same decision merged wherever two differ in one condition whose values
    /// join (or cover all of it, so it drops out): exact, the merged row is the union of
    /// its parts. A merged row keeps the rules every part lists, in order.
    static func merged(_ rows: [TableRow], table: DecisionTable) -> [TableRow] {
        var buckets: [Requirement: [Int]] = [:]
        var order: [Requirement] = []
        for (k, r) in rows.enumerated() {
            if buckets[r.requirement] == nil { order.append(r.requirement) }
            buckets[r.requirement, default: []].append(k)
        }
        var out: [(first: Int, row: TableRow)] = []
        for requirement in order {
            let members = buckets[requirement] ?? []
            var items = members.map { (region: rows[$0].region, members: [$0]) }
            // Reversibility is true or false in a table row; the other conditions merge in
            // `DiffRegionMerge`. Alternate until neither merges more (each pass shrinks the list).
            while true {
                let before = items.count
                items = DiffRegionMerge.merge(items.map(\.region)) { a in
                    a < table.attributes.count ? table.attributes[a].values.count + 2 : Int.max
                }.map { m in (region: m.region, members: m.members.flatMap { items[$0].members }) }
                items = mergeReversible(items)
                if items.count == before || items.count <= 1 { break }
            }
            for item in items {
                let ids = item.members.sorted()
                let shared = rows[ids[0]].rules.filter { rule in ids.allSatisfy { rows[$0].rules.contains(rule) } }
                out.append((ids[0], TableRow(region: item.region, requirement: requirement, rules: shared)))
            }
        }
        return out.sorted { $0.first < $1.first }.map(\.row)
    }

    /// Pairs of regions equal but for reversibility true and false, as one.
    static func mergeReversible(_ items: [(region: TableRegion, members: [Int])]) -> [(region: TableRegion, members: [Int])] {
        var byRest: [TableRegion: Int] = [:]
        var out: [(region: TableRegion, members: [Int])] = []
        for item in items {
            guard item.region.reversible != nil, !item.region.reversibleMissing else { out.append(item); continue }
            var rest = item.region
            rest.reversible = nil
            if let k = byRest[rest], out[k].region.reversible != item.region.reversible, out[k].region.reversible != nil {
                out[k] = (rest, out[k].members + item.members)
                byRest[rest] = nil
            } else {
                byRest[rest] = out.count
                out.append(item)
            }
        }
        return out
    }
}
