/// A parsed `LinearRegex` pattern.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One scalar from the set.
    case scalars(ScalarSet)
    /// `^`
    case start
    /// `$`
    case end
    /// Each in turn.
    case concat([RegexNode])
    /// Any one of them.
    case alternation([RegexNode])
    /// `min` to `max` (nil: unbounded) repetitions.
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Recursive descent over the pattern's scalars (groups nest at most
/// `LinearRegex.maxGroupDepth` deep, so the recursion is bounded).
struct LinearRegexParser {
    typealias SyntaxError = LinearRegex.SyntaxError
    let s: [Unicode.Scalar]
    var i = 0
    var depth = 0

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    func fail(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(message: message, offset: offset ?? i)
    }

    mutating func parse() throws(SyntaxError) -> RegexNode {
        let node = try alternation()
        if i < s.count { throw fail("unmatched ')'") }
        return node
    }

    mutating func alternation() throws(SyntaxError) -> RegexNode {
        var branches = [try concatenation()]
        while peek == "|" {
            i += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func concatenation() throws(SyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            let node = try quantified(try atom())
            items.append(node)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// A quantifier after an atom, if any; a second one is refused (`a**`), except the lazy
    /// `?`, which a yes/no match does not need to tell apart.
    mutating func quantified(_ atom: RegexNode) throws(SyntaxError) -> RegexNode {
        guard let c = peek else { return atom }
        let start = i
        var min = 0, max: Int? = nil
        switch c {
        case "*": i += 1
        case "+": i += 1; min = 1
        case "?": i += 1; max = 1
        case "{":
            guard let (m, n) = try counts() else { return atom }
            (min, max) = (m, n)
        default: return atom
        }
        if case .start = atom { throw fail("an anchor cannot be repeated", at: start) }
        if case .end = atom { throw fail("an anchor cannot be repeated", at: start) }
        if peek == "?" { i += 1 } else if peek == "+" {
            throw fail("possessive quantifiers ('\(c)+') are not supported")
        }
        if let q = peek, q == "*" || q == "+" || q == "?" || (q == "{" && lookingAtCounts()) {
            throw fail("a quantifier cannot follow a quantifier; group the repeated part, as in (a+)*")
        }
        return .repetition(atom, min: min, max: max)
    }

    /// Whether `{` at `i` starts `{m}`, `{m,}` or `{m,n}`.
    func lookingAtCounts() -> Bool {
        var copy = self
        return (try? copy.counts()) != nil
    }

    /// `{m}`, `{m,}` or `{m,n}` at `i` (consumed); nil, with nothing consumed, when the `{`
    /// starts none of them (it is then refused as an atom).
    mutating func counts() throws(SyntaxError) -> (Int, Int?)? {
        let start = i
        var j = i + 1
        func number() -> Int? {
            var v = 0, digits = 0
            while j < s.count, ("0"..."9").contains(s[j]) {
                v = Swift.min(v * 10 + Int(s[j].value - 0x30), LinearRegex.maxRepeat + 1)
                digits += 1
                j += 1
            }
            return digits > 0 ? v : nil
        }
        guard let m = number() else { return nil }
        var n: Int? = m
        if j < s.count, s[j] == "," {
            j += 1
            n = number()
        }
        guard j < s.count, s[j] == "}" else { return nil }
        i = j + 1
        if m > LinearRegex.maxRepeat || (n ?? 0) > LinearRegex.maxRepeat {
            throw fail("a repetition count is over \(LinearRegex.maxRepeat)", at: start)
        }
        if let n, n < m { throw fail("{\(m),\(n)}: the larger count comes second", at: start) }
        return (m, n)
    }

    mutating func atom() throws(SyntaxError) -> RegexNode {
        let c = s[i]
        switch c {
        case "(": return try group()
        case "[": return .scalars(try characterClass())
        case ".": i += 1; return .scalars(.dot)
        case "^": i += 1; return .start
        case "$": i += 1; return .end
        case "\\": return try escape(inClass: false)
        case "*", "+", "?": throw fail("'\(c)' has nothing to repeat; write '\\\(c)' for the character")
        case "{": throw fail("'{' starts no repetition such as {2,5}; write '\\{' for the character")
        case "}": throw fail("'}' closes no repetition; write '\\}' for the character")
        case "]": throw fail("']' closes no class; write '\\]' for the character")
        default: i += 1; return .scalars(.single(c))
        }
    }

    mutating func group() throws(SyntaxError) -> RegexNode {
        let open = i
        i += 1
        if peek == "?" {
            let rest = String(String.UnicodeScalarView(s[(i + 1)...].prefix(3)))
            if rest.hasPrefix(":") {
                i += 2
            } else if rest.hasPrefix("=") || rest.hasPrefix("!") {
                throw fail("look-ahead ('(?\(rest.prefix(1))') is not supported: it needs a backtracking matcher", at: open)
            } else if rest.hasPrefix("<=") || rest.hasPrefix("<!") {
                throw fail("look-behind ('(?\(rest.prefix(2))') is not supported: it needs a backtracking matcher", at: open)
            } else if rest.hasPrefix("<") || rest.hasPrefix("P<") {
                // A named group: matched as a plain group (names are not used).
                i += rest.hasPrefix("<") ? 2 : 3
                let nameStart = i
                while let c = peek, c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) { i += 1 }
                guard i > nameStart, peek == ">" else { throw fail("a group name is letters, digits and '_', then '>'") }
                i += 1
            } else {
                throw fail("'(?' starts only '(?:' and '(?<name>' here; inline options, atomic groups and conditionals are not supported", at: open)
            }
        }
        depth += 1
        if depth > LinearRegex.maxGroupDepth { throw fail("groups nest more than \(LinearRegex.maxGroupDepth) deep", at: open) }
        let inner = try alternation()
        depth -= 1
        guard peek == ")" else { throw fail("'(' is never closed", at: open) }
        i += 1
        return inner
    }

    /// `\x` at `i`: a class escape, an escaped punctuation character or a control escape.
    mutating func escape(inClass: Bool) throws(SyntaxError) -> RegexNode {
        let at = i
        i += 1
        guard let c = peek else { throw fail("'\\' at the end of the pattern", at: at) }
        i += 1
        switch c {
        case "d": return .scalars(.digit)
        case "D": return .scalars(ScalarSet.digit.inverted)
        case "w": return .scalars(.word)
        case "W": return .scalars(ScalarSet.word.inverted)
        case "s": return .scalars(.space)
        case "S": return .scalars(ScalarSet.space.inverted)
        case "t": return .scalars(.single("\t"))
        case "n": return .scalars(.single("\n"))
        case "r": return .scalars(.single("\r"))
        case "f": return .scalars(.single("\u{0C}"))
        case "v": return .scalars(.single("\u{0B}"))
        case "1"..."9", "k", "g":
            throw fail("back-references ('\\\(c)') are not supported: they need a backtracking matcher", at: at)
        case "b", "B":
            throw fail("word boundaries ('\\\(c)') are not supported", at: at)
        default:
            // Escaped punctuation (and any non-ASCII scalar) is itself; other letters and
            // digits are escapes this subset does not have.
            if c.isASCII, ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) {
                throw fail("'\\\(c)' is not supported (the supported escapes are \\d \\w \\s \\D \\W \\S \\t \\n \\r \\f \\v and escaped punctuation)", at: at)
            }
            return .scalars(.single(c))
        }
    }

    /// `[...]` at `i`: scalars, ranges `a-z` and class escapes, `^` first to invert.
    mutating func characterClass() throws(SyntaxError) -> ScalarSet {
        let open = i
        i += 1
        var negated = false
        if peek == "^" { negated = true; i += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let c = peek else { throw fail("'[' is never closed", at: open) }
            if c == "]", !first { i += 1; break }
            first = false
            if c == "[" { throw fail("'[' inside a class (nested classes, POSIX classes) is not supported; write '\\['") }
            if c == "&" || c == "~" || c == "-", i + 1 < s.count, s[i + 1] == c, !(c == "-" && i + 2 < s.count && s[i + 2] == "]") {
                throw fail("set operations ('\(c)\(c)') are not supported in classes")
            }
            let lowStart = i
            let low = try classAtom()
            if peek == "-", i + 1 < s.count, s[i + 1] != "]" {
                i += 1
                let high = try classAtom()
                guard case .single(let a) = low, case .single(let b) = high else {
                    throw fail("a range in a class must go from one character to another", at: lowStart)
                }
                guard a.value <= b.value else { throw fail("a range in a class goes from the lower character to the higher", at: lowStart) }
                ranges.append(a.value...b.value)
            } else {
                switch low {
                case .single(let a): ranges.append(a.value...a.value)
                case .set(let set): ranges += set.ranges
                }
            }
        }
        let set = ScalarSet(ranges)
        return negated ? set.inverted : set
    }

    enum ClassAtom { case single(Unicode.Scalar), set(ScalarSet) }

    mutating func classAtom() throws(SyntaxError) -> ClassAtom {
        let c = s[i]
        guard c == "\\" else { i += 1; return .single(c) }
        let at = i
        guard case .scalars(let set) = try escape(inClass: true) else { throw fail("unexpected escape in a class", at: at) }
        if set.ranges.count == 1, set.ranges[0].lowerBound == set.ranges[0].upperBound,
           let u = Unicode.Scalar(set.ranges[0].lowerBound) {
            return .single(u)
        }
        return .set(set)
    }
}

/// Compiles a `RegexNode` to `LinearRegex` instructions (Thompson's construction).
struct LinearRegexCompiler {
    var program: [LinearRegex.Instruction] = []

    var tooLarge: LinearRegex.SyntaxError {
        .init(message: "the pattern compiles to more than \(LinearRegex.maxInstructions) steps; use smaller repetition counts", offset: 0)
    }

    mutating func emit(_ node: RegexNode) throws(LinearRegex.SyntaxError) {
        // Checked as the program grows, so `(a{1000}){1000}` stops early, not after a
        // million instructions.
        if program.count > LinearRegex.maxInstructions { throw tooLarge }
        switch node {
        case .empty: break
        case .scalars(let set): program.append(.scalar(set))
        case .start: program.append(.atStart)
        case .end: program.append(.atEnd)
        case .concat(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split ... ; last branch
            var jumps: [Int] = []
            for (k, b) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    try emit(b)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(b)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // Each optional copy: split into it or past all of them.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(0, 0))
                    try emit(inner)
                    if program.count > LinearRegex.maxInstructions { throw tooLarge }
                }
                for sp in splits { program[sp] = .split(sp + 1, program.count) }
            } else {
                // L: split body, out; body; jump L
                let loop = program.count
                program.append(.split(0, 0))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
