import Foundation
import Testing
@testable import HITLPolicy

/// Compiled tables of every example policy, changed after `compile` one value or one byte
/// at a time (as damage or a hand edit would change them): each is refused, or decides
/// exactly as before on a fixed set of actions — never looser, never differently.
///
/// A digest is no signature, so each changed table is also tried with its `table_digest`
/// rewritten to match, as an editor who knows the format would: then what `diff` reads of
/// it must be what `eval` decides (the CI gate sees every decision that changed, and calls
/// a looser one a weakening).
@Suite("Table mutations")
struct TableMutationTests {
    static let policies = ["policies/healthcare.yaml", "policies/payments.yaml", "policies/platform.yaml", "policies/support.yaml"]
    /// Value mutations, then byte mutations, per policy.
    static let valueMutations = 100
    static let byteMutations = 100

    /// How the mutants of one table fared.
    struct Tally: CustomStringConvertible {
        var refused = 0, identical = 0, stricter = 0, looser = 0, otherwise = 0
        var description: String {
            "\(refused) refused, \(identical) identical, \(stricter) stricter, \(looser) looser, \(otherwise) otherwise different"
        }
    }

    @Test(arguments: policies) func changedTablesAreRefusedOrDecideIdentically(path: String) throws {
        let table = try #require(PolicyCompilation.compile(try Repo.bytes(path), file: path).table)
        let artifact = PolicyCompilation.artifactBytes(table)
        let original = try CompiledPolicy.over(table)
        let actions = try Self.actions(table, original)
        let baseline = actions.map { original.decide($0) }
        var random = SplitMix(state: UInt64(artifact.count))
        let tokens = JSONTokens(artifact)
        var asEdited = Tally(), redigested = Tally()
        let ladder = table.approvers.filter { $0.kind == .tier }.map(\.name)
        for k in 0..<(Self.valueMutations + Self.byteMutations) {
            let mutant = k < Self.valueMutations ? tokens.mutateValue(&random) : JSONTokens.mutateByte(artifact, &random)
            guard mutant != artifact else { continue }
            // As damaged or edited: refused, or every decision the same, byte for byte.
            let loaded = PolicyCompilation.load(mutant, file: "t.json")
            if let t = loaded.table {
                let compiled = try? CompiledPolicy.over(t)
                let decided = actions.map { compiled?.decide($0) }
                let same = zip(decided, baseline).allSatisfy { $0?.json == $1.json }
                if same { asEdited.identical += 1 } else { Self.count(decided, baseline, ladder: ladder, into: &asEdited) }
                #expect(same, "\(path): mutant \(k) decides differently: \(Self.firstChange(mutant, artifact))")
            } else {
                asEdited.refused += 1
            }
            // With its digest rewritten: one reading of the table. (A table refused before
            // its digest is checked is refused the same way then.)
            let forged = Self.redigested(mutant)
            guard loaded.failure?.contains("table_digest") != false, let t = PolicyCompilation.load(forged, file: "t.json").table else {
                redigested.refused += 1
                continue
            }
            let compiled = try? CompiledPolicy.over(t)
            let decided = actions.map { compiled?.decide($0) }
            guard zip(decided, baseline).contains(where: { $0.map(Self.verdict) != Self.verdict($1) }) else {
                redigested.identical += 1
                continue
            }
            let looser = Self.count(decided, baseline, ladder: ladder, into: &redigested)
            let report = try PolicyDiff.diff(old: table, new: t)
            let (changed, weakened) = (!report.isEmpty, report.weakened)
            #expect(changed, "\(path): mutant \(k) decides differently, and diff sees no change: \(Self.firstChange(forged, artifact))")
            if looser {
                #expect(weakened, "\(path): mutant \(k) decides looser, and diff sees no weakening: \(Self.firstChange(forged, artifact))")
            }
        }
        #expect(asEdited.looser == 0 && asEdited.stricter == 0 && asEdited.otherwise == 0, "\(path) as edited: \(asEdited)")
        #expect(asEdited.refused > Self.valueMutations, "\(path) as edited: \(asEdited)")
        // Most rewritten tables are still refused: their diagrams no longer match their rules.
        #expect(redigested.refused > Self.valueMutations / 2, "\(path) digest rewritten: \(redigested)")
    }

