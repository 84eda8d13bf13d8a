/// Builds a concrete JSON action inside a region, or shows there is none.
///
/// Regions are boxes over the diagram variables, but not every box holds an action: blast
/// radius is a whole number, confidence lies in [0, 1], amounts are not negative, a
/// threshold divided by an exchange rate may have no decimal form, and an attribute path
/// cannot be both a value and the parent of another path. Witness construction decides
/// that exactly, so empty regions are never reported.
struct RegionWitness {
    enum Result: Equatable {
        case action(String)
        /// No action lies in the region.
        case empty
        /// The region's numbers are too long to compute with.
        case unknown
    }

    let tags: [String]
    let attributes: [TableAttribute]
    /// The shell prefixes the regions' `shells` number.
    var shells: [TableShell] = []

    static let zero = ExactDecimal(0)
    static let one = ExactDecimal(1)
    static let half = ExactDecimal(parsing: "0.5")!

    /// A witness for `region` of capability `name`. In a currency slice, the amount is sent
    /// in `slice.code` and region bounds are in units of `slice.scale` per unit of it.
    func build(name: String, region: TableRegion, slice: CurrencySlice) -> Result {
        var out: [UInt8] = []
        out.append("{\"capability\":")
        out.appendJSONString(name)
        // Amount.
        switch region.numeric[.amount] {
        case nil:
            if let code = slice.code { appendAmount(Self.zero, code, into: &out) }
        case .missing?:
            if slice.code != nil { return .empty }
        case .interval(let l, let u)?:
            if let code = slice.code {
                switch scaledAmount(l, u, scale: slice.scale) {
                case .some(.some(let v)): appendAmount(v, code, into: &out)
                case .some(nil): return .empty
                case nil: return .unknown
                }
            } else {
                guard let v = Self.pick(l, u, floor: Cut(value: Self.zero, upward: true), ceiling: nil, integer: false) else { return .empty }
                out.append(",\"amount\":")
                out.append(v.description)
            }
        }
        for field in NumericField.allCases where field != .amount {
            guard case .interval(let l, let u)? = region.numeric[field] else { continue }
            let ceiling = field.spec.maximum.map { Cut(value: $0, upward: false) }
            guard let v = Self.pick(l, u, floor: Cut(value: Self.zero, upward: true), ceiling: ceiling, integer: field.spec.whole) else { return .empty }
            out.append(",\"\(field)\":")
            out.append(v.description)
        }
        if let r = region.reversible { out.append(",\"reversible\":\(r)") }
        let present = region.tags.filter(\.value).map { tags[$0.key] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if !present.isEmpty {
            out.append(",\"tags\":[")
            for (k, t) in present.enumerated() {
                if k > 0 { out.append(0x2C) }
                out.appendJSONString(t)
            }
            out.append(0x5D)
        }
        guard let tree = attributeTree(region) else { return .empty }
        if case .object(let members) = tree, !members.isEmpty {
            out.append(",\"attributes\":")
            Self.render(tree, into: &out)
        }
        out.append(0x7D)
        return .action(String(decoding: out, as: UTF8.self))
    }

    private func appendAmount(_ v: ExactDecimal, _ code: String, into out: inout [UInt8]) {
        out.append(",\"amount\":{\"value\":\"\(v)\",\"currency\":")
        out.appendJSONString(code)
        out.append(0x7D)
    }

    /// The smallest convenient value above `lower` and below `upper` within the field's
    /// domain, or nil when there is none (exact: the interval is empty exactly then).
    static func pick(_ lower: Cut?, _ upper: Cut?, floor: Cut, ceiling: Cut?, integer: Bool) -> ExactDecimal? {
        let lo = max(lower ?? floor, floor)
        let hi: Cut? = switch (upper, ceiling) {
        case (nil, let c): c
        case (let u, nil): u
        case (let u?, let c?): min(u, c)
        }
        let x: ExactDecimal
        if integer {
            x = lo.upward ? lo.value.ceilingOfNonNegative : lo.value.floorOfNonNegative + one
        } else if lo.upward {
            x = lo.value
        } else if let hi {
            x = (lo.value + hi.value) * half
        } else {
            x = lo.value + one
        }
        guard lo.isBelow(x), !(hi?.isBelow(x) ?? false) else { return nil }
        return x
    }

    /// An amount `v` (in the slice currency) with `v × scale` in the interval: nil when too
    /// long to compute, `.some(nil)` when none exists.
    private func scaledAmount(_ l: Cut?, _ u: Cut?, scale: ExactDecimal) -> ExactDecimal?? {
        let floor = Cut(value: Self.zero, upward: true)
        guard let w = Self.pick(l, u, floor: floor, ceiling: nil, integer: false) else { return .some(nil) }
        let lo = max(l ?? floor, floor)
        func inside(_ v: ExactDecimal) -> Bool {
            let x = v * scale
            return lo.isBelow(x) && !(u?.isBelow(x) ?? false)
        }
        if let u, lo.upward, !u.upward, lo.value == u.value {
            // A single point: it holds an action only if the division terminates, which it
            // does within this many places if at all.
            let places = 4 * scale.significantDigits + max(0, -w.exponent) + 4
            guard let (q, exact) = w.divided(by: scale, fractionDigits: places) else { return nil }
            return exact ? .some(q) : .some(nil)
        }
        for places in 0...60 {
            guard let (q, _) = w.divided(by: scale, fractionDigits: places) else { return nil }
            let ulp = ExactDecimal(parsing: "1e-\(places)")!
            for v in [q, q + ulp] where inside(v) { return .some(v) }
        }
        return nil
    }

    indirect enum Node {
        case object([(String, Node)])
        case value(AttributeValue)
        /// Present, equal to none of these values.
        case other([AttributeValue])
        case absent
    }

    /// The `attributes` object the region needs, or nil when its constraints conflict (or
    /// its shell prefixes cannot be present and absent as it says).
    func attributeTree(_ region: TableRegion) -> Node? {
        var root = Node.object([])
        var commands: [Int: String] = [:]
        for a in Set(region.shells.keys.map { shells[$0].attribute }) {
            guard let command = shellCommand(a, region) else { return nil }
            commands[a] = command
        }
        var chosen = region.attributes
        for a in commands.keys where chosen[a] == nil { chosen[a] = attributes[a].values.count }
        let constrained = chosen.sorted { a, b in
            let (x, y) = (attributes[a.key].path.split(separator: ".", omittingEmptySubsequences: false).count,
                          attributes[b.key].path.split(separator: ".", omittingEmptySubsequences: false).count)
            return x != y ? x < y : a.key < b.key
        }
        for (a, choice) in constrained {
            let attr = attributes[a]
            let path = attr.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var leaf: Node = choice < attr.values.count ? .value(attr.values[choice])
                : choice == attr.values.count ? .other(attr.values) : .absent
            if choice == attr.values.count, let command = commands[a] { leaf = .value(.string(command)) }
            guard Self.insert(leaf, at: path[...], into: &root) else { return nil }
        }
        return root
    }

    /// A command line for attribute `a` with exactly the region's shell prefixes present:
    /// each present prefix as a command of its words (`ShellPrefix.canonical`), joined with
    /// `; `, or `true` when none is; checked with the splitter itself, and not one of the
    /// attribute's listed values. Nil when no such line is found: a prefix whose command
    /// begins with another (`git push --force` with `git push`) cannot be present while
    /// that one is absent, so such a region holds no action.
    func shellCommand(_ a: Int, _ region: TableRegion) -> String? {
        let wanted = region.shells.filter { shells[$0.key].attribute == a }
        let present = wanted.filter(\.value).keys.sorted().map { shells[$0].prefix }
        for filler in present.isEmpty ? ["true", ":", "true x"] : ["", "; true", "; :"] {
            let command = present.isEmpty ? filler : present.joined(separator: "; ") + filler
            if attributes[a].values.contains(.string(command)) { continue }
            let split = ShellCommandLine(command)
            guard split.uncertainty == nil else { return nil }
            if wanted.allSatisfy({ split.begins(with: shells[$0.key].words) == $0.value }) { return command }
            return nil
        }
        return nil
    }

    /// Places `leaf` at `path`, making objects on the way; false on a conflict.
    static func insert(_ leaf: Node, at path: ArraySlice<String>, into node: inout Node) -> Bool {
        let isAbsent = if case .absent = leaf { true } else { false }
        switch node {
        case .absent, .value:
            // The path runs through a missing value or a scalar: it is missing itself.
            return isAbsent
        case .other:
            if isAbsent { return true }
            node = .object([])   // an object equals none of the listed values
            return insert(leaf, at: path, into: &node)
        case .object(var members):
            guard let key = path.first else { return false }
            let rest = path.dropFirst()
            if let k = members.firstIndex(where: { $0.0 == key }) {
                var child = members[k].1
                // Each path is placed once, shorter paths first, so an existing key is a parent.
                guard !rest.isEmpty, insert(leaf, at: rest, into: &child) else { return false }
                members[k].1 = child
            } else if rest.isEmpty {
                members.append((key, leaf))
            } else {
                var child = Node.object([])
                guard insert(leaf, at: rest, into: &child) else { return false }
                members.append((key, child))
            }
            node = .object(members)
            return true
        }
    }

    static func render(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .object(let members):
            out.append(0x7B)
            var first = true
            for (k, v) in members {
                if case .absent = v { continue }
                if !first { out.append(0x2C) }
                first = false
                out.appendJSONString(k)
                out.append(0x3A)
                render(v, into: &out)
            }
            out.append(0x7D)
        case .value(let v): renderValue(v, into: &out)
        case .other(let values):
            var n = 0
            var s = "other"
            while values.contains(.string(s)) { n += 1; s = "other-\(n)" }
            out.appendJSONString(s)
        case .absent: out.append("null")
        }
    }

    static func renderValue(_ v: AttributeValue, into out: inout [UInt8]) {
        switch v {
        case .string(let s): out.appendJSONString(s)
        case .number(let n): out.append(n.description)
        case .bool(let b): out.append(String(b))
        }
    }
}

/// Amounts sent in one currency, as both policies convert them.
struct CurrencySlice: Hashable {
    /// The currency code; nil for plain numbers (and currencies with unchanged rates).
    var code: String?
    /// Old policy's rate for the code (1 for its own currency).
    var oldRate: ExactDecimal
    /// New policy's rate.
    var newRate: ExactDecimal
    /// Region amount bounds are in units of `oldRate × newRate` per unit sent.
    var scale: ExactDecimal { oldRate * newRate }

    static let base = CurrencySlice(code: nil, oldRate: ExactDecimal(1), newRate: ExactDecimal(1))
}
