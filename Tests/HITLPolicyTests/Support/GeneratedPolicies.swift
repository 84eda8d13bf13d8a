import Foundation

/// Seeded, deterministic policies for the differential test: the shapes that strain the
/// compiler (many independent tag and attribute rules, distinct specialist panels,
/// overlapping capability patterns, foreign currencies with long exchange rates, bands on
/// every numeric field, reversible defaults). The same spec always gives the same YAML.
struct GeneratedPolicy: CustomStringConvertible, Sendable {
    enum Shape: String, Sendable {
        /// `count` rules `tags: [tK]`, all with the same effect.
        case tagsSameEffect
        /// `count` rules on their own tags with distinct effects (tiers, panels, review).
        case tagsMixedEffects
        /// Rules on `count` attributes (nested paths, strings, numbers, booleans).
        case attributes
        /// Exact names and nested prefixes, rules naming both, reversible defaults.
        case patterns
        /// Exchange rates with many decimals; bands and ranges on every numeric field.
        case currencies
        /// A little of everything, `count` tag rules among it.
        case mixed
    }

    var shape: Shape
    var count: Int
    var seed: UInt64

    var description: String { "\(shape.rawValue)-\(count)-seed\(seed)" }
    var file: String { "generated/\(description).yaml" }

    /// The policies run by default: small enough that today's compiler (whose table grows
    /// with the combinations of independent rules) compiles each in about a second.
    static let standard: [GeneratedPolicy] = [
        .init(shape: .tagsSameEffect, count: 10, seed: 1),
        .init(shape: .tagsMixedEffects, count: 8, seed: 2),
        .init(shape: .attributes, count: 4, seed: 3),
        .init(shape: .patterns, count: 6, seed: 4),
        .init(shape: .currencies, count: 3, seed: 5),
        .init(shape: .currencies, count: 3, seed: 6),
        .init(shape: .mixed, count: 4, seed: 7),
    ]

    /// Larger policies that need a compiler whose diagram is linear in independent rules
    /// (issue 10): run with HITL_SCALE=1.
    static let scaled: [GeneratedPolicy] = [
        .init(shape: .tagsSameEffect, count: 40, seed: 11),
        .init(shape: .tagsMixedEffects, count: 24, seed: 12),
        .init(shape: .attributes, count: 20, seed: 13),
        .init(shape: .patterns, count: 30, seed: 14),
        .init(shape: .mixed, count: 20, seed: 15),
    ]

    static let tiers = ["team", "lead", "director", "executive"]
    static let specialists = ["privacy", "security", "legal", "aml", "clinical"]

    /// The policy text.
    var yaml: String {
        var g = Writer(rng: SplitMix(state: seed &* 0x9E37_79B9 ^ UInt64(count)))
        g.header(name: description, rates: shape == .currencies || shape == .mixed)
        switch shape {
        case .tagsSameEffect: g.tagsSameEffect(count)
        case .tagsMixedEffects: g.tagsMixedEffects(count)
        case .attributes: g.attributes(count)
        case .patterns: g.patterns(count)
        case .currencies: g.currencies(count)
        case .mixed: g.mixed(count)
        }
        g.specialists()
        return g.lines.joined(separator: "\n") + "\n"
    }

    struct Writer {
        var rng: SplitMix
        var lines: [String] = []
        var inCompliance = false
        var usedSpecialists = Set<String>()

        mutating func pick<T>(_ xs: [T]) -> T { xs[rng.below(xs.count)] }

        mutating func header(name: String, rates: Bool) {
            lines += ["version: 1", "name: \(name)", "currency: USD"]
            if rates {
                // Rates with many decimals: converted amounts rarely land on a threshold
                // exactly, so only exact arithmetic decides the boundary cases.
                lines += ["exchange_rates:", "  EUR: 1.0812345678901234567", "  GBP: 1.27",
                          "  JPY: 0.006712345678", "  KWD: 3.2\(rng.below(900) + 100)1", "  CHF: 1.25"]
            }
            lines += ["defaults:", "  stage: \(pick(["disabled", "approval"]))", "  tier: team", "  sla: 4h",
                      "  on_timeout: reject", "tiers:"]
            for (i, t) in GeneratedPolicy.tiers.enumerated() {
                lines += ["  - name: \(t)", "    approvers: [\(t)-group, \(t)-backup]", "    sla: \(4 - i)h",
                          "    on_timeout: \(i < GeneratedPolicy.tiers.count - 1 ? "escalate" : "reject")"]
            }
        }