    /// The part of a decision that acts: outcome, review and the approvals asked for.
    static func verdict(_ d: Decision) -> String {
        "\(d.outcome) \(d.review) \(d.approvals.map { "\($0.name) \($0.kind) \($0.approvers) \($0.quorum) \($0.sla ?? "") \($0.onTimeout) \($0.escalatesTo ?? "")" })"
    }

    /// Tallies one mutant's decisions against the baseline; true when one is looser.
    @discardableResult
    static func count(_ decided: [Decision?], _ baseline: [Decision], ladder: [String], into tally: inout Tally) -> Bool {
        var looser = false, stricter = false
        for (d, b) in zip(decided, baseline) {
            guard let d else { looser = true; continue }
            switch strictness(d, than: b, ladder: ladder) {
            case ..<0: looser = true
            case 1...: stricter = true
            default: break
            }
        }
        if looser { tally.looser += 1 } else if stricter { tally.stricter += 1 } else { tally.otherwise += 1 }
        return looser
    }

    /// -1 when `d` is looser than `b` (a lower outcome; review dropped; an approval dropped
    /// or asking fewer approvers; a renamed one, same kind and approvers, is the same; a tier
    /// lower on the original ladder is looser, a higher one is not), 1 when stricter, 0
    /// otherwise.
    static func strictness(_ d: Decision, than b: Decision, ladder: [String]) -> Int {
        let rank: [Decision.Outcome: Int] = [.autonomous: 0, .approval: 1, .disabled: 2, .invalid: 3]
        let (x, y) = (rank[d.outcome]!, rank[b.outcome]!)
        if x != y { return x < y ? -1 : 1 }
        if b.review && !d.review { return -1 }
        var higherTier = false
        for a in b.approvals {
            var mine = d.approvals.first { $0.name == a.name }
                ?? d.approvals.first { $0.kind == a.kind && Set($0.approvers) == Set(a.approvers) }
            if mine == nil, a.kind == .tier, let was = ladder.firstIndex(of: a.name) {
                // SPEC's order: a tier higher up the ladder asks for at least as much.
                mine = d.approvals.first { $0.kind == .tier && (ladder.firstIndex(of: $0.name) ?? -1) > was }
                higherTier = mine != nil
            }
            guard let mine, mine.quorum >= a.quorum || higherTier else { return -1 }
        }
        return higherTier || d.approvals.count > b.approvals.count || (d.review && !b.review) ? 1 : 0
    }

    /// The fixed actions: a witness of every row of the table, the example actions, and
    /// each class's names at every threshold of every numeric field.
    static func actions(_ table: DecisionTable, _ compiled: CompiledPolicy) throws -> [Action] {
        var lines = PolicyRows(compiled).classes.flatMap { $0.rows.compactMap(\.witness) }
        lines += try String(decoding: Repo.bytes("fixtures/actions/payments.jsonl"), as: UTF8.self).split(separator: "\n").map(String.init)
        let names = table.classes.compactMap { $0.kind == .other ? "zz-unnamed" : $0.kind == .prefix ? $0.name + "x" : $0.name }
        var thresholds: [String: Set<String>] = [:]
        for n in table.nodes {
            if case .numeric(let f) = n.test { thresholds["\(f)", default: []].formUnion(n.cuts.map(\.value.description)) }
        }
        for name in names {
            for (field, values) in thresholds.sorted(by: { $0.key < $1.key }) {
                for v in values.sorted() { lines.append("{\"capability\":\(Self.quoted(name)),\"\(field)\":\(v)}") }
            }
        }
        return lines.map { Action(json: $0) }
    }

    static func quoted(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast().description
    }

    /// The table with `table_digest` rewritten to the digest of the rest, as an editor who
    /// knows the format would (no member: the bytes as they are).
    static func redigested(_ bytes: [UInt8]) -> [UInt8] {
        let key = Array("\"table_digest\":\"".utf8)
        guard let start = (0..<max(bytes.count - key.count, 0)).first(where: { bytes[$0..<($0 + key.count)].elementsEqual(key) }),
              start > 0, bytes[start - 1] == 0x2C,
              let close = bytes[(start + key.count)...].firstIndex(of: 0x22) else { return bytes }
        var rest = bytes
        rest.removeSubrange((start - 1)...close)
        if rest.last == 0x0A { rest.removeLast() }
        let digest = Array(Digest.of(rest).utf8)
        var out = bytes
        out.replaceSubrange((start + key.count)..<close, with: digest)
        return out
    }

