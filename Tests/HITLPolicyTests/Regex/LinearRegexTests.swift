import Testing
@testable import HITLPolicy

/// `test --run` matches case names with `LinearRegex`: an automaton simulation whose cost is
/// bounded by instructions × text length (counted, not timed), that agrees with Swift's own
/// regular expressions on the subset it accepts and refuses the rest with a reason.
@Suite("LinearRegex (test --run)")
struct LinearRegexTests {
    static func regex(_ p: String) throws -> LinearRegex { try LinearRegex(p) }

    @Test("pathological patterns cost at most instructions × (scalars + 1) steps, and answer correctly")
    func pathologicalCasesAreLinear() throws {
        let cases: [(pattern: String, text: String, expected: Bool)] = [
            // Exponential for a backtracking matcher on a 22-character name.
            ("(a+)+$", String(repeating: "a", count: 21) + "!", false),
            ("(a|a)*b", String(repeating: "a", count: 40), false),
            ("(a*)*c", String(repeating: "a", count: 2_000), false),
            ("((a|aa)+)+$", String(repeating: "a", count: 200) + "b", false),
            // Quadratic for a backtracking search on a 20,000-character name.
            ("x.*y", String(repeating: "x", count: 20_000), false),
            ("x.*y", String(repeating: "x", count: 20_000) + "y", true),
            ("(x+x+)+y", String(repeating: "x", count: 2_000), false),
            ("a{1000}b", String(repeating: "a", count: 1_500), false),
        ]
        for c in cases {
            let r = try Self.regex(c.pattern)
            var steps = 0
            #expect(r.search(c.text, steps: &steps) == c.expected, "\(c.pattern)")
            let bound = r.instructionCount * (c.text.unicodeScalars.count + 1)
            #expect(steps <= bound, "\(c.pattern): \(steps) steps, bound \(bound)")
        }
    }

    @Test("the step count grows linearly with the text: twice the name, at most twice the steps (plus one pass)")
    func stepsGrowLinearly() throws {
        let r = try Self.regex("(a+)+$")
        var short = 0, long = 0
        _ = r.search(String(repeating: "a", count: 1_000) + "!", steps: &short)
        _ = r.search(String(repeating: "a", count: 2_000) + "!", steps: &long)
        #expect(long <= 2 * short + r.instructionCount)
    }

    @Test("examples", arguments: [
        ("band 1 is exclusive \\[amount=5000\\]", "band 1 is exclusive [amount=5000]", true),
        ("^refund", "refund over 100", true),
        ("^refund", "a refund", false),
        ("100$", "refund over 100", true),
        ("100$", "100 refunds", false),
        ("^$", "", true),
        ("", "anything", true),
        ("a|b", "xbx", true),
        ("(?:ab)+c", "xababc", true),
        ("(?<k>ab){2}", "abab", true),
        ("(?<k>ab){2}", "ab", false),
        ("a{2,3}", "a", false),
        ("a{2,}", "aaaaa", true),
        ("[^a-c]", "abc", false),
        ("[^a-c]", "abcd", true),
        ("[-a]", "-", true),
        ("[a-]", "-", true),
        ("[]a]", "]", true),
        ("\\d+\\s\\w", "12 x", true),
        ("\\D", "123", false),
        ("[\\d.]+", "1.5", true),
        ("a.c", "a\nc", false),
        ("a.c", "a\u{E9}c", true),
        ("caf\u{E9}", "caf\u{E9}", true),
        ("x*?y", "xxy", true),
        ("\\{\\}\\(\\)\\|\\*", "{}()|*", true),
    ] as [(String, String, Bool)])
    func examples(pattern: String, text: String, expected: Bool) throws {
        #expect(try Self.regex(pattern).matches(in: text) == expected, "\(pattern) on \(text)")
    }