        /// The panels the rules name (an unused panel is a lint warning); keys may come in
        /// any order, so this goes last.
        mutating func specialists() {
            let used = GeneratedPolicy.specialists.filter(usedSpecialists.contains)
            guard !used.isEmpty else { return }
            lines.append("specialists:")
            for s in used { lines += ["  \(s):", "    approvers: [\(s)-office]", "    sla: 8h"] }
        }

        mutating func capabilities(_ entries: [String]) {
            lines.append("capabilities:")
            lines += entries
        }

        mutating func rule(_ id: String, _ when: [String], _ effect: [String]) {
            if !inCompliance { lines.append("compliance:"); inCompliance = true }
            for e in effect where e.hasPrefix("specialists:") {
                usedSpecialists.formUnion(GeneratedPolicy.specialists.filter { e.contains($0) })
            }
            lines += ["  - id: \(id)", "    when:"] + when.map { "      " + $0 } + effect.map { "    " + $0 }
        }

        /// A few ordinary capabilities, one with bands on all three fields.
        mutating func plainCapabilities() -> [String] {
            let base = pick([100, 250, 1000])
            return ["  lookup: autonomous", "  archive: approval", "  erase: disabled", "  ops.*: approval",
                    "  refund:", "    stage: autonomous", "    reversible: \(pick(["true", "false"]))",
                    "    spend:", "      - over: \(base)", "        tier: team", "      - at_least: \(base * 20)",
                    "        tier: lead", "      - over: \(base * 500)", "        stage: disabled",
                    "    confidence:", "      - below: 0.9", "        tier: team", "      - at_most: 0.5", "        tier: lead",
                    "    blast_radius:", "      - at_least: 10", "        tier: team", "      - over: 1000", "        tier: director"]
        }

        mutating func tagsSameEffect(_ n: Int) {
            capabilities(plainCapabilities())
            let effect = pick([["tier: lead"], ["specialists: [privacy]"], ["tier: director"]])
            for k in 0..<n { rule("same-\(k)", ["tags: [t\(k)]"], effect) }
        }

        mutating func mixedEffect(_ k: Int) -> [String] {
            switch k % 7 {
            case 0: ["tier: lead"]
            case 1: ["specialists: [privacy]"]
            case 2: ["specialists: [security, legal]"]
            case 3: ["review: true"]
            case 4: ["tier: executive", "specialists: [aml]"]
            case 5: ["specialists: [\(GeneratedPolicy.specialists[(k / 7) % GeneratedPolicy.specialists.count])]"]
            default: k == 6 ? ["stage: disabled"] : ["stage: approval"]
            }
        }

        mutating func tagsMixedEffects(_ n: Int) {
            capabilities(plainCapabilities())
            for k in 0..<n {
                let when: [String] = switch k % 5 {
                case 3: ["tags: {all: [t\(k), shared]}"]
                case 4: ["tags: {any: [t\(k), u\(k)]}"]
                default: ["tags: [t\(k)]"]
                }
                rule("mixed-\(k)", when, mixedEffect(k))
            }
        }

        mutating func attributes(_ n: Int) {
            capabilities(plainCapabilities())
            // Each attribute has its own kind of value; values within one attribute exclude
            // one another, so only rules on different attributes combine.
            for a in 0..<n {
                let path = a % 3 == 1 ? "meta.a\(a).kind" : "a\(a)"
                let values: [String] = switch a % 4 {
                case 0: ["v0", "v1", "\"v 2\""]
                case 1: ["\(a)", "\(a).5", "-1"]
                case 2: ["true", "false"]
                default: ["x\(a)", "y\(a)"]
                }
                let one = values[rng.below(values.count)]
                rule("attr-\(a)-one", ["attributes: {\(path): \(one)}"], a % 2 == 0 ? ["tier: lead"] : ["specialists: [legal]"])
                if values.count > 2, a % 2 == 1 {
                    rule("attr-\(a)-list", ["attributes: {\(path): [\(values[0]), \(values[2])]}"], ["review: true"])
                }
            }
            rule("attr-with-capability", ["capability: refund", "attributes: {a0: v1, meta.a1.kind: [\"1\", \"1.5\"]}"],
                 ["tier: executive"])
        }