    /// Where two artifacts first differ, for a failure message.
    static func firstChange(_ a: [UInt8], _ b: [UInt8]) -> String {
        let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let from = max(0, k - 40)
        return "at byte \(k): …\(String(decoding: a[from..<min(a.count, k + 40)], as: UTF8.self))…"
    }
}

/// The scalar values of a JSON text, each with the member name it belongs to, and the
/// mutations the test makes: one value replaced by a plausible other (a number moved or
/// negated, a leaf pointer flipped, a string swapped for another of the same member, a
/// threshold scaled, a flag flipped), or one byte changed, dropped or doubled.
struct JSONTokens {
    enum Kind { case number, string, literal }
    struct Token {
        var range: Range<Int>
        var kind: Kind
        var key: String
    }

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []
    private var byKey: [String: [Range<Int>]] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var k = 0, key = "", stack: [String] = []
        while k < bytes.count {
            let c = bytes[k]
            switch c {
            case 0x22:
                var e = k + 1
                while e < bytes.count, bytes[e] != 0x22 { e += bytes[e] == 0x5C ? 2 : 1 }
                let range = k..<(e + 1)
                var after = e + 1
                while after < bytes.count, bytes[after] == 0x20 { after += 1 }
                if after < bytes.count, bytes[after] == 0x3A {
                    key = String(decoding: bytes[(k + 1)..<e], as: UTF8.self)
                } else {
                    tokens.append(Token(range: range, kind: .string, key: key))
                }
                k = e + 1
            case 0x2D, 0x30...0x39:
                var e = k + 1
                while e < bytes.count, (0x30...0x39).contains(bytes[e]) || bytes[e] == 0x2E || bytes[e] == 0x65 || bytes[e] == 0x2D { e += 1 }
                tokens.append(Token(range: k..<e, kind: .number, key: key))
                k = e
            case 0x74, 0x66, 0x6E:
                let n = c == 0x66 ? 5 : 4
                tokens.append(Token(range: k..<(k + n), kind: .literal, key: key))
                k += n
            case 0x7B, 0x5B:
                stack.append(key)
                k += 1
            case 0x7D, 0x5D:
                key = stack.popLast() ?? ""
                k += 1
            default: k += 1
            }
        }
        for t in tokens { byKey[t.key, default: []].append(t.range) }
    }

    /// One value replaced.
    func mutateValue(_ random: inout SplitMix) -> [UInt8] {
        let t = tokens[random.below(tokens.count)]
        let text = String(decoding: bytes[t.range], as: UTF8.self)
        var replacement: String
        switch t.kind {
        case .literal: replacement = text == "true" ? "false" : text == "false" ? "true" : "0"
        case .number:
            let v = Int(text) ?? 0
            let others = byKey[t.key] ?? []
            switch random.below(5) {
            case 0: replacement = String(v + 1)
            case 1: replacement = String(v - 1)
            case 2: replacement = String(-v - 1)
            case 3: replacement = String(-1 - random.below(4))
            default: replacement = String(decoding: bytes[others[random.below(others.count)]], as: UTF8.self)
            }
        case .string:
            let inner = String(text.dropFirst().dropLast())
            if ExactDecimal(parsing: inner) != nil, random.below(2) == 0 {
                replacement = "\"" + [inner + "0", "0", "1" + inner, inner.replacing(".", with: "")][random.below(4)] + "\""
            } else if random.below(4) == 0 {
                replacement = "\"" + inner + "x\""
            } else {
                let others = byKey[t.key] ?? []
                replacement = String(decoding: bytes[others[random.below(others.count)]], as: UTF8.self)
            }
        }
        var out = bytes
        out.replaceSubrange(t.range, with: Array(replacement.utf8))
        return out
    }

    static let alphabet = Array("0123456789-.\",:{}[]aeflnrstuxz ".utf8)

    /// One byte changed, dropped or doubled.
    static func mutateByte(_ bytes: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var out = bytes
        let k = random.below(bytes.count - 1)
        switch random.below(4) {
        case 0: out.remove(at: k)
        case 1: out.insert(out[k], at: k)
        default: out[k] = alphabet[random.below(alphabet.count)]
        }
        return out
    }
}
