@testable import HITLPolicy

/// Seeded action lines for a pair of policies, built from what their regions test: capability
/// names of both, amounts at and beside every cut in every currency either knows (and one
/// neither does), confidences and blast radii at their cuts, reversibility sent or not, tags,
/// attribute values listed, other, null or nested, and shell commands that begin with each
/// prefix or not; now and then a line either policy finds invalid.
struct ActionMaker {
    var random: SplitMix
    var names: [String] = ["zz-unmentioned", "a"]
    var amounts: [String] = ["0", "0.01", "1", "42.5", "100", "5000", "10000", "1000000"]
    /// Values of the other numeric fields, from the field registry: fractions for a field
    /// bounded by 1 (confidence), whole numbers for a whole field (blast radius), both
    /// otherwise; none above the field's maximum.
    var numbers: [NumericField: [String]] = Dictionary(uniqueKeysWithValues: NumericField.allCases.map { f in
        let fractions = ["0", "0.5", "0.9", "1"], wholes = ["0", "1", "2", "100", "1000"]
        let seeds = f.spec.maximum == ExactDecimal(1) ? fractions : f.spec.whole ? wholes : wholes + ["0.5", "42.5"]
        return (f, seeds.filter { v in f.spec.maximum.map { ExactDecimal(parsing: v)! <= $0 } ?? true })
    })
    var currencies: [String] = ["XTS"]
    var tags: [String] = ["zz-tag"]
    var attributes: [(path: [String], values: [String])] = []

    init(old: DecisionTable, new: DecisionTable, placement: DiffPlacement, seed: UInt64) {
        random = SplitMix(state: seed &+ 0x9E37_79B9_7F4A_7C15)
        for c in old.classes + new.classes {
            switch c.kind {
            case .exact: names.append(c.name)
            case .prefix: names += [c.name, c.name + "x", c.name + "zz.y"]
            case .other: continue
            }
        }
        for t in [old, new] {
            if let c = t.currency { currencies.append(c) }
            currencies += t.exchangeRates.map(\.currency)
        }
        for box in placement.boxes {
            for (f, span) in box.region.numeric {
                guard case .interval(let lower, let upper) = span else { continue }
                for cut in [lower, upper].compactMap({ $0 }) {
                    let v = cut.value
                    let near = [v, v + ExactDecimal(parsing: "0.01")!, v * ExactDecimal(parsing: "0.999")!].map(\.description)
                    if f == .amount { amounts += near }
                    else if f.spec.whole { numbers[f, default: []] += [v.description, (v + ExactDecimal(1)).description] }
                    else { numbers[f, default: []] += near }
                }
            }
        }
        tags += placement.tags
        var shellCommands: [Int: [String]] = [:]
        for s in placement.shells {
            let words = s.words.joined(separator: " ")
            shellCommands[s.attribute, default: []] += [words, words + " x", "echo a && " + words, "'" + words + "'"]
        }
        for (a, attribute) in placement.attributes.enumerated() {
            var values = attribute.values.map { v -> String in
                var out: [UInt8] = []
                RegionWitness.renderValue(v, into: &out)
                return String(decoding: out, as: UTF8.self)
            }
            values += ["\"zz-other\"", "null", "7", "true", "{\"k\":1}", "[1]"]
            values += (shellCommands[a] ?? []).map { c in
                var out: [UInt8] = []
                out.appendJSONString(c)
                return String(decoding: out, as: UTF8.self)
            } + ["\"ls -la\""]
            attributes.append((attribute.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init), values))
        }
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    mutating func line() -> String {
        var members: [String] = []
        func string(_ s: String) -> String {
            var out: [UInt8] = []
            out.appendJSONString(s)
            return String(decoding: out, as: UTF8.self)
        }
        if !chance(1) { members.append("\"capability\":" + string(pick(names))) }
        if chance(60) {
            let value = pick(amounts)
            if chance(40) { members.append("\"amount\":" + value) }
            else { members.append("\"amount\":{\"value\":" + (chance(50) ? string(value) : value) + ",\"currency\":" + string(pick(currencies)) + "}") }
        }
        for f in NumericField.allCases where f != .amount {
            if chance(60) { members.append(string(f.spec.name) + ":" + pick(numbers[f] ?? ["0"])) }
        }
        if chance(60) { members.append("\"reversible\":" + (chance(50) ? "true" : "false")) }
        if chance(70) {
            var chosen: [String] = []
            for t in tags where chance(25) { chosen.append(string(t)) }
            members.append("\"tags\":[" + chosen.joined(separator: ",") + "]")
        }
        if !attributes.isEmpty, chance(80) {
            // Paths set in order; a later path under an earlier value replaces it with an object.
            var tree = AttributeTree()
            for a in attributes where chance(70) { tree.set(a.path, pick(a.values)) }
            members.append("\"attributes\":" + tree.json)
        }
        if chance(2) { members.append("\"confidence\":1.5") }   // a duplicate key: invalid
        if chance(2) { members.append("\"amount\":-3") }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// Nested attribute objects for `ActionMaker`.
struct AttributeTree {
    var members: [(String, Node)] = []

    indirect enum Node {
        case value(String)
        case object(AttributeTree)
    }

    mutating func set(_ path: [String], _ value: String) {
        guard let first = path.first else { return }
        let k = members.firstIndex { $0.0 == first }
        if path.count == 1 {
            if let k { members[k].1 = .value(value) } else { members.append((first, .value(value))) }
            return
        }
        var child = AttributeTree()
        if let k, case .object(let t) = members[k].1 { child = t }
        child.set(Array(path.dropFirst()), value)
        if let k { members[k].1 = .object(child) } else { members.append((first, .object(child))) }
    }

    var json: String {
        "{" + members.map { key, node in
            var out: [UInt8] = []
            out.appendJSONString(key)
            let k = String(decoding: out, as: UTF8.self)
            switch node {
            case .value(let v): return k + ":" + v
            case .object(let t): return k + ":" + t.json
            }
        }.joined(separator: ",") + "}"
    }
}