    @Test("what needs backtracking, or is outside the subset, is refused with a reason", arguments: [
        ("(a)\\1", "back-references"),
        ("\\k<x>", "back-references"),
        ("(?=a)", "look-ahead"),
        ("(?!a)", "look-ahead"),
        ("(?<=a)b", "look-behind"),
        ("(?<!a)b", "look-behind"),
        ("a*+", "possessive"),
        ("a++", "possessive"),
        ("(?i)a", "inline options"),
        ("(?>a)", "atomic groups"),
        ("\\bword", "word boundaries"),
        ("a**", "cannot follow a quantifier"),
        ("a{2}{3}", "cannot follow a quantifier"),
        ("*a", "nothing to repeat"),
        ("(", "never closed"),
        (")", "unmatched ')'"),
        ("[a", "never closed"),
        ("[[:alpha:]]", "inside a class"),
        ("[a&&b]", "set operations"),
        ("[z-a]", "lower character"),
        ("a{1001}", "over 1000"),
        ("a{3,2}", "larger count"),
        ("^*", "anchor"),
        ("(a{1000}){1000}", "more than 20000 steps"),
        ("\\", "at the end"),
        ("{", "starts no repetition"),
        ("\\e", "not supported"),
    ] as [(String, String)])
    func refused(pattern: String, reason: String) {
        do {
            _ = try LinearRegex(pattern)
            Issue.record("\(pattern) was accepted")
        } catch {
            #expect(error.message.contains(reason), "\(pattern): \(error.message)")
        }
    }

    @Test("deeply nested groups and overlong patterns are refused, not a stack overflow")
    func limits() {
        #expect(throws: LinearRegex.SyntaxError.self) { try LinearRegex(String(repeating: "(", count: 3_000) + String(repeating: ")", count: 3_000)) }
        #expect(throws: LinearRegex.SyntaxError.self) { try LinearRegex(String(repeating: "a", count: LinearRegex.maxPatternScalars + 1)) }
        #expect((try? LinearRegex(String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100))) != nil)
    }

    /// A random pattern over a small alphabet, in the supported subset, without the corners
    /// where Swift's syntax differs (`$` before a final line feed, Unicode `\d`).
    static func pattern(_ g: inout SplitMix, depth: Int = 0) -> String {
        func atom(_ g: inout SplitMix) -> String {
            switch g.below(depth < 3 ? 9 : 7) {
            case 0, 1, 2: return ["a", "b", "c", "1", "-"][g.below(5)]
            case 3: return "."
            case 4: return ["[ab]", "[^a]", "[a-c]", "[b1-]", "\\d", "\\w", "[^\\d]"][g.below(7)]
            case 5: return ["\\-", "\\.", "\\["][g.below(3)]
            case 6: return ["a", "b"][g.below(2)]
            default: return "(" + (g.below(2) == 0 ? "?:" : "") + pattern(&g, depth: depth + 1) + ")"
            }
        }
        var branches: [String] = []
        for _ in 0...(g.below(4) == 0 ? 1 : 0) {
            var s = ""
            for _ in 0..<(1 + g.below(3)) {
                s += atom(&g)
                switch g.below(10) {
                case 0: s += "*"
                case 1: s += "+"
                case 2: s += "?"
                case 3: s += ["{2}", "{0,2}", "{1,}", "{2,3}"][g.below(4)]
                case 4: s += "*?"
                default: break
                }
            }
            branches.append(s)
        }
        var p = branches.joined(separator: "|")
        if depth == 0 {
            if g.below(4) == 0 { p = "^" + p }
            if g.below(4) == 0 { p = "(?:" + p + ")$" }
        }
        return p
    }

    @Test("agrees with Swift's Regex (on Unicode scalars) on generated patterns and names")
    func differentialAgainstSwiftRegex() throws {
        var g = SplitMix(state: 0x5EED_2026)
        let alphabet: [Character] = ["a", "b", "c", "1", "-", ".", "[", "x"]
        var compared = 0
        for _ in 0..<400 {
            let p = Self.pattern(&g)
            let mine = try LinearRegex(p)
            let swift = try Regex(p).matchingSemantics(.unicodeScalar)
            for _ in 0..<12 {
                let text = String((0..<g.below(9)).map { _ in alphabet[g.below(alphabet.count)] })
                #expect(mine.matches(in: text) == text.contains(swift), "pattern \(p) on \(text)")
                compared += 1
            }
        }
        #expect(compared == 4_800)
    }
}