        mutating func patterns(_ n: Int) {
            capabilities(["  \"*\": \(pick(["approval", "disabled"]))",
                          "  deploy.*:", "    stage: approval", "    reversible: true",
                          "  deploy.prod.*:", "    stage: approval", "    tier: lead", "    reversible: false",
                          "  deploy.prod.db: disabled",
                          "  deploy.prod.web:", "    stage: autonomous", "    reversible: true",
                          "    blast_radius:", "      - over: 50", "        tier: team",
                          "  deploy.staging:", "    stage: autonomous",
                          "  deploy: autonomous",
                          "  read.*: autonomous",
                          "  read.secrets:", "    stage: autonomous", "    review: true", "    reversible: false"])
            let targets = ["deploy.*", "deploy.prod.*", "deploy.prod.web", "deploy.staging", "read.*", "read.secrets",
                           "deploy", "other.*"]
            for k in 0..<n {
                let a = targets[k % targets.count], b = pick(targets)
                var when = ["capability: [\(a), \(b)]"]
                switch k % 4 {
                case 0: when.append("reversible: \(pick(["true", "false"]))")
                case 1: when.append("tags: {none: [safe\(k % 3)]}")
                case 2: when.append("confidence: {below: 0.\(rng.below(8) + 1)}")
                default: break
                }
                rule("pattern-\(k)", when, k % 3 == 0 ? ["review: true"] : mixedEffect(k))
            }
            rule("irreversible", ["reversible: false"], ["tier: lead"])
        }

        mutating func currencies(_ n: Int) {
            let t = rng.below(5) + 1
            capabilities([
                "  pay:", "    stage: autonomous", "    reversible: false",
                "    spend:", "      - at_least: \(t * 100).01", "        tier: team",
                "      - over: \(t * 1000)", "        tier: lead", "      - at_least: 25000.005", "        tier: executive",
                "      - over: 100000", "        stage: disabled",
                "    confidence:", "      - at_most: 0.95", "        tier: team", "      - below: 0.333", "        tier: lead",
                "    blast_radius:", "      - over: 0", "        review: true", "      - at_least: 7", "        tier: team",
                "      - over: 999", "        tier: director",
                "  transfer:", "    stage: approval", "    spend:", "      - over: 0.001", "        tier: lead",
                "  quote: autonomous",
            ])
            let specialists = GeneratedPolicy.specialists
            for k in 0..<n {
                rule("amount-\(k)", ["amount: {at_least: \(k + 1)000.5, under: \(k + 2)0000}"], ["specialists: [\(specialists[k % 5])]"])
                rule("blast-\(k)", ["blast_radius: {over: \(k * 10 + 3), at_most: \(k * 100 + 50)}", "capability: [pay, transfer]"],
                     ["tier: \(GeneratedPolicy.tiers[(k % 3) + 1])"])
            }
            rule("confidence-window", ["confidence: {above: 0.25, at_most: 0.7}"], ["review: true"])
            rule("tiny-amount", ["amount: {at_most: 0.0000001}", "reversible: false"], ["tier: lead"])
        }

        mutating func mixed(_ n: Int) {
            currencies(1)
            for k in 0..<n { rule("tag-\(k)", ["tags: [t\(k)]"], k % 2 == 0 ? ["tier: lead"] : mixedEffect(k)) }
            rule("env", ["attributes: {env: [prod, staging]}", "tags: {none: [t0]}"], ["specialists: [security]"])
            rule("deploy-prod", ["capability: pay", "attributes: {region: eu}"], ["tier: director"])
        }
    }
}
